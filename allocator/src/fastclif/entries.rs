//! Block tops: what the walk leaves for a block's predecessors when it
//! reaches the block's first instruction, by entry convention (`plan::K_*`):
//!
//! - `K_SINGLE`: the registers the block expects are recorded; the
//!   predecessor, walked later, emits the block's *entry run* (`entry_run`):
//!   the moves from the state right after its terminator to these registers,
//!   block parameters included, and the stores of parameters (and of values a
//!   terminator defines) that something reads from a slot.
//! - `K_JOIN`: the registers the block expects become the contract of all
//!   its predecessors (capped, one register per class left free for their
//!   edge moves); the rest is reloaded here. A parameter delivered in a
//!   register that is also read from its slot is stored here, once.
//! - `K_LOOP`: the predecessors deliver the header's promise
//!   (`loops::guess`); here it is reconciled with what the code below
//!   expects: register moves for values that moved, reloads for values
//!   outside the promise, stores for parameters read from their slots. The
//!   promised values the header reads become the contract of the forward
//!   predecessors.
//! - `K_SLOTS`: everything is reloaded from slots here; parameters arrive in
//!   their slots.
//! - `K_LATE_DEFINED`: the entry run is emitted here, from slots and the
//!   definitions of the predecessor's branch.
//!
//! Entry runs after a branch that defines values (`try_call`) also route the
//! definitions: nothing may follow a terminator, so the moves that would
//! follow a definition (to where later code wants it, to its slot) happen at
//! the successors' entries. That is sound because such a successor has
//! exactly one predecessor (Cranelift splits every other edge out of a
//! `try_call`). Register-constrained definitions of such a branch are
//! scratch values: a successor reading one is an error.

use super::plan::{K_JOIN, K_LATE_DEFINED, K_LOOP, K_SINGLE, K_SLOTS};
use super::regs::{CLASSES, RegMask, regs_in};
use super::scratch::{Allocator, NO_REG};
use super::state::NONE32;
use upstream::{Allocation, Block, Function, Inst, ProgPoint, RegAllocError, VReg};

impl Allocator {
    /// The walk reached the top of block `b`: fix what its predecessors must
    /// provide.
    pub(super) fn leave_at_block_start<F: Function>(&mut self, f: &F, b: Block) -> Result<(), RegAllocError> {
        match self.plan.kind[b.index()] {
            K_SINGLE => {
                self.record_entry(b);
                Ok(())
            }
            K_LATE_DEFINED => {
                self.record_entry(b);
                let p = f.block_preds(b)[0];
                let last = f.block_insns(p).last();
                let k = f.block_succs(p).iter().position(|&s| s == b).unwrap();
                self.collect_branch_defs(f, last);
                let r = self.entry_run(f, p, last, k, b, true);
                self.forget_branch_defs();
                r
            }
            K_JOIN => {
                self.join_top(f, b);
                Ok(())
            }
            K_LOOP => self.loop_top(f, b),
            K_SLOTS => {
                self.slots_top(f, b);
                Ok(())
            }
            _ => unreachable!(),
        }
    }

    /// Record every register the code of `b` expects at its top.
    fn record_entry(&mut self, b: Block) {
        let start = self.snapshot.len() as u32;
        for c in CLASSES {
            for r in regs_in(self.values.occupied.word(c), c) {
                let v = self.values.holder_of(r).unwrap();
                self.snapshot.push((v.vreg() as u32, r));
            }
        }
        self.snapshot_run[b.index()] = (start, self.snapshot.len() as u32);
    }

    /// Emit `edits` (program order) at the top of the block being walked.
    fn emit_at_top(&mut self, at: ProgPoint) {
        for k in (0..self.run.len()).rev() {
            let (x, y) = self.run[k];
            self.edits.push(at, x, y);
        }
    }

    /// `K_JOIN` top: the registers (up to all but one per class) become the
    /// contract, the rest is reloaded. A parameter in a contract register
    /// that is also read from its slot is stored here, before the reloads
    /// (which write other registers).
    fn join_top<F: Function>(&mut self, f: &F, b: Block) {
        let at = ProgPoint::before(f.block_insns(b).first());
        let params = f.block_params(b);
        for (j, p) in params.iter().enumerate() {
            self.edge.param_pos[p.vreg()] = j as u32;
        }
        let start = self.snapshot.len() as u32;
        self.run.clear();
        self.edge.reg_moves.clear();
        for c in CLASSES {
            let cap = self.machine.usable_count[c as usize].saturating_sub(1);
            let mut kept = 0;
            for r in regs_in(self.values.occupied.word(c), c) {
                let v = self.values.holder_of(r).unwrap();
                if kept < cap {
                    kept += 1;
                    self.snapshot.push((v.vreg() as u32, r));
                    if self.edge.param_pos[v.vreg()] != NONE32 && self.values.needs_slot[v.vreg()] {
                        let s = self.values.slot_of(v);
                        self.run.push((Allocation::reg(r), s));
                    }
                } else {
                    let s = self.values.slot_of(v);
                    self.values.needs_slot[v.vreg()] = true;
                    self.edge.reg_moves.push((s, Allocation::reg(r)));
                }
            }
        }
        self.snapshot_run[b.index()] = (start, self.snapshot.len() as u32);
        self.run.extend_from_slice(&self.edge.reg_moves);
        for &p in params {
            self.edge.param_pos[p.vreg()] = NONE32;
            if self.values.reg_of(p).is_none() && self.values.is_live(p) {
                self.values.needs_slot[p.vreg()] = true;
                self.values.slot_of(p);
            }
        }
        self.emit_at_top(at);
    }

    /// `K_SLOTS` top: everything the block expects in registers is reloaded
    /// from its slot; live parameters arrive in their slots.
    fn slots_top<F: Function>(&mut self, f: &F, b: Block) {
        let at = ProgPoint::before(f.block_insns(b).first());
        for c in CLASSES {
            for r in regs_in(self.values.occupied.word(c), c) {
                let v = self.values.holder_of(r).unwrap();
                let s = self.values.slot_of(v);
                self.values.needs_slot[v.vreg()] = true;
                self.edits.push(at, s, Allocation::reg(r));
            }
        }
        for &p in f.block_params(b) {
            if self.values.is_live(p) {
                self.values.needs_slot[p.vreg()] = true;
                self.values.slot_of(p);
            }
        }
    }

    /// `K_LOOP` top: reconcile the header's promise with what the code below
    /// expects, and record the promised values it reads as the contract of
    /// the forward predecessors.
    fn loop_top<F: Function>(&mut self, f: &F, b: Block) -> Result<(), RegAllocError> {
        let bi = b.index();
        let at = ProgPoint::before(f.block_insns(b).first());
        let (gs, ge) = self.plan.loops.guess_run[bi];
        self.edge.used.clear();
        self.edge.used.resize((ge - gs) as usize, false);
        for g in gs..ge {
            let v = self.plan.loops.guess[g as usize].0;
            self.edge.in_guess[v as usize] = (g - gs) as u16;
        }
        self.par.clear();
        for c in CLASSES {
            for r in regs_in(self.values.occupied.word(c), c) {
                let v = self.values.holder_of(r).unwrap();
                let g = self.edge.in_guess[v.vreg()];
                if g != NO_REG {
                    self.edge.used[g as usize] = true;
                    let from = self.plan.loops.guess[gs as usize + g as usize].1;
                    self.par.push(Allocation::reg(from), Allocation::reg(r), c);
                } else {
                    self.values.needs_slot[v.vreg()] = true;
                    let s = self.values.slot_of(v);
                    self.par.push(s, Allocation::reg(r), c);
                }
            }
        }
        for &p in f.block_params(b) {
            let g = self.edge.in_guess[p.vreg()];
            if g != NO_REG {
                if self.values.needs_slot[p.vreg()] {
                    self.edge.used[g as usize] = true;
                    let from = self.plan.loops.guess[gs as usize + g as usize].1;
                    let s = self.values.slot_of(p);
                    self.par.push(Allocation::reg(from), s, p.class());
                }
            } else if self.values.is_live(p) {
                self.values.needs_slot[p.vreg()] = true;
                self.values.slot_of(p);
            }
        }
        self.run.clear();
        self.par.resolve(
            &mut self.values,
            RegMask::default(),
            &self.machine,
            &mut self.edge.cycle_slot,
            &mut self.run,
        )?;
        self.emit_at_top(at);
        let start = self.snapshot.len() as u32;
        for g in gs..ge {
            let (v, r) = self.plan.loops.guess[g as usize];
            self.edge.in_guess[v as usize] = NO_REG;
            if self.edge.used[(g - gs) as usize] {
                self.snapshot.push((v, r));
            }
        }
        self.snapshot_run[bi] = (start, self.snapshot.len() as u32);
        Ok(())
    }

    /// Where `x` is right after the terminator `last` of the block being
    /// left: a definition's fixed register or slot, its register in the
    /// state after the terminator (unless `x_empty`), else its slot.
    fn source_at_exit(&mut self, x: VReg, last: Inst, x_empty: bool) -> Result<Allocation, RegAllocError> {
        let d = self.edge.def_pos[x.vreg()];
        if d != NONE32 {
            let src = self.edge.defs[d as usize].1;
            return if src.is_none() { Err(RegAllocError::Branch(last)) } else { Ok(src) };
        }
        if !x_empty && let Some(r) = self.values.reg_of(x) {
            return Ok(Allocation::reg(r));
        }
        self.values.needs_slot[x.vreg()] = true;
        Ok(self.values.slot_of(x))
    }

    /// The entry run of `s`, successor number `k` of `p` (whose terminator
    /// is `last`): from the state after `last` (empty with `x_empty`) and
    /// the branch's definitions (`edge.defs`) to the registers `s` recorded,
    /// plus the parameter and definition slots `s` reads. Emitted as `s`'s
    /// entry run, or at the top of the block being walked with `x_empty`.
    pub(super) fn entry_run<F: Function>(
        &mut self,
        f: &F,
        p: Block,
        last: Inst,
        k: usize,
        s: Block,
        x_empty: bool,
    ) -> Result<(), RegAllocError> {
        let params = f.block_params(s);
        let args = if f.is_branch(last) { f.branch_blockparams(p, last, k) } else { &[] };
        if params.len() != args.len() {
            return Err(RegAllocError::Branch(last));
        }
        for (j, q) in params.iter().enumerate() {
            self.edge.param_pos[q.vreg()] = j as u32;
        }
        self.par.clear();
        let (start, end) = self.snapshot_run[s.index()];
        let mut result = Ok(());
        for q in start..end {
            let (v, r) = self.snapshot[q as usize];
            let j = self.edge.param_pos[v as usize];
            let x = if j != NONE32 { args[j as usize] } else { VReg::new(v as usize, r.class()) };
            match self.source_at_exit(x, last, x_empty) {
                Ok(src) => self.par.push(src, Allocation::reg(r), r.class()),
                Err(e) => result = Err(e),
            }
        }
        for (j, &q) in params.iter().enumerate() {
            if self.values.needs_slot[q.vreg()] {
                match self.source_at_exit(args[j], last, x_empty) {
                    Ok(src) => {
                        let dst = self.values.slot_of(q);
                        self.par.push(src, dst, q.class());
                    }
                    Err(e) => result = Err(e),
                }
            }
        }
        for q in params {
            self.edge.param_pos[q.vreg()] = NONE32;
        }
        for n in 0..self.edge.defs.len() {
            let (v, src) = self.edge.defs[n];
            if self.values.needs_slot[v.vreg()] {
                if src.is_none() {
                    result = Err(RegAllocError::Branch(last));
                } else if src.is_reg() {
                    let dst = self.values.slot_of(v);
                    self.par.push(src, dst, v.class());
                }
            }
        }
        result?;
        let at = ProgPoint::before(f.block_insns(s).first());
        if self.par.moves.is_empty() {
            // Everything `s` expects is already in place (the usual case once
            // `merge_successor` has filled the exit state): nothing to order.
            if !x_empty {
                self.edits.set_entry(s.index(), at, &[]);
            }
            return Ok(());
        }
        let mut free = self.machine.usable;
        if !x_empty {
            for c in CLASSES {
                free.0[c as usize] &= !self.values.occupied.word(c);
            }
        }
        for n in 0..self.edge.defs.len() {
            if let Some(r) = self.edge.defs[n].1.as_reg() {
                free.remove(r);
            }
        }
        self.run.clear();
        self.par.resolve(&mut self.values, free, &self.machine, &mut self.edge.cycle_slot, &mut self.run)?;
        if x_empty {
            self.emit_at_top(at);
        } else {
            self.edits.set_entry(s.index(), at, &self.run);
        }
        Ok(())
    }
}
