// Inline assembly with real instructions: class and explicit registers, in/out/inout/lateout,
// byte and xmm registers, const and sym operands, AT&T syntax, local labels, a raw syscall with
// clobbers (the shape rustix uses), and clobber_abi around a call.
use std::arch::asm;
use std::hint::black_box;

extern "C" fn triple(x: u64) -> u64 {
    x * 3
}

#[inline(never)]
fn add(a: u64, b: u64) -> u64 {
    let mut a = a;
    unsafe { asm!("add {0}, {1}", inout(reg) a, in(reg) b) };
    a
}

#[inline(never)]
fn mul_hi_lo(a: u64, b: u64) -> (u64, u64) {
    let (hi, lo): (u64, u64);
    unsafe {
        asm!("mul {0}", in(reg) b, inlateout("rax") a => lo, lateout("rdx") hi, options(pure, nomem, nostack));
    }
    (hi, lo)
}

#[inline(never)]
fn count_down(n: u64) -> u64 {
    let mut steps = 0u64;
    let mut n = n;
    unsafe {
        asm!(
            "2:",
            "test {n}, {n}",
            "jz 3f",
            "dec {n}",
            "inc {steps}",
            "jmp 2b",
            "3:",
            n = inout(reg) n,
            steps = inout(reg) steps,
        );
    }
    assert_eq!(n, 0);
    steps
}

#[inline(never)]
fn att_sub(a: u32, b: u32) -> u32 {
    let mut a = a;
    unsafe { asm!("subl {1:e}, {0:e}", inout(reg) a, in(reg) b, options(att_syntax)) };
    a
}

#[inline(never)]
fn byte_inc(x: u8) -> u8 {
    let mut x = x;
    unsafe { asm!("inc {0}", inout(reg_byte) x) };
    x
}

#[inline(never)]
fn constant() -> i64 {
    let x: i64;
    unsafe { asm!("mov {0}, {1}", out(reg) x, const -12345) };
    x
}

#[inline(never)]
fn xmm_add(a: f64, b: f64) -> f64 {
    let mut a = a;
    unsafe { asm!("addsd {0}, {1}", inout(xmm_reg) a, in(xmm_reg) b) };
    a
}

#[inline(never)]
fn call_sym(x: u64) -> u64 {
    let r: u64;
    unsafe {
        asm!("call {f}", f = sym triple, in("rdi") x, lateout("rax") r, clobber_abi("C"));
    }
    r
}

#[inline(never)]
fn raw_write(fd: usize, msg: &[u8]) -> isize {
    let ret: isize;
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") 1isize => ret,
            in("rdi") fd,
            in("rsi") msg.as_ptr(),
            in("rdx") msg.len(),
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack, preserves_flags, readonly),
        );
    }
    ret
}

fn main() {
    println!("add {}", add(black_box(40), black_box(2)));
    println!("mul {:?}", mul_hi_lo(black_box(u64::MAX), black_box(3)));
    println!("count_down {}", count_down(black_box(17)));
    println!("att_sub {}", att_sub(black_box(50), black_box(8)));
    println!("byte_inc {}", byte_inc(black_box(255)));
    println!("const {}", constant());
    println!("xmm_add {}", xmm_add(black_box(1.25), black_box(2.5)));
    println!("call_sym {}", call_sym(black_box(14)));
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    let n = raw_write(1, b"syscall says hi\n");
    println!("wrote {n}");
    let mut x = 5u64;
    unsafe { asm!("/* {0} */", inout(reg) x) };
    println!("barrier {x}");
}
