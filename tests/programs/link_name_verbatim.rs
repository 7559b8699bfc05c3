// `#[link_name]` starting with `\x01`: the rest is the symbol, verbatim (LLVM's convention,
// which pulp's generated `global_asm!` load/store routines rely on). Functions and a static
// defined in `global_asm!`, reached through such names, directly and through a table of
// function pointers.
use std::arch::global_asm;

global_asm!(
    ".global verbatim_answer",
    "verbatim_answer:",
    "    mov eax, 42",
    "    ret",
    ".global verbatim_double",
    "verbatim_double:",
    "    lea rax, [rdi + rdi]",
    "    ret",
    ".data",
    ".global verbatim_value",
    ".p2align 3",
    "verbatim_value:",
    "    .quad 7",
    ".text",
);

unsafe extern "C" {
    #[link_name = "\x01verbatim_answer"]
    fn answer() -> u32;
    #[link_name = "\x01verbatim_double"]
    fn double(x: u64) -> u64;
    #[link_name = "\x01verbatim_value"]
    static VALUE: u64;
}

static TABLE: [unsafe extern "C" fn() -> u32; 2] = [answer, answer];

fn main() {
    unsafe {
        println!("answer {}", answer());
        println!("double {}", double(21));
        println!("value {}", VALUE);
        println!("table {}", TABLE.iter().map(|f| f()).sum::<u32>());
    }
}
