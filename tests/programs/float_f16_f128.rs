// f16 and f128: conversions (with NaN, infinities, signed zeros, subnormals, overflow and
// saturation), arithmetic, comparisons, negation and the float intrinsics, printed as bits so
// that any rounding difference shows.
#![feature(f16, f128)]
use std::hint::black_box as bb;

fn halves() -> Vec<f16> {
    vec![0.0, -0.0, 1.0, -1.5, 0.1, 65504.0, -65504.0, 6.1e-5, 6.0e-8, f16::INFINITY, f16::NEG_INFINITY, f16::NAN, 2.5, 3.5, -7.25, 1000.0]
}

fn quads() -> Vec<f128> {
    vec![0.0, -0.0, 1.0, -1.5, 0.1, 1e300, -1e-300, 3.0e4000, f128::MAX, f128::MIN_POSITIVE, f128::INFINITY, f128::NAN, 2.5, -3.5, 1e20, -9.3e18]
}

fn show16(x: f16) -> String {
    format!("{:#06x}", x.to_bits())
}

fn show128(x: f128) -> String {
    format!("{:#034x}", x.to_bits())
}

fn main() {
    for &a in &halves() {
        let a = bb(a);
        println!(
            "f16 {} -> f32 {:#x} f64 {:#x} f128 {} i8 {} u8 {} i32 {} u32 {} i64 {} u128 {} i128 {} neg {} abs {}",
            show16(a), (a as f32).to_bits(), (a as f64).to_bits(), show128(a as f128),
            a as i8, a as u8, a as i32, a as u32, a as i64, a as u128, a as i128,
            show16(-a), show16(a.abs())
        );
        println!(
            "  sqrt {} floor {} ceil {} trunc {} round {} even {} copysign {} powi3 {}",
            show16(a.sqrt()), show16(a.floor()), show16(a.ceil()), show16(a.trunc()), show16(a.round()),
            show16(a.round_ties_even()), show16(bb(2.0f16).copysign(a)), show16(a.powi(3))
        );
        for &b in &[bb(0.5f16), bb(-3.0), bb(f16::NAN), bb(0.0), bb(65504.0)] {
            println!(
                "  {} op {}: + {} - {} * {} / {} % {} < {} <= {} == {} != {} > {} >= {} min {} max {} fma {}",
                show16(a), show16(b), show16(a + b), show16(a - b), show16(a * b), show16(a / b), show16(a % b),
                a < b, a <= b, a == b, a != b, a > b, a >= b,
                show16(a.min(b)), show16(a.max(b)), show16(a.mul_add(b, bb(0.25)))
            );
        }
    }
    for &q in &quads() {
        let q = bb(q);
        println!(
            "f128 {} -> f16 {} f32 {:#x} f64 {:#x} i8 {} u16 {} i32 {} u32 {} i64 {} u64 {} i128 {} u128 {} neg {} abs {}",
            show128(q), show16(q as f16), (q as f32).to_bits(), (q as f64).to_bits(),
            q as i8, q as u16, q as i32, q as u32, q as i64, q as u64, q as i128, q as u128,
            show128(-q), show128(q.abs())
        );
        for &r in &[bb(3.0f128), bb(-0.0), bb(f128::NAN), bb(1e-30)] {
            println!(
                "  {} op {}: + {} - {} * {} / {} < {} <= {} == {} != {} > {} >= {} copysign {}",
                show128(q), show128(r), show128(q + r), show128(q - r), show128(q * r), show128(q / r),
                q < r, q <= r, q == r, q != r, q > r, q >= r, show128(q.copysign(r))
            );
        }
    }
    for &f in &[bb(1.0f64), bb(-2.75), bb(1e-310), bb(65520.0), bb(65519.99), bb(f64::NAN), bb(1e308)] {
        println!("f64 {:#x} -> f16 {} f128 {}", f.to_bits(), show16(f as f16), show128(f as f128));
    }
    for &f in &[bb(1.0f32), bb(-2.75), bb(1e-40), bb(65520.0), bb(f32::NEG_INFINITY)] {
        println!("f32 {:#x} -> f16 {} f128 {}", f.to_bits(), show16(f as f16), show128(f as f128));
    }
    for &i in &[bb(0i64), bb(-1), bb(2049), bb(65519), bb(65520), bb(i64::MAX), bb(i64::MIN), bb(123456789)] {
        println!(
            "i64 {} -> f16 {} f128 {} (u64 {}) i8->f16 {} u128->f128 {} i128->f16 {}",
            i, show16(i as f16), show128(i as f128), show128(i as u64 as f128), show16(i as i8 as f16),
            show128((i as u128).wrapping_mul(0x1234_5678_9abc) as f128), show16(i as i128 as f16)
        );
    }
    let third = bb(1.0f128) / bb(3.0);
    println!("{} {:?} {} {}", third as f64, bb(0.1f16), bb(1.5f16), bb(2.0f128).sqrt() as f64);
    println!("{} {}", show128(third.powi(7)), show128(bb(2.0f128).mul_add(third, bb(1.0))));
    println!("{} {} {}", show128(bb(2.5f128).floor()), show128(bb(-2.5f128).round()), show128(bb(2.5f128).round_ties_even()));
    println!("{} {}", show128(third.min(bb(f128::NAN))), show128(third.max(bb(0.5))));
    println!("{} {}", show128(bb(7.5f128) % bb(2.0)), show16(bb(7.5f16) % bb(-2.0)));
}
