// core::arch intrinsics without a Cranelift instruction (carry-less multiply, AES, SHA-256,
// CRC32, XGETBV), behind runtime feature detection as crates use them. The printed results
// are computed by the instructions themselves, so they must match LLVM's build exactly.
use std::arch::x86_64::*;
use std::hint::black_box;

#[target_feature(enable = "pclmulqdq")]
fn clmul(a: u64, b: u64) -> (u64, u64) {
    let x = _mm_set_epi64x(0, a as i64);
    let y = _mm_set_epi64x(0, b as i64);
    let r = _mm_clmulepi64_si128::<0x00>(x, y);
    let mut out = [0u64; 2];
    unsafe { _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, r) };
    (out[0], out[1])
}

#[target_feature(enable = "aes")]
fn aes_round(block: [u8; 16], key: [u8; 16]) -> [u8; 16] {
    unsafe {
        let b = _mm_loadu_si128(block.as_ptr() as *const __m128i);
        let k = _mm_loadu_si128(key.as_ptr() as *const __m128i);
        let r = _mm_aesenc_si128(b, k);
        let r = _mm_aesenclast_si128(r, k);
        let assist = _mm_aeskeygenassist_si128::<0x1b>(k);
        let r = _mm_xor_si128(r, assist);
        let mut out = [0u8; 16];
        _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, r);
        out
    }
}

#[target_feature(enable = "sse4.2")]
fn crc(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = _mm_crc32_u8(c, b);
    }
    c = _mm_crc32_u32(c, 0xdead_beef);
    (_mm_crc32_u64(c as u64, 0x0123_4567_89ab_cdef) as u32) ^ !0
}

#[target_feature(enable = "sha,sse2")]
fn sha_msg(a: [u32; 4], b: [u32; 4]) -> [u32; 4] {
    unsafe {
        let x = _mm_loadu_si128(a.as_ptr() as *const __m128i);
        let y = _mm_loadu_si128(b.as_ptr() as *const __m128i);
        let r = _mm_sha256msg1_epu32(x, y);
        let r = _mm_sha256rnds2_epu32(r, y, x);
        let mut out = [0u32; 4];
        _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, r);
        out
    }
}

fn main() {
    if is_x86_feature_detected!("pclmulqdq") {
        println!("clmul {:?}", unsafe { clmul(black_box(0x8765_4321_0fed_cba9), black_box(0xf00d_cafe)) });
    } else {
        println!("no pclmulqdq");
    }
    if is_x86_feature_detected!("aes") {
        println!("aes {:?}", unsafe { aes_round(black_box([7; 16]), black_box(*b"0123456789abcdef")) });
    } else {
        println!("no aes");
    }
    if is_x86_feature_detected!("sse4.2") {
        println!("crc {:#x}", unsafe { crc(black_box(b"fastclif checks crc32")) });
    } else {
        println!("no sse4.2");
    }
    if is_x86_feature_detected!("sha") {
        println!("sha {:?}", unsafe { sha_msg(black_box([1, 2, 3, 4]), black_box([5, 6, 7, 8])) });
    } else {
        println!("no sha");
    }
    if is_x86_feature_detected!("xsave") {
        let xcr0 = unsafe { _xgetbv(0) };
        println!("xcr0 has sse state: {}", xcr0 & 2 != 0);
    }
}
