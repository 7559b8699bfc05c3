// Portable SIMD reductions: integer add/mul (ordered with an accumulator and unordered),
// and/or/xor, signed and unsigned min/max, simd_reduce_all/any; float add/mul ordered and
// unordered on power-of-two and other lane counts, with values whose sum depends on the order
// and NaN payloads that show which lanes are combined first.
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

fn int_reductions<T: Lane, const N: usize>(tag: &str, seed: usize, acc: T) {
    let a: V<T, N> = sample_vec(seed);
    // Small odd lanes keep the products from collapsing to zero.
    let odd: V<T, N> = vec(std::array::from_fn(|i| T::sample([1, 2, 4, 6][(seed + i) % 4])));
    unsafe {
        show1(tag, "add_ordered", simd_reduce_add_ordered::<_, T>(a, acc));
        show1(tag, "add_unordered", simd_reduce_add_unordered::<_, T>(a));
        show1(tag, "mul_ordered", simd_reduce_mul_ordered::<_, T>(a, acc));
        show1(tag, "mul_unordered", simd_reduce_mul_unordered::<_, T>(a));
        show1(tag, "mul_ordered_odd", simd_reduce_mul_ordered::<_, T>(odd, acc));
        show1(tag, "mul_unordered_odd", simd_reduce_mul_unordered::<_, T>(odd));
        show1(tag, "and", simd_reduce_and::<_, T>(a));
        show1(tag, "or", simd_reduce_or::<_, T>(a));
        show1(tag, "xor", simd_reduce_xor::<_, T>(a));
        show1(tag, "min", simd_reduce_min::<_, T>(a));
        show1(tag, "max", simd_reduce_max::<_, T>(a));
    }
}

fn masks<M: Lane, const N: usize>(tag: &str, ones: M, zero: M) {
    for kind in 0..6 {
        let m: V<M, N> = vec(std::array::from_fn(|i| match kind {
            0 => ones,
            1 => zero,
            2 => {
                if i == N - 1 {
                    zero
                } else {
                    ones
                }
            }
            3 => {
                if i == N / 2 {
                    ones
                } else {
                    zero
                }
            }
            4 => {
                if i == 0 {
                    zero
                } else {
                    ones
                }
            }
            _ => {
                if i % 2 == 1 {
                    ones
                } else {
                    zero
                }
            }
        }));
        unsafe {
            println!("{tag} mask {kind}: all {} any {}", simd_reduce_all(m), simd_reduce_any(m));
        }
    }
}

fn float_reductions<T: Lane, const N: usize>(tag: &str, seed: usize, acc: T) {
    let a: V<T, N> = sample_vec(seed);
    unsafe {
        show1(tag, "fadd_ordered", simd_reduce_add_ordered::<_, T>(a, acc));
        show1(tag, "fadd_unordered", simd_reduce_add_unordered::<_, T>(a));
        show1(tag, "fmul_ordered", simd_reduce_mul_ordered::<_, T>(a, acc));
        show1(tag, "fmul_unordered", simd_reduce_mul_unordered::<_, T>(a));
    }
}

// Values whose sum depends on the order, and NaNs with distinct payloads in two lanes: which
// payload survives shows the order the lanes are combined in.
fn float_order<const N: usize>(tag: &str) {
    let big = vec(std::array::from_fn::<f32, N, _>(|i| match i % 4 {
        0 => 1e8,
        1 => 1.0,
        2 => -1e8,
        _ => 0.75,
    }));
    let tiny = vec(std::array::from_fn::<f32, N, _>(|i| 1.0 + (i as f32) * f32::EPSILON * 0.75));
    unsafe {
        show1(tag, "order_add", simd_reduce_add_unordered::<_, f32>(big));
        show1(tag, "order_add_ordered", simd_reduce_add_ordered::<_, f32>(big, -0.0));
        show1(tag, "order_mul", simd_reduce_mul_unordered::<_, f32>(tiny));
        show1(tag, "order_mul_ordered", simd_reduce_mul_ordered::<_, f32>(tiny, 1.0));
    }
    let mut winners = String::new();
    for i in 0..N {
        for j in 0..N {
            if i == j {
                continue;
            }
            let v = vec(std::array::from_fn::<f32, N, _>(|k| {
                if k == i {
                    f32::from_bits(0x7fc0_0000 | (i as u32 + 1))
                } else if k == j {
                    f32::from_bits(0x7f80_0000 | ((j as u32 + 1) << 8))
                } else {
                    1.5
                }
            }));
            let add: f32 = unsafe { simd_reduce_add_unordered(v) };
            let mul: f32 = unsafe { simd_reduce_mul_unordered(v) };
            winners += &format!(" {:x}/{:x}", add.to_bits() & 0x3f_ffff, mul.to_bits() & 0x3f_ffff);
        }
    }
    println!("{tag} nan winners:{winners}");
    let zeros = vec([-0.0f32; N]);
    unsafe {
        show1(tag, "neg_zeros", simd_reduce_add_unordered::<_, f32>(zeros));
        show1(tag, "neg_zeros_ordered", simd_reduce_add_ordered::<_, f32>(zeros, 0.0));
    }
}

fn main() {
    for seed in [0, 2, 5, 9] {
        int_reductions::<i8, 16>("i8x16", seed, 3);
        int_reductions::<u8, 64>("u8x64", seed, 250);
        int_reductions::<i16, 8>("i16x8", seed, -7);
        int_reductions::<u16, 32>("u16x32", seed, 9);
        int_reductions::<i32, 4>("i32x4", seed, i32::MAX);
        int_reductions::<i32, 3>("i32x3", seed, 1);
        int_reductions::<u32, 8>("u32x8", seed, 5);
        int_reductions::<i64, 2>("i64x2", seed, i64::MIN);
        int_reductions::<u64, 8>("u64x8", seed, 2);
        int_reductions::<isize, 4>("isizex4", seed, -1);
    }
    masks::<i8, 16>("i8x16", -1, 0);
    masks::<i16, 8>("i16x8", -1, 0);
    masks::<u32, 4>("u32x4", u32::MAX, 0);
    masks::<i64, 8>("i64x8", -1, 0);
    masks::<i8, 64>("i8x64", -1, 0);
    masks::<i32, 3>("i32x3", -1, 0);
    for seed in [0, 1, 4, 8, 15, 22] {
        float_reductions::<f32, 4>("f32x4", seed, -0.0);
        float_reductions::<f32, 2>("f32x2", seed, 0.5);
        float_reductions::<f32, 8>("f32x8", seed, 1.0);
        float_reductions::<f32, 16>("f32x16", seed, f32::from_bits(0x7fc0_0077));
        float_reductions::<f32, 3>("f32x3", seed, 2.0);
        float_reductions::<f32, 6>("f32x6", seed, 0.0);
        float_reductions::<f64, 2>("f64x2", seed, -0.0);
        float_reductions::<f64, 8>("f64x8", seed, 3.0);
        float_reductions::<f64, 3>("f64x3", seed, 1.0);
        float_reductions::<f64, 5>("f64x5", seed, 1.0);
        let a: V<f16, 8> = sample_vec(seed);
        unsafe {
            show1("f16x8", "fadd_ordered", simd_reduce_add_ordered::<_, f16>(a, f16::from_bits(0x3c00)));
            show1("f16x8", "fmul_ordered", simd_reduce_mul_ordered::<_, f16>(a, f16::from_bits(0x3c00)));
        }
    }
    float_order::<2>("f32x2");
    float_order::<3>("f32x3");
    float_order::<4>("f32x4");
    float_order::<5>("f32x5");
    float_order::<7>("f32x7");
    float_order::<8>("f32x8");
    float_order::<12>("f32x12");
    float_order::<16>("f32x16");
}
