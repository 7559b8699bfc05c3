// Portable SIMD lane moves and conversions: simd_splat, simd_extract/insert (constant and
// dynamic index), simd_shuffle (constant indices, wider, narrower and odd results), simd_cast
// and simd_as between integers and floats of every width (float-to-int simd_cast only in
// range), and pointer lanes: simd_arith_offset, simd_cast_ptr, simd_expose_provenance,
// simd_with_exposed_provenance.
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

fn moves<T: Lane, const N: usize>(tag: &str, seed: usize) {
    let a: V<T, N> = sample_vec(seed);
    let b: V<T, N> = sample_vec(seed + 2);
    unsafe {
        show(tag, "splat", simd_splat::<V<T, N>, T>(T::sample(seed + 1)));
        show1(tag, "extract0", simd_extract::<_, T>(a, 0));
        show1(tag, "extract_last", simd_extract::<_, T>(a, const { N as u32 - 1 }));
        show(tag, "insert1", simd_insert(a, 1, T::sample(7)));
        for k in [0, 1, N as u32 / 2, N as u32 - 1] {
            let k = black_box(k);
            show1(tag, "extract_dyn", simd_extract_dyn::<_, T>(b, k));
            show(tag, "insert_dyn", simd_insert_dyn(b, k, T::sample(9)));
        }
    }
}

fn shuffles<T: Lane>(tag: &str, seed: usize) {
    let a: V<T, 4> = sample_vec(seed);
    let b: V<T, 4> = sample_vec(seed + 1);
    unsafe {
        let r: V<T, 4> = simd_shuffle(a, b, const { V::<u32, 4>([0, 5, 2, 7]) });
        show(tag, "shuffle_blend", r);
        let r: V<T, 4> = simd_shuffle(a, b, const { V::<u32, 4>([3, 2, 1, 0]) });
        show(tag, "shuffle_reverse", r);
        let r: V<T, 8> = simd_shuffle(a, b, const { V::<u32, 8>([7, 0, 6, 1, 5, 2, 4, 3]) });
        show(tag, "shuffle_widen", r);
        let r: V<T, 2> = simd_shuffle(a, b, const { V::<u32, 2>([6, 6]) });
        show(tag, "shuffle_narrow", r);
        let r: V<T, 3> = simd_shuffle(a, a, const { V::<u32, 3>([1, 4, 7]) });
        show(tag, "shuffle_odd", r);
    }
    let a: V<T, 16> = sample_vec(seed);
    let b: V<T, 16> = sample_vec(seed + 4);
    unsafe {
        const IDX: V<u32, 16> = V([31, 0, 17, 2, 19, 4, 21, 6, 8, 9, 10, 11, 28, 29, 30, 15]);
        let r: V<T, 16> = simd_shuffle(a, b, IDX);
        show(tag, "shuffle16", r);
    }
}

fn casts() {
    unsafe {
        let i: V<i32, 8> = sample_vec(0);
        show("i32x8", "as_i8", simd_cast::<_, V<i8, 8>>(i));
        show("i32x8", "as_u16", simd_cast::<_, V<u16, 8>>(i));
        show("i32x8", "as_i64", simd_cast::<_, V<i64, 8>>(i));
        show("i32x8", "as_u64", simd_as::<_, V<u64, 8>>(i));
        show("i32x8", "as_f32", simd_cast::<_, V<f32, 8>>(i));
        show("i32x8", "as_f64", simd_as::<_, V<f64, 8>>(i));
        show("i32x8", "as_f16", simd_cast::<_, V<f16, 8>>(i));
        let u: V<u64, 4> = sample_vec(1);
        show("u64x4", "as_f32", simd_cast::<_, V<f32, 4>>(u));
        show("u64x4", "as_f64", simd_cast::<_, V<f64, 4>>(u));
        show("u64x4", "as_i8", simd_cast::<_, V<i8, 4>>(u));
        show("u64x4", "as_u32", simd_cast::<_, V<u32, 4>>(u));
        let s: V<i8, 16> = sample_vec(2);
        show("i8x16", "as_u32", simd_cast::<_, V<u32, 16>>(s));
        show("i8x16", "as_f32", simd_cast::<_, V<f32, 16>>(s));
        let u: V<u8, 16> = sample_vec(2);
        show("u8x16", "as_i32", simd_cast::<_, V<i32, 16>>(u));
        show("u8x16", "as_f64", simd_as::<_, V<f64, 16>>(u));
        // Floats to integers: simd_as saturates (NaN → 0) on any input; simd_cast only gets
        // values that fit after truncation.
        let f: V<f32, 16> = sample_vec(0);
        show("f32x16", "as_i32", simd_as::<_, V<i32, 16>>(f));
        show("f32x16", "as_u8", simd_as::<_, V<u8, 16>>(f));
        show("f32x16", "as_i64", simd_as::<_, V<i64, 16>>(f));
        show("f32x16", "as_u64", simd_as::<_, V<u64, 16>>(f));
        show("f32x16", "as_f64", simd_cast::<_, V<f64, 16>>(f));
        show("f32x16", "as_f16", simd_cast::<_, V<f16, 16>>(f));
        let d: V<f64, 8> = sample_vec(3);
        show("f64x8", "as_i16", simd_as::<_, V<i16, 8>>(d));
        show("f64x8", "as_u32", simd_as::<_, V<u32, 8>>(d));
        show("f64x8", "as_f32", simd_cast::<_, V<f32, 8>>(d));
        show("f64x8", "as_f16", simd_as::<_, V<f16, 8>>(d));
        let h: V<f16, 8> = sample_vec(4);
        show("f16x8", "as_f32", simd_cast::<_, V<f32, 8>>(h));
        show("f16x8", "as_f64", simd_cast::<_, V<f64, 8>>(h));
        show("f16x8", "as_i32", simd_as::<_, V<i32, 8>>(h));
        show("f16x8", "as_u8", simd_as::<_, V<u8, 8>>(h));
        let inrange = vec([0.0f32, -0.0, 1.5, -1.5, 127.9, -128.9, 2147483520.0, -2147483648.0]);
        show("f32x8", "cast_i32", simd_cast::<_, V<i32, 8>>(inrange));
        show("f32x8", "cast_i64", simd_cast::<_, V<i64, 8>>(inrange));
        let small = vec([0.0f32, 0.9, 1.5, 2.5, 127.9, 255.9, 65535.5, 4294967040.0]);
        show("f32x8", "cast_u32", simd_cast::<_, V<u32, 8>>(small));
        show("f32x8", "cast_u64", simd_cast::<_, V<u64, 8>>(small));
        let bytes = vec([0.0f64, -0.0, 1.99, -1.99, 127.5, -128.5, 100.0, -0.5]);
        show("f64x8", "cast_i8", simd_cast::<_, V<i8, 8>>(bytes));
        show("f64x8", "cast_i16", simd_cast::<_, V<i16, 8>>(bytes));
        let ubytes = vec([0.0f64, 0.5, 1.99, 255.5, 127.5, 128.5, 100.0, 65535.9]);
        show("f64x8", "cast_u16", simd_cast::<_, V<u16, 8>>(ubytes));
        show("f64x8", "cast_u64", simd_cast::<_, V<u64, 8>>(ubytes));
    }
}

fn pointers() {
    let data = [10u32, 11, 12, 13, 14, 15, 16, 17];
    let base = data.as_ptr();
    let at = |p: *const u32| (p as usize).wrapping_sub(base as usize) as isize;
    unsafe {
        let ptrs: V<*const u32, 4> = vec([base, base.add(1), base.add(5), base.add(7)]);
        let offs: V<isize, 4> = vec([1, -1, 2, -5]);
        let moved = simd_arith_offset(ptrs, offs);
        let moved_u: V<*const u32, 4> = simd_arith_offset(ptrs, vec([3usize, 0, 1, usize::MAX]));
        let addrs: V<usize, 4> = simd_expose_provenance(moved);
        println!("arith_offset: {:?}", arr(addrs).map(|a| at(a as *const u32)));
        let addrs_u: V<usize, 4> = simd_expose_provenance(moved_u);
        println!("arith_offset usize: {:?}", arr(addrs_u).map(|a| at(a as *const u32)));
        let back: V<*const u32, 4> = simd_with_exposed_provenance(addrs);
        println!("with_exposed_provenance: {:?}", arr(back).map(|p| *p));
        let bytes: V<*const u8, 4> = simd_cast_ptr(back);
        let stepped = simd_arith_offset(bytes, vec([4isize, 4, -4, 4]));
        let words: V<*mut u32, 4> = simd_cast_ptr(stepped);
        println!("cast_ptr: {:?}", arr(words).map(|p| *p));
        let picked = simd_select(vec([0i64, -1, 0, -1]), ptrs, back);
        println!("select: {:?}", arr(picked).map(|p| *p));
        let sh: V<*const u32, 2> = simd_shuffle(ptrs, back, const { V::<u32, 2>([3, 4]) });
        println!("shuffle: {:?}", arr(sh).map(|p| *p));
        println!("extract: {}", *simd_extract::<_, *const u32>(ptrs, 2));
    }
}

fn main() {
    for seed in [0, 5] {
        moves::<i8, 16>("i8x16", seed);
        moves::<u8, 64>("u8x64", seed);
        moves::<i16, 4>("i16x4", seed);
        moves::<u32, 8>("u32x8", seed);
        moves::<i32, 3>("i32x3", seed);
        moves::<u64, 2>("u64x2", seed);
        moves::<i64, 8>("i64x8", seed);
        moves::<f32, 4>("f32x4", seed);
        moves::<f32, 16>("f32x16", seed);
        moves::<f64, 2>("f64x2", seed);
        moves::<f64, 8>("f64x8", seed);
        moves::<f16, 8>("f16x8", seed);
        shuffles::<u8>("u8", seed);
        shuffles::<i16>("i16", seed);
        shuffles::<f32>("f32", seed);
        shuffles::<u64>("u64", seed);
        shuffles::<f64>("f64", seed);
        shuffles::<f16>("f16", seed);
    }
    casts();
    pointers();
}
