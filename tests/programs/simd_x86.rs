// x86_64 SIMD as used by crates like memchr/hashbrown: SSE2 loads/compares/movemask,
// arithmetic, shuffles, min/max, SSSE3/SSE4.1/AVX2 behind #[target_feature] with runtime
// detection, and a memchr-style byte search checked against a scalar version.
#![cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

fn find_sse2(hay: &[u8], needle: u8) -> Option<usize> {
    unsafe {
        let n = _mm_set1_epi8(needle as i8);
        let mut i = 0;
        while i + 16 <= hay.len() {
            let chunk = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            let mask = _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, n));
            if mask != 0 { return Some(i + mask.trailing_zeros() as usize); }
            i += 16;
        }
        hay[i..].iter().position(|&b| b == needle).map(|p| p + i)
    }
}

#[target_feature(enable = "avx2")]
fn count_avx2(hay: &[u8], needle: u8) -> usize {
    let n = _mm256_set1_epi8(needle as i8);
    let mut i = 0;
    let mut count = 0;
    while i + 32 <= hay.len() {
        let chunk = unsafe { _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i) };
        count += _mm256_movemask_epi8(_mm256_cmpeq_epi8(chunk, n)).count_ones() as usize;
        i += 32;
    }
    count + hay[i..].iter().filter(|&&b| b == needle).count()
}

#[target_feature(enable = "ssse3")]
fn reverse_bytes_ssse3(v: [u8; 16]) -> [u8; 16] {
    let idx = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    let x = unsafe { _mm_loadu_si128(v.as_ptr() as *const __m128i) };
    let r = _mm_shuffle_epi8(x, idx);
    let mut out = [0u8; 16];
    unsafe { _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, r) };
    out
}

#[target_feature(enable = "sse4.1")]
fn minmax_sse41(a: [i32; 4], b: [i32; 4]) -> ([i32; 4], [i32; 4]) {
    let (x, y) = unsafe { (_mm_loadu_si128(a.as_ptr() as *const __m128i), _mm_loadu_si128(b.as_ptr() as *const __m128i)) };
    let (mut lo, mut hi) = ([0i32; 4], [0i32; 4]);
    unsafe {
        _mm_storeu_si128(lo.as_mut_ptr() as *mut __m128i, _mm_min_epi32(x, y));
        _mm_storeu_si128(hi.as_mut_ptr() as *mut __m128i, _mm_max_epi32(x, y));
    }
    (lo, hi)
}

fn to_i32x4(v: __m128i) -> [i32; 4] { unsafe { std::mem::transmute(v) } }
fn to_f32x4(v: __m128) -> [f32; 4] { unsafe { std::mem::transmute(v) } }

fn main() {
    let hay: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    for needle in [0u8, 7, 128, 255, 42] {
        let scalar = hay.iter().position(|&b| b == needle);
        println!("find {} sse2 {:?} scalar {:?}", needle, find_sse2(&hay, needle), scalar);
    }
    unsafe {
        let a = _mm_setr_epi32(1, -2, 3, i32::MAX);
        let b = _mm_set1_epi32(10);
        println!("add {:?} sub {:?}", to_i32x4(_mm_add_epi32(a, b)), to_i32x4(_mm_sub_epi32(a, b)));
        println!("and {:?} or {:?} xor {:?} andnot {:?}", to_i32x4(_mm_and_si128(a, b)), to_i32x4(_mm_or_si128(a, b)), to_i32x4(_mm_xor_si128(a, b)), to_i32x4(_mm_andnot_si128(a, b)));
        println!("slli {:?} srai {:?} srli {:?}", to_i32x4(_mm_slli_epi32::<4>(a)), to_i32x4(_mm_srai_epi32::<1>(a)), to_i32x4(_mm_srli_epi32::<28>(a)));
        println!("cmpgt {:?} shuffle {:?}", to_i32x4(_mm_cmpgt_epi32(a, b)), to_i32x4(_mm_shuffle_epi32::<0b00_01_10_11>(a)));
        let w = _mm_setr_epi16(1, 2, 3, 4, -5, -6, 7, 8);
        let w2 = _mm_set1_epi16(i16::MAX);
        let sat: [i16; 8] = std::mem::transmute(_mm_adds_epi16(w, w2));
        let mul: [i16; 8] = std::mem::transmute(_mm_mullo_epi16(w, w));
        println!("adds_epi16 {:?} mullo {:?} madd {:?}", sat, mul, to_i32x4(_mm_madd_epi16(w, w)));
        let bytes = _mm_setr_epi8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        let packed: [u8; 16] = std::mem::transmute(_mm_unpacklo_epi8(bytes, _mm_setzero_si128()));
        println!("unpacklo {:?} sad {:?}", packed, std::mem::transmute::<__m128i, [u64; 2]>(_mm_sad_epu8(bytes, _mm_setzero_si128())));
        let f = _mm_setr_ps(1.0, -2.5, 9.0, 0.25);
        let g = _mm_set1_ps(2.0);
        println!("ps add {:?} mul {:?} sqrt {:?} min {:?}", to_f32x4(_mm_add_ps(f, g)), to_f32x4(_mm_mul_ps(f, g)), to_f32x4(_mm_sqrt_ps(_mm_max_ps(f, g))), to_f32x4(_mm_min_ps(f, g)));
        println!("cvt {:?} movemask_ps {} cvtt {:?}", to_i32x4(_mm_cvtps_epi32(f)), _mm_movemask_ps(f), to_i32x4(_mm_cvttps_epi32(f)));
        let d = _mm_setr_pd(3.5, -1.0);
        println!("pd {:?}", std::mem::transmute::<__m128d, [f64; 2]>(_mm_div_pd(d, _mm_set1_pd(0.5))));
        println!("extract {} insert {:?}", _mm_extract_epi16::<3>(w), to_i32x4(_mm_insert_epi16::<1>(a, 77)));
    }
    let input: [u8; 16] = std::array::from_fn(|i| i as u8 * 3);
    let rev = if is_x86_feature_detected!("ssse3") { unsafe { reverse_bytes_ssse3(input) } } else { let mut r = input; r.reverse(); r };
    println!("reverse {:?}", rev);
    if is_x86_feature_detected!("sse4.1") { println!("minmax {:?}", unsafe { minmax_sse41([1, -5, 9, 0], [2, -6, 8, 0]) }); } else { println!("minmax ([1, -6, 8, 0], [2, -5, 9, 0])"); }
    let expected = hay.iter().filter(|&&b| b == 42).count();
    let got = if is_x86_feature_detected!("avx2") { unsafe { count_avx2(&hay, 42) } } else { expected };
    println!("count 42: {} {}", got, expected);
    println!("popcnt via std {} lzcnt {}", 0xf0f0u32.count_ones(), 1u64.leading_zeros());
}
