//! `--emit` with assembly in the unit (`asm!`, `global_asm!`): fastclif assembles it into a
//! second object, which must neither be left behind nor be missing from `--emit=obj`.

use std::arch::{asm, global_asm};

global_asm!(".globl outputs_seven", ".type outputs_seven,@function", "outputs_seven:", "mov eax, 7", "ret");

unsafe extern "C" {
    fn outputs_seven() -> u32;
}

#[inline(never)]
fn add_in_asm(a: u64, b: u64) -> u64 {
    let sum: u64;
    unsafe { asm!("lea {sum}, [{a} + {b}]", a = in(reg) a, b = in(reg) b, sum = out(reg) sum) };
    sum
}

fn main() {
    println!("{} {}", add_in_asm(2, 3), unsafe { outputs_seven() });
}
