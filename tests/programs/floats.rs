// Floating point: f32/f64 arithmetic, mixed ops, rounding functions, min/max, special
// values, accumulation in loops, comparisons and conversions to string.
#[inline(never)]
fn bb<T>(x: T) -> T {
    std::hint::black_box(x)
}

fn main() {
    let a = bb(1.75f64);
    let b = bb(-0.5f64);
    println!("{} {} {} {} {}", a + b, a - b, a * b, a / b, a % 0.5);
    let c = bb(3.3f32);
    let d = bb(1.1f32);
    println!("{} {} {} {}", c + d, c - d, c * d, c / d);
    println!("{} {} {} {}", bb(2.5f64).floor(), bb(2.5f64).ceil(), bb(-2.5f64).round(), bb(2.7f64).trunc());
    println!("{} {} {}", bb(2.0f64).sqrt(), bb(-4.0f64).abs(), bb(9.0f32).sqrt());
    println!("{} {} {}", a.max(b), a.min(b), f64::NAN.max(1.0));
    println!("{} {} {}", 1.0f64 / bb(0.0), -1.0f64 / bb(0.0), (bb(0.0f64) / 0.0).is_nan());
    let mut sum = 0.0f64;
    let mut sum32 = 0.0f32;
    for i in 1..=100 {
        sum += 1.0 / (i as f64);
        sum32 += 1.0 / (i as f32);
    }
    println!("harmonic {sum} {sum32}");
    let mut x = bb(1.0f64);
    for _ in 0..20 {
        x = x - (x * x - 2.0) / (2.0 * x);
    }
    println!("newton sqrt2 {x} {}", x == 2.0f64.sqrt());
    println!("{:?} {:?} {:?}", 0.1f64 + 0.2, 1e-7f32, f64::MAX);
    println!("{} {} {}", bb(-0.0f64) == 0.0, bb(1.0f64).copysign(-0.0), bb(5.0f64).mul_add(2.0, 1.0));
    println!("{} {}", (bb(0.1f32) as f64), bb(1.0e10f64) as f32);
    println!("{}", f64::from_bits(bb(0x4009_21FB_5444_2D18u64)));
    println!("{:x}", bb(1.5f32).to_bits());
}
