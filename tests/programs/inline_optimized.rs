// fastclif-test: rustflags = "-Copt-level=3 -Cdebuginfo=2"
// An optimized build copies small functions of a codegen unit into their callers
// (src/driver/inline.rs). Calls of every shape that inlining must keep intact: scalar, pair
// and by-memory returns, generics and closures, recursion, panics unwinding out of copied
// bodies and through drops in them, `#[track_caller]` locations, `#[inline(never)]`.

use std::cell::Cell;
use std::hint::black_box;
use std::panic;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: i64,
    y: i64,
    z: i64,
}

fn add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

#[inline]
fn pair(a: u64) -> (u64, bool) {
    a.overflowing_mul(3)
}

#[inline(always)]
fn point(seed: i64) -> Point {
    Point { x: seed, y: seed * 2, z: -seed }
}

#[inline(never)]
fn opaque(v: u32) -> u32 {
    black_box(v) ^ 0x5a5a
}

fn sum_generic<T: Copy + Into<u64>>(items: &[T]) -> u64 {
    items.iter().map(|&v| v.into()).fold(0, u64::wrapping_add)
}

fn fib(n: u32) -> u64 {
    if n < 2 { n as u64 } else { fib(n - 1) + fib(n - 2) }
}

fn even(n: u32) -> bool {
    if n == 0 { true } else { odd(n - 1) }
}

fn odd(n: u32) -> bool {
    if n == 0 { false } else { even(n - 1) }
}

struct Noisy<'a> {
    name: &'static str,
    log: &'a Cell<u32>,
}

impl Drop for Noisy<'_> {
    fn drop(&mut self) {
        self.log.set(self.log.get() * 10 + self.name.len() as u32);
    }
}

fn check(v: i32) -> i32 {
    if v > 100 {
        panic!("value {v} too large");
    }
    v * 2
}

fn guarded(v: i32, log: &Cell<u32>) -> i32 {
    let _first = Noisy { name: "a", log };
    let _second = Noisy { name: "bb", log };
    check(v) + 1
}

#[track_caller]
fn caller_line() -> u32 {
    panic::Location::caller().line()
}

fn divide(a: i32, b: i32) -> Option<i32> {
    a.checked_div(b)
}

fn rank(byte: u8) -> u8 {
    const RANK: [u8; 4] = [7, 3, 9, 1];
    RANK[usize::from(byte) % 4]
}

fn main() {
    let mut acc = 0u32;
    for i in 0..1000u32 {
        acc = add(acc, opaque(i));
    }
    println!("add/opaque: {acc}");

    let (product, overflow) = pair(black_box(u64::MAX / 2));
    println!("pair: {product} {overflow}");
    let p = point(black_box(21));
    println!("point: {p:?} {}", p == Point { x: 21, y: 42, z: -21 });

    let bytes = [1u8, 2, 3, 250, 255];
    let words = [1u32, 70_000, u32::MAX];
    println!("generic sums: {} {}", sum_generic(&bytes), sum_generic(&words));

    println!("fib(20) = {}", fib(black_box(20)));
    println!("even(11) = {}, odd(11) = {}", even(black_box(11)), odd(black_box(11)));

    let log = Cell::new(0);
    println!("guarded ok: {}", guarded(black_box(7), &log));
    println!("drop order: {}", log.get());
    log.set(0);
    let caught = panic::catch_unwind(panic::AssertUnwindSafe(|| guarded(black_box(1000), &log)));
    println!("guarded panicked: {}", caught.is_err());
    println!("drops while unwinding: {}", log.get());

    let here = caller_line();
    println!("track_caller line: {here}");

    let ranks: Vec<u8> = (0..10u8).map(rank).collect();
    println!("ranks: {ranks:?}");

    let results: Vec<Option<i32>> = [(10, 2), (1, 0), (i32::MIN, -1)]
        .iter()
        .map(|&(a, b)| divide(black_box(a), black_box(b)))
        .collect();
    println!("divide: {results:?}");

    let text = "the quick brown fox jumps over the lazy dog";
    let longest = text.split(' ').max_by_key(|w| w.len()).unwrap_or("");
    let vowels = text.chars().filter(|c| "aeiou".contains(*c)).count();
    println!("longest word: {longest}, vowels: {vowels}");

    let mut squares: Vec<u64> = (1..=12u64).map(|v| v * v).rev().collect();
    squares.sort_unstable();
    println!("squares: {squares:?}");
    let total: u64 = squares.iter().copied().filter(|v| v % 2 == 0).sum();
    println!("even squares: {total}");
}
