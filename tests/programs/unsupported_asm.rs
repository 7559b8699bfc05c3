// fastclif-test: expect-compile-error = "inline assembly that may unwind"
// A construct fastclif does not support yet (here: `asm!` that may unwind) must fail with a
// normal compiler error that points at the asm! span, not with a crash.
#![feature(asm_unwind)]
fn main() {
    println!("before");
    unsafe {
        core::arch::asm!("nop", options(may_unwind));
    }
    println!("after");
}
