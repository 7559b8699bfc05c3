// fastclif-test: fastclif-only = "LLVM rejects the unknown intrinsic when compiling"
// fastclif-test: strict-intrinsics = false
// fastclif-test: expect-warning = "fastclif cannot compile the LLVM intrinsic `llvm.x86.some.nonexistent`"
// An LLVM intrinsic fastclif cannot compile (here one LLVM does not know) costs one warning at
// compile time; the program runs, and only a call of it aborts, naming it on stderr. With
// `-Cllvm-args=fastclif-strict-intrinsics` it is a compile error (intrinsic_not_implemented_strict).
#![feature(link_llvm_intrinsics, abi_unadjusted)]
#![allow(internal_features)]

use std::os::unix::process::ExitStatusExt;
use std::process::Command;

unsafe extern "unadjusted" {
    #[link_name = "llvm.x86.some.nonexistent"]
    fn nonexistent(x: u32) -> u32;
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("call") {
        println!("calling");
        let r = unsafe { nonexistent(7) };
        println!("returned {r}");
        return;
    }
    println!("the program runs");
    let out = Command::new(std::env::current_exe().unwrap()).arg("call").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("child: signal {:?}, stdout {stdout:?}, stderr {stderr:?}", out.status.signal());
    let aborted = out.status.signal() == Some(6);
    let named = stderr == "fastclif: intrinsic llvm.x86.some.nonexistent is not implemented\n";
    if !(aborted && named && stdout == "calling\n") {
        println!("FAIL: the call should abort with the message");
        std::process::exit(1);
    }
}
