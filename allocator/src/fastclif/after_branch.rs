//! Entry of a block whose predecessor ends in a branch that also defines
//! values: Cranelift's `try_call`, whose return values (normal edge) and
//! exception payload (handler edges) are defined by the terminator itself.
//!
//! Nothing can be placed after a terminator, so every move a definition
//! would normally be followed by (routing it to where later code wants it,
//! storing it to its slot), and the block-parameter moves the branch would
//! normally be preceded by, happen here instead, at the successor's entry.
//! That is sound because such a successor has exactly one predecessor
//! (Cranelift splits every other edge out of a `try_call`).
//!
//! The definitions' locations must be known before the predecessor is
//! walked, so they follow from the constraints alone: a fixed register, or
//! the value's own spill slot for `any`/`stack` (`plan::branch_def_is_slot`,
//! which `Allocator::inst` also obeys when it walks the branch).
//!
//! Moves come in the same two groups as after an instruction: first those
//! reading definition registers, then those reading slots.

use super::plan::branch_def_is_slot;
use super::regs::{CLASSES, RegMask, first_reg, regs_in};
use super::scratch::Allocator;
use super::state::{IN_SLOT, NONE32};
use upstream::{
    Allocation, Block, Function, Inst, OperandConstraint as Con, OperandKind, ProgPoint, RegAllocError, VReg,
};

impl Allocator {
    /// If `b`'s only predecessor ends in a defining branch, return it with
    /// `b`'s index among its successors.
    pub(super) fn defining_predecessor<F: Function>(
        &self,
        f: &F,
        b: Block,
    ) -> Result<Option<(Block, Inst, usize)>, RegAllocError> {
        let preds = f.block_preds(b);
        for &p in preds {
            if !self.plan.defining_branch[p.index()] {
                continue;
            }
            let last = f.block_insns(p).last();
            if preds.len() != 1 {
                return Err(RegAllocError::CritEdge(p, b));
            }
            let k = f.block_succs(p).iter().position(|&s| s == b).unwrap();
            return Ok(Some((p, last, k)));
        }
        Ok(None)
    }

    /// The walk reached the top of `b`, which follows the defining branch
    /// `last` of `p` (as successor number `k`).
    pub(super) fn enter_after_defining_branch<F: Function>(
        &mut self,
        f: &F,
        b: Block,
        p: Block,
        last: Inst,
        k: usize,
    ) -> Result<(), RegAllocError> {
        let at = ProgPoint::before(f.block_insns(b).first());
        self.edge.fwd.clear(); // group 1: reads definition registers
        self.edge.restore.clear(); // group 2: reads slots
        self.edge.defs.clear();
        let mut def_srcs = RegMask::default();
        for op in f.inst_operands(last) {
            if op.kind() != OperandKind::Def {
                continue;
            }
            let v = op.vreg();
            let src = match (op.constraint(), branch_def_is_slot(op.constraint())) {
                (Con::FixedReg(r), _) => {
                    def_srcs.insert(r);
                    Allocation::reg(r)
                }
                (_, Some(true)) => self.values.slot_of(v),
                // Placed by the walk of `p`: usable only as a dead scratch.
                _ => Allocation::none(),
            };
            self.edge.def_pos[v.vreg()] = self.edge.defs.len() as u32;
            self.edge.defs.push((v, src));
        }

        // Block parameters, fed by the branch arguments.
        let params = f.block_params(b);
        let args = f.branch_blockparams(p, last, k);
        if params.len() != args.len() {
            return Err(RegAllocError::Branch(last));
        }
        for j in 0..params.len() {
            let (a, prm) = (args[j], params[j]);
            let reg = self.values.reg_of(prm);
            let in_slot = self.values.loc[prm.vreg()] == IN_SLOT || self.values.needs_slot[prm.vreg()];
            if reg.is_none() && !in_slot {
                continue; // never read
            }
            let src = self.source_of(a, last)?;
            self.values.forget(prm);
            // Both may be wanted: the register by this block, the slot by
            // blocks further on.
            if in_slot {
                let s = self.values.slot_of(prm);
                self.values.needs_slot[prm.vreg()] = true;
                self.route(src, s, def_srcs, prm)?;
            }
            if let Some(r) = reg {
                let dst = Allocation::reg(r);
                let src = if in_slot && !src.is_reg() { self.values.slot_of(prm) } else { src };
                self.route(src, dst, def_srcs, prm)?;
            }
        }

        // Values the block expects in registers.
        for c in CLASSES {
            for r in regs_in(self.values.occupied.word(c), c) {
                let v = self.values.holder_of(r).unwrap();
                let dst = Allocation::reg(r);
                if self.edge.def_pos[v.vreg()] != NONE32 {
                    let src = self.source_of(v, last)?;
                    self.route(src, dst, def_srcs, v)?;
                } else {
                    let s = self.values.slot_of(v);
                    self.values.needs_slot[v.vreg()] = true;
                    self.edge.restore.push((s, dst));
                }
            }
        }
        // Definitions the block reads from their slots.
        for n in 0..self.edge.defs.len() {
            let (v, src) = self.edge.defs[n];
            let in_slot = self.values.loc[v.vreg()] == IN_SLOT || self.values.needs_slot[v.vreg()];
            if in_slot && src.is_none() {
                return Err(RegAllocError::Branch(last));
            }
            if in_slot && src.is_reg() {
                let s = self.values.slot_of(v);
                self.edge.fwd.push((src, s));
            }
            self.edge.def_pos[v.vreg()] = NONE32;
        }

        for q in (0..self.edge.restore.len()).rev() {
            let (x, y) = self.edge.restore[q];
            self.edits.push(at, x, y);
        }
        for q in (0..self.edge.fwd.len()).rev() {
            let (x, y) = self.edge.fwd[q];
            self.edits.push(at, x, y);
        }
        Ok(())
    }

    /// Where `v` is right after the defining branch: a definition's fixed
    /// register or slot, else (a value from further up) its slot.
    fn source_of(&mut self, v: VReg, last: Inst) -> Result<Allocation, RegAllocError> {
        let d = self.edge.def_pos[v.vreg()];
        if d != NONE32 {
            let src = self.edge.defs[d as usize].1;
            return if src.is_none() { Err(RegAllocError::Branch(last)) } else { Ok(src) };
        }
        self.values.needs_slot[v.vreg()] = true;
        Ok(self.values.slot_of(v))
    }

    /// Queue the move `src -> dst` in the right group. `via` names the
    /// value whose slot may serve as a stopover.
    fn route(
        &mut self,
        src: Allocation,
        dst: Allocation,
        def_srcs: RegMask,
        via: VReg,
    ) -> Result<(), RegAllocError> {
        if src == dst {
            return Ok(());
        }
        match (src.as_reg(), dst.as_reg()) {
            (Some(_), Some(d)) if def_srcs.contains(d) => {
                // `d` still holds another definition: go through a slot.
                let s = self.values.slot_of(via);
                self.edge.fwd.push((src, s));
                self.edge.restore.push((s, dst));
            }
            (Some(_), _) => self.edge.fwd.push((src, dst)),
            (None, Some(_)) => self.edge.restore.push((src, dst)),
            (None, None) => {
                // Slot to slot through a register nobody expects here.
                let c = via.class();
                let free = self.machine.usable.word(c) & !self.values.occupied.word(c);
                let t = match self.machine.scratch[c as usize] {
                    Some(t) => t,
                    None if free != 0 => self.machine.pick(free, c),
                    None => return Err(RegAllocError::TooManyLiveRegs),
                };
                self.edge.restore.push((src, Allocation::reg(t)));
                self.edge.restore.push((Allocation::reg(t), dst));
            }
        }
        Ok(())
    }
}
