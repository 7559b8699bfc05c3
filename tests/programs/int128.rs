// i128/u128: arithmetic, mul/div/rem, shifts, checked/wrapping ops, formatting, parsing,
// float casts, passing through functions and structs.
use std::hint::black_box;

#[inline(never)]
fn mulmod(a: u128, b: u128, m: u128) -> u128 { (a % m) * (b % m) % m }

#[inline(never)]
fn mix(a: i128, b: i128) -> (i128, i128, i128, i128) { (a + b, a - b, a.wrapping_mul(b), if b != 0 { a / b } else { 0 }) }

struct Wide { lo: u8, v: u128, s: i128 }

fn fib128(n: u32) -> u128 { let (mut a, mut b) = (0u128, 1u128); for _ in 0..n { let t = a + b; a = b; b = t; } a }

fn main() {
    let a: u128 = black_box(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210);
    let b: u128 = black_box(0x1_0000_0001);
    println!("a={} b={}", a, b);
    println!("a+b={} a-b={}", a + b, a - b);
    println!("a*b wrap={}", a.wrapping_mul(b));
    println!("a/b={} a%b={}", a / b, a % b);
    println!("hex {:x} {:#034x}", a, b);
    println!("shifts {} {} {} {}", a << 3, a >> 70, a.rotate_left(64), a.rotate_right(17));
    for sh in [0u32, 1, 63, 64, 65, 127] { print!("{} ", black_box(1u128) << sh); }
    println!();
    let neg: i128 = black_box(-170141183460469231731687303715884105728);
    println!("min {} max {}", neg, i128::MAX);
    println!("neg>>5 {} neg/7 {} neg%7 {}", neg >> 5, neg / 7, neg % 7);
    println!("checked {:?} {:?} {:?}", neg.checked_sub(1), neg.checked_neg(), i128::MAX.checked_add(1));
    println!("overflowing {:?} {:?}", u128::MAX.overflowing_add(2), 5u128.overflowing_sub(6));
    println!("saturating {} {}", i128::MAX.saturating_add(10), neg.saturating_sub(1));
    let (s, d, p, q) = mix(black_box(-123456789012345678901234567i128), black_box(98765432109876i128));
    println!("mix {} {} {} {}", s, d, p, q);
    println!("mix2 {:?}", mix(black_box(7), black_box(-2)));
    println!("mulmod {}", mulmod(u128::MAX - 5, u128::MAX - 7, 1_000_000_007_000_000_009));
    println!("fib(150)={}", fib128(150));
    println!("leading/trailing {} {} {}", a.leading_zeros(), (a << 40).trailing_zeros(), a.count_ones());
    let parsed: u128 = "340282366920938463463374607431768211455".parse().unwrap();
    println!("parsed max eq {}", parsed == u128::MAX);
    let pi: i128 = "-99999999999999999999999999999".parse().unwrap();
    println!("parsed i128 {} {}", pi, pi * 3);
    println!("bad parse {:?}", "340282366920938463463374607431768211456".parse::<u128>().is_err());
    println!("from_str_radix {:?}", i128::from_str_radix("-zzzzzzzzzzzzzzzzzzzz", 36));
    let f = black_box(1.5e30f64);
    println!("f64->u128 {} f64->i128 {}", f as u128, (-f) as i128);
    println!("sat {} {} {}", black_box(1e40f64) as u128, black_box(-1.0f64) as u128, black_box(f64::NAN) as i128);
    println!("u128->f64 {} i128->f32 {}", a as f64, neg as f32);
    println!("u128->u8 {} i128->i16 {} u64->i128 {}", a as u8, neg as i16, (u64::MAX as i128) * -1);
    let w = black_box(Wide { lo: 3, v: a ^ b, s: -1 });
    println!("struct {} {} {}", w.lo, w.v, w.s);
    let mut arr = [0u128; 5];
    for i in 0..5 { arr[i] = (i as u128 + 1) << (i * 25); }
    println!("arr sum {} max {:?}", arr.iter().sum::<u128>(), arr.iter().max());
    println!("cmp {} {} {}", a > b, neg < 0, (a as i128) > (b as i128));
    println!("pow {} {:?}", 3u128.pow(80), 3u128.checked_pow(81));
    println!("div_euclid {} rem_euclid {}", (-17i128).div_euclid(5), (-17i128).rem_euclid(5));
    println!("abs_diff {} isqrt {} ilog10 {}", neg.abs_diff(i128::MAX), u128::MAX.isqrt(), u128::MAX.ilog10());
    println!("swap {:x} rev {:x}", a.swap_bytes(), b.reverse_bits());
    println!("width {:>45} {:<5}|", neg, 1i128);
}
