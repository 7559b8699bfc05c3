//! Block boundaries.
//!
//! Two conventions exist for a control-flow edge:
//! - *slot hand-off* (the default): at the successor's entry every live-in
//!   value and block parameter is read from its spill slot. Any register
//!   contents at the predecessor's exit are then fine, since a value's slot,
//!   once needed, holds the value from its definition on.
//! - *register hand-off* (see `plan`): the successor's entry register state
//!   is recorded and becomes the predecessor's exit state.
//!
//! Block-parameter moves run just before the branch. Destinations are the
//! parameters' slots; sources are registers or slots. When an argument is
//! itself a parameter of the same successor (loops passing values around),
//! the moves are ordered so that every slot is read before it is
//! overwritten, and cycles are broken through one extra slot per class.

use super::regs::{CLASSES, first_reg};
use super::scratch::{Allocator, EdgeMove};
use super::state::NONE32;
use upstream::{
    Allocation, Block, Function, Inst, PReg, ProgPoint, RegAllocError, RegClass, SpillSlot, VReg,
};

impl Allocator {
    /// Start walking block `b` from its end: restore the register state of an
    /// adopted successor, if any.
    pub(super) fn enter_from_successor(&mut self, b: Block) {
        let s = self.plan.adopts[b.index()];
        if s == NONE32 {
            return;
        }
        let (start, end) = self.snapshot_run[s as usize];
        for k in start..end {
            let (v, r) = self.snapshot[k as usize];
            self.values.put(VReg::new(v as usize, r.class()), r);
        }
    }

    /// The walk reached the top of block `b`: fix what its predecessors must
    /// provide.
    pub(super) fn leave_at_block_start<F: Function>(&mut self, f: &F, b: Block) -> Result<(), RegAllocError> {
        if let Some((p, last, k)) = self.defining_predecessor(f, b)? {
            return self.enter_after_defining_branch(f, b, p, last, k);
        }
        let at = ProgPoint::before(f.block_insns(b).first());
        let adopted = self.plan.adopted[b.index()];
        let start = self.snapshot.len() as u32;
        for c in CLASSES {
            let cap = if adopted {
                let n = self.machine.usable.word(c).count_ones();
                n.saturating_sub(self.plan.reserve[b.index()][c as usize] as u32)
            } else {
                0
            };
            let mut kept = 0;
            let mut w = self.values.occupied.word(c);
            while w != 0 {
                let r = first_reg(w, c);
                w &= w - 1;
                let v = self.values.holder_of(r).unwrap();
                if kept < cap {
                    kept += 1;
                    self.snapshot.push((v.vreg() as u32, r));
                } else {
                    let s = self.values.slot_of(v);
                    self.values.needs_slot[v.vreg()] = true;
                    self.edits.push(at, s, Allocation::reg(r));
                }
            }
        }
        if adopted {
            self.snapshot_run[b.index()] = (start, self.snapshot.len() as u32);
        } else {
            for &p in f.block_params(b) {
                if self.values.is_live(p) {
                    self.values.needs_slot[p.vreg()] = true;
                    self.values.slot_of(p);
                }
            }
        }
        Ok(())
    }

    fn cycle_slot(&mut self, c: RegClass) -> Allocation {
        if self.edge.cycle_slot[c as usize] == NONE32 {
            self.edge.cycle_slot[c as usize] = self.values.fresh_slot(c);
        }
        Allocation::stack(SpillSlot::new(self.edge.cycle_slot[c as usize] as usize))
    }

    /// A register of class `c` to carry slot-to-slot moves at this block end.
    fn edge_temp(&mut self, c: RegClass) -> Result<PReg, RegAllocError> {
        if let Some(t) = self.edge.temp[c as usize] {
            return Ok(t);
        }
        let t = if let Some(t) = self.machine.scratch[c as usize] {
            t
        } else {
            let usable = self.machine.usable.word(c);
            let free = usable & !self.values.occupied.word(c);
            if free != 0 {
                first_reg(free, c)
            } else {
                // Borrow a register whose value is restored after the moves.
                let mut w = usable & !self.edge.src_regs.word(c);
                let mut found = None;
                while w != 0 {
                    let r = first_reg(w, c);
                    w &= w - 1;
                    let x = self.values.holder_of(r).unwrap();
                    if self.edge.param_pos[x.vreg()] == NONE32 {
                        found = Some((r, x));
                        break;
                    }
                }
                let (r, x) = found.ok_or(RegAllocError::TooManyLiveRegs)?;
                let s = self.values.slot_of(x);
                self.values.mark_in_slot(x);
                self.edge.restore.push((s, Allocation::reg(r)));
                r
            }
        };
        self.edge.temp[c as usize] = Some(t);
        Ok(t)
    }

    /// A free register to hold a branch argument, keeping one free register
    /// for `edge_temp`.
    fn spare_for_arg(&self, c: RegClass) -> Option<PReg> {
        let mut free = self.machine.usable.word(c) & !self.values.occupied.word(c);
        if let Some(t) = self.edge.temp[c as usize] {
            free &= !(1u64 << t.hw_enc());
        }
        if free.count_ones() < 2 {
            return None;
        }
        let pref = free & self.machine.preferred.word(c);
        Some(first_reg(if pref != 0 { pref } else { free }, c))
    }

    fn emit_edge_move(&mut self, m: usize) -> Result<(), RegAllocError> {
        let mv = self.edge.moves[m];
        let src = if mv.dep != NONE32 && self.edge.saved[mv.dep as usize] {
            self.cycle_slot(mv.class)
        } else {
            mv.src
        };
        if src.is_reg() {
            self.edge.fwd.push((src, mv.dst));
        } else {
            let t = Allocation::reg(self.edge_temp(mv.class)?);
            self.edge.fwd.push((src, t));
            self.edge.fwd.push((t, mv.dst));
        }
        Ok(())
    }

    /// Write the successors' block parameters into their slots just before
    /// the branch `last` of block `b`.
    pub(super) fn block_param_moves<F: Function>(
        &mut self,
        f: &F,
        b: Block,
        last: Inst,
    ) -> Result<(), RegAllocError> {
        let succs = f.block_succs(b);
        // Parameter slots are overwritten before the branch: locations
        // decided here must not be claimed (for debug info) past that point.
        self.values.now = ProgPoint::before(last).to_index();
        self.edge.fwd.clear();
        self.edge.restore.clear();
        self.edge.temp = [None; 3];
        self.edge.src_regs = Default::default();
        for (k, &s) in succs.iter().enumerate() {
            let params = f.block_params(s);
            let args = f.branch_blockparams(b, last, k);
            if params.len() != args.len() {
                return Err(RegAllocError::Branch(last));
            }
            if params.is_empty() {
                continue;
            }
            let known = self.plan.pos[s.index()] < self.plan.pos[b.index()];
            for (j, p) in params.iter().enumerate() {
                self.edge.param_pos[p.vreg()] = j as u32;
            }
            self.edge.moves.clear();
            self.edge.move_of_param.clear();
            self.edge.move_of_param.resize(params.len(), NONE32);
            for j in 0..params.len() {
                let (a, p) = (args[j], params[j]);
                if known && !self.values.needs_slot[p.vreg()] {
                    continue; // the successor never reads this parameter
                }
                self.values.needs_slot[p.vreg()] = true;
                if a == p {
                    continue; // already in its slot
                }
                let dst = self.values.slot_of(p);
                let src = match self.values.reg_of(a) {
                    Some(r) => Allocation::reg(r),
                    None if self.values.is_live(a) => {
                        self.values.mark_in_slot(a);
                        self.values.slot_of(a)
                    }
                    None => match self.spare_for_arg(a.class()) {
                        Some(r) => {
                            self.values.put(a, r);
                            Allocation::reg(r)
                        }
                        None => {
                            self.values.mark_in_slot(a);
                            self.values.slot_of(a)
                        }
                    },
                };
                if let Some(r) = src.as_reg() {
                    self.edge.src_regs.insert(r);
                }
                self.edge.move_of_param[j] = self.edge.moves.len() as u32;
                self.edge.moves.push(EdgeMove {
                    src,
                    src_vreg: a.vreg() as u32,
                    dst,
                    class: a.class(),
                    dep: NONE32,
                });
            }
            let n = self.edge.moves.len();
            self.edge.readers.clear();
            self.edge.readers.resize(n, 0);
            for m in 0..n {
                let mv = self.edge.moves[m];
                if !mv.src.is_stack() {
                    continue;
                }
                let j = self.edge.param_pos[mv.src_vreg as usize];
                if j == NONE32 {
                    continue;
                }
                let t = self.edge.move_of_param[j as usize];
                if t != NONE32 && t as usize != m {
                    self.edge.moves[m].dep = t;
                    self.edge.readers[t as usize] += 1;
                }
            }
            self.edge.done.clear();
            self.edge.done.resize(n, false);
            self.edge.saved.clear();
            self.edge.saved.resize(n, false);
            self.edge.ready.clear();
            for m in 0..n {
                if self.edge.readers[m] == 0 {
                    self.edge.ready.push(m as u32);
                }
            }
            let mut emitted = 0;
            let mut scan = 0;
            loop {
                while let Some(m) = self.edge.ready.pop() {
                    let m = m as usize;
                    if self.edge.done[m] {
                        continue;
                    }
                    self.edge.done[m] = true;
                    emitted += 1;
                    self.emit_edge_move(m)?;
                    let d = self.edge.moves[m].dep;
                    if d != NONE32 && !self.edge.done[d as usize] {
                        self.edge.readers[d as usize] -= 1;
                        if self.edge.readers[d as usize] == 0 {
                            self.edge.ready.push(d);
                        }
                    }
                }
                if emitted == n {
                    break;
                }
                while self.edge.done[scan] {
                    scan += 1;
                }
                // Only cycles remain: park one destination's old value.
                let mv = self.edge.moves[scan];
                let cyc = self.cycle_slot(mv.class);
                let t = Allocation::reg(self.edge_temp(mv.class)?);
                self.edge.fwd.push((mv.dst, t));
                self.edge.fwd.push((t, cyc));
                self.edge.saved[scan] = true;
                self.edge.readers[scan] = 0;
                self.edge.ready.push(scan as u32);
            }
            for p in params {
                self.edge.param_pos[p.vreg()] = NONE32;
            }
        }
        let at = ProgPoint::before(last);
        for k in (0..self.edge.restore.len()).rev() {
            let (a, b) = self.edge.restore[k];
            self.edits.push(at, a, b);
        }
        for k in (0..self.edge.fwd.len()).rev() {
            let (a, b) = self.edge.fwd[k];
            self.edits.push(at, a, b);
        }
        Ok(())
    }
}
