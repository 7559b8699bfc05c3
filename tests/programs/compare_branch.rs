// Comparisons (signed vs unsigned, all widths) and branching: if/else chains, match on ranges.
#[inline(never)]
fn classify(n: i64) -> &'static str {
    if n < -100 {
        "very negative"
    } else if n < 0 {
        "negative"
    } else if n == 0 {
        "zero"
    } else if n <= 100 {
        "small"
    } else {
        "large"
    }
}

#[inline(never)]
fn bucket(b: u8) -> u32 {
    match b {
        0 => 0,
        1..=9 => 1,
        10..=99 => 2,
        100 | 200 => 3,
        _ => 4,
    }
}

fn main() {
    for n in [-1000i64, -5, 0, 7, 100, 101, i64::MAX, i64::MIN] {
        println!("{n} is {}", classify(n));
    }
    for b in [0u8, 5, 50, 100, 150, 200, 255] {
        println!("bucket({b}) = {}", bucket(b));
    }
    let (x, y) = (std::hint::black_box(-1i32), std::hint::black_box(1u32));
    println!("signed -1 < 1: {}", x < y as i32);
    println!("unsigned -1 as u32 > 1: {}", (x as u32) > y);
    let a = std::hint::black_box(200u8);
    let c = std::hint::black_box(-56i8);
    println!("u8 200 > 100: {}, i8 -56 < 100: {}, same bits: {}", a > 100, c < 100, a as i8 == c);
    let f = std::hint::black_box(2.5f64);
    println!("f64 {} {} {} {}", f > 2.0, f < 2.5, f <= 2.5, f != 2.5);
    let nan = std::hint::black_box(f64::NAN);
    println!("nan {} {} {}", nan == nan, nan < 1.0, nan != nan);
    let t = x != 0 && y != 0 || a == 0;
    println!("logic {t} {}", !(x == -1) || false);
    println!("max {} min {}", std::cmp::max(3, 9), std::cmp::min(-3, 9));
    println!("ord {:?} {:?}", 1.cmp(&2), "b".cmp("a"));
}
