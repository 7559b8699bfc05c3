// f16 widened to f32 and f64 in functions with and without F16C: with it LLVM converts with
// VCVTPH2PS, which quiets a signalling NaN; without it with `__extendhfsf2`, which keeps it
// signalling. Printed as bits, so the quiet bit shows; both builds skip the F16C half on a
// CPU without it.
#![feature(f16)]
use std::hint::black_box as bb;

const PATTERNS: [u16; 8] = [0x7c01, 0xfd23, 0x7e00, 0x7c00, 0x3c00, 0x0001, 0x8000, 0x7bff];

fn widen(label: &str, to32: impl Fn(f16) -> f32, to64: impl Fn(f16) -> f64) {
    for bits in PATTERNS {
        let h = f16::from_bits(bb(bits));
        println!("{label} {bits:04x}: f32 {:08x} f64 {:016x}", to32(h).to_bits(), to64(h).to_bits());
    }
}

#[target_feature(enable = "f16c")]
fn with_f16c() {
    widen("f16c", |h| bb(h) as f32, |h| bb(h) as f64);
    // Arithmetic goes through f32 too: the sum of a signalling NaN is a quiet NaN either way.
    let s = f16::from_bits(bb(0x7c01)) + bb(1.0f16);
    println!("f16c sum: {:04x}", s.to_bits());
}

fn main() {
    widen("soft", |h| bb(h) as f32, |h| bb(h) as f64);
    if is_x86_feature_detected!("f16c") {
        unsafe { with_f16c() };
    } else {
        println!("skipped: the CPU lacks F16C");
    }
}
