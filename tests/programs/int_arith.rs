// Integer arithmetic: checked (non-overflowing) ops, wrapping/saturating/overflowing ops,
// division and remainder with negative operands, shifts and bit operations, all widths.
#[inline(never)]
fn black_box<T>(x: T) -> T {
    std::hint::black_box(x)
}

fn main() {
    let a: i32 = black_box(1_000_000);
    let b: i32 = black_box(-37);
    println!("add {} sub {} mul {} div {} rem {}", a + b, a - b, a * b / 1000, a / b, a % b);
    println!("neg div {} neg rem {}", -7 / black_box(2), -7 % black_box(2));
    let x: u8 = black_box(250);
    println!("u8 wrapping_add {} checked_add {:?} {:?}", x.wrapping_add(10), x.checked_add(10), x.checked_add(5));
    println!("u8 saturating {} {}", x.saturating_add(10), black_box(3u8).saturating_sub(10));
    println!("i8 overflowing {:?} {:?}", black_box(127i8).overflowing_add(1), black_box(-128i8).overflowing_sub(1));
    println!("i16 {} {}", black_box(i16::MAX).wrapping_mul(3), black_box(-300i16) * 100);
    let big: u64 = black_box(0xDEAD_BEEF_CAFE_BABE);
    println!("u64 {} {} {} {}", big >> 7, big << 3, big.rotate_left(13), big.count_ones());
    println!("u64 div {} rem {}", big / black_box(1_000_003), big % black_box(1_000_003));
    let s: i64 = black_box(-9_000_000_000);
    println!("i64 {} {} {} {}", s * 3, s >> 4, s.abs(), s.wrapping_mul(s));
    println!("u128 {}", (big as u128) * (big as u128));
    println!("i128 {}", (s as i128) * (big as i128) - 1);
    println!("bits {} {} {} {}", a & 0xff0, a | 0xf, a ^ b, !b);
    println!("lz {} tz {} pow {}", big.leading_zeros(), 40u32.trailing_zeros(), black_box(3u64).pow(20));
    let m: usize = black_box(usize::MAX);
    println!("usize {} {}", m.wrapping_add(2), m / 3);
    println!("min/max {} {} {} {}", i32::MIN, i32::MAX, u16::MAX, i8::MIN);
    let mut acc: u32 = 1;
    for i in 1..=12u32 {
        acc = acc.checked_mul(i).expect("no overflow for 12!");
    }
    println!("12! = {acc}");
}
