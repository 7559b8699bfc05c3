// The hand-written part of every program `./y.sh test intrinsics` generates
// (build_system/src/intrinsics/): argument patterns, memory buffers, printing and the driver.
// The generator appends one test function per intrinsic and a `main` that calls `run`.
//
// Each test prints `@INDEX NAME` (flushed before the test runs, so that a crash is pinned on
// the test that was running), then one line per call: `CASE<IMMEDIATES>: RESULT` with the
// result in hexadecimal (floats by their bits, vectors as 64-bit words, lowest first).
// The argument values are the same for every build: they depend only on the case number and
// the argument's position, never on memory addresses, time or randomness.

use std::arch::x86_64::*;
use std::io::Write;

/// Argument kinds; the generator writes these numbers (build_system/src/intrinsics/emit.rs).
pub const K_INT: u8 = 0;
pub const K_F32: u8 = 1;
pub const K_F64: u8 = 2;
pub const K_F16: u8 = 3;
pub const K_BF16: u8 = 4;
pub const K_MASK: u8 = 5;
/// In-range gather/scatter indices, 32- or 64-bit lanes: distinct, 0..16 (at most 15 * 8 + 8
/// bytes past the base with scale 8, inside the 512-byte buffers).
pub const K_GIDX32: u8 = 6;
pub const K_GIDX64: u8 = 7;
/// A bit offset below 256 (for `_bittest*`, whose offset addresses memory).
pub const K_BITIDX: u8 = 8;

/// Calls per test and immediate: argument `j` of case `c` uses pattern `pick(c, j)`.
pub const CASES: usize = 16;

/// Each argument walks its table at its own speed, so the cases pair different values
/// (1.5 with -0.0, a NaN with a signalling NaN, ascending bytes with all-ones, ...).
fn pick(c: usize, j: usize) -> usize {
    c * (j + 1) + 3 * j
}

// f32 values, most interesting first: lane 0 of case c is F32S[c] for the first argument.
const F32S: &[u32] = &[
    0x3fc0_0000, // 1.5
    0xc020_0000, // -2.5
    0x7fc0_0000, // quiet NaN
    0x8000_0000, // -0.0
    0x7f80_0000, // +inf
    0x7f80_0001, // signalling NaN
    0x0000_0000, // +0.0
    0xff80_0000, // -inf
    0x0000_0001, // smallest subnormal
    0x7149_f2ca, // 1e30
    0x7fc1_2345, // quiet NaN with payload
    0x3f80_0000, // 1.0
    0x7f7f_ffff, // largest finite
    0xff81_2345, // negative signalling NaN with payload
    0x007f_ffff, // largest subnormal
    0x0080_0000, // smallest normal
    0xbf80_0000, // -1.0
    0x3f00_0000, // 0.5
    0x4f00_0000, // 2^31 (out of i32 range)
    0xcf00_0001, // just below -2^31
    0x477f_e000, // 65504 (largest f16)
    0x477f_f000, // 65520 (rounds to f16 infinity)
    0x4040_0000, // 3.0
    0xc0f8_0000, // -7.75
    0x322b_cc77, // 1e-8 (f16 subnormal range)
    0x3dcc_cccd, // 0.1
    0x4020_0000, // 2.5 (ties to even)
    0xbf00_0000, // -0.5
    0x42c8_8000, // 100.25
    0x4f80_0000, // 2^32
    0x5f00_0000, // 2^63
    0xf149_f2ca, // -1e30
    0x8000_0005, // negative subnormal
    0x437f_8000, // 255.5
    0xc300_8000, // -128.5
    0x46ff_ff00, // 32767.5
];

const F64S: &[u64] = &[
    0x3ff8_0000_0000_0000, // 1.5
    0xc004_0000_0000_0000, // -2.5
    0x7ff8_0000_0000_0000, // quiet NaN
    0x8000_0000_0000_0000, // -0.0
    0x7ff0_0000_0000_0000, // +inf
    0x7ff0_0000_0000_0001, // signalling NaN
    0x0000_0000_0000_0000, // +0.0
    0xfff0_0000_0000_0000, // -inf
    0x0000_0000_0000_0001, // smallest subnormal
    0x7e37_e43c_8800_759c, // 1e300
    0x7ff8_0000_1234_5678, // quiet NaN with payload
    0x3ff0_0000_0000_0000, // 1.0
    0x7fef_ffff_ffff_ffff, // largest finite
    0xfff0_0001_2345_6789, // negative signalling NaN with payload
    0x000f_ffff_ffff_ffff, // largest subnormal
    0x0010_0000_0000_0000, // smallest normal
    0xbff0_0000_0000_0000, // -1.0
    0x3fe0_0000_0000_0000, // 0.5
    0x41e0_0000_0000_0000, // 2^31
    0xc1e0_0000_0020_0000, // -2^31 - 1
    0x43e0_0000_0000_0000, // 2^63
    0x47ef_ffff_e000_0000, // largest f32
    0x47ef_ffff_f000_0000, // rounds to f32 infinity
    0x3e45_798e_e230_8c3a, // 1e-8
    0x36a0_0000_0000_0000, // below f32's subnormals
    0x3fb9_9999_9999_999a, // 0.1
    0x4004_0000_0000_0000, // 2.5
    0xbfe0_0000_0000_0000, // -0.5
    0x4059_1000_0000_0000, // 100.25
    0x4008_0000_0000_0000, // 3.0
    0xc01f_0000_0000_0000, // -7.75
    0x8000_0000_0000_0005, // negative subnormal
    0x40df_ffe0_0000_0000, // 32767.5
];

const F16S: &[u16] = &[
    0x3e00, // 1.5
    0xc100, // -2.5
    0x7e00, // quiet NaN
    0x8000, // -0.0
    0x7c00, // +inf
    0x7c01, // signalling NaN
    0x0000, // +0.0
    0xfc00, // -inf
    0x0001, // smallest subnormal
    0x7bff, // largest finite (65504)
    0x7e55, // quiet NaN with payload
    0x3c00, // 1.0
    0x0400, // smallest normal
    0xfd23, // negative signalling NaN with payload
    0x03ff, // largest subnormal
    0xbc00, // -1.0
    0x3800, // 0.5
    0x4200, // 3.0
    0xc7c0, // -7.75
    0x2e66, // 0.1
    0x4100, // 2.5
    0xb800, // -0.5
    0x5644, // 100.25
    0x8005, // negative subnormal
    0x5bf8, // 255.0
    0xd804, // -128.5
    0x7800, // 32768
    0x1400, // 2^-10
];

const BF16S: &[u16] = &[
    0x3fc0, // 1.5
    0xc020, // -2.5
    0x7fc0, // quiet NaN
    0x8000, // -0.0
    0x7f80, // +inf
    0x7f81, // signalling NaN
    0x0000, // +0.0
    0xff80, // -inf
    0x0001, // smallest subnormal
    0x7149, // about 1e30
    0x7fc1, // quiet NaN with payload
    0x3f80, // 1.0
    0x7f7f, // largest finite
    0xff91, // negative signalling NaN with payload
    0x007f, // largest subnormal
    0x0080, // smallest normal
    0xbf80, // -1.0
    0x3f00, // 0.5
    0x4040, // 3.0
    0xc0f8, // -7.75
    0x3dcd, // about 0.1
    0x4020, // 2.5
    0xbf00, // -0.5
    0x42c8, // 100
    0x8005, // negative subnormal
];

// Finite, ordinary values: every seventh pattern uses only these, so that conversions and
// arithmetic are also seen on plain inputs.
const PLAIN_F64: &[f64] = &[1.0, 2.0, -3.5, 100.25, 0.1, 7.0, -0.75, 12345.678, 0.3333, -9.5, 1024.0, 3.0, -65.5];

/// Scalar integers (any width up to 64 bits): edges first.
fn int_scalar(p: usize, bytes: usize) -> u64 {
    let bits = bytes as u32 * 8;
    let top = 1u64 << (bits - 1);
    let table: [u64; 24] = [
        0,
        1,
        u64::MAX,
        top,
        top - 1,
        2,
        3,
        7,
        8,
        15,
        16,
        31,
        32,
        33,
        63,
        64,
        65,
        0x5555_5555_5555_5555,
        0xaaaa_aaaa_aaaa_aaaa,
        0x1234_5678_9abc_def0,
        0xff,
        0x100,
        0x7f,
        0x80,
    ];
    table[p % table.len()]
}

fn mask_value(p: usize, bytes: usize) -> u64 {
    let bits = bytes as u32 * 8;
    let table: [u64; 12] = [
        0,
        u64::MAX,
        0x5555_5555_5555_5555,
        0xaaaa_aaaa_aaaa_aaaa,
        1,
        1u64 << (bits - 1),
        0x0f0f_0f0f_0f0f_0f0f,
        0xf0f0_f0f0_f0f0_f0f0,
        0x00ff_00ff_00ff_00ff,
        1 | (1u64 << (bits - 1)),
        3,
        0x1234_5678_9abc_def0,
    ];
    table[p % table.len()]
}

/// xorshift64*: fixed pseudo-random bytes (the same in every build).
fn noise(seed: u64, i: usize) -> u8 {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (i as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
}

fn put_lanes<const N: usize>(out: &mut [u8], lane: impl Fn(usize) -> [u8; N]) {
    for (l, chunk) in out.chunks_mut(N).enumerate() {
        let v = lane(l);
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

/// Integer vector patterns (the bytes of `__m128i`/`__m256i`/`__m512i` and of loaded memory).
fn int_vector(p: usize, out: &mut [u8]) {
    match p % 16 {
        0 => put_lanes(out, |l| [l as u8]),
        1 => out.fill(0xff),
        2 => out.fill(0),
        3 => out.fill(0x55),
        4 => out.fill(0xaa),
        5 => put_lanes(out, |l| [[0x80, 0x7f, 0x00, 0xff, 0x01, 0xfe, 0x81, 0x7e][l % 8]]),
        6 => put_lanes(out, |l| {
            [0x8000u16, 0x7fff, 0, 0xffff, 1, 0xfffe, 0x8001, 0x00ff][l % 8].to_le_bytes()
        }),
        7 => put_lanes(out, |l| {
            [0x8000_0000u32, 0x7fff_ffff, 0, u32::MAX, 1, 0xffff_fffe, 0x8000_0001, 0xffff][l % 8].to_le_bytes()
        }),
        8 => put_lanes(out, |l| {
            [1u64 << 63, u64::MAX >> 1, 0, u64::MAX, 1, u64::MAX - 1, (1 << 63) | 1, 0xffff_ffff][l % 8]
                .to_le_bytes()
        }),
        // Small lanes of each width: shift and rotate counts, some past the lane width.
        9 => put_lanes(out, |l| [(l % 10) as u8]),
        10 => put_lanes(out, |l| ((l * 3 % 19) as u16).to_le_bytes()),
        11 => put_lanes(out, |l| ((l * 5 % 37) as u32).to_le_bytes()),
        12 => put_lanes(out, |l| ((l * 13 % 70) as u64).to_le_bytes()),
        13 => put_lanes(out, |l| [noise(1, l)]),
        14 => put_lanes(out, |l| [noise(2, l)]),
        _ => put_lanes(out, |l| [255 - l as u8]),
    }
}

/// Float lanes: lane `l` of pattern `p` is `table[p + l * step]`, the step changing with the
/// pattern so that two arguments meet in different pairs of values.
fn float_lanes<const N: usize>(p: usize, out: &mut [u8], table: &[[u8; N]], plain: impl Fn(f64) -> [u8; N]) {
    if p % 7 == 6 {
        put_lanes(out, |l| plain(PLAIN_F64[(l + p) % PLAIN_F64.len()]));
    } else {
        let step = 1 + p % 3;
        put_lanes(out, |l| table[(p + l * step) % table.len()]);
    }
}

fn f32_to_f16_bits(x: f64) -> [u8; 2] {
    ((x as f32) as f16).to_bits().to_le_bytes()
}

fn f32_to_bf16_bits(x: f64) -> [u8; 2] {
    (((x as f32).to_bits() >> 16) as u16).to_le_bytes()
}

/// Fills `out` (an argument of `out.len()` bytes, or a memory block) with pattern `p` of `kind`.
pub fn fill(kind: u8, p: usize, out: &mut [u8]) {
    let n = out.len();
    match kind {
        K_INT if n <= 8 => out.copy_from_slice(&int_scalar(p, n).to_le_bytes()[..n]),
        K_INT => int_vector(p, out),
        K_MASK => out.copy_from_slice(&mask_value(p, n.min(8)).to_le_bytes()[..n]),
        K_F32 => {
            let t: Vec<[u8; 4]> = F32S.iter().map(|v| v.to_le_bytes()).collect();
            float_lanes(p, out, &t, |x| (x as f32).to_le_bytes())
        }
        K_F64 => {
            let t: Vec<[u8; 8]> = F64S.iter().map(|v| v.to_le_bytes()).collect();
            float_lanes(p, out, &t, |x| x.to_le_bytes())
        }
        K_F16 => {
            let t: Vec<[u8; 2]> = F16S.iter().map(|v| v.to_le_bytes()).collect();
            float_lanes(p, out, &t, f32_to_f16_bits)
        }
        K_BF16 => {
            let t: Vec<[u8; 2]> = BF16S.iter().map(|v| v.to_le_bytes()).collect();
            float_lanes(p, out, &t, f32_to_bf16_bits)
        }
        K_GIDX32 => put_lanes(out, |l| (((l * 7 + p) % 16) as u32).to_le_bytes()),
        K_GIDX64 => put_lanes(out, |l| (((l * 3 + p) % 8) as u64).to_le_bytes()),
        K_BITIDX => {
            let v = [0u64, 1, 7, 8, 31, 32, 63, 64, 100, 255][p % 10];
            out.copy_from_slice(&v.to_le_bytes()[..n]);
        }
        _ => panic!("unknown argument kind {kind}"),
    }
}

/// Argument `j` of case `c`, of kind `kind` and type `T`.
#[inline(never)]
pub fn arg<T: Copy>(kind: u8, c: usize, j: usize) -> T {
    let mut bytes = [0u8; 64];
    let n = size_of::<T>();
    assert!(n <= 64);
    fill(kind, pick(c, j), &mut bytes[..n]);
    // SAFETY: every type the generator asks for is plain data of `n` bytes.
    unsafe { std::ptr::read_unaligned(bytes.as_ptr().cast::<T>()) }
}

pub const BUF: usize = 512;

#[repr(C, align(64))]
pub struct Buf(pub [u8; BUF]);

/// Output of the running test, and the memory its pointer arguments point to.
pub struct Out {
    text: String,
    src: Vec<Box<Buf>>,
    dst: Vec<Box<Buf>>,
    dst_before: Vec<Box<Buf>>,
}

impl Out {
    fn new() -> Out {
        let buf = || Box::new(Buf([0; BUF]));
        Out {
            text: String::new(),
            src: (0..4).map(|_| buf()).collect(),
            dst: (0..4).map(|_| buf()).collect(),
            dst_before: (0..4).map(|_| buf()).collect(),
        }
    }

    /// Prints one result: `CASE LABEL: HEX`.
    #[inline(never)]
    pub fn put<T: Show + ?Sized>(&mut self, c: usize, label: &str, v: &T) {
        use std::fmt::Write as _;
        let _ = write!(self.text, "{c}{label}: ");
        v.show(&mut self.text);
        self.text.push('\n');
    }

    /// Memory to load from for argument `j` of case `c`: eight 64-byte blocks of consecutive
    /// patterns of `kind`, 64-byte aligned.
    #[inline(never)]
    pub fn src(&mut self, kind: u8, c: usize, j: usize) -> *mut u8 {
        let buf = &mut self.src[j % 4].0;
        // Floats as lanes; everything else (integers, masks) as integer bit patterns.
        let kind = if matches!(kind, K_F32 | K_F64 | K_F16 | K_BF16) { kind } else { K_INT };
        for (b, block) in buf.chunks_mut(64).enumerate() {
            fill(kind, pick(c, j) + b, block);
        }
        buf.as_mut_ptr()
    }

    /// Memory to store to for argument `j`: filled with noise, so that bytes a store leaves
    /// alone are told apart from bytes it zeroes; `mem` prints what changed.
    #[inline(never)]
    pub fn dst(&mut self, j: usize) -> *mut u8 {
        let k = j % 4;
        for (i, b) in self.dst[k].0.iter_mut().enumerate() {
            *b = noise(7 + k as u64, i);
        }
        self.dst_before[k].0 = self.dst[k].0;
        self.dst[k].0.as_mut_ptr()
    }

    /// Prints the 8-byte words of destination `j` that the call changed.
    #[inline(never)]
    pub fn mem(&mut self, c: usize, label: &str, j: usize) {
        use std::fmt::Write as _;
        let k = j % 4;
        let _ = write!(self.text, "{c}{label} mem{j}:");
        let mut any = false;
        for (w, (now, before)) in self.dst[k].0.chunks(8).zip(self.dst_before[k].0.chunks(8)).enumerate() {
            if now != before {
                any = true;
                let v = u64::from_le_bytes(now.try_into().unwrap());
                let _ = write!(self.text, " [{w}]={v:016x}");
            }
        }
        if !any {
            self.text.push_str(" unchanged");
        }
        self.text.push('\n');
    }
}

/// Hexadecimal rendering of a result.
pub trait Show {
    fn show(&self, s: &mut String);
}

macro_rules! show_int {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self, s: &mut String) {
                use std::fmt::Write as _;
                let _ = write!(s, "{:0w$x}", *self, w = 2 * size_of::<$t>());
            }
        }
    )*};
}
show_int!(u8, u16, u32, u64, u128, i8, i16, i32, i64, i128, usize);

impl Show for f32 {
    fn show(&self, s: &mut String) {
        self.to_bits().show(s)
    }
}
impl Show for f64 {
    fn show(&self, s: &mut String) {
        self.to_bits().show(s)
    }
}
impl Show for f16 {
    fn show(&self, s: &mut String) {
        self.to_bits().show(s)
    }
}
impl Show for bf16 {
    fn show(&self, s: &mut String) {
        // SAFETY: bf16 is a transparent u16.
        unsafe { std::mem::transmute::<bf16, u16>(*self) }.show(s)
    }
}
impl<T: Show, const N: usize> Show for [T; N] {
    fn show(&self, s: &mut String) {
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                s.push('_');
            }
            v.show(s);
        }
    }
}

macro_rules! show_vector {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self, s: &mut String) {
                // SAFETY: SIMD vectors are plain bits.
                let words: [u64; size_of::<$t>() / 8] = unsafe { std::mem::transmute(*self) };
                words.show(s)
            }
        }
    )*};
}
show_vector!(
    __m128, __m128d, __m128i, __m256, __m256d, __m256i, __m512, __m512d, __m512i, __m128h, __m256h, __m512h,
    __m128bh, __m256bh, __m512bh
);

/// A generated test: name and function (`unsafe`: it enables target features).
pub type Test = (&'static str, unsafe fn(&mut Out));

/// Runs `tests` from the index in the first argument on (0 without one), printing as the file
/// comment says. `family` and `has_features` decide whether the CPU can run them at all.
pub fn run(family: &str, has_features: bool, tests: &[Test]) {
    let first: usize = std::env::args().nth(1).map_or(0, |a| a.parse().expect("start index"));
    let mut stdout = std::io::stdout().lock();
    if !has_features {
        let _ = writeln!(stdout, "family {family}: skipped (CPU lacks it)");
        return;
    }
    let mut o = Out::new();
    for (i, (name, test)) in tests.iter().enumerate().skip(first) {
        let _ = writeln!(stdout, "@{i} {name}");
        let _ = stdout.flush();
        // SAFETY: `has_features` says the CPU has what the test functions enable.
        unsafe { test(&mut o) };
        let _ = stdout.write_all(o.text.as_bytes());
        o.text.clear();
    }
    let _ = writeln!(stdout, "@end");
}
