// Floats: f32/f64 arithmetic, rem, min/max, math functions, NaN/inf, saturating casts,
// precision formatting, total_cmp, to_bits/from_bits, classification.
use std::hint::black_box;

fn show64(name: &str, v: f64) { println!("{:>10}: {:.6} bits={:016x}", name, v, v.to_bits()); }

fn main() {
    let x: f64 = black_box(2.75);
    let y: f64 = black_box(-1.25);
    show64("add", x + y);
    show64("sub", x - y);
    show64("mul", x * y);
    show64("div", x / y);
    show64("rem", x % y);
    show64("rem2", black_box(-7.5f64) % 2.0);
    show64("min", x.min(y));
    show64("max", x.max(y));
    show64("sqrt", x.sqrt());
    show64("powi", x.powi(5));
    show64("powi-", x.powi(-3));
    show64("powf", x.powf(1.7));
    show64("exp", y.exp());
    show64("ln", x.ln());
    show64("log10", x.log10());
    show64("log2", x.log2());
    show64("sin", x.sin());
    show64("cos", x.cos());
    show64("tan", y.tan());
    show64("atan2", x.atan2(y));
    show64("floor", y.floor());
    show64("ceil", y.ceil());
    show64("round", black_box(2.5f64).round());
    show64("round-", black_box(-2.5f64).round());
    show64("trunc", black_box(-3.99f64).trunc());
    show64("abs", y.abs());
    show64("copysign", x.copysign(y));
    show64("mul_add", x.mul_add(y, 10.0));
    show64("hypot", black_box(3.0f64).hypot(4.0));
    show64("fract", black_box(-5.625f64).fract());
    show64("signum", y.signum());
    show64("recip", x.recip());
    let a: f32 = black_box(1.1);
    let b: f32 = black_box(3.3);
    println!("f32 ops {} {} {} {} {}", a + b, a - b, a * b, b / a, b % a);
    println!("f32 fns {:.5} {:.5} {:.5} {} {}", a.sqrt(), b.ln(), a.powf(b), b.floor(), (-b).round());
    println!("f32 mul_add {} min {} max {}", a.mul_add(b, 0.5), a.min(f32::NAN), f32::NAN.max(b));
    let nan = black_box(f64::NAN);
    let inf = black_box(f64::INFINITY);
    println!("nan cmp {} {} {} {}", nan == nan, nan < 1.0, nan != nan, nan.is_nan());
    println!("inf {} {} {} {}", inf, -inf, inf - inf, 1.0 / black_box(0.0f64));
    println!("neg zero {} {} {}", -0.0f64, black_box(-0.0f64) == 0.0, (-0.0f64).is_sign_negative());
    println!("classify {:?} {:?} {:?} {:?}", nan.classify(), inf.classify(), black_box(1e-310f64).classify(), black_box(0.0f64).classify());
    for v in [black_box(300.7f64), -5.5, 1e20, -1e20, f64::NAN, f64::INFINITY, 255.999] {
        println!("cast {} -> u8 {} i8 {} i32 {} u64 {} i64 {}", v, v as u8, v as i8, v as i32, v as u64, v as i64);
    }
    for v in [black_box(3e9f32), -3e9, 16777217.0, f32::NAN] { println!("f32 cast {} -> i32 {} u32 {} u16 {}", v, v as i32, v as u32, v as u16); }
    println!("int->float {} {} {} {}", black_box(u64::MAX) as f64, black_box(i64::MIN) as f32, black_box(16777217u32) as f32, black_box(-1i8) as f64);
    println!("f64->f32 {} f32->f64 {}", black_box(1e300f64) as f32, black_box(0.1f32) as f64);
    println!("fmt {:8.3}|{:<8.2}|{:+.1}|{:e}|{:E}|{:08.2}|{:?}|{:?}", x, y, x, 1234.5f64, 0.00012f32, y, 0.1f64 + 0.2, 1e21f64);
    println!("fmt2 {} {} {} {:?}", 1e15f64, 1e16f64, f32::MAX, f64::MIN_POSITIVE);
    let mut vals = vec![2.5f64, -0.0, 0.0, f64::NAN, -inf, 1.0, -3.5, inf];
    vals.sort_by(|a, b| a.total_cmp(b));
    println!("total_cmp {:?}", vals);
    println!("from_bits {} {}", f64::from_bits(0x400921fb54442d18), f32::from_bits(0x3f800001));
    println!("to_bits f32 {:08x} {:08x}", black_box(-1.5f32).to_bits(), f32::NAN.to_bits() & 0x7f800000);
    let mut sum = 0.0f64;
    for i in 1..=1000 { sum += 1.0 / (i as f64 * i as f64); }
    println!("basel {:.12}", sum);
    let mut p = 1.0f32;
    for i in 1..20 { p *= 1.0 + 1.0 / i as f32; }
    println!("prod f32 {}", p);
    println!("clamp {} {}", black_box(5.5f64).clamp(0.0, 2.0), black_box(-1.0f32).clamp(0.0, 1.0));
    println!("consts {:.10} {:.10}", std::f64::consts::PI, std::f32::consts::E);
    println!("parse {:?} {:?} {:?}", "3.25".parse::<f64>(), "-inf".parse::<f32>(), "1e-5".parse::<f64>());
}
