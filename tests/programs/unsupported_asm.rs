// fastclif-test: expect-compile-error = "inline assembly"
// Inline assembly is not supported by fastclif: compiling this must fail with a normal
// compiler error that points at the asm! span, not with a crash.
fn main() {
    println!("before");
    unsafe {
        core::arch::asm!("nop");
    }
    println!("after");
}
