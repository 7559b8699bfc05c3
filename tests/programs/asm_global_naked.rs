// global_asm! (Intel and AT&T syntax, const and sym operands) and #[unsafe(naked)] functions,
// public and private, called from Rust.
use std::arch::{global_asm, naked_asm};
use std::hint::black_box;

global_asm!(
    ".globl fastclif_test_add3",
    ".type fastclif_test_add3,@function",
    "fastclif_test_add3:",
    "lea rax, [rdi + rsi]",
    "add rax, rdx",
    "ret",
);

global_asm!(
    ".globl fastclif_test_const",
    "fastclif_test_const:",
    "movl ${value}, %eax",
    "ret",
    value = const 4242,
    options(att_syntax),
);

extern "C" fn doubled(x: u64) -> u64 {
    x * 2
}

global_asm!(
    ".globl fastclif_test_via_sym",
    "fastclif_test_via_sym:",
    "push rbx",
    "call {f}",
    "pop rbx",
    "ret",
    f = sym doubled,
);

unsafe extern "C" {
    fn fastclif_test_add3(a: u64, b: u64, c: u64) -> u64;
    fn fastclif_test_const() -> u32;
    fn fastclif_test_via_sym(x: u64) -> u64;
}

#[unsafe(naked)]
pub extern "C" fn naked_square(x: u64) -> u64 {
    naked_asm!("mov rax, rdi", "imul rax, rdi", "ret")
}

#[unsafe(naked)]
extern "C" fn private_naked_neg(x: i64) -> i64 {
    naked_asm!("mov rax, rdi", "neg rax", "ret")
}

fn main() {
    unsafe {
        println!("add3 {}", fastclif_test_add3(black_box(1), black_box(20), black_box(300)));
        println!("const {}", fastclif_test_const());
        println!("via_sym {}", fastclif_test_via_sym(black_box(21)));
    }
    println!("square {}", naked_square(black_box(12)));
    println!("neg {}", private_naked_neg(black_box(77)));
    let f: extern "C" fn(i64) -> i64 = private_naked_neg;
    println!("neg via pointer {}", black_box(f)(5));
}
