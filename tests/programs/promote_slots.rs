// fastclif-test: rustflags = "-Copt-level=3"
// Optimized builds turn stack slots that only their own loads and stores reach into SSA values
// (src/driver/promote_slots.rs). Each section keeps state in locals whose address inlined
// methods use, through loops, joins, `match` jump tables, unwinding and panics, and next to the
// cases that must stay in memory: addresses that escape, overlapping accesses of a float and
// integers, `i128` fields; integer accesses of different widths to the same bytes, and slots
// read before any store on some path.

use std::arch::x86_64::*;
use std::hint::black_box;
use std::mem::MaybeUninit;

struct Walker {
    pos: usize,
    sum: u64,
    mode: u8,
    scale: f64,
    small: f32,
    flag: bool,
}

impl Walker {
    #[inline]
    fn step(&mut self, data: &[u8]) -> bool {
        if self.pos >= data.len() {
            return false;
        }
        let byte = data[self.pos];
        self.pos += 1;
        match self.mode {
            0 => self.sum = self.sum.wrapping_add(byte as u64),
            1 => self.sum = self.sum.wrapping_mul(31) ^ byte as u64,
            2 => self.sum = self.sum.rotate_left(byte as u32 % 64),
            3 => self.scale *= 1.0 + byte as f64 / 512.0,
            4 => self.small += byte as f32 * 0.25,
            _ => self.flag = !self.flag,
        }
        self.mode = ((self.mode as u32 + byte as u32) % 7) as u8;
        true
    }
}

fn walker_section(data: &[u8]) -> String {
    let mut w = Walker { pos: 0, sum: 1, mode: 0, scale: 1.0, small: 0.5, flag: false };
    let mut steps = 0u32;
    while w.step(data) {
        steps += 1;
        if steps % 97 == 0 && w.flag {
            w.sum ^= 0xdead_beef;
        }
    }
    format!("walker {steps} {:x} {} {:.6} {:.3} {}", w.sum, w.mode, w.scale, w.small, w.flag)
}

struct Counter {
    hits: [u32; 4],
    last: Option<usize>,
}

impl Counter {
    #[inline]
    fn record(&mut self, i: usize) {
        self.hits[i % 4] += 1;
        self.last = Some(i);
    }
}

fn iterator_section(n: usize) -> String {
    let evens: u64 = (0..n as u64).filter(|x| x % 2 == 0).map(|x| x * x).sum();
    let pairs: usize = (0..n).zip((0..n).rev()).filter(|(a, b)| (a ^ b) % 3 == 0).count();
    let nested: u64 = (1..20u64).flat_map(|a| (0..a).map(move |b| a * b)).chain(5..9).fold(0, |acc, v| acc ^ v);
    let mut peek = (0..n).peekable();
    let mut runs = 0;
    while let Some(x) = peek.next() {
        if peek.peek().is_some_and(|&y| (x + y) % 5 == 0) {
            runs += 1;
        }
    }
    let mut counter = Counter { hits: [0; 4], last: None };
    for i in (0..n).step_by(3) {
        counter.record(i);
    }
    format!("iter {evens} {pairs} {nested} {runs} {:?} {:?}", counter.hits, counter.last)
}

fn maybe_set(cond: bool) -> u64 {
    let mut slot = MaybeUninit::<u64>::uninit();
    let mut got = 0u64;
    for i in 0..8u64 {
        if cond && i == 3 {
            slot.write(i * 11);
            got = 1;
        }
    }
    if got == 1 { unsafe { slot.assume_init() } } else { 7 }
}

union Bits {
    float: f64,
    int: u64,
    bytes: [u8; 8],
}

fn punning_section(x: f64) -> String {
    let mut b = Bits { float: x };
    unsafe {
        b.bytes[0] ^= 1;
        let int = b.int;
        b.int = int.rotate_left(3);
        format!("pun {:x} {:e} {}", int, b.float, b.bytes[7])
    }
}

union Word {
    whole: u32,
    halves: [u16; 2],
    bytes: [u8; 4],
}

#[derive(Clone, Copy, Debug)]
struct Rgb {
    r: u8,
    g: u8,
    b: u8,
}

#[inline]
fn brighten(c: &mut Rgb, by: u8) {
    c.r = c.r.saturating_add(by);
    c.g = c.g.wrapping_add(by / 2);
    c.b ^= by;
}

// Integer accesses of different widths to the same bytes share one variable.
fn overlap_section(n: u32) -> String {
    let mut w = Word { whole: 0x0102_0304 };
    let mut c = Rgb { r: 1, g: 2, b: 3 };
    let mut kept = Vec::new();
    let mut mix = 0u32;
    for i in 0..n {
        unsafe {
            w.bytes[(i % 4) as usize] ^= i as u8;
            if i % 3 == 0 {
                w.halves[1] = w.halves[0].wrapping_add(i as u16);
            }
            mix = mix.rotate_left(5) ^ w.whole;
        }
        brighten(&mut c, i as u8);
        let copy = c;
        if i % 9 == 0 {
            kept.push(copy);
        }
    }
    let last = kept.last().copied();
    format!("overlap {mix:x} {:x} {c:?} {} {last:?}", unsafe { w.whole }, kept.len())
}

macro_rules! bit_counts {
    ($($name:ident: $ty:ty),*) => {$(
        #[inline]
        fn $name(x: $ty) -> (u32, u32, u32) {
            (x.count_ones(), x.leading_zeros(), x.trailing_zeros())
        }
    )*};
}

bit_counts!(counts8: u8, counts16: u16, counts32: u32, counts64: u64);

// Bit counts of constants, folded once the helpers are inlined (src/driver/fold_bits.rs).
fn bit_count_section() -> String {
    let small = [counts8(0), counts8(1), counts8(0x80), counts8(0xf0), counts8(0xff)];
    let mid = [counts16(0), counts16(0x8000), counts16(0x0ff0), counts32(0), counts32(1 << 31), counts32(0x00f0_0f00)];
    let big = [counts64(0), counts64(1), counts64(1 << 63), counts64(0xdead_beef_0000)];
    format!("bits {small:?} {mid:?} {big:?} {}", 64usize.is_power_of_two())
}

#[inline(never)]
fn bump(v: &mut u32) {
    *v += 3;
}

fn escape_section() -> String {
    let mut a = 1u32;
    let mut b = 10u32;
    let mut ptrs: Vec<*mut u32> = Vec::new();
    for i in 0..5 {
        bump(&mut a);
        if i % 2 == 0 {
            ptrs.push(&mut b as *mut u32);
        }
    }
    for p in &ptrs {
        unsafe { **p *= 2 };
    }
    let mut bytes = [0u8; 16];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = i as u8 * 17;
    }
    let word = unsafe { (bytes.as_ptr().add(3) as *const u64).read_unaligned() };
    bytes[5] = 0xff;
    let word2 = u64::from_le_bytes(bytes[4..12].try_into().unwrap());
    format!("escape {a} {b} {word:x} {word2:x}")
}

struct Wide {
    big: i128,
    tag: u16,
}

fn wide_section(n: u32) -> String {
    let mut w = Wide { big: -3, tag: 1 };
    for i in 0..n {
        w.big = w.big.wrapping_mul(7).wrapping_add(i as i128);
        w.tag = w.tag.wrapping_mul(3) ^ i as u16;
    }
    format!("wide {} {}", w.big, w.tag)
}

struct Lanes {
    acc: __m128i,
    count: i32,
}

impl Lanes {
    #[inline]
    fn feed(&mut self, chunk: &[u8; 16]) {
        let v = unsafe { _mm_loadu_si128(chunk.as_ptr() as *const __m128i) };
        let eq = unsafe { _mm_cmpeq_epi8(v, _mm_set1_epi8(b'a' as i8)) };
        self.acc = unsafe { _mm_add_epi8(self.acc, _mm_and_si128(eq, _mm_set1_epi8(1))) };
        self.count += unsafe { _mm_movemask_epi8(eq) }.count_ones() as i32;
    }
}

fn simd_section(text: &[u8]) -> String {
    let mut lanes = Lanes { acc: unsafe { _mm_setzero_si128() }, count: 0 };
    for chunk in text.chunks_exact(16) {
        lanes.feed(chunk.try_into().unwrap());
    }
    let mut out = [0u8; 16];
    unsafe { _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, lanes.acc) };
    format!("simd {} {:?}", lanes.count, out)
}

struct Noisy<'a> {
    log: &'a mut Vec<String>,
    value: u32,
}

impl Drop for Noisy<'_> {
    fn drop(&mut self) {
        self.log.push(format!("drop {}", self.value));
    }
}

#[inline(never)]
fn maybe_panic(v: u32) {
    if v == 13 {
        panic!("thirteen");
    }
}

fn unwind_section() -> String {
    let mut log = Vec::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut noisy = Noisy { log: &mut log, value: 0 };
        let mut state = 5u32;
        for i in 0..20 {
            state = state * 3 % 17;
            noisy.value = state + i;
            maybe_panic(state);
        }
        state
    }));
    format!("unwind {:?} {:?}", result.is_err(), log)
}

fn labeled_section(grid: &[[u8; 8]; 8]) -> String {
    let mut best = (0usize, 0usize, 0u32);
    let mut seen = 0u32;
    'rows: for (r, row) in grid.iter().enumerate() {
        let mut run = 0u32;
        for (c, &cell) in row.iter().enumerate() {
            if cell == 0 {
                continue;
            }
            if cell == 255 {
                continue 'rows;
            }
            run += cell as u32;
            seen += 1;
            if run > best.2 {
                best = (r, c, run);
            }
            if seen > 40 {
                break 'rows;
            }
        }
    }
    format!("labeled {best:?} {seen}")
}

fn main() {
    let data: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    println!("{}", walker_section(black_box(&data)));
    println!("{}", iterator_section(black_box(300)));
    println!("uninit {} {}", maybe_set(black_box(true)), maybe_set(black_box(false)));
    println!("{}", punning_section(black_box(1.75)));
    println!("{}", escape_section());
    println!("{}", overlap_section(black_box(60)));
    println!("{}", bit_count_section());
    println!("{}", wide_section(black_box(50)));
    let text: Vec<u8> = (0..160u32).map(|i| if i % 7 == 0 { b'a' } else { b'a' + (i % 5) as u8 }).collect();
    println!("{}", simd_section(black_box(&text)));
    std::panic::set_hook(Box::new(|_| {}));
    println!("{}", unwind_section());
    let mut grid = [[0u8; 8]; 8];
    for (i, row) in grid.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = ((i * 31 + j * 17) % 11) as u8 * 23;
        }
    }
    grid[3][4] = 255;
    println!("{}", labeled_section(black_box(&grid)));
}
