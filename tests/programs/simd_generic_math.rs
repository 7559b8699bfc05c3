// Portable SIMD float math (simd_fsqrt/fabs/ceil/floor/trunc/round/round_ties_even,
// simd_fsin/fcos/fexp/fexp2/flog/flog2/flog10, simd_fma, simd_relaxed_fma and
// simd_minimum/maximum_number_nsz) on f32, f64 and f16 lanes, with NaN payloads (quiet and
// signaling), signed zeros, infinities and subnormals; operands where fusing the multiply-add
// changes the result; printed as hex bits.
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

fn unary<T: Lane, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    unsafe {
        show(tag, "sqrt", simd_fsqrt(a));
        show(tag, "fabs", simd_fabs(a));
        show(tag, "ceil", simd_ceil(a));
        show(tag, "floor", simd_floor(a));
        show(tag, "trunc", simd_trunc(a));
        show(tag, "round", simd_round(a));
        show(tag, "round_ties_even", simd_round_ties_even(a));
        show(tag, "sin", simd_fsin(a));
        show(tag, "cos", simd_fcos(a));
        show(tag, "exp", simd_fexp(a));
        show(tag, "exp2", simd_fexp2(a));
        show(tag, "log", simd_flog(a));
        show(tag, "log2", simd_flog2(a));
        show(tag, "log10", simd_flog10(a));
    }
}

fn ternary<T: Lane, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    let b: V<T, N> = sample_vec(seed + 7);
    let c: V<T, N> = sample_vec(seed + 13);
    unsafe {
        show(tag, "fma", simd_fma(a, b, c));
        show(tag, "relaxed_fma", simd_relaxed_fma(a, b, c));
        show(tag, "min_number", simd_minimum_number_nsz(a, b));
        show(tag, "max_number", simd_maximum_number_nsz(a, b));
        show(tag, "min_number_ba", simd_minimum_number_nsz(b, a));
        show(tag, "max_number_ba", simd_maximum_number_nsz(b, a));
    }
}

// Operands where one rounding or two give different results, and the NaN/zero pairs of
// minimumNumber/maximumNumber.
fn special() {
    let e = f32::EPSILON;
    let a = vec([1.0 + e, 0.1, 3.0, 1e30, 1.0 + e, -0.0, f32::MAX, 1e-30]);
    let b = vec([1.0 - e, 0.3, 1.0 / 3.0, 1e30, 1.0 + e, 0.0, 2.0, 1e-30]);
    let c = vec([-1.0, -0.03, -1.0, f32::NEG_INFINITY, -1.0, -0.0, f32::MIN, 0.0]);
    unsafe {
        show("f32x8", "fma", simd_fma(a, b, c));
        show("f32x8", "relaxed_fma", simd_relaxed_fma(a, b, c));
    }
    let e = f64::EPSILON;
    let a = vec([1.0 + e, 0.1, 3.0, 1e300]);
    let b = vec([1.0 - e, 0.3, 1.0 / 3.0, 1e300]);
    let c = vec([-1.0, -0.03, -1.0, f64::NEG_INFINITY]);
    unsafe {
        show("f64x4", "fma", simd_fma(a, b, c));
        show("f64x4", "relaxed_fma", simd_relaxed_fma(a, b, c));
    }
    let h = |x: u16| f16::from_bits(x);
    let a = vec([h(0x3c01), h(0x2e66), h(0x4200), h(0x7bff), h(0x3c01), h(0x3555), h(0x5640), h(0x0001)]);
    let b = vec([h(0x3bff), h(0x34cd), h(0x3555), h(0x4000), h(0x3c01), h(0x3555), h(0x5640), h(0x3c00)]);
    let c = vec([h(0xbc00), h(0xa7ae), h(0xbc00), h(0xfbff), h(0xbc00), h(0xb0e4), h(0xe400), h(0x8001)]);
    unsafe {
        show("f16x8", "fma", simd_fma(a, b, c));
        show("f16x8", "relaxed_fma", simd_relaxed_fma(a, b, c));
    }
    let n = |x: u32| f32::from_bits(x);
    let x = vec([0.0, -0.0, 0.0, -0.0, n(0x7fc0_0001), 1.0, n(0x7fc0_0001), n(0x7f80_0003)]);
    let y = vec([-0.0, 0.0, 0.0, -0.0, 2.0, n(0xffc0_0002), n(0xffc0_0002), 3.0]);
    let z =
        vec([n(0x7f80_0003), n(0xffc0_0002), n(0x7f80_0003), f32::INFINITY, 1e-45, -1e-45, -1.0, f32::MIN]);
    let w = vec([n(0x7fc0_0001), n(0x7f80_0003), 5.0, f32::NEG_INFINITY, -1e-45, 1e-45, 1.0, f32::MAX]);
    unsafe {
        for (p, q) in [(x, y), (y, x), (z, w), (w, z), (x, z), (w, y)] {
            show("f32x8", "min_number", simd_minimum_number_nsz(p, q));
            show("f32x8", "max_number", simd_maximum_number_nsz(p, q));
        }
    }
    let d = |x: u64| f64::from_bits(x);
    let x = vec([0.0, -0.0, d(0x7ff8_0000_0000_0001), d(0x7ff0_0000_0000_0003), 1.0, -0.0]);
    let y = vec([-0.0, 0.0, d(0xfff8_0000_0000_0002), 2.0, d(0x7ff0_0000_0000_0003), -0.0]);
    unsafe {
        for (p, q) in [(x, y), (y, x)] {
            show("f64x6", "min_number", simd_minimum_number_nsz(p, q));
            show("f64x6", "max_number", simd_maximum_number_nsz(p, q));
        }
    }
    let x = vec([h(0), h(0x8000), h(0x7e01), h(0x7c01), h(0x7c01), h(0x3c00), h(0xfc02), h(0x7bff)]);
    let y = vec([h(0x8000), h(0), h(0x7c02), h(0x7e02), h(0x4000), h(0x7c01), h(0xfe03), h(0xfbff)]);
    unsafe {
        for (p, q) in [(x, y), (y, x)] {
            show("f16x8", "min_number", simd_minimum_number_nsz(p, q));
            show("f16x8", "max_number", simd_maximum_number_nsz(p, q));
        }
    }
}

fn main() {
    for seed in [0, 5, 12, 21] {
        unary::<f32, 4>("f32x4", seed);
        unary::<f32, 16>("f32x16", seed);
        unary::<f64, 2>("f64x2", seed);
        unary::<f64, 8>("f64x8", seed);
        unary::<f16, 8>("f16x8", seed);
    }
    for seed in [0, 1, 6, 19, 33, 40] {
        ternary::<f32, 4>("f32x4", seed);
        ternary::<f32, 8>("f32x8", seed);
        ternary::<f32, 5>("f32x5", seed);
        ternary::<f64, 2>("f64x2", seed);
        ternary::<f64, 8>("f64x8", seed);
        ternary::<f16, 4>("f16x4", seed);
        ternary::<f16, 16>("f16x16", seed);
    }
    special();
}
