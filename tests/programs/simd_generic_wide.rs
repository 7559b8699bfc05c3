// Portable SIMD on 128-bit lanes (i128, u128, f128) and one-lane vectors.
#![feature(core_intrinsics, repr_simd, f16, f128)]
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

impl Lane for i128 {
    fn hex(self) -> String {
        format!("{:032x}", self as u128)
    }
    fn sample(i: usize) -> Self {
        match i % 7 {
            0 => 0,
            1 => 1,
            2 => i128::MAX,
            3 => i128::MIN,
            4 => -1,
            5 => 0x0123_4567_89ab_cdef_0011_2233_4455_6677,
            _ => ((mix(i) as i128) << 64) | mix(i + 1) as i128,
        }
    }
}
impl Lane for u128 {
    fn hex(self) -> String {
        format!("{:032x}", self)
    }
    fn sample(i: usize) -> Self {
        i128::sample(i) as u128
    }
}
impl Lane for f128 {
    fn hex(self) -> String {
        format!("{:032x}", self.to_bits())
    }
    fn sample(i: usize) -> Self {
        const E: [u128; 8] = [
            0,
            1 << 127,
            0x7fff << 112,
            0x7fff8 << 108,
            (0x7fff << 112) | 1,
            0x3fff << 112,
            0xc000 << 112,
            1,
        ];
        if i % 10 < 8 { f128::from_bits(E[i % 10]) } else { ((mix(i) % 1000) as f64 / 7.0) as f128 }
    }
}

fn main() {
    let a: V<i128, 2> = sample_vec(0);
    let b: V<i128, 2> = sample_vec(5);
    let s = map(sample_vec::<i128, 2>(1), |x| x & 127);
    unsafe {
        show("i128x2", "add", simd_add(a, b));
        show("i128x2", "mul", simd_mul(a, b));
        show("i128x2", "shl", simd_shl(a, s));
        show("i128x2", "shr", simd_shr(a, s));
        show("i128x2", "ctpop", simd_ctpop(a));
        show("i128x2", "ctlz", simd_ctlz(a));
        show("i128x2", "bswap", simd_bswap(a));
        show("i128x2", "bitreverse", simd_bitreverse(a));
        show("i128x2", "funnel_shl", simd_funnel_shl(a, b, s));
        show("i128x2", "sat_add", simd_saturating_add(a, b));
        let m: V<i128, 2> = simd_lt(a, b);
        show("i128x2", "lt", m);
        show1("i128x2", "reduce_min", simd_reduce_min::<_, i128>(a));
        show1("i128x2", "reduce_add", simd_reduce_add_unordered::<_, i128>(a));
        let u: V<u128, 4> = sample_vec(2);
        show1("u128x4", "reduce_max", simd_reduce_max::<_, u128>(u));
        show("u128x4", "as_f64", simd_cast::<_, V<f64, 4>>(u));
    }
    let x: V<f128, 4> = sample_vec(0);
    let y: V<f128, 4> = sample_vec(3);
    unsafe {
        show("f128x4", "add", simd_add(x, y));
        show("f128x4", "mul", simd_mul(x, y));
        show("f128x4", "neg", simd_neg(x));
        show("f128x4", "fabs", simd_fabs(x));
        show("f128x4", "sqrt", simd_fsqrt(x));
        show("f128x4", "floor", simd_floor(y));
        show("f128x4", "min_number", simd_minimum_number_nsz(x, y));
        show("f128x4", "max_number", simd_maximum_number_nsz(y, x));
        let m: V<i128, 4> = simd_le(x, y);
        show("f128x4", "le", m);
        show1("f128x4", "reduce_add_ordered", simd_reduce_add_ordered::<_, f128>(x, 1.0));
        show("f128x4", "as_f32", simd_cast::<_, V<f32, 4>>(y));
        show("f128x4", "as_i32", simd_as::<_, V<i32, 4>>(y));
    }
    // One lane.
    let o: V<f32, 1> = vec([3.5]);
    let p: V<f32, 1> = vec([-0.0]);
    unsafe {
        show1("f32x1", "fadd_unordered", simd_reduce_add_unordered::<_, f32>(p));
        show1("f32x1", "fmul_unordered", simd_reduce_mul_unordered::<_, f32>(o));
        show("f32x1", "sqrt", simd_fsqrt(p));
        let q: V<i32, 1> = vec([-5]);
        show1("i32x1", "reduce_max", simd_reduce_max::<_, i32>(q));
        let r: u8 = simd_bitmask(q);
        show1("i32x1", "bitmask", r);
    }
}
