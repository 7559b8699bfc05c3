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

use regalloc2::{Allocation, Block, Edit, Function, Inst, InstOrEdit, OperandKind, Output};
use std::collections::{HashMap, HashSet};

type Held = HashMap<u32, HashSet<usize>>;

fn step(f: &impl Function, out: &Output, b: Block, st: &mut Held, mut at_inst: impl FnMut(Inst, &Held)) {
    for ie in out.block_insts_and_edits(f, b) {
        match ie {
            InstOrEdit::Edit(Edit::Move { from, to }) => match st.get(&from.bits()).cloned() {
                Some(s) => {
                    st.insert(to.bits(), s);
                }
                None => {
                    st.remove(&to.bits());
                }
            },
            InstOrEdit::Inst(i) => {
                at_inst(i, st);
                let ops = f.inst_operands(i);
                let allocs = out.inst_allocs(i);
                for (op, a) in ops.iter().zip(allocs) {
                    if op.kind() == OperandKind::Def {
                        for s in st.values_mut() {
                            s.remove(&op.vreg().vreg());
                        }
                        st.insert(a.bits(), HashSet::from([op.vreg().vreg()]));
                    }
                }
                for r in f.inst_clobbers(i) {
                    st.remove(&Allocation::reg(r).bits());
                }
            }
        }
    }
}

/// Independent check of `Output::debug_locations`: simulate which vregs
/// each location holds (a must-analysis over the CFG) and verify every
/// reported location at the start of every instruction it covers.
pub fn verify_debug_locations(f: &impl Function, out: &Output) -> Result<usize, String> {
    let labels = f.debug_value_labels();
    // Expectations per instruction: (vreg, location).
    // (The generator may give one label to several vregs over overlapping
    // ranges; then any of them is an acceptable occupant.)
    let mut expect: HashMap<usize, Vec<(Vec<usize>, Allocation)>> = HashMap::new();
    let mut prev: Option<(u32, u32)> = None;
    for &(label, from, to, alloc) in &out.debug_locations {
        if let Some((pl, pend)) = prev
            && (pl > label || (pl == label && from.to_index() < pend))
        {
            return Err(format!("debug_locations unsorted or overlapping at label {label}"));
        }
        prev = Some((label, to.to_index()));
        let inst_of =
            |p: regalloc2::ProgPoint| p.inst().index() + (p.pos() == regalloc2::InstPosition::After) as usize;
        for k in inst_of(from)..inst_of(to) {
            let owners: Vec<usize> = labels
                .iter()
                .filter(|&&(_, s, e, l)| l == label && s.index() <= k && k < e.index())
                .map(|&(v, ..)| v.vreg())
                .collect();
            if owners.is_empty() {
                return Err(format!("label {label} reported at inst {k} outside its ranges"));
            }
            expect.entry(k).or_default().push((owners, alloc));
        }
    }
    if expect.is_empty() {
        return Ok(0);
    }
    let n = f.num_blocks();
    let mut entry: Vec<Option<Held>> = vec![None; n];
    entry[f.entry_block().index()] = Some(Held::new());
    let mut work: Vec<usize> = (0..n).rev().collect();
    let mut queued = vec![true; n];
    while let Some(b) = work.pop() {
        queued[b] = false;
        let Some(mut st) = entry[b].clone() else {
            continue;
        };
        let blk = Block::new(b);
        step(f, out, blk, &mut st, |_, _| {});
        let last = f.block_insns(blk).last();
        for (k, &s) in f.block_succs(blk).iter().enumerate() {
            let mut ns = st.clone();
            let args = f.branch_blockparams(blk, last, k);
            let params = f.block_params(s);
            for set in ns.values_mut() {
                let adds: Vec<usize> = params
                    .iter()
                    .zip(args)
                    .filter(|(_, a)| set.contains(&a.vreg()))
                    .map(|(p, _)| p.vreg())
                    .collect();
                for p in params {
                    set.remove(&p.vreg());
                }
                set.extend(adds);
            }
            let merged = match &entry[s.index()] {
                None => ns,
                Some(old) => {
                    let mut m = Held::new();
                    for (k2, a) in old {
                        if let Some(b2) = ns.get(k2) {
                            let i: HashSet<usize> = a.intersection(b2).copied().collect();
                            if !i.is_empty() {
                                m.insert(*k2, i);
                            }
                        }
                    }
                    m
                }
            };
            if entry[s.index()].as_ref() != Some(&merged) {
                entry[s.index()] = Some(merged);
                if !queued[s.index()] {
                    queued[s.index()] = true;
                    work.push(s.index());
                }
            }
        }
    }
    let mut checked = 0;
    let mut err = None;
    for (b, state) in entry.iter().enumerate().take(n) {
        let Some(mut st) = state.clone() else {
            continue;
        };
        step(f, out, Block::new(b), &mut st, |i, st| {
            if let Some(list) = expect.get(&i.index()) {
                for (vs, a) in list {
                    checked += 1;
                    let held = st.get(&a.bits());
                    if !vs.iter().any(|v| held.is_some_and(|s| s.contains(v))) && err.is_none() {
                        err = Some(format!("{vs:?} claimed in {a} before inst {}", i.index()));
                    }
                }
            }
        });
    }
    match err {
        Some(e) => Err(e),
        None => Ok(checked),
    }
}
