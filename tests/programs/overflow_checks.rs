// Overflow checks in debug builds: checked_shl/shr beyond width, checked_div/rem by zero and
// MIN/-1, wrapping vs overflowing, wrapping/overflowing/saturating variants, and finally
// an unsigned subtraction underflow as the last statement (exit code 101).
use std::hint::black_box;

fn wrapping_vs_overflowing() {
    let a: i32 = black_box(i32::MAX);
    let b: u16 = black_box(300);
    let c: i64 = black_box(i64::MIN);
    println!("wrap add {} ovf {:?}", a.wrapping_add(1), a.overflowing_add(1));
    println!("wrap mul {} ovf {:?}", b.wrapping_mul(300), b.overflowing_mul(300));
    println!("wrap neg {} ovf {:?}", c.wrapping_neg(), c.overflowing_neg());
    println!("wrap shl {} ovf {:?}", 1i32.wrapping_shl(black_box(40)), 1i32.overflowing_shl(black_box(40)));
    println!("sat {} {} {}", a.saturating_add(5), b.saturating_mul(300), c.saturating_neg());
    let ok: u8 = black_box(254) + 1;
    println!("edge no overflow {} {} {}", ok, black_box(i8::MIN) + 0, black_box(-128i16) as i8);
}

fn main() {
    for sh in [0u32, 7, 8, 31, 32, 33, 63, 64, 100] {
        println!("shl {}: u8 {:?} u32 {:?} i64 {:?} shr u16 {:?} wrapping u32 {}", sh, 1u8.checked_shl(sh), 1u32.checked_shl(sh), (-1i64).checked_shl(sh), 0x8000u16.checked_shr(sh), 1u32.wrapping_shl(sh));
    }
    for (a, b) in [(10i32, 3), (7, 0), (i32::MIN, -1), (-9, 2)] {
        println!("div {} {}: div {:?} rem {:?} wdiv {} wrem {} odiv {:?} euclid {:?}", a, b, a.checked_div(b), a.checked_rem(b),
            if b != 0 { a.wrapping_div(b) } else { 0 }, if b != 0 { a.wrapping_rem(b) } else { 0 }, if b != 0 { Some(a.overflowing_div(b)) } else { None }, a.checked_div_euclid(b));
    }
    println!("u8 chain {:?}", (0..10u8).try_fold(1u8, |acc, x| acc.checked_mul(x + 1)));
    println!("neg {:?} {:?} abs {:?}", i8::MIN.checked_neg(), 5u8.checked_neg(), i64::MIN.checked_abs());
    wrapping_vs_overflowing();
    let mut acc = 0u32;
    for i in 0..5u32 { acc += black_box(i) * 3; }
    println!("acc {}", acc);
    let small: u32 = black_box(3);
    println!("about to underflow");
    let r = small - acc;
    println!("not reached {}", r);
}
