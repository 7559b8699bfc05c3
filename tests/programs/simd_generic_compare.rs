// Portable SIMD comparisons (simd_eq/ne/lt/le/gt/ge into masks of any lane width, NaN and
// equal operands included), simd_select with every mask shape, and masks as bits: simd_bitmask
// into integers and byte arrays, simd_select_bitmask from both (bits past the lane count
// ignored).
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

// Masks: all lanes set, none, and mixed patterns.
fn mask<M: Copy + Lane, const N: usize>(kind: usize, ones: M, zero: M) -> V<M, N> {
    vec(std::array::from_fn(|i| {
        let set = match kind {
            0 => true,
            1 => false,
            2 => i % 2 == 0,
            3 => i % 3 == 1 || i == N - 1,
            _ => mix(i + kind) % 2 == 1,
        };
        if set { ones } else { zero }
    }))
}

fn compares<T: Lane, M: Lane, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    // Half the lanes equal to `a`'s so that every predicate sees equal operands too.
    let b: V<T, N> =
        vec(std::array::from_fn(|i| if i % 2 == 0 { arr(a)[i] } else { T::sample(seed + 5 + i) }));
    unsafe {
        let eq: V<M, N> = simd_eq(a, b);
        let ne: V<M, N> = simd_ne(a, b);
        let lt: V<M, N> = simd_lt(a, b);
        let le: V<M, N> = simd_le(a, b);
        let gt: V<M, N> = simd_gt(a, b);
        let ge: V<M, N> = simd_ge(a, b);
        show(tag, "eq", eq);
        show(tag, "ne", ne);
        show(tag, "lt", lt);
        show(tag, "le", le);
        show(tag, "gt", gt);
        show(tag, "ge", ge);
        show(tag, "select_lt", simd_select(lt, a, b));
        show(tag, "select_ne", simd_select(ne, b, a));
    }
}

fn selects<T: Lane, M: Lane, const N: usize>(tag: &str, ones: M, zero: M) {
    let a: V<T, N> = sample_vec(3);
    let b: V<T, N> = sample_vec(8);
    for kind in 0..5 {
        let m: V<M, N> = mask(kind, ones, zero);
        unsafe { show(tag, "select", simd_select(m, a, b)) }
    }
}

// The data lanes are as wide as the mask lanes: rustc's LLVM build at -O0 gets lanes 8 and up
// of `simd_select_bitmask` wrong for 10 or 12 `u8` lanes (it reads bit i % 8 of the first
// byte), so that shape is left out.
fn bitmasks<M: Lane, const N: usize, U: Lane, const K: usize>(tag: &str, ones: M, zero: M) {
    let a: V<M, N> = sample_vec(1);
    let b: V<M, N> = sample_vec(2);
    for kind in 0..5 {
        let m: V<M, N> = mask(kind, ones, zero);
        unsafe {
            let bits: U = simd_bitmask(m);
            let bytes: [u8; K] = simd_bitmask(m);
            show1(tag, "bitmask", bits);
            println!("{tag} bitmask bytes: {bytes:02x?}");
            show(tag, "select_bitmask", simd_select_bitmask(bits, a, b));
            show(tag, "select_bitmask_bytes", simd_select_bitmask(bytes, a, b));
        }
    }
}

fn main() {
    for seed in [0, 3, 10, 14] {
        compares::<i8, i8, 16>("i8x16", seed);
        compares::<u8, i8, 64>("u8x64", seed);
        compares::<i16, u16, 8>("i16x8", seed);
        compares::<u16, i16, 4>("u16x4", seed);
        compares::<i32, i32, 4>("i32x4", seed);
        compares::<u32, i32, 16>("u32x16", seed);
        compares::<i64, i64, 2>("i64x2", seed);
        compares::<u64, u64, 8>("u64x8", seed);
        compares::<isize, isize, 4>("isizex4", seed);
        compares::<f32, i32, 4>("f32x4", seed);
        compares::<f32, u32, 8>("f32x8", seed);
        compares::<f64, i64, 2>("f64x2", seed);
        compares::<f64, i64, 8>("f64x8", seed);
        compares::<f16, i16, 8>("f16x8", seed);
    }
    selects::<f32, i32, 4>("f32x4", -1, 0);
    selects::<f64, i8, 8>("f64x8", -1, 0);
    selects::<u8, u64, 32>("u8x32", u64::MAX, 0);
    selects::<i16, i16, 3>("i16x3", -1, 0);
    selects::<f16, u16, 4>("f16x4", u16::MAX, 0);
    selects::<u64, i32, 2>("u64x2", -1, 0);
    bitmasks::<i8, 4, u8, 1>("i8x4", -1, 0);
    bitmasks::<i32, 8, u8, 1>("i32x8", -1, 0);
    bitmasks::<u16, 3, u8, 1>("u16x3", u16::MAX, 0);
    bitmasks::<i8, 16, u16, 2>("i8x16", -1, 0);
    bitmasks::<i64, 16, u16, 2>("i64x16", -1, 0);
    bitmasks::<i16, 32, u32, 4>("i16x32", -1, 0);
    bitmasks::<i8, 64, u64, 8>("i8x64", -1, 0);
    bitmasks::<u32, 12, u16, 2>("u32x12", u32::MAX, 0);
    // The bits past the lane count are ignored.
    unsafe {
        let a: V<i32, 4> = sample_vec(0);
        let b: V<i32, 4> = sample_vec(4);
        for m in [0xf5u8, 0x0a, 0xff, 0x30] {
            show("i32x4", "select_bitmask_high", simd_select_bitmask(black_box(m), a, b));
        }
        let a: V<u16, 10> = sample_vec(0);
        let b: V<u16, 10> = sample_vec(4);
        for m in [[0xf5u8, 0xfe], [0x0a, 0x01], [0xff, 0x02]] {
            show("u16x10", "select_bitmask_bytes", simd_select_bitmask(black_box(m), a, b));
            show("u16x10", "select_bitmask_int", simd_select_bitmask(black_box(u16::from_le_bytes(m)), a, b));
        }
    }
}
