//! Shared helpers for the integration tests: a tiny deterministic PRNG,
//! random functions from regalloc2's generator, and machine variants.
#![allow(dead_code)]

use arbitrary::Unstructured;
use regalloc2::fuzzing::func::{Func, Options, machine_env};
use regalloc2::{MachineEnv, PReg, PRegSet, RegClass};

/// xorshift64* — small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn fill(&mut self, buf: &mut Vec<u8>, n: usize) {
        buf.clear();
        while buf.len() < n {
            buf.extend_from_slice(&self.next().to_le_bytes());
        }
        buf.truncate(n);
    }
}

/// Generator settings: everything Cranelift can throw at a single-pass
/// allocator (tied operands, fixed registers incl. stack-slot registers,
/// non-allocatable fixed operands, clobbers, call-like instructions with
/// many `any` defs, block parameters, debug labels).
pub const OPTIONS: Options = Options {
    reused_inputs: true,
    fixed_regs: true,
    fixed_nonallocatable: true,
    clobbers: true,
    reftypes: false,
    callsite_ish_constraints: true,
    ..Options::DEFAULT
};

/// Build the function for `case` of a seeded run, or `None` when the bytes
/// did not describe a valid function (the generator then gives up).
pub fn gen_func(seed: u64, case: u64, buf: &mut Vec<u8>) -> Option<Func> {
    let mut rng = Rng::new(seed ^ case.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let len = 256 + (rng.next() % 16384) as usize;
    rng.fill(buf, len);
    let mut u = Unstructured::new(buf);
    Func::arbitrary_with_options(&mut u, &OPTIONS).ok()
}

fn regs(r: core::ops::Range<usize>, c: RegClass) -> PRegSet {
    let mut s = PRegSet::empty();
    for i in r {
        s.add(PReg::new(i, c));
    }
    s
}

/// Machine variants used by the tests; all share the generator's register
/// numbering (32..=62 are stack-slot registers, 63 is non-allocatable).
pub fn envs() -> Vec<(&'static str, MachineEnv)> {
    let base = machine_env();
    let mut scratch = base.clone();
    for c in [RegClass::Int, RegClass::Float, RegClass::Vector] {
        scratch.non_preferred_regs_by_class[c as usize] = regs(24..31, c);
        scratch.scratch_by_class[c as usize] = Some(PReg::new(31, c));
    }
    let mut small = base.clone();
    for c in [RegClass::Int, RegClass::Float, RegClass::Vector] {
        small.preferred_regs_by_class[c as usize] = regs(0..12, c);
        small.non_preferred_regs_by_class[c as usize] = regs(12..16, c);
    }
    vec![("standard", base), ("scratch", scratch), ("small", small)]
}
