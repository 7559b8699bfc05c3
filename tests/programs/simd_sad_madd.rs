// x86 vendor intrinsics reached by image's dependencies: psadbw and pmaddwd in their SSE2 and
// AVX2 forms (simd-adler32), _mm_prefetch, add-with-carry / subtract-with-borrow (num-bigint),
// F16C's f32 -> f16 conversion with each rounding mode (half), pmulhrsw (jpeg-decoder)
// rdtsc/rdtscp (nalgebra's dependencies) and lddqu (hyper's dependencies).
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;
use std::hint::black_box;

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn avx2_part(bytes_a: &[u8; 32], bytes_b: &[u8; 32], words_a: &[i16; 16], words_b: &[i16; 16]) {
    unsafe {
        let a = _mm256_loadu_si256(bytes_a.as_ptr().cast());
        let b = _mm256_loadu_si256(bytes_b.as_ptr().cast());
        let unaligned: [u8; 16] = std::mem::transmute(_mm256_extracti128_si256::<1>(_mm256_lddqu_si256(bytes_b[0..].as_ptr().cast())));
        println!("avx lddqu upper {:?}", unaligned);
        let sad: [u64; 4] = std::mem::transmute(_mm256_sad_epu8(a, b));
        println!("avx2 sad {:?}", sad);
        let wa = _mm256_loadu_si256(words_a.as_ptr().cast());
        let wb = _mm256_loadu_si256(words_b.as_ptr().cast());
        let madd: [i32; 8] = std::mem::transmute(_mm256_madd_epi16(wa, wb));
        println!("avx2 madd {:?}", madd);
        let mulhrs: [i16; 16] = std::mem::transmute(_mm256_mulhrs_epi16(wa, wb));
        println!("avx2 mulhrs {:?}", mulhrs);
    }
}

fn main() {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        let mut bytes_a = [0u8; 32];
        let mut bytes_b = [0u8; 32];
        for i in 0..32 {
            bytes_a[i] = black_box((i as u8).wrapping_mul(37).wrapping_add(200));
            bytes_b[i] = black_box((i as u8).wrapping_mul(91));
        }
        bytes_a[3] = 255;
        bytes_b[3] = 0;
        let mut words_a = [0i16; 16];
        let mut words_b = [0i16; 16];
        for i in 0..16 {
            words_a[i] = black_box((i as i16 - 8).wrapping_mul(4099));
            words_b[i] = black_box((i as i16 * 3 - 20).wrapping_mul(-1234));
        }
        words_a[0] = i16::MIN;
        words_b[0] = i16::MIN;
        words_a[1] = i16::MIN;
        words_b[1] = i16::MIN;
        words_a[2] = i16::MAX;
        words_b[2] = i16::MIN;

        _mm_prefetch::<_MM_HINT_T0>(bytes_a.as_ptr().cast());
        _mm_prefetch::<_MM_HINT_NTA>(bytes_b.as_ptr().cast());
        let a = _mm_loadu_si128(bytes_a.as_ptr().cast());
        let b = _mm_loadu_si128(bytes_b.as_ptr().cast());
        let sad: [u64; 2] = std::mem::transmute(_mm_sad_epu8(a, b));
        println!("sse2 sad {:?}", sad);
        let wa = _mm_loadu_si128(words_a.as_ptr().cast());
        let wb = _mm_loadu_si128(words_b.as_ptr().cast());
        let madd: [i32; 4] = std::mem::transmute(_mm_madd_epi16(wa, wb));
        println!("sse2 madd {:?}", madd);
        let unaligned: [u8; 16] = std::mem::transmute(_mm_lddqu_si128(bytes_a[1..].as_ptr().cast()));
        println!("sse3 lddqu {:?}", unaligned);
        let mulhrs: [i16; 8] = std::mem::transmute(_mm_mulhrs_epi16(wa, wb));
        println!("ssse3 mulhrs {:?}", mulhrs);
        carries();
        // The counter's value differs between runs; only its progress is printed.
        let t0 = _rdtsc();
        let mut aux = 0u32;
        let t1 = __rdtscp(&mut aux);
        println!("rdtsc advances: {}", t1 >= t0);
        if is_x86_feature_detected!("f16c") {
            f16c_part();
        } else {
            println!("no f16c");
        }
        if is_x86_feature_detected!("avx2") {
            avx2_part(&bytes_a, &bytes_b, &words_a, &words_b);
        } else {
            println!("no avx2");
        }
    }
}

// _addcarry/_subborrow (num-bigint's x86-64 fast path): carry chains through u64 and u32.
#[cfg(target_arch = "x86_64")]
fn carries() {
    let vals = [0u64, 1, u64::MAX, u64::MAX - 1, 1 << 63, 0x1234_5678_9abc_def0];
    for &a in &vals {
        for &b in &vals {
            for c in [0u8, 1, 7] {
                let (mut s, mut d) = (0u64, 0u64);
                let (mut s32, mut d32) = (0u32, 0u32);
                {
                    let co = _addcarry_u64(black_box(c), black_box(a), black_box(b), &mut s);
                    let bo = _subborrow_u64(black_box(c), black_box(a), black_box(b), &mut d);
                    let co32 = _addcarry_u32(black_box(c), a as u32, b as u32, &mut s32);
                    let bo32 = _subborrow_u32(black_box(c), a as u32, b as u32, &mut d32);
                    println!("{a:x} {b:x} {c}: {co} {s:x} {bo} {d:x} | {co32} {s32:x} {bo32} {d32:x}");
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "f16c,avx")]
fn f16c_part() {
    let v = [1.0f32, 0.1, -65520.0, 1e-7, f32::NAN, 3.14159, -0.0, 65504.5];
    unsafe {
        let x4 = _mm_loadu_ps(v.as_ptr());
        let x8 = _mm256_loadu_ps(v.as_ptr());
        let near: [u16; 8] = std::mem::transmute(_mm_cvtps_ph::<_MM_FROUND_TO_NEAREST_INT>(x4));
        let down: [u16; 8] = std::mem::transmute(_mm_cvtps_ph::<_MM_FROUND_TO_NEG_INF>(x4));
        let up: [u16; 8] = std::mem::transmute(_mm256_cvtps_ph::<_MM_FROUND_TO_POS_INF>(x8));
        let zero: [u16; 8] = std::mem::transmute(_mm256_cvtps_ph::<_MM_FROUND_TO_ZERO>(x8));
        println!("f16c {near:x?} {down:x?}\n     {up:x?} {zero:x?}");
        let back: [f32; 4] = std::mem::transmute(_mm_cvtph_ps(std::mem::transmute(near)));
        println!("f16c back {back:?}");
    }
}
