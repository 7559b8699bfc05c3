// Portable SIMD masked memory access: simd_masked_load/store (every alignment promise) and
// simd_gather/scatter, with all-ones, zero and mixed masks; masked-off lanes point at null or
// past the end of a buffer and must not be touched; scatter stores in lane order.
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

fn mask<M: Lane, const N: usize>(kind: usize, ones: M, zero: M) -> V<M, N> {
    vec(std::array::from_fn(|i| {
        let set = match kind {
            0 => true,
            1 => false,
            2 => i % 2 == 0,
            3 => i < N / 2,
            _ => mix(i + kind) % 3 == 0,
        };
        if set { ones } else { zero }
    }))
}

// Consecutive loads and stores with every mask shape and the three alignment promises. The
// passthrough/sentinel values show which lanes were left alone.
fn masked<T: Lane, M: Lane, const N: usize>(tag: &str, ones: M, zero: M) {
    let src: [T; N] = std::array::from_fn(|i| T::sample(2 + i));
    let fallback: V<T, N> = sample_vec(40);
    for kind in 0..5 {
        let m: V<M, N> = mask(kind, ones, zero);
        unsafe {
            let r = simd_masked_load::<_, _, _, { SimdAlign::Element }>(m, src.as_ptr(), fallback);
            show(tag, "masked_load", r);
            let r = simd_masked_load::<_, _, _, { SimdAlign::Unaligned }>(m, src.as_ptr(), fallback);
            show(tag, "masked_load_unaligned", r);
            let mut dst: [T; N] = std::array::from_fn(|i| T::sample(30 + i));
            simd_masked_store::<_, _, _, { SimdAlign::Element }>(m, dst.as_mut_ptr(), fallback);
            show(tag, "masked_store", vec(dst));
        }
    }
}

fn aligned() {
    #[repr(align(32))]
    struct Aligned([f32; 8]);
    let src = Aligned([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
    let mut dst = Aligned([0.0; 8]);
    let m: V<i32, 8> = mask(2, -1, 0);
    unsafe {
        let r = simd_masked_load::<_, _, _, { SimdAlign::Vector }>(m, src.0.as_ptr(), vec([-1.0f32; 8]));
        show("f32x8", "masked_load_vector", r);
        simd_masked_store::<_, _, _, { SimdAlign::Vector }>(m, dst.0.as_mut_ptr(), r);
        show("f32x8", "masked_store_vector", vec(dst.0));
    }
}

// A masked-off lane must not touch memory: its pointer (or the elements past a short buffer)
// may be invalid. Null pointers in masked-off lanes would fault if dereferenced.
fn untouched() {
    let data = [1u64, 2, 3];
    let mut out = [0u64; 3];
    let m: V<i64, 4> = vec([-1, 0, -1, 0]);
    let ptrs: V<*const u64, 4> = vec([&data[2] as *const u64, std::ptr::null(), &data[0], std::ptr::null()]);
    unsafe {
        let r = simd_gather(vec([7u64, 8, 9, 10]), ptrs, m);
        show("u64x4", "gather_nulls", r);
        let dst: V<*mut u64, 4> =
            vec([&mut out[1] as *mut u64, std::ptr::null_mut(), &mut out[0], std::ptr::null_mut()]);
        simd_scatter(vec([70u64, 80, 90, 100]), dst, m);
        show("u64x3", "scatter_nulls", vec(out));
        // Lane 3 of a 4-lane load from a 3-element buffer is masked off.
        let m: V<i64, 4> = vec([-1, -1, -1, 0]);
        let r = simd_masked_load::<_, _, _, { SimdAlign::Element }>(m, data.as_ptr(), vec([0u64; 4]));
        show("u64x4", "masked_load_short", r);
        simd_masked_store::<_, _, _, { SimdAlign::Element }>(m, out.as_mut_ptr(), vec([5u64, 6, 7, 8]));
        show("u64x3", "masked_store_short", vec(out));
    }
}

fn gather_scatter<T: Lane, M: Lane, const N: usize>(tag: &str, ones: M, zero: M) {
    let table: [T; 64] = std::array::from_fn(|i| T::sample(i + 1));
    let idx: [usize; N] = std::array::from_fn(|i| (mix(i * 5 + N) % 64) as usize);
    let ptrs: V<*const T, N> = vec(idx.map(|k| &table[k] as *const T));
    let fallback: V<T, N> = sample_vec(50);
    for kind in 0..5 {
        let m: V<M, N> = mask(kind, ones, zero);
        unsafe {
            show(tag, "gather", simd_gather(fallback, ptrs, m));
            let mut out: [T; 64] = std::array::from_fn(|i| T::sample(100 + i));
            let base = out.as_mut_ptr();
            // Repeated targets: the later lane's store wins.
            let dst: V<*mut T, N> = vec(std::array::from_fn(|i| base.add(idx[i] % 16)));
            simd_scatter(fallback, dst, m);
            let first: [T; 16] = std::array::from_fn(|i| out[i]);
            show(tag, "scatter", vec(first));
        }
    }
}

fn main() {
    masked::<i8, i8, 16>("i8x16", -1, 0);
    masked::<u8, i64, 64>("u8x64", -1, 0);
    masked::<i16, u16, 8>("i16x8", u16::MAX, 0);
    masked::<u32, i32, 4>("u32x4", -1, 0);
    masked::<i32, i8, 3>("i32x3", -1, 0);
    masked::<f32, i32, 16>("f32x16", -1, 0);
    masked::<u64, i64, 2>("u64x2", -1, 0);
    masked::<f64, i64, 8>("f64x8", -1, 0);
    masked::<f16, i16, 8>("f16x8", -1, 0);
    aligned();
    untouched();
    gather_scatter::<u8, i8, 16>("u8x16", -1, 0);
    gather_scatter::<i16, i16, 32>("i16x32", -1, 0);
    gather_scatter::<u32, i32, 4>("u32x4", -1, 0);
    gather_scatter::<f32, u32, 8>("f32x8", u32::MAX, 0);
    gather_scatter::<i64, i64, 2>("i64x2", -1, 0);
    gather_scatter::<f64, i8, 8>("f64x8", -1, 0);
    gather_scatter::<f16, i16, 4>("f16x4", -1, 0);
}
