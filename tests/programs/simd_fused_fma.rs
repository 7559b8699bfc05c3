// Multiply-adds whose negated operands LLVM folds into one x86 instruction (vfmsub, vfnmadd,
// vfmaddsub, masked forms, f16): such an instruction returns a NaN operand with its sign
// unchanged, where negating first would flip it. The operands hold NaNs of both signs with
// payloads, so the bits printed show which NaN came out. Families this CPU may lack run only
// when detected, so both builds print the same either way.
#![feature(stdarch_x86_avx512_f16, f16)]
#![allow(unsafe_op_in_unsafe_fn)]

use std::arch::is_x86_feature_detected as has;
use std::arch::x86_64::*;

fn hex<T: Copy>(v: &T) -> String {
    let bytes = unsafe { std::slice::from_raw_parts(v as *const T as *const u8, size_of::<T>()) };
    bytes.chunks(4).map(|c| format!("{:08x}", u32::from_le_bytes(c.try_into().unwrap()))).collect::<Vec<_>>().join(" ")
}

macro_rules! show {
    ($($e:expr),* $(,)?) => { $( println!("{}: {}", stringify!($e), hex(&$e)); )* };
}

fn nan32(sign: bool, payload: u32) -> f32 {
    f32::from_bits(if sign { 0xffc0_0000 } else { 0x7fc0_0000 } | payload)
}

fn nan64(sign: bool, payload: u64) -> f64 {
    f64::from_bits(if sign { 0xfff8_0000_0000_0000 } else { 0x7ff8_0000_0000_0000 } | payload)
}

#[target_feature(enable = "fma")]
unsafe fn fma_128_256() {
    let a = _mm_setr_ps(nan32(false, 1), 2.0, nan32(true, 3), -1.5);
    let b = _mm_setr_ps(3.0, nan32(true, 5), 0.5, nan32(false, 6));
    let c = _mm_setr_ps(nan32(true, 7), nan32(false, 8), -0.0, nan32(true, 9));
    show!(_mm_fmaddsub_ps(a, b, c), _mm_fmsubadd_ps(a, b, c), _mm_fmsub_ps(a, b, c), _mm_fnmadd_ps(a, b, c));
    show!(_mm_fnmadd_ss(b, a, c), _mm_fnmsub_ss(c, b, a), _mm_fmsub_ss(a, b, c));
    let x = _mm_setr_pd(nan64(true, 11), 4.0);
    let y = _mm_setr_pd(1.0, nan64(false, 12));
    let z = _mm_setr_pd(nan64(false, 13), nan64(true, 14));
    show!(_mm_fmaddsub_pd(x, y, z), _mm_fmsubadd_pd(x, y, z), _mm_fnmadd_sd(x, y, z), _mm_fnmsub_sd(z, x, y));
    let a8 = _mm256_setr_m128(a, c);
    let b8 = _mm256_setr_m128(b, a);
    let c8 = _mm256_setr_m128(c, b);
    show!(_mm256_fmaddsub_ps(a8, b8, c8), _mm256_fmsubadd_ps(c8, a8, b8), _mm256_fnmsub_ps(a8, b8, c8));
}

#[target_feature(enable = "avx512f")]
unsafe fn avx512f() {
    let a = _mm512_setr_ps(
        nan32(false, 1), 2.0, nan32(true, 3), -1.5, 0.0, nan32(true, 4), 8.0, 1e30,
        nan32(false, 5), -0.0, 3.0, nan32(true, 6), 7.0, -2.0, nan32(false, 7), 1.0,
    );
    let b = _mm512_permutexvar_ps(_mm512_setr_epi32(3, 0, 5, 1, 7, 2, 9, 4, 11, 6, 13, 8, 15, 10, 12, 14), a);
    let c = _mm512_permutexvar_ps(_mm512_setr_epi32(5, 9, 0, 14, 2, 11, 1, 3, 7, 4, 8, 6, 10, 13, 15, 12), a);
    let k = 0b1010_0110_1100_1011;
    show!(_mm512_mask_fmsub_ps(a, k, b, c), _mm512_maskz_fnmadd_ps(k, a, b, c), _mm512_mask3_fnmsub_ps(a, b, c, k));
    show!(_mm512_fmaddsub_ps(a, b, c), _mm512_mask_fmsubadd_ps(a, k, b, c));
    show!(_mm512_mask_fmsub_round_ps::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(a, k, b, c));
    show!(_mm512_maskz_fmsubadd_round_ps::<{ _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC }>(k, a, b, c));
    let x = _mm_setr_ps(nan32(true, 21), 1.0, 2.0, 3.0);
    let y = _mm_setr_ps(nan32(false, 22), 1.0, 2.0, 3.0);
    show!(_mm_fnmadd_round_ss::<{ _MM_FROUND_CUR_DIRECTION }>(x, y, x), _mm_fnmsub_round_ss::<{ _MM_FROUND_CUR_DIRECTION }>(y, x, y));
}

#[target_feature(enable = "avx512fp16,avx512vl")]
unsafe fn avx512fp16() {
    let lanes: [u16; 8] = [0x7e01, 0x4000, 0xfe03, 0xbc00, 0x7e55, 0x3c00, 0xfe07, 0x0001];
    let a: __m128h = std::mem::transmute(lanes);
    let b = _mm_shuffle_ph_like(a, 3);
    let c = _mm_shuffle_ph_like(a, 5);
    show!(_mm_fmadd_ph(a, b, c), _mm_fmsub_ph(a, b, c), _mm_fnmadd_ph(a, b, c), _mm_fmsubadd_ph(a, b, c));
    show!(_mm_mask_fnmadd_sh(a, 1, b, c), _mm_maskz_fmsub_sh(1, c, a, b), _mm_mask3_fnmsub_sh(b, c, a, 1));
}

/// `a` with its 16-bit lanes rotated by `by`.
unsafe fn _mm_shuffle_ph_like(a: __m128h, by: usize) -> __m128h {
    let mut lanes: [u16; 8] = std::mem::transmute(a);
    lanes.rotate_left(by);
    std::mem::transmute(lanes)
}

fn main() {
    unsafe {
        if has!("fma") { fma_128_256() } else { println!("fma: not on this CPU") }
        if has!("avx512f") { avx512f() } else { println!("avx512f: not on this CPU") }
        if has!("avx512fp16") && has!("avx512vl") { avx512fp16() } else { println!("avx512fp16: not on this CPU") }
    }
}
