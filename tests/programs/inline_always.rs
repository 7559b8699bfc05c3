// fastclif-test: rustflags = "-Cdebuginfo=2"
// Debug builds copy `#[inline(always)]` functions into their callers (as LLVM's always-inliner
// does at -O0). What the copies must keep: early returns, loops, unwinding through a copy that
// owns a value, `#[track_caller]` locations, values returned through memory, recursion (copied
// a bounded number of times, then called), the out-of-line copy reached through a pointer.
use std::panic::{self, Location};

#[inline(always)]
fn mix(a: u64, b: u64, c: u64) -> u64 {
    a.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) ^ b.wrapping_add(c)
}

#[inline(always)]
fn first_multiple(values: &[u32], of: u32) -> Option<usize> {
    for (index, value) in values.iter().enumerate() {
        if *value != 0 && value % of == 0 {
            return Some(index);
        }
    }
    None
}

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

#[inline(never)]
fn check(value: i32) -> i32 {
    if value < 0 {
        panic!("negative value {value}");
    }
    value * 2
}

#[inline(always)]
fn guarded(value: i32) -> i32 {
    let _guard = Noisy("inner guard");
    check(value) + 1
}

#[track_caller]
#[inline(always)]
fn called_from() -> (u32, u32) {
    let location = Location::caller();
    (location.line(), location.column())
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Wide {
    lanes: [f64; 6],
    tag: u16,
}

#[inline(always)]
fn scaled<T: Into<f64> + Copy>(wide: Wide, by: T) -> Wide {
    let mut out = wide;
    for lane in out.lanes.iter_mut() {
        *lane *= by.into();
    }
    out.tag = out.tag.wrapping_add(1);
    out
}

#[inline(always)]
fn factorial(n: u64) -> u64 {
    if n == 0 { 1 } else { n * factorial(n - 1) }
}

#[inline(always)]
fn apply_twice(f: impl Fn(i64) -> i64, x: i64) -> i64 {
    f(f(x))
}

#[inline(always)]
fn sum_by_pointer(values: &[u16]) -> u32 {
    let mut total = 0u32;
    let base = values.as_ptr();
    let mut offset = 0;
    while offset < values.len() {
        total += u32::from(unsafe { *base.add(offset) });
        offset += 1;
    }
    total
}

fn main() {
    let mut state = 1u64;
    for round in 0..1000u64 {
        state = mix(state, round, state >> 7);
    }
    println!("mix chain {state:016x}");

    let values = [0, 7, 9, 14, 21, 35];
    println!("first multiple of 7 at {:?}, of 5 at {:?}, of 11 at {:?}", first_multiple(&values, 7),
        first_multiple(&values, 5), first_multiple(&values, 11));

    let _outer = Noisy("outer guard");
    println!("guarded(20) = {}", guarded(20));
    panic::set_hook(Box::new(|info| {
        let message = info.payload().downcast_ref::<String>().cloned().unwrap_or_default();
        println!("panicked: {message}");
    }));
    let caught = panic::catch_unwind(|| guarded(-3));
    println!("caught: {}", caught.is_err());
    let _ = panic::take_hook();

    let (line, column) = called_from();
    println!("called from line {line}, column {column}");
    let here = called_from();
    println!("second call from line {}, column {}", here.0, here.1);

    let wide = Wide { lanes: [1.0, -2.5, 3.25, 0.0, -0.0, 1e300], tag: u16::MAX };
    let twice = scaled(scaled(wide, 2.0f32), 3u8);
    println!("scaled {:?}", twice);
    println!("unchanged original {}", wide == Wide { lanes: [1.0, -2.5, 3.25, 0.0, -0.0, 1e300], tag: u16::MAX });

    for n in [0, 1, 5, 20] {
        println!("{n}! = {}", factorial(n));
    }

    let offset = 11;
    println!("apply_twice = {}", apply_twice(|x| x * 3 + offset, 4));

    let pointer: fn(u64, u64, u64) -> u64 = mix;
    println!("through a pointer {:016x}", pointer(1, 2, 3));
    let ladder: Vec<u16> = (0..500).map(|i| (i * 37 % 1000) as u16).collect();
    println!("sum by pointer {}", sum_by_pointer(&ladder));
}
