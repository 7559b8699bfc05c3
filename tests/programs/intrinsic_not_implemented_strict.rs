// fastclif-test: expect-compile-error = "fastclif: intrinsic llvm.x86.some.nonexistent is not implemented"
// The strict twin of intrinsic_not_implemented: the test harness compiles with
// `-Cllvm-args=fastclif-strict-intrinsics`, which makes an LLVM intrinsic fastclif cannot compile
// an error at its call site.
#![feature(link_llvm_intrinsics, abi_unadjusted)]
#![allow(internal_features)]

unsafe extern "unadjusted" {
    #[link_name = "llvm.x86.some.nonexistent"]
    fn nonexistent(x: u32) -> u32;
}

fn main() {
    if std::env::args().count() > 1 {
        println!("{}", unsafe { nonexistent(7) });
    }
}
