// `asm!` operands in AVX-512 registers: `zmm_reg` (512-bit vectors in and out) and `kreg`
// (mask registers, 8- to 64-bit masks), as stdarch's `_mm512_stream_ps` and
// `_mm_mask_load_ss` use them. Runs only where the CPU has AVX-512 (F, BW); both builds print
// the same line otherwise.
use std::arch::asm;
use std::arch::x86_64::*;

#[target_feature(enable = "avx512f,avx512bw")]
unsafe fn zmm_and_masks() {
    let a: [u32; 16] = std::array::from_fn(|i| i as u32 * 3 + 1);
    let b: [u32; 16] = std::array::from_fn(|i| 100 - i as u32);
    let va: __m512i = unsafe { std::mem::transmute(a) };
    let vb: __m512i = unsafe { std::mem::transmute(b) };
    let sum: __m512i;
    unsafe { asm!("vpaddd {0}, {1}, {2}", out(zmm_reg) sum, in(zmm_reg) va, in(zmm_reg) vb) };
    let sum: [u32; 16] = unsafe { std::mem::transmute(sum) };
    println!("zmm add: {sum:?}");

    // A 16-bit mask in, a masked move, the mask doubled out again.
    let mask: u16 = 0b1010_0000_1111_0001;
    let picked: __m512i;
    let doubled: u16;
    unsafe {
        asm!(
            "vpxord {dst}, {dst}, {dst}",
            "vmovdqa32 {dst} {{{k}}}, {src}",
            "kaddw {k2}, {k}, {k}",
            dst = out(zmm_reg) picked,
            src = in(zmm_reg) va,
            k = in(kreg) mask,
            k2 = out(kreg) doubled,
        )
    };
    let picked: [u32; 16] = unsafe { std::mem::transmute(picked) };
    println!("masked move: {picked:?}, mask doubled: {doubled:#x}");

    // 8-bit and 64-bit masks round trip through mask registers.
    let m8: u8 = 0b1001_0110;
    let m64: u64 = 0x8000_0001_dead_beef;
    let (n8, n64): (u8, u64);
    unsafe {
        asm!(
            "knotw {o8}, {i8}",
            "knotq {o64}, {i64}",
            i8 = in(kreg) m8,
            o8 = out(kreg) n8,
            i64 = in(kreg) m64,
            o64 = out(kreg) n64,
        )
    };
    println!("not: {n8:#x} {n64:#x}");

    // A vector in a zmm register, stored non-temporally as stdarch does.
    #[repr(align(64))]
    struct Line([f32; 16]);
    let mut line = Line([0.0; 16]);
    let v = _mm512_set1_ps(2.5);
    unsafe { asm!("vmovntps [{p}], {v}", p = in(reg) line.0.as_mut_ptr(), v = in(zmm_reg) v) };
    _mm_sfence();
    println!("stream: {:?}", line.0);
}

fn main() {
    if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512bw") {
        unsafe { zmm_and_masks() };
    } else {
        println!("skipped: the CPU lacks AVX-512");
    }
}
