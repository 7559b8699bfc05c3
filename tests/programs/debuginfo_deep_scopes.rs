// fastclif-test: rustflags = "-Cdebuginfo=2"
// fastclif-test: fastclif-only = "rustc's LLVM backend overflows its stack on this program too"
// One function of 20,000 `let`s in a row, as generated code writes them. MIR opens a scope at
// every `let`, so the function's debug info nests 20,000 lexical blocks, each holding its
// variable; gimli writes that tree recursively, which overflowed the stack of rustc's codegen
// threads at 10,000 levels (src/debuginfo/mod.rs writes deep units on a stack of their own).
// The `>> 29u32` keeps type checking linear: an unsuffixed shift amount leaves one pending
// obligation per `let` until the end of the function.

macro_rules! step {
    ($x:ident, $k:expr) => {
        let $x: u64 = ($x ^ ($x >> 29u32)).wrapping_mul($k);
    };
}

// Ten, a hundred, a thousand and ten thousand `let`s of the same variable.
macro_rules! ten {
    ($x:ident) => {
        step!($x, 3); step!($x, 5); step!($x, 7); step!($x, 11); step!($x, 13);
        step!($x, 17); step!($x, 19); step!($x, 23); step!($x, 29); step!($x, 31);
    };
}
macro_rules! hundred {
    ($x:ident) => {
        ten!($x); ten!($x); ten!($x); ten!($x); ten!($x); ten!($x); ten!($x); ten!($x); ten!($x); ten!($x);
    };
}
macro_rules! thousand {
    ($x:ident) => {
        hundred!($x); hundred!($x); hundred!($x); hundred!($x); hundred!($x);
        hundred!($x); hundred!($x); hundred!($x); hundred!($x); hundred!($x);
    };
}
macro_rules! ten_thousand {
    ($x:ident) => {
        thousand!($x); thousand!($x); thousand!($x); thousand!($x); thousand!($x);
        thousand!($x); thousand!($x); thousand!($x); thousand!($x); thousand!($x);
    };
}

#[inline(never)]
fn deep(seed: u64) -> u64 {
    let x = seed;
    ten_thousand!(x);
    ten_thousand!(x);
    x
}

/// The same steps in a loop.
fn looped(seed: u64) -> u64 {
    let factors = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31];
    let mut x = seed;
    for _ in 0..2_000 {
        for k in factors {
            x = (x ^ (x >> 29)).wrapping_mul(k);
        }
    }
    x
}

fn main() {
    for seed in [0, 1, 0x9e37_79b9_7f4a_7c15, u64::MAX] {
        let (a, b) = (deep(seed), looped(seed));
        assert_eq!(a, b);
        println!("{seed:#x} -> {a:#x}");
    }
}
