// Values moved from place to place: fastclif copies each scalar and vector of a value the way it
// was stored and skips padding (src/mir/copies.rs), and falls back to plain pieces for enums,
// unions, long arrays and values of many fields, and to `memcpy` above 256 bytes. Every shape
// here is built field by field, then moved through temporaries, `Option`s, returns, `Vec`s,
// swaps and iterator adapters, and printed.

use std::arch::x86_64::{__m128i, _mm_set_epi8, _mm_storeu_si128};
use std::mem::{self, MaybeUninit};

#[derive(Debug, Clone, Copy, PartialEq)]
struct Mixed {
    a: u64,
    b: u8,
    c: u16,
    d: u32,
    e: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct LikeATest {
    haystack: Vec<u8>,
    needle: Vec<u8>,
    index1: u8,
    index2: u8,
    expected: Option<usize>,
}

#[derive(Clone, Copy)]
struct VectorAndByte {
    lanes: __m128i,
    byte: u8,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle(f64),
    Rect { w: u32, h: u32, name: [u8; 5] },
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Wide {
    x: u128,
    y: u8,
    z: i128,
}

#[derive(Clone, Copy)]
union Overlay {
    word: u64,
    bytes: [u8; 12],
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct ManyFields {
    f: [u8; 40],
    g: (u8, u64, u16),
    h: [Mixed; 2],
    i: [u16; 7],
}

#[derive(Debug, Clone, PartialEq)]
struct Big {
    words: [u32; 70],
    tail: u8,
}

fn lanes(v: __m128i) -> [u8; 16] {
    let mut out = [0u8; 16];
    unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), v) };
    out
}

#[inline(never)]
fn build_mixed(seed: u64) -> Mixed {
    Mixed { a: seed * 3, b: seed as u8, c: (seed * 7) as u16, d: (seed * 11) as u32, e: seed % 2 == 0 }
}

#[inline(never)]
fn build_test(len: usize, at: Option<usize>) -> LikeATest {
    let mut haystack = vec![b'@'; len];
    let needle = vec![b'x', b'y', b'z'];
    if let Some(i) = at {
        haystack[i..i + needle.len()].copy_from_slice(&needle);
    }
    LikeATest { haystack, needle, index1: 1, index2: 2, expected: at }
}

#[inline(never)]
fn pass_through<T>(value: T) -> T {
    let held = Some(value);
    let moved = held;
    moved.unwrap()
}

#[inline(never)]
fn vector_and_byte(seed: i8) -> VectorAndByte {
    let lanes = unsafe {
        _mm_set_epi8(
            seed,
            seed + 1,
            seed + 2,
            seed + 3,
            seed + 4,
            seed + 5,
            seed + 6,
            seed + 7,
            -seed,
            -1,
            0,
            1,
            2,
            3,
            4,
            seed.wrapping_mul(3),
        )
    };
    VectorAndByte { lanes, byte: seed as u8 ^ 0x5a }
}

fn main() {
    let mixed: Vec<Mixed> = (0..5).map(build_mixed).map(pass_through).collect();
    println!("{mixed:?}");

    let tests: Vec<LikeATest> = (3..7)
        .flat_map(|len| (0..=len - 3).map(move |at| build_test(len, Some(at))).chain(Some(build_test(len, None))))
        .map(pass_through)
        .collect();
    for test in &tests {
        println!("{:?} {:?} {} {} {:?}", test.haystack, test.needle, test.index1, test.index2, test.expected);
    }

    let mut a = vector_and_byte(9);
    let mut b = pass_through(vector_and_byte(-20));
    mem::swap(&mut a, &mut b);
    for v in [a, b, pass_through(a)] {
        println!("{:?} {}", lanes(v.lanes), v.byte);
    }

    let shapes = [Shape::Circle(-0.5), Shape::Rect { w: 3, h: 4, name: *b"boxed" }, Shape::Empty];
    let moved: Vec<Shape> = shapes.iter().copied().map(pass_through).rev().collect();
    println!("{moved:?}");

    let wide = pass_through(Wide { x: u128::MAX - 7, y: 0xee, z: i128::MIN + 3 });
    let replaced = mem::replace(&mut pass_through(wide), Wide { x: 1, y: 2, z: -3 });
    println!("{wide:?} {replaced:?}");

    let mut overlay = Overlay { bytes: [0; 12] };
    overlay.word = 0x0102_0304_0506_0708;
    let overlay = pass_through(overlay);
    println!("{:?}", unsafe { overlay.bytes });

    let mut slot = MaybeUninit::<Mixed>::uninit();
    slot.write(build_mixed(42));
    let from_slot = pass_through(unsafe { slot.assume_init() });
    println!("{from_slot:?}");

    let mut many = ManyFields { f: [0; 40], g: (7, u64::MAX, 9), h: [build_mixed(1), build_mixed(2)], i: [0; 7] };
    for (i, byte) in many.f.iter_mut().enumerate() {
        *byte = (i * 13) as u8;
    }
    many.i[6] = 0xbeef;
    let many_moved = pass_through(many);
    println!("{many_moved:?} {}", many_moved == many);

    let mut big = Big { words: [0; 70], tail: 3 };
    for (i, word) in big.words.iter_mut().enumerate() {
        *word = (i as u32).wrapping_mul(0x9e37_79b9);
    }
    let big_moved = pass_through(big.clone());
    println!("{} {} {}", big_moved.words.iter().fold(0u32, |s, w| s ^ w.rotate_left(5)), big_moved.tail, big_moved == big);

    let tuple = pass_through((1u8, 2u64, 3u16, 4u8, [5u8; 3]));
    println!("{tuple:?}");
}
