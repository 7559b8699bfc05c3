// Portable SIMD through std::simd's public API (generic code instantiated and compiled by the
// backend under test): arithmetic, comparisons and masks, bitmasks, reductions, swizzles, casts,
// masked, gathered and pointer loads, scatters, float math; floats printed as bits.
#![feature(portable_simd)]
use std::hint::black_box;
use std::simd::prelude::*;
use std::simd::{Mask, StdFloat};

fn main() {
    let a = black_box(i32x8::from_array([1, -2, 3, i32::MIN, 5, -6, i32::MAX, 8]));
    let b = black_box(i32x8::splat(3));
    println!("{:?} {:?} {:?}", a + b, a * b, a.saturating_sub(b));
    println!("{:?} {:?}", a.abs(), -a);
    println!("{} {} {} {}", a.reduce_sum(), a.reduce_max(), a.reduce_min(), a.reduce_xor());
    let m = a.simd_gt(b);
    println!("{:?} {:#x} {} {}", m, m.to_bitmask(), m.any(), m.all());
    println!("{:?}", m.select(a, -b));
    println!("{:?}", Mask::<i32, 8>::from_bitmask(0b1010_0110).select(a, b));
    let u = black_box(u8x16::from_array(*b"hello, portable!"));
    println!("{:?} {:?}", u.simd_eq(u8x16::splat(b'l')).to_bitmask(), u.reverse());
    println!("{:?}", simd_swizzle!(u, [15, 0, 14, 1, 13, 2, 12, 3]));
    println!("{:?} {:?}", u.leading_zeros(), u.count_ones());
    println!("{:?}", u.cast::<u32>() << u32x16::splat(3));
    let f = black_box(f32x8::from_array([1.5, -0.0, f32::NAN, 2.25, -7.75, f32::INFINITY, 1e-40, 100.0]));
    println!("{:?}", (f * f32x8::splat(2.0)).to_array().map(f32::to_bits));
    println!("{:?}", f.sqrt().to_array().map(f32::to_bits));
    println!("{:?}", f.round().to_array().map(f32::to_bits));
    println!("{:?}", f.simd_max(f32x8::splat(1.0)).to_array().map(f32::to_bits));
    println!("{:?}", f.simd_clamp(f32x8::splat(-1.0), f32x8::splat(3.0)).to_array().map(f32::to_bits));
    println!("{:?}", f.mul_add(f32x8::splat(3.0), f32x8::splat(0.5)).to_array().map(f32::to_bits));
    println!("{:?} {:?}", f.cast::<i32>(), f.is_nan());
    println!("{}", f32x4::from_array([1.0, 2.0, 3.0, 4.5]).reduce_product());
    let data = [10i64, 20, 30, 40, 50];
    println!("{:?}", i64x8::load_or_default(&data));
    println!("{:?}", i64x4::gather_or(&data, usizex4::from_array([4, 0, 9, 2]), i64x4::splat(-1)));
    let mut out = [0i64; 5];
    i64x4::from_array([1, 2, 3, 4]).scatter(&mut out, usizex4::from_array([3, 9, 0, 3]));
    println!("{out:?}");
    let mut buf = [0u16; 6];
    u16x8::splat(7)
        .store_select(&mut buf, Mask::from_array([true, false, true, true, false, true, true, true]));
    println!("{buf:?}");
    let p = black_box(data.as_ptr());
    let ptrs = Simd::<*const i64, 4>::splat(p).wrapping_add(usizex4::from_array([0, 1, 2, 4]));
    let shifted = ptrs.cast::<u8>().wrapping_add(usizex4::splat(8)).cast::<i64>();
    let mask = Mask::from_array([true, true, false, false]);
    println!("{:?}", unsafe { i64x4::gather_select_ptr(shifted, mask, i64x4::splat(0)) });
    println!("{:?}", ptrs.expose_provenance() - Simd::splat(p.expose_provenance()));
}
