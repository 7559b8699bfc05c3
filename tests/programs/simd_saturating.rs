// Portable SIMD saturating add/sub (simd_saturating_add/sub, used by jpeg-decoder's SSE paths
// through _mm_adds_epi16 and friends), signed and unsigned lanes of every width, at the bounds;
// and fused multiply-add on float vectors.
#![feature(portable_simd)]
use std::hint::black_box;
use std::simd::num::{SimdInt, SimdUint};
use std::simd::Simd;

fn main() {
    let a8 = black_box(Simd::<i8, 8>::from_array([127, -128, 100, -100, 0, 1, -1, 50]));
    let b8 = black_box(Simd::<i8, 8>::from_array([1, -1, 100, 100, -128, 127, -128, -50]));
    println!("{:?} {:?}", a8.saturating_add(b8), a8.saturating_sub(b8));
    let u8a = black_box(Simd::<u8, 8>::from_array([255, 0, 200, 1, 128, 127, 3, 0]));
    let u8b = black_box(Simd::<u8, 8>::from_array([1, 1, 100, 2, 128, 128, 3, 255]));
    println!("{:?} {:?}", u8a.saturating_add(u8b), u8a.saturating_sub(u8b));
    let a16 = black_box(Simd::<i16, 4>::from_array([i16::MAX, i16::MIN, -30000, 12345]));
    let b16 = black_box(Simd::<i16, 4>::from_array([1, 1, -30000, -20000]));
    println!("{:?} {:?}", a16.saturating_add(b16), a16.saturating_sub(b16));
    let u16a = black_box(Simd::<u16, 4>::from_array([u16::MAX, 0, 40000, 7]));
    let u16b = black_box(Simd::<u16, 4>::from_array([1, 1, 40000, 7]));
    println!("{:?} {:?}", u16a.saturating_add(u16b), u16a.saturating_sub(u16b));
    let a32 = black_box(Simd::<i32, 2>::from_array([i32::MAX, i32::MIN]));
    let b32 = black_box(Simd::<i32, 2>::from_array([i32::MAX, i32::MAX]));
    println!("{:?} {:?}", a32.saturating_add(b32), a32.saturating_sub(b32));
    let a64 = black_box(Simd::<i64, 2>::from_array([i64::MIN, 5]));
    let b64 = black_box(Simd::<i64, 2>::from_array([-1, i64::MIN]));
    println!("{:?} {:?}", a64.saturating_add(b64), a64.saturating_sub(b64));
    let u64a = black_box(Simd::<u64, 2>::from_array([u64::MAX, 3]));
    let u64b = black_box(Simd::<u64, 2>::from_array([u64::MAX, 4]));
    println!("{:?} {:?}", u64a.saturating_add(u64b), u64a.saturating_sub(u64b));
    fused();
}

// Fused multiply-add on float vectors (simd_fma, used by matrixmultiply): one rounding.
fn fused() {
    use std::simd::StdFloat;
    let a = black_box(Simd::<f64, 4>::from_array([0.1, 1e308, -3.0, 1.0 + f64::EPSILON]));
    let b = black_box(Simd::<f64, 4>::from_array([10.0, 10.0, 0.5, 1.0 - f64::EPSILON]));
    let c = black_box(Simd::<f64, 4>::from_array([-1.0, -1e308, 1.5, -1.0]));
    println!("{:?}", a.mul_add(b, c).to_array().map(f64::to_bits));
    let x = black_box(Simd::<f32, 4>::from_array([0.1, 3.0, f32::MAX, -0.0]));
    let y = black_box(Simd::<f32, 4>::from_array([10.0, 1.0 / 3.0, 2.0, 0.0]));
    let z = black_box(Simd::<f32, 4>::from_array([-1.0, -1.0, f32::MIN, -0.0]));
    println!("{:?}", x.mul_add(y, z).to_array().map(f32::to_bits));
}
