// Compiled by `./y.sh test flags` with `-Ctarget-cpu=native`, once by fastclif and once by LLVM:
// both must print the same. The compile-time answers (`cfg!`) show the target features fastclif
// reported to rustc; the run-time ones (`is_x86_feature_detected!`) and the computations show
// that the code Cranelift emits for this CPU runs and agrees with LLVM's.

use std::hint::black_box;

macro_rules! features {
    ($($name:tt),* $(,)?) => {
        $(println!(
            "{:<16} cfg={:<5} detected={}",
            $name,
            cfg!(target_feature = $name),
            std::arch::is_x86_feature_detected!($name)
        );)*
    };
}

fn main() {
    features!(
        "sse", "sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "sse4a", "popcnt", "lzcnt", "bmi1",
        "bmi2", "avx", "avx2", "fma", "f16c", "aes", "pclmulqdq", "sha", "sha512", "vaes",
        "vpclmulqdq", "gfni", "adx", "rdrand", "rdseed", "movbe", "cmpxchg16b", "fxsr", "xsave",
        "xsavec", "xsaveopt", "xsaves", "avx512f", "avx512cd", "avx512dq", "avx512bw", "avx512vl",
        "avx512vbmi", "avx512vbmi2", "avx512vnni", "avx512bitalg", "avx512vpopcntdq",
        "avx512ifma", "avx512bf16", "avx512fp16", "avxvnni", "tbm",
    );

    // Operations Cranelift lowers differently when popcnt/lzcnt/bmi1/fma/sse4.1/avx are on.
    let mut x: u64 = black_box(0x0123_4567_89ab_cdef);
    let mut f: f64 = black_box(1.5);
    for i in 0..64u32 {
        let bits = x.count_ones() + x.leading_zeros() * 3 + x.trailing_zeros() * 7;
        let y = (x as u32).rotate_left(i) ^ (x >> 7) as u32;
        f = f.mul_add(black_box(0.75), (bits as f64).sqrt()).floor() + f32::from(y as u16).round() as f64;
        x = x.wrapping_mul(6364136223846793005).wrapping_add(bits as u64) & !(1u64 << (i % 63));
        if i % 16 == 0 {
            println!("step {i:2}: x={x:016x} bits={bits} y={y:08x} f={f}");
        }
    }
    let v: Vec<f32> = (0..37).map(|i| black_box(i as f32) * 0.5).collect();
    let dot: f32 = v.iter().zip(v.iter().rev()).map(|(a, b)| a.mul_add(*b, 0.25)).sum();
    println!("dot={dot} min={:?} max={:?}", v.iter().copied().reduce(f32::min), v.iter().copied().reduce(f32::max));

    #[cfg(target_feature = "avx2")]
    {
        use std::arch::x86_64::*;
        // SAFETY: this block is compiled only when the build targets AVX2.
        let sum = unsafe {
            let a = _mm256_set1_epi32(black_box(7));
            let b = _mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 8);
            let c = _mm256_mullo_epi32(_mm256_add_epi32(a, b), b);
            let mut out = [0i32; 8];
            _mm256_storeu_si256(out.as_mut_ptr().cast(), c);
            out
        };
        println!("avx2 lanes: {sum:?}");
    }
}
