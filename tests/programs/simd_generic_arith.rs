// Portable SIMD lane-wise operators (simd_add/sub/mul/div/rem/and/or/xor/shl/shr/neg,
// simd_saturating_add/sub) on every integer width, signed and unsigned, pointer-sized lanes, and
// f32/f64/f16 lanes with NaN payloads, signed zeros, infinities and subnormals; 2 to 64 lanes
// (64- to 512-bit vectors and non-power-of-two counts). Lanes are printed as hex bits.
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

// Divisors that are neither zero nor -1 (integer division by those is undefined behaviour).
trait Int: Lane {
    fn divisor(self) -> Self;
    fn amount(self) -> Self;
}
macro_rules! int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            fn divisor(self) -> Self {
                if self == 0 || self == (0 as $t).wrapping_sub(1) { 3 } else { self }
            }
            fn amount(self) -> Self {
                self & (<$t>::BITS - 1) as $t
            }
        }
    )*};
}
int!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

fn int_ops<T: Int, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    let b: V<T, N> = sample_vec(seed + 7);
    let d = map(b, T::divisor);
    let s = map(sample_vec::<T, N>(seed + 1), T::amount);
    unsafe {
        show(tag, "add", simd_add(a, b));
        show(tag, "sub", simd_sub(a, b));
        show(tag, "mul", simd_mul(a, b));
        show(tag, "div", simd_div(a, d));
        show(tag, "rem", simd_rem(a, d));
        show(tag, "and", simd_and(a, b));
        show(tag, "or", simd_or(a, b));
        show(tag, "xor", simd_xor(a, b));
        show(tag, "shl", simd_shl(a, s));
        show(tag, "shr", simd_shr(a, s));
        show(tag, "sat_add", simd_saturating_add(a, b));
        show(tag, "sat_sub", simd_saturating_sub(a, b));
    }
}

fn neg_ops<T: Int, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    unsafe { show(tag, "neg", simd_neg(a)) }
}

fn float_ops<T: Lane, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    let b: V<T, N> = sample_vec(seed + 5);
    unsafe {
        show(tag, "fadd", simd_add(a, b));
        show(tag, "fsub", simd_sub(a, b));
        show(tag, "fmul", simd_mul(a, b));
        show(tag, "fdiv", simd_div(a, b));
        show(tag, "frem", simd_rem(a, b));
        show(tag, "fneg", simd_neg(a));
    }
}

fn main() {
    for seed in [0, 4, 9] {
        int_ops::<i8, 16>("i8x16", seed);
        int_ops::<i8, 64>("i8x64", seed);
        int_ops::<u8, 8>("u8x8", seed);
        int_ops::<u8, 32>("u8x32", seed);
        int_ops::<i16, 8>("i16x8", seed);
        int_ops::<u16, 32>("u16x32", seed);
        int_ops::<i32, 4>("i32x4", seed);
        int_ops::<i32, 3>("i32x3", seed);
        int_ops::<u32, 16>("u32x16", seed);
        int_ops::<i64, 2>("i64x2", seed);
        int_ops::<i64, 8>("i64x8", seed);
        int_ops::<u64, 4>("u64x4", seed);
        int_ops::<isize, 2>("isizex2", seed);
        int_ops::<usize, 4>("usizex4", seed);
        neg_ops::<i8, 32>("i8x32", seed);
        neg_ops::<i16, 4>("i16x4", seed);
        neg_ops::<i32, 8>("i32x8", seed);
        neg_ops::<i64, 8>("i64x8", seed);
    }
    for seed in [0, 2, 11, 17, 23] {
        float_ops::<f32, 4>("f32x4", seed);
        float_ops::<f32, 2>("f32x2", seed);
        float_ops::<f32, 16>("f32x16", seed);
        float_ops::<f32, 3>("f32x3", seed);
        float_ops::<f64, 2>("f64x2", seed);
        float_ops::<f64, 8>("f64x8", seed);
        float_ops::<f16, 8>("f16x8", seed);
        float_ops::<f16, 4>("f16x4", seed);
    }
}
