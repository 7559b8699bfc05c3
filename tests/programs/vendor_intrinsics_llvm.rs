// Vendor intrinsics of core::arch::x86_64 that fastclif compiles through helpers LLVM generates
// (and a few it lowers itself): a sample of every family, with immediates, struct results,
// integer masks for `<N x i1>`, bf16/fp16 vectors, and loads and stores through pointers.
// Families this CPU may lack run only when detected, so both builds print the same either way.
#![feature(stdarch_x86_avx512vp2intersect, stdarch_x86_avx512_f16, f16)]
#![allow(unsafe_op_in_unsafe_fn, deprecated)]

use std::arch::x86_64::*;
use std::arch::is_x86_feature_detected as has;

/// The bytes of a value as little-endian 32-bit words in hex.
fn hex<T: Copy>(v: &T) -> String {
    let bytes = unsafe { std::slice::from_raw_parts(v as *const T as *const u8, size_of::<T>()) };
    let words: Vec<String> = bytes
        .chunks(4)
        .map(|c| {
            let mut w = [0u8; 4];
            w[..c.len()].copy_from_slice(c);
            format!("{:08x}", u32::from_le_bytes(w))
        })
        .collect();
    words.join(" ")
}

macro_rules! show {
    ($($e:expr),* $(,)?) => { $( println!("{}: {}", stringify!($e), hex(&$e)); )* };
}

fn skipped(family: &str) {
    println!("{family}: not on this CPU");
}

const NAN: f32 = f32::NAN;

unsafe fn sse_sse2() {
    unsafe {
        let a = _mm_setr_ps(1.0, 4.0, -9.0, 0.3);
        let b = _mm_setr_ps(NAN, 2.0, -0.0, 1e30);
        show!(_mm_sqrt_ps(a), _mm_rcp_ps(a), _mm_rsqrt_ps(a), _mm_min_ps(a, b), _mm_max_ps(b, a));
        show!(_mm_cvtps_epi32(_mm_setr_ps(1.5, 2.5, -3.5, 1e10)), _mm_cvttps_epi32(b));
        show!(_mm_cvtss_si32(a), _mm_cvtsd_si64(_mm_set_sd(-2.5)), _mm_cvtpd_ps(_mm_setr_pd(1.0 / 3.0, 1e300)));
        show!(_mm_cmpord_ps(a, b), _mm_cmpnlt_ps(a, b), _mm_comilt_ss(a, b), _mm_ucomieq_sd(_mm_set_sd(NAN as f64), _mm_set_sd(1.0)));
        let w = _mm_setr_epi32(1, -2, 70000, i32::MIN);
        let h = _mm_setr_epi16(-1, 2, -300, 400, i16::MAX, i16::MIN, 7, 8);
        show!(_mm_packs_epi32(w, w), _mm_packus_epi16(h, h), _mm_movemask_ps(a), _mm_movemask_epi8(h));
        show!(_mm_sll_epi32(w, _mm_set_epi64x(0, 3)), _mm_srl_epi64(w, _mm_set_epi64x(0, 40)));
        show!(_mm_slli_epi32::<1>(w), _mm_slli_epi32::<2>(w), _mm_slli_epi32::<31>(w), _mm_srai_epi16::<3>(h));
        show!(_mm_avg_epu8(h, w), _mm_mulhi_epu16(h, h), _mm_sad_epu8(h, w), _mm_madd_epi16(h, h));
        // Byte stores under a mask, through a pointer.
        let mut out = [0x55u8; 16];
        _mm_maskmoveu_si128(_mm_set1_epi8(-86), _mm_setr_epi8(-1, 0, -1, 0, 0, 0, 0, -1, 1, -128, 0, 0, 0, 0, 0, -1), out.as_mut_ptr() as *mut i8);
        show!(out);
        _mm_sfence();
        _mm_lfence();
        _mm_mfence();
        _mm_clflush(out.as_ptr());
        println!("mxcsr control: {:08x}", _mm_getcsr() & 0xffc0);
    }
}

#[target_feature(enable = "sse3,ssse3,sse4.1,sse4.2")]
unsafe fn sse3_to_sse42() {
    let a = _mm_setr_ps(1.0, 2.0, 3.0, 4.0);
    let b = _mm_setr_ps(0.5, -1.5, NAN, 8.0);
    show!(_mm_hadd_ps(a, b), _mm_addsub_ps(a, b), _mm_hsub_pd(_mm_setr_pd(1.0, 3.0), _mm_setr_pd(5.0, -7.0)));
    let h = _mm_setr_epi16(i16::MAX, 1, -5, 6, i16::MIN, -1, 100, -100);
    show!(_mm_hadd_epi16(h, h), _mm_hadds_epi16(h, h), _mm_sign_epi8(h, _mm_setr_epi32(-1, 0, 1, 0x7f80_0180)));
    show!(_mm_maddubs_epi16(h, h), _mm_mulhrs_epi16(h, h), _mm_shuffle_epi8(h, _mm_set1_epi8(-125)));
    show!(_mm_dp_ps::<0xF1>(a, a), _mm_dp_pd::<0x31>(_mm_setr_pd(1.5, 2.0), _mm_setr_pd(4.0, 8.0)));
    show!(_mm_round_ps::<_MM_FROUND_TO_NEAREST_INT>(_mm_setr_ps(0.5, 1.5, -2.5, 2.7)), _mm_round_sd::<_MM_FROUND_TO_POS_INF>(_mm_set1_pd(9.0), _mm_set_sd(-1.2)));
    show!(_mm_blendv_ps(a, b, _mm_setr_ps(-0.0, 0.0, -1.0, 1.0)), _mm_insert_ps::<0x1c>(a, b));
    show!(_mm_minpos_epu16(_mm_setr_epi16(9, 8, 7, 3, 5, 3, 11, 12)), _mm_mpsadbw_epu8::<5>(h, _mm_set1_epi32(0x01020304)));
    show!(_mm_testz_si128(h, h), _mm_testnzc_si128(h, _mm_set1_epi16(1)), _mm_packus_epi32(h, h));
    let needle = _mm_setr_epi8(b'l' as i8, b'o' as i8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    let hay = _mm_loadu_si128(b"hello world, lo!".as_ptr() as *const __m128i);
    show!(_mm_cmpistri::<_SIDD_CMP_EQUAL_ORDERED>(needle, hay), _mm_cmpistrm::<_SIDD_CMP_EQUAL_ANY>(needle, hay));
    show!(_mm_cmpestri::<_SIDD_CMP_EQUAL_ORDERED>(needle, 2, hay, 16), _mm_cmpestrc::<_SIDD_CMP_RANGES>(needle, 2, hay, 16));
    show!(_mm_crc32_u32(0xffff_ffff, 0x1234_5678), _mm_crc32_u64(7, 0x0123_4567_89ab_cdef));
}

#[target_feature(enable = "avx,avx2,fma,f16c")]
unsafe fn avx_avx2_fma() {
    let a = _mm256_setr_ps(1.0, -2.0, 3.5, NAN, 5.0, 0.25, -7.0, 1e-40);
    let b = _mm256_setr_ps(2.0, -2.0, 1.0, 4.0, NAN, 8.0, -0.0, 0.0);
    show!(_mm256_dp_ps::<0xff>(a, b), _mm256_round_pd::<_MM_FROUND_TO_NEG_INF>(_mm256_setr_pd(1.5, -1.5, 2.0, -0.1)));
    show!(_mm256_permutevar_ps(a, _mm256_setr_epi32(3, 2, 1, 0, 0, 0, 1, 7)), _mm256_testc_ps(a, b), _mm256_movemask_pd(_mm256_castps_pd(a)));
    show!(_mm256_rsqrt_ps(a), _mm256_rcp_ps(b), _mm256_min_ps(a, b), _mm256_max_ps(a, b));
    show!(_mm256_cmp_ps::<_CMP_NGE_UQ>(a, b), _mm_cmp_sd::<_CMP_EQ_OQ>(_mm_set1_pd(1.0), _mm_set1_pd(1.0)));
    show!(_mm256_cvtpd_epi32(_mm256_setr_pd(1.5, 2.5, -1e20, 3.49)), _mm256_cvttps_epi32(a), _mm256_hadd_pd(_mm256_set1_pd(1.0), _mm256_set1_pd(2.0)));
    let data = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    let mask = _mm256_setr_epi32(-1, 0, -1, 0, 0, -1, 0, -1);
    show!(_mm256_maskload_ps(data.as_ptr(), mask));
    let mut stored = [9.0f64; 4];
    _mm256_maskstore_pd(stored.as_mut_ptr(), _mm256_setr_epi64x(0, -1, -1, 0), _mm256_set1_pd(-3.0));
    show!(stored);
    let i = _mm256_setr_epi32(10, -20, 30, -40, 50, -60, 70, i32::MAX);
    let ints = [100i32, 101, 102, 103, 104, 105, 106, 107, 108];
    show!(_mm256_permutevar8x32_epi32(i, _mm256_setr_epi32(7, 6, 5, 4, 3, 2, 1, 0)), _mm256_mpsadbw_epu8::<3>(i, a.into_epi()));
    show!(_mm256_packs_epi16(i, i), _mm256_sllv_epi32(i, _mm256_setr_epi32(0, 1, 2, 31, 32, 33, -1, 4)), _mm256_srav_epi32(i, _mm256_set1_epi32(3)));
    show!(_mm256_i32gather_epi32::<4>(ints.as_ptr(), _mm256_setr_epi32(8, 7, 0, 1, 2, 3, 4, 5)));
    show!(_mm256_mask_i64gather_pd::<8>(_mm256_set1_pd(-1.0), stored.as_ptr(), _mm256_setr_epi64x(3, 2, 1, 0), _mm256_setr_pd(-1.0, 1.0, -1.0, 1.0)));
    let mut words = [0i64; 4];
    _mm256_maskstore_epi64(words.as_mut_ptr(), _mm256_setr_epi64x(-1, 0, 0, -1), _mm256_set1_epi64x(0x1122_3344_5566_7788));
    show!(words, _mm256_maskload_epi32(ints.as_ptr(), mask), _mm256_movemask_epi8(i));
    show!(_mm256_hadds_epi16(i, i), _mm256_sign_epi16(i, _mm256_set1_epi16(-1)), _mm256_sll_epi16(i, _mm_set_epi64x(0, 2)));
    show!(_mm256_maddubs_epi16(i, i), _mm256_sad_epu8(i, a.into_epi()));
    show!(_mm_fmaddsub_ps(_mm256_castps256_ps128(a), _mm256_castps256_ps128(b), _mm_set1_ps(0.5)), _mm256_fmsubadd_pd(_mm256_set1_pd(1.5), _mm256_set1_pd(3.0), _mm256_set1_pd(0.1)));
    show!(_mm_fmadd_ss(_mm_set1_ps(1.1), _mm_set1_ps(2.3), _mm_set1_ps(-2.53)), _mm_fnmadd_sd(_mm_set1_pd(0.1), _mm_set1_pd(0.2), _mm_set1_pd(0.3)));
    show!(_mm_cvtph_ps(_mm_setr_epi16(0x3c00, 0x7c00, -1024, 0x0001, 0x7e01, 0, 0, 0)), _mm_cvtps_ph::<_MM_FROUND_TO_ZERO>(_mm_setr_ps(1.0 / 3.0, 65520.0, -1e-8, NAN)));
    show!(_mm256_cvtps_ph::<_MM_FROUND_TO_NEAREST_INT>(a));
}

trait IntoEpi {
    fn into_epi(self) -> __m256i;
}
impl IntoEpi for __m256 {
    fn into_epi(self) -> __m256i {
        unsafe { _mm256_castps_si256(self) }
    }
}

#[target_feature(enable = "bmi1,bmi2,adx")]
unsafe fn bits_and_carries() {
    show!(_bextr_u64(0xdead_beef_cafe_f00d, 12, 20), _bextr2_u32(0x1234_5678, 0x0808), _pdep_u64(0b1011, 0xf0f0), _pext_u64(0xdead_beef, 0xff00_ff00));
    show!(_bzhi_u32(0xffff_ffff, 7), _blsr_u64(0b1011_0000), _tzcnt_u32(0x100), _lzcnt_u64(1));
    let mut sum = 0u64;
    let carry = _addcarry_u64(1, u64::MAX, 0, &mut sum);
    let mut sum32 = 0u32;
    let carry32 = _addcarryx_u32(0, 0x8000_0000, 0x8000_0000, &mut sum32);
    let mut diff = 0u64;
    let borrow = _subborrow_u64(1, 5, 5, &mut diff);
    show!(carry, sum, carry32, sum32, borrow, diff);
    let mut hi = 0u64;
    show!(_mulx_u64(u64::MAX, 3, &mut hi), hi);
}

#[target_feature(enable = "aes,pclmulqdq,sha,gfni")]
unsafe fn crypto_128() {
    let k = _mm_setr_epi32(0x0f0e_0d0c, 0x0b0a_0908, 0x0706_0504, 0x0302_0100);
    let d = _mm_setr_epi32(0x3322_1100, 0x7766_5544, -0x4455_6678, -0x0011_2234);
    show!(_mm_aesenc_si128(d, k), _mm_aesdeclast_si128(d, k), _mm_aesimc_si128(k), _mm_aeskeygenassist_si128::<1>(k));
    show!(_mm_clmulepi64_si128::<0x11>(d, k), _mm_clmulepi64_si128::<0x00>(d, k));
    show!(_mm_sha1rnds4_epu32::<2>(d, k), _mm_sha256msg1_epu32(d, k), _mm_sha256rnds2_epu32(d, k, d));
    show!(_mm_gf2p8mul_epi8(d, k), _mm_gf2p8affine_epi64_epi8::<0x11>(d, k), _mm_gf2p8affineinv_epi64_epi8::<3>(d, k));
}

#[target_feature(enable = "avx2,vaes,vpclmulqdq,gfni")]
unsafe fn crypto_256() {
    let k = _mm256_setr_epi64x(1, 2, 3, 4);
    let d = _mm256_setr_epi64x(0x0123_4567, -1, 0x7777, i64::MIN);
    show!(_mm256_aesenc_epi128(d, k), _mm256_aesdeclast_epi128(d, k), _mm256_clmulepi64_epi128::<0x01>(d, k));
    show!(_mm256_gf2p8affineinv_epi64_epi8::<7>(d, k), _mm256_gf2p8mul_epi8(d, k));
}

#[target_feature(enable = "rdrand,rdseed")]
unsafe fn random() {
    let (mut a, mut b, mut c) = (0u16, 0u32, 0u64);
    println!("rdrand steps ok: {} {} {}", _rdrand16_step(&mut a), _rdrand32_step(&mut b), _rdrand64_step(&mut c));
    // RDSEED may run out of entropy for a moment; retry like a real caller would.
    let mut seeded = false;
    let mut s = 0u64;
    for _ in 0..100_000 {
        if _rdseed64_step(&mut s) == 1 {
            seeded = true;
            break;
        }
    }
    let mut s32 = 0u32;
    while _rdseed32_step(&mut s32) == 0 {}
    println!("rdseed ok: {seeded}");
}

unsafe fn time_and_state() {
    unsafe {
        let t0 = _rdtsc();
        let mut aux = 0u32;
        let t1 = __rdtscp(&mut aux);
        println!("tsc advances: {}", t1 >= t0);
        // FXSAVE writes the x87 control word at offset 0 (the default 0x037f).
        #[repr(align(16))]
        struct Area([u8; 512]);
        let mut area = Area([0; 512]);
        _fxsave64(area.0.as_mut_ptr());
        _fxrstor64(area.0.as_ptr());
        println!("fxsave fcw: {:04x}", u16::from_le_bytes([area.0[0], area.0[1]]));
    }
}

#[target_feature(enable = "xsave")]
unsafe fn xcr0() {
    println!("xcr0 x87|sse: {}", _xgetbv(0) & 3);
}

#[target_feature(enable = "avx512f")]
unsafe fn avx512f() {
    let a = _mm512_setr_ps(1.0, -2.0, 3.5, NAN, 5.0, 0.25, -7.0, 1e-40, 0.0, -0.0, 1e30, -1e30, 2.5, 3.5, 8.0, 100.0);
    let b = _mm512_set1_ps(2.0);
    let i = _mm512_setr_epi32(0, 1, -2, 3, -4, 5, 6, 7, 8, 9, 10, i32::MIN, 12, 13, 14, i32::MAX);
    show!(_mm512_cmp_ps_mask::<_CMP_LT_OQ>(a, b), _mm512_mask_cmp_ps_mask::<_CMP_NLE_UQ>(0x5aa5, a, b));
    show!(_mm512_cvtps_epi32(a), _mm512_cvt_roundps_epi32::<{ _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC }>(a));
    show!(_mm512_roundscale_ps::<0x13>(a), _mm512_scalef_ps(a, b), _mm512_getexp_ps(a));
    show!(_mm512_getmant_ps::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC>(a), _mm512_fixupimm_ps::<0>(a, b, i));
    show!(_mm512_permutexvar_epi32(i, i), _mm512_permutex2var_epi32(i, _mm512_set1_epi32(17), i));
    show!(_mm512_mask_compress_epi32(i, 0b1010_0000_1111_0001, i), _mm512_maskz_expand_epi64(0b1001_0110, i));
    show!(_mm512_rcp14_ps(a), _mm512_rsqrt14_ps(a), _mm512_sqrt_round_ps::<{ _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC }>(a));
    show!(_mm512_add_round_ps::<{ _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC }>(a, _mm512_set1_ps(1e-9)));
    show!(_mm512_cvtps_ph::<_MM_FROUND_TO_NEAREST_INT>(a), _mm512_cvtsepi32_epi16(i), _mm512_cvtpd_ps(_mm512_set1_pd(1.0 / 3.0)));
    show!(_mm512_max_ps(a, b), _mm512_min_ps(b, a), _mm512_ternarylogic_epi32::<0x96>(i, i, _mm512_set1_epi32(0x0f0f_0f0f)));
    show!(_mm512_mask_cmp_epu32_mask::<_MM_CMPINT_LT>(0xffff, i, _mm512_set1_epi32(9)), _mm512_cvtepu32_ps(i));
    show!(_mm_mask_getexp_ss(_mm_set1_ps(7.0), 0, _mm_set1_ps(8.0), _mm_set1_ps(64.0)));
    // Through pointers: expand-load, compress-store, gather, scatter.
    let src: [i32; 16] = core::array::from_fn(|k| 1000 + k as i32);
    show!(_mm512_mask_expandloadu_epi32(i, 0b0110_0000_0000_1011, src.as_ptr()));
    let mut packed = [0i32; 16];
    _mm512_mask_compressstoreu_epi32(packed.as_mut_ptr() as *mut _, 0b1000_0000_0100_0110, i);
    show!(packed);
    let floats: [f32; 16] = core::array::from_fn(|k| k as f32 * 0.5);
    show!(_mm512_i32gather_ps::<4>(_mm512_setr_epi32(15, 14, 13, 12, 11, 10, 9, 8, 0, 1, 2, 3, 4, 5, 6, 7), floats.as_ptr()));
    let mut scattered = [0i32; 32];
    _mm512_i32scatter_epi32::<4>(scattered.as_mut_ptr(), _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 31), i);
    show!(scattered);
}

#[target_feature(enable = "avx512bw,avx512dq,avx512vl,avx512cd")]
unsafe fn avx512_bw_dq_vl_cd() {
    let bytes = _mm512_set_epi64(0x0102_0304_0506_0708, -1, 0x7f80_7f80_0011_2233, 0, 42, -42, i64::MAX, 0x1357_9bdf_2468_ace0);
    let words = _mm512_set1_epi32(0x7fff_8001);
    show!(_mm512_dbsad_epu8::<0x1b>(bytes, words), _mm512_packs_epi32(bytes, words), _mm512_permutexvar_epi16(bytes, words));
    show!(_mm512_sad_epu8(bytes, words), _mm512_mulhrs_epi16(bytes, words), _mm512_maddubs_epi16(bytes, words));
    show!(_mm512_sllv_epi16(bytes, words), _mm512_mask_cmp_epi8_mask::<_MM_CMPINT_NLE>(u64::MAX - 5, bytes, words));
    let a = _mm512_setr_ps(1.0, NAN, f32::INFINITY, -0.0, 0.0, 1e-40, -5.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, -9.0, 10.0);
    show!(_mm512_fpclass_ps_mask::<0x18>(a), _mm512_range_ps::<5>(a, _mm512_set1_ps(2.0)), _mm512_reduce_ps::<0x10>(a));
    show!(_mm512_cvtps_epi64(_mm512_castps512_ps256(a)), _mm_fpclass_sd_mask::<0x81>(_mm_set_sd(-0.0)));
    // AVX-512VL: four- and two-lane masks are the low bits of an 8-bit mask.
    let x = _mm_setr_ps(1.0, 5.0, NAN, -1.0);
    show!(_mm_mask_cmp_ps_mask::<_CMP_LT_OQ>(0b1011, x, _mm_set1_ps(2.0)), _mm_cmp_ps_mask::<_CMP_UNORD_Q>(x, x));
    show!(_mm256_mask_cmp_pd_mask::<_CMP_GE_OS>(0xff, _mm256_setr_pd(1.0, 2.0, 3.0, 4.0), _mm256_set1_pd(2.5)));
    show!(_mm_fpclass_pd_mask::<0x22>(_mm_setr_pd(0.0, -1.0)), _mm256_permutexvar_ps(_mm256_setr_epi32(7, 0, 6, 1, 5, 2, 4, 3), _mm512_castps512_ps256(a)));
    show!(_mm_mask_compress_epi32(_mm_set1_epi32(-1), 0b1010, _mm_setr_epi32(1, 2, 3, 4)), _mm256_rcp14_pd(_mm256_set1_pd(3.0)), _mm_cvtepi32_epi8(_mm_setr_epi32(0x101, -1, 300, 7)));
    show!(_mm512_conflict_epi32(_mm512_setr_epi32(1, 2, 1, 3, 2, 1, 0, 0, 5, 5, 5, 5, 9, 1, 2, 3)), _mm256_conflict_epi64(_mm256_setr_epi64x(4, 4, 5, 4)), _mm512_lzcnt_epi32(words));
}

#[target_feature(enable = "avx512ifma,avx512vbmi,avx512vbmi2,avx512vnni,avx512bitalg,avx512vpopcntdq,avx512vl")]
unsafe fn avx512_extensions() {
    let a = _mm512_set_epi64(0x000f_ffff_ffff_ffff, 3, -1, 0x1234_5678_9abc, 7, 0x8000_0000, 2, 1);
    let b = _mm512_set1_epi64(0x0102_0304_0506_0708);
    show!(_mm512_madd52lo_epu64(a, a, b), _mm256_madd52hi_epu64(_mm512_castsi512_si256(a), _mm512_castsi512_si256(b), _mm512_castsi512_si256(a)));
    show!(_mm512_permutexvar_epi8(b, a), _mm512_multishift_epi64_epi8(b, a), _mm512_permutex2var_epi8(a, b, a));
    show!(_mm512_shldv_epi32(a, b, a), _mm512_shrdi_epi64::<5>(a, b), _mm512_mask_compress_epi8(a, 0x0f0f_0000_ffff_0101, b), _mm512_maskz_expand_epi16(0x5555_0001, a));
    let mut out = [0i16; 32];
    _mm512_mask_compressstoreu_epi16(out.as_mut_ptr() as *mut _, 0x8000_0011, a);
    show!(out);
    show!(_mm512_dpbusd_epi32(a, b, a), _mm256_dpwssds_epi32(_mm512_castsi512_si256(a), _mm512_castsi512_si256(b), _mm512_castsi512_si256(a)));
    show!(_mm512_bitshuffle_epi64_mask(a, b), _mm_bitshuffle_epi64_mask(_mm512_castsi512_si128(a), _mm512_castsi512_si128(b)), _mm512_popcnt_epi16(a), _mm512_popcnt_epi64(a));
}

#[target_feature(enable = "avx512bf16,avx512vl")]
unsafe fn avx512_bf16() {
    let a = _mm512_setr_ps(1.0, -2.0, 3.140625, NAN, 1e38, 1e-39, 0.1, -0.0, 65536.5, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0);
    let b = _mm512_set1_ps(0.333);
    let pairs = _mm512_cvtne2ps_pbh(a, b);
    show!(pairs, _mm512_dpbf16_ps(b, pairs, pairs), _mm512_cvtneps_pbh(a));
    show!(_mm_cvtneps_pbh(_mm512_castps512_ps128(a)), _mm_mask_cvtneps_pbh(_mm_set1_epi16(0x1234).into_bh(), 0b0101, _mm512_castps512_ps128(a)));
    show!(_mm256_cvtneps_pbh(_mm512_castps512_ps256(a)));
}

trait IntoBh {
    fn into_bh(self) -> __m128bh;
}
impl IntoBh for __m128i {
    fn into_bh(self) -> __m128bh {
        unsafe { std::mem::transmute(self) }
    }
}

#[target_feature(enable = "avx512fp16,avx512vl")]
unsafe fn avx512_fp16() {
    let h = _mm_setr_ph(1.0, -2.0, 0.5, f16::NAN, 65504.0, 0.0, -0.0, 3.0);
    show!(_mm_fpclass_ph_mask::<0x18>(h), _mm_cmp_ph_mask::<_CMP_LT_OQ>(h, _mm_set1_ph(1.0)), _mm_rcp_ph(h));
    show!(_mm512_cvtepi16_ph(_mm512_set1_epi16(-300)), _mm_getexp_ph(h), _mm_cvtsh_ss(_mm_set1_ps(2.0), h));
}

#[target_feature(enable = "avx512vp2intersect,avx512f")]
unsafe fn avx512_vp2intersect() {
    let (mut k1, mut k2) = (0u16, 0u16);
    _mm512_2intersect_epi32(_mm512_setr_epi32(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), _mm512_set1_epi32(3), &mut k1, &mut k2);
    show!(k1, k2);
}

#[target_feature(enable = "sha512,sm3,sm4,avx2")]
unsafe fn sha512_sm() {
    let a = _mm256_setr_epi64x(1, 2, 3, 4);
    show!(_mm256_sha512msg2_epi64(a, a), _mm_sm3msg1_epi32(_mm256_castsi256_si128(a), _mm256_castsi256_si128(a), _mm256_castsi256_si128(a)), _mm_sm4key4_epi32(_mm256_castsi256_si128(a), _mm256_castsi256_si128(a)));
}

fn main() {
    unsafe {
        sse_sse2();
        sse3_to_sse42();
        bits_and_carries();
        time_and_state();
        xcr0();
        if has!("avx2") && has!("fma") && has!("f16c") { avx_avx2_fma() } else { skipped("avx2") }
        if has!("aes") && has!("pclmulqdq") && has!("sha") && has!("gfni") { crypto_128() } else { skipped("aes/sha/gfni") }
        if has!("vaes") && has!("vpclmulqdq") && has!("avx2") && has!("gfni") { crypto_256() } else { skipped("vaes") }
        if has!("rdrand") && has!("rdseed") { random() } else { skipped("rdrand") }
        if has!("avx512f") { avx512f() } else { skipped("avx512f") }
        if has!("avx512bw") && has!("avx512dq") && has!("avx512vl") && has!("avx512cd") { avx512_bw_dq_vl_cd() } else { skipped("avx512bw") }
        if has!("avx512ifma") && has!("avx512vbmi") && has!("avx512vbmi2") && has!("avx512vnni") && has!("avx512bitalg") && has!("avx512vpopcntdq") && has!("avx512vl") {
            avx512_extensions()
        } else {
            skipped("avx512 extensions")
        }
        if has!("avx512bf16") && has!("avx512vl") { avx512_bf16() } else { skipped("avx512bf16") }
        if has!("avx512fp16") && has!("avx512vl") { avx512_fp16() } else { skipped("avx512fp16") }
        if has!("avx512vp2intersect") { avx512_vp2intersect() } else { skipped("avx512vp2intersect") }
        if has!("sha512") && has!("sm3") && has!("sm4") { sha512_sm() } else { skipped("sha512/sm3/sm4") }
    }
}
