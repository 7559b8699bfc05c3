// Integer and float casts with `as`: truncation, sign extension, zero extension,
// float->int saturation, int->float rounding, bool/char casts, pointer-size casts.
#[inline(never)]
fn bb<T>(x: T) -> T {
    std::hint::black_box(x)
}

fn main() {
    let a: i64 = bb(-1);
    println!("i64 -1 -> u8 {} u16 {} u32 {} u64 {} i8 {}", a as u8, a as u16, a as u32, a as u64, a as i8);
    let b: u8 = bb(200);
    println!("u8 200 -> i8 {} i32 {} u64 {} i64 {}", b as i8, b as i32, b as u64, b as i8 as i64);
    let c: i8 = bb(-100);
    println!("i8 -100 -> u8 {} u32 {} i32 {} u64 {}", c as u8, c as u32, c as i32, c as u64);
    let d: u32 = bb(0xFFFF_FFFF);
    println!("u32 max -> i32 {} i64 {} u16 {} usize {}", d as i32, d as i64, d as u16, d as usize);
    let e: u64 = bb(0x1_0000_0001);
    println!("u64 -> u32 {} i16 {} i128 {}", e as u32, e as i16, e as i128);
    let f: f64 = bb(-3.99);
    println!("f64 -3.99 -> i32 {} u8 {} i64 {}", f as i32, f as u8, f as i64);
    let g: f64 = bb(1e20);
    println!("f64 1e20 -> i32 {} u32 {} i64 {} u64 {}", g as i32, g as u32, g as i64, g as u64);
    let h: f32 = bb(f32::NAN);
    println!("nan -> i32 {} u8 {}", h as i32, h as u8);
    let i: i64 = bb(9_007_199_254_740_993);
    println!("i64 -> f64 {} f32 {}", i as f64, i as f32);
    let j: u64 = bb(u64::MAX);
    println!("u64 max -> f64 {} f32 {}", j as f64, j as f32);
    let k: f32 = bb(16777217.0);
    println!("f32 {} -> f64 {} ; f64 -> f32 {}", k, k as f64, bb(0.1f64) as f32);
    println!("bool {} {} char {} {} u8->char {}", true as u8, false as i32, 'A' as u8, '€' as u32 as u8, bb(97u8) as char);
    let s: isize = bb(-5);
    println!("isize -5 -> usize {} ; usize -> i16 {}", s as usize, bb(70000usize) as i16);
    let x: i16 = bb(-2);
    println!("i16 -2 -> u128 {} i128 {}", x as u128, x as i128);
}
