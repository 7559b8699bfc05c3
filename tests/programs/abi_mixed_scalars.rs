// Calling-convention corner cases for Rust and extern "C" fns: i128/u128 args and returns
// (register pairs and stack), bool/char/u8/i16 sign/zero extension, many f32 args past the
// XMM registers, struct returns through fn pointers, and Option<i128>/Option<u128> returns.
#![allow(improper_ctypes_definitions)]
use std::hint::black_box;

#[inline(never)]
fn wide(a: i128, b: u128, c: u8, d: i128) -> (i128, u128) { (a.wrapping_mul(c as i128).wrapping_add(d), b.rotate_left(c as u32) ^ (d as u128)) }

#[inline(never)]
extern "C" fn wide_c(a: u8, b: i128, c: u64, d: u128, e: i128) -> i128 { b.wrapping_add(e).wrapping_sub(a as i128) ^ (c as i128) ^ (d as i128) }

#[inline(never)]
fn exts(a: bool, b: i8, c: u8, d: i16, e: u16, f: char, g: i32) -> i64 { (a as i64) * 1000 + b as i64 + c as i64 + d as i64 + e as i64 + f as i64 + g as i64 }

#[inline(never)]
extern "C" fn exts_c(a: bool, b: i8, c: u8, d: i16, e: u16, g: i32) -> i64 { (a as i64) * 1000 + b as i64 + c as i64 + d as i64 + e as i64 + g as i64 }

#[inline(never)]
fn narrow_ret(x: i32) -> (i8, u16, bool) { (x as i8, x as u16, x < 0) }

#[inline(never)]
fn many_f32(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32, g: f32, h: f32, i: f32, j: f32, k: f32) -> f32 { a + 2.0 * b + 3.0 * c + 4.0 * d + 5.0 * e + 6.0 * f + 7.0 * g + 8.0 * h + 9.0 * i + 10.0 * j + 11.0 * k }

#[inline(never)]
extern "C" fn many_f64_c(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64) -> f64 { a - b + c - d + e - f + g - h + i - j * 0.5 }

#[inline(never)]
fn opt_wide(x: i128) -> Option<i128> { if x > 0 { Some(x * 2) } else { None } }
#[inline(never)]
fn opt_u128(x: u128) -> Option<u128> { x.checked_mul(3) }

#[inline(never)]
fn mixed_ints_floats(a: u64, x: f64, b: i128, y: f32, c: u16) -> f64 { a as f64 + x + b as f64 + y as f64 + c as f64 }

fn main() {
    println!("wide {:?}", wide(black_box(-12345678901234567890123i128), black_box(u128::MAX / 7), black_box(9), black_box(i128::MIN / 3)));
    let f: extern "C" fn(u8, i128, u64, u128, i128) -> i128 = wide_c;
    println!("wide_c {}", f(black_box(200), black_box(i128::MAX - 5), black_box(u64::MAX), black_box(1u128 << 100), black_box(-77)));
    println!("exts {} {}", exts(black_box(true), black_box(-128), black_box(255), black_box(-32768), black_box(65535), black_box('😀'), black_box(-1)), exts(false, 127, 0, 32767, 0, 'a', i32::MIN));
    println!("exts_c {}", (exts_c as extern "C" fn(bool, i8, u8, i16, u16, i32) -> i64)(black_box(true), black_box(-1), black_box(200), black_box(-300), black_box(60000), black_box(7)));
    for x in [black_box(-1i32), 300, 65537, i32::MIN] { println!("narrow {} -> {:?}", x, narrow_ret(x)); }
    println!("many_f32 {}", many_f32(1.0, 0.5, 0.25, 2.0, -1.0, 3.5, 0.125, -2.0, 9.0, 1.5, -0.75));
    let mf: extern "C" fn(f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64 = many_f64_c;
    println!("many_f64_c {}", mf(1.5, 2.0, 3.25, 4.0, 5.0, 6.5, 7.0, 8.0, 9.75, 10.0));
    println!("opt_wide {:?} {:?} {:?}", opt_wide(black_box(5)), opt_wide(black_box(-5)), opt_wide(black_box(i128::MAX / 4)));
    println!("opt_u128 {:?} {:?}", opt_u128(black_box(u128::MAX / 2)), opt_u128(black_box(11)));
    println!("mixed {}", mixed_ints_floats(black_box(1 << 50), black_box(0.5), black_box(-(1i128 << 70)), black_box(2.5), black_box(9)));
    let table: [fn(i128) -> Option<i128>; 2] = [opt_wide, |x| x.checked_neg()];
    println!("table {:?}", table.iter().map(|g| g(black_box(i128::MIN + 1))).collect::<Vec<_>>());
}
