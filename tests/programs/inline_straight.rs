// fastclif-test: rustflags = "-Cdebuginfo=2"
// `#[inline(always)]` functions whose CLIF is one straight path (no branches, calls or stack
// slots) are copied in place of their calls without new blocks (src/driver/splice.rs). What
// the copies must keep: results that are one of the arguments, two results (scalar pairs),
// loads and stores through pointer arguments, results nobody reads, chains where one copy's
// result feeds the next call, narrow and wide integers, floats with NaN payloads and signed
// zeros, calls that are not plain (the copy reached through a function pointer), and calls
// that could unwind into a cleanup (`try_call`s), which become jumps to their continuation.

#[inline(always)]
fn identity(x: u64) -> u64 {
    x
}

#[inline(always)]
fn second(_a: u32, b: u32) -> u32 {
    b
}

#[inline(always)]
fn split(x: u64) -> (u32, u32) {
    ((x >> 32) as u32, x as u32)
}

#[inline(always)]
fn read(p: &u32) -> u32 {
    *p
}

#[inline(always)]
fn write(p: &mut u32, v: u32) {
    *p = v;
}

#[inline(always)]
fn swap_halves(p: &mut u64) {
    *p = p.rotate_left(32);
}

#[inline(always)]
fn narrow(a: u8, b: i8) -> i16 {
    (a as i16).wrapping_mul(b as i16)
}

#[inline(always)]
fn wide(a: u128, b: i128) -> u128 {
    a.wrapping_mul(3).wrapping_add(b as u128) ^ (a >> 7)
}

#[inline(always)]
fn float_mix(a: f64, b: f32) -> f64 {
    -a * (b as f64) + a.abs()
}

#[inline(always)]
fn bits(x: f32) -> u32 {
    x.to_bits()
}

#[inline(always)]
fn flag(a: i64, b: i64) -> bool {
    a < b
}

#[inline(never)]
fn chain(seed: u64) -> u64 {
    let mut acc = seed;
    for step in 0..5u64 {
        let x = acc.wrapping_mul(2 * step + 1).wrapping_add(seed >> step);
        acc = if x % 3 == 0 { acc.wrapping_add(x) } else { acc ^ x.rotate_left(step as u32) };
        acc = identity(identity(acc));
    }
    acc
}

#[inline(never)]
fn memory() -> (u32, u64) {
    let mut cell = 7u32;
    let before = read(&cell);
    write(&mut cell, before * 6);
    let _unused = read(&cell);
    let mut word = 0x0123_4567_89ab_cdefu64;
    swap_halves(&mut word);
    (read(&cell) + second(1, 2), word)
}

/// Prints when dropped, so a value of it is live across the calls below: each of them then
/// has an unwind edge (a `try_call`), and the copy in its place must continue where the call
/// would have returned.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

#[inline(never)]
fn with_live_drop(seed: u64) -> u64 {
    let guard = Noisy("guard");
    let mut log = Vec::new();
    let (high, low) = split(seed);
    log.push(identity(seed) ^ u64::from(second(high, low)));
    let mut cell = high;
    write(&mut cell, low.wrapping_add(read(&high)));
    log.push(u64::from(cell));
    log.push(wide(u128::from(seed), -3) as u64);
    log.push(float_mix(seed as f64, -0.0).to_bits());
    println!("live drop {:x?} {}", log, guard.0);
    chain(seed)
}

fn main() {
    println!("chain {:#x}", chain(0x9E37_79B9_7F4A_7C15));
    let (hi, lo) = split(0xdead_beef_0bad_f00d);
    println!("split {hi:#x} {lo:#x}");
    println!("memory {:?}", memory());
    for (a, b) in [(0u8, 0i8), (255, -128), (200, 127), (1, -1)] {
        println!("narrow {a} {b} -> {}", narrow(a, b));
    }
    for (a, b) in [(0u128, 0i128), (u128::MAX, i128::MIN), (1 << 100, -5)] {
        println!("wide {a:#x} {b} -> {:#x}", wide(a, b));
    }
    let nan = f64::from_bits(0x7ff8_0000_0000_1234);
    for (a, b) in [(1.5f64, 2.0f32), (-0.0, 0.0), (nan, 1.0), (f64::INFINITY, -0.0), (-3.25, f32::MIN_POSITIVE)] {
        println!("float_mix {a} {b} -> {:#x}", float_mix(a, b).to_bits());
    }
    for x in [0.0f32, -0.0, f32::NAN, f32::from_bits(0x7fc0_0abc), 1.0e-40] {
        println!("bits {:#x}", bits(x));
    }
    println!("flag {} {} {}", flag(i64::MIN, 0), flag(5, 5), flag(7, -7));
    // Through a pointer the out-of-line copy runs.
    let through_pointer: fn(u64) -> (u32, u32) = split;
    println!("pointer {:?}", through_pointer(0x1_0000_0002));
    println!("with_live_drop {:#x}", with_live_drop(0xdead_beef_0000_0042));
    std::process::exit((chain(3) % 7) as i32);
}
