// Portable SIMD bit operations on integer lanes of every width: simd_ctpop/ctlz/cttz,
// simd_bswap/bitreverse, simd_funnel_shl/shr (shift amounts below, at and above the lane width)
// and simd_carryless_mul.
#![feature(core_intrinsics, repr_simd, f16)]
#![allow(internal_features, dead_code)]
use std::hint::black_box;
use std::intrinsics::simd::*;

// A portable vector of any lane type and count; lanes are read back through a pointer cast
// (projecting into a SIMD type is not allowed) and printed as hex bits.
#[repr(simd)]
#[derive(Copy)]
struct V<T, const N: usize>([T; N]);
impl<T: Copy, const N: usize> Clone for V<T, N> {
    fn clone(&self) -> Self {
        *self
    }
}

fn arr<T: Copy, const N: usize>(v: V<T, N>) -> [T; N] {
    unsafe { (&v as *const V<T, N> as *const [T; N]).read() }
}

fn vec<T: Copy, const N: usize>(a: [T; N]) -> V<T, N> {
    black_box(V(a))
}

fn map<T: Copy, U: Copy, const N: usize>(v: V<T, N>, f: impl FnMut(T) -> U) -> V<U, N> {
    vec(arr(v).map(f))
}

trait Lane: Copy {
    fn hex(self) -> String;
    fn sample(i: usize) -> Self;
}

fn mix(i: usize) -> u64 {
    (i as u64 ^ 0x2545_f491_4f6c_dd1d).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(23)
}

macro_rules! int_lane {
    ($($t:ty, $u:ty;)*) => {$(
        impl Lane for $t {
            fn hex(self) -> String {
                format!("{:0w$x}", self as $u, w = 2 * size_of::<$t>())
            }
            fn sample(i: usize) -> Self {
                match i % 11 {
                    0 => 0,
                    1 => 1,
                    2 => <$t>::MAX,
                    3 => <$t>::MIN,
                    4 => (0 as $t).wrapping_sub(1),
                    5 => <$t>::MAX.wrapping_sub(1),
                    6 => <$t>::MIN.wrapping_add(1),
                    7 => 0x5555_5555_5555_5555u64 as $t,
                    8 => 0x0f0f_0000_8001_00f0u64 as $t,
                    _ => mix(i) as $t,
                }
            }
        }
    )*};
}
int_lane!(i8, u8; i16, u16; i32, u32; i64, u64; u8, u8; u16, u16; u32, u32; u64, u64; isize, usize; usize, usize;);

macro_rules! float_lane {
    ($($t:ty, $bits:ty, [$($edge:expr),*];)*) => {$(
        impl Lane for $t {
            fn hex(self) -> String {
                format!("{:0w$x}", self.to_bits(), w = 2 * size_of::<$t>())
            }
            fn sample(i: usize) -> Self {
                const EDGES: &[$bits] = &[$($edge),*];
                const VALUES: &[f64] = &[1.0, -1.0, 0.5, 1.5, 2.5, -2.5, -0.5, 3.75, 1e10, -7.0, 0.1, 1.0 / 3.0, 100.0, -1e-3, 65504.0, 4.5];
                let k = i % (EDGES.len() + VALUES.len() + 4);
                if k < EDGES.len() {
                    <$t>::from_bits(EDGES[k])
                } else if k < EDGES.len() + VALUES.len() {
                    VALUES[k - EDGES.len()] as $t
                } else {
                    (((mix(i) % 20000) as f64 - 10000.0) / 64.0) as $t
                }
            }
        }
    )*};
}
float_lane!(
    f32, u32, [0, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc1_2345, 0x7f80_0001, 0xff81_2345,
        0x7fc0_0042, 1, 0x807f_ffff, 0x7f7f_ffff, 0x0080_0000, 0x4b00_0001];
    f64, u64, [0, 0x8000_0000_0000_0000, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000, 0x7ff8_0000_0000_0000,
        0xfff8_0000_0012_3456, 0x7ff0_0000_0000_0001, 0xfff0_0000_0012_3456, 0x7ff8_0000_0000_0042, 1,
        0x800f_ffff_ffff_ffff, 0x7fef_ffff_ffff_ffff, 0x0010_0000_0000_0000, 0x4330_0000_0000_0001];
    f16, u16, [0, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe45, 0x7c01, 0xfc45, 0x7e42, 1, 0x83ff, 0x7bff, 0x0400, 0x6401];
);

/// Lanes `seed`, `seed + 3`, ... of the sample sequence.
fn sample_vec<T: Lane, const N: usize>(seed: usize) -> V<T, N> {
    vec(std::array::from_fn(|i| T::sample(seed + 3 * i)))
}

fn show<T: Lane, const N: usize>(tag: &str, what: &str, v: V<T, N>) {
    let lanes: Vec<String> = arr(v).iter().map(|x| x.hex()).collect();
    println!("{tag} {what}: {}", lanes.join(" "));
}

fn show1<T: Lane>(tag: &str, what: &str, x: T) {
    println!("{tag} {what}: {}", x.hex());
}

trait Int: Lane {
    fn amount(self, extra: u32) -> Self;
}
macro_rules! int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            // Shift amounts 0..=BITS+1 and a few far above.
            fn amount(self, extra: u32) -> Self {
                let k = (self as u64 % (<$t>::BITS as u64 + 2)) as $t;
                if extra % 5 == 4 { k.wrapping_add((<$t>::BITS * 3) as $t) } else { k }
            }
        }
    )*};
}
int!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

fn bit_ops<T: Int, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    let b: V<T, N> = sample_vec(seed + 5);
    let mut i = 0;
    let s = map(sample_vec::<T, N>(seed + 2), |x| {
        i += 1;
        x.amount(i)
    });
    unsafe {
        show(tag, "ctpop", simd_ctpop(a));
        show(tag, "ctlz", simd_ctlz(a));
        show(tag, "cttz", simd_cttz(a));
        show(tag, "bswap", simd_bswap(a));
        show(tag, "bitreverse", simd_bitreverse(a));
        show(tag, "amounts", s);
        show(tag, "funnel_shl", simd_funnel_shl(a, b, s));
        show(tag, "funnel_shr", simd_funnel_shr(a, b, s));
        show(tag, "funnel_shl_rot", simd_funnel_shl(a, a, s));
        show(tag, "funnel_shr_rot", simd_funnel_shr(a, a, s));
        show(tag, "clmul", simd_carryless_mul(a, b));
        show(tag, "clmul_sq", simd_carryless_mul(a, a));
    }
}

fn main() {
    for seed in [0, 1, 7, 13] {
        bit_ops::<i8, 16>("i8x16", seed);
        bit_ops::<u8, 64>("u8x64", seed);
        bit_ops::<i16, 8>("i16x8", seed);
        bit_ops::<u16, 16>("u16x16", seed);
        bit_ops::<i32, 4>("i32x4", seed);
        bit_ops::<u32, 8>("u32x8", seed);
        bit_ops::<u32, 3>("u32x3", seed);
        bit_ops::<i64, 2>("i64x2", seed);
        bit_ops::<u64, 8>("u64x8", seed);
        bit_ops::<usize, 4>("usizex4", seed);
    }
}
