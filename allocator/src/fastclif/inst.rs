//! Allocation of one instruction, seen from below.
//!
//! On entry the state says where the code *after* the instruction expects
//! each live value. We then:
//! 1. pick locations for the definitions and emit the moves that bring each
//!    defined value to where later code expects it (and to its spill slot if
//!    anything reads it from there);
//! 2. move aside every live value sitting in a register the instruction
//!    writes (defs, clobbers): it is reloaded from its slot right after;
//! 3. pick locations for the uses, preferring the register a value already
//!    occupies, and record that earlier code must deliver it there.
//!
//! Moves right after the instruction come in two groups: the first only
//! reads definition registers / stack registers and writes other registers
//! or slots; the second only reads spill slots. Running the first group
//! before the second makes every combination safe without a general
//! parallel-move solver.

use super::regs::{RegMask, first_reg};
use super::{Allocator, Move};
use upstream::{
    Allocation, Function, Inst, Operand, OperandConstraint as Con, OperandKind, OperandPos, Output, PReg,
    PRegSet, ProgPoint, RegAllocError, RegClass, VReg,
};

// Work lists of operand indices, filled once per instruction.
pub(super) const L_DEF_ALL: usize = 0;
pub(super) const L_DEF_REUSE: usize = 1;
pub(super) const L_DEF_EARLY: usize = 2;
pub(super) const L_DEF_LATE: usize = 3;
pub(super) const L_USE_CLAIM: usize = 4;
pub(super) const L_USE_REG_LATE: usize = 5;
pub(super) const L_USE_REG_EARLY: usize = 6;
pub(super) const L_USE_OTHER: usize = 7;
pub(super) const L_USE_FAR: usize = 8;
pub(super) const NUM_LISTS: usize = 9;

/// `Allocator::def_state` values: a def of the current instruction has no
/// location yet, has one, or has been routed to where later code wants it.
/// (A vreg can be defined twice by one instruction when the client allows
/// multiple defs.)
pub(super) const DEF_UNSEEN: u8 = 0;
const DEF_PLACED: u8 = 1;
const DEF_ROUTED: u8 = 2;

/// A plain instruction has at most 64 operands, only `reg` ones, defined late
/// and used early, and defines each vreg at most once. (The caller also requires no
/// clobbers and not a value-defining branch.) The test reads the operand
/// encoding of the pinned regalloc2 directly, as a decoded
/// `constraint()` costs more than the rest of the check;
/// `plain_test_matches_decoded_operands` holds it to the decoded form.
/// Returns which operands are defs and which are uses.
#[inline(always)]
fn plain_shape(ops: &[Operand]) -> Option<PlainShape> {
    if ops.len() > 64 {
        return None;
    }
    let mut defs = 0u64;
    for (k, op) in ops.iter().enumerate() {
        let bits = op.bits();
        // Constraint field (bits 36..43) 1 = `Reg`; kind bit 35 (use = 1)
        // must differ from position bit 34 (late = 1).
        if (bits >> 36) & 0x7f != 1 || ((bits >> 35) ^ (bits >> 34)) & 1 != 1 {
            return None;
        }
        defs |= (((bits >> 35) & 1) ^ 1) << k;
    }
    if defs & (defs - 1) != 0 {
        // A vreg defined twice shares one location: the general path's job.
        for (k, a) in ops.iter().enumerate() {
            if a.kind() == OperandKind::Def
                && ops[k + 1..].iter().any(|b| b.kind() == OperandKind::Def && b.vreg() == a.vreg())
            {
                return None;
            }
        }
    }
    let all = if ops.len() == 64 { !0 } else { (1u64 << ops.len()) - 1 };
    Some(PlainShape { defs, uses: all & !defs })
}

/// Operand positions of a plain instruction, as bit sets.
#[derive(Clone, Copy)]
struct PlainShape {
    defs: u64,
    uses: u64,
}

/// Positions in a bit set, lowest first.
#[inline(always)]
fn positions(mut set: u64) -> impl Iterator<Item = usize> {
    core::iter::from_fn(move || {
        if set == 0 {
            return None;
        }
        let k = set.trailing_zeros() as usize;
        set &= set - 1;
        Some(k)
    })
}

#[inline]
fn limit_mask(c: Con) -> u64 {
    match c {
        Con::Limit(n) if n < 64 => (1u64 << n) - 1,
        _ => !0,
    }
}

#[inline]
fn bit(r: PReg) -> u64 {
    1u64 << r.hw_enc()
}

impl Allocator {
    /// Evict the holder of `r` (if any): it is reloaded into `r` from its
    /// slot right after the current instruction.
    pub(super) fn evict_after(&mut self, r: PReg) {
        if let Some(x) = self.values.holder_of(r) {
            let s = self.values.slot_of(x);
            self.values.mark_in_slot(x);
            self.after_second.push((s, Allocation::reg(r)));
        }
    }

    /// Pick a register of class `c` outside `forbid` and inside `limit`.
    /// `own` is taken if allowed. Free registers win; among them, those
    /// outside `avoid`, then preferred ones. With `victims`, an occupied
    /// register is freed (see `evict_after`) when nothing is free.
    pub(super) fn choose(
        &mut self,
        c: RegClass,
        own: Option<PReg>,
        forbid: u64,
        limit: u64,
        avoid: u64,
        victims: bool,
    ) -> Result<Option<PReg>, RegAllocError> {
        let ok = self.machine.usable.word(c) & limit & !forbid;
        if let Some(r) = own
            && r.class() == c
            && ok & bit(r) != 0
        {
            return Ok(Some(r));
        }
        let free = ok & !self.values.occupied.word(c);
        if free != 0 {
            let pref = self.machine.preferred.word(c);
            for w in [free & !avoid & pref, free & !avoid, free & pref] {
                if w != 0 {
                    return Ok(Some(first_reg(w, c)));
                }
            }
            return Ok(Some(first_reg(free, c)));
        }
        if !victims {
            return Ok(None);
        }
        if ok == 0 {
            return Err(RegAllocError::TooManyLiveRegs);
        }
        let pool = if ok & !avoid != 0 { ok & !avoid } else { ok };
        // Cheapest victim: one whose slot is already valid (no new store).
        let mut w = pool;
        let mut pick = None;
        while w != 0 {
            let r = first_reg(w, c);
            w &= w - 1;
            if let Some(x) = self.values.holder_of(r)
                && self.values.needs_slot[x.vreg()]
            {
                pick = Some(r);
                break;
            }
        }
        let r = match pick {
            Some(r) => r,
            None => {
                let cur = self.victim_cursor[c as usize] & 63;
                let upper = pool & !((1u64 << cur) - 1);
                let r = first_reg(if upper != 0 { upper } else { pool }, c);
                self.victim_cursor[c as usize] = r.hw_enc() as u32 + 1;
                r
            }
        };
        self.evict_after(r);
        Ok(Some(r))
    }

    /// Make the current instruction read `v` from register `r`.
    fn use_in_reg(&mut self, v: VReg, r: PReg, use_regs: &mut RegMask) {
        match self.values.reg_of(v) {
            Some(e) if e == r => {}
            Some(e) => {
                if self.values.holder_of(r).is_some() {
                    self.evict_after(r);
                }
                self.before.push((Allocation::reg(e), Allocation::reg(r)));
                use_regs.insert(e);
            }
            None => {
                if self.values.holder_of(r).is_some() {
                    self.evict_after(r);
                }
                self.values.put(v, r);
            }
        }
        use_regs.insert(r);
    }

    /// A register use of `v` (class `c`, inside `lim`): its current register
    /// unless that is in `own_forbid`, else a register chosen outside
    /// `forbid`, preferably outside `avoid`.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn place_reg_use(
        &mut self,
        v: VReg,
        c: RegClass,
        lim: u64,
        own_forbid: RegMask,
        forbid: RegMask,
        avoid: RegMask,
        use_regs: &mut RegMask,
    ) -> Result<PReg, RegAllocError> {
        let own = self
            .values
            .reg_of(v)
            .filter(|&e| self.machine.usable.word(c) & lim & !own_forbid.word(c) & bit(e) != 0);
        let r = match own {
            Some(e) => e,
            None => self.choose(c, None, forbid.word(c), lim, avoid.word(c), true)?.unwrap(),
        };
        self.use_in_reg(v, r, use_regs);
        Ok(r)
    }

    /// Make the current instruction read `v` from its spill slot.
    fn use_in_slot(&mut self, v: VReg) -> Allocation {
        let s = self.values.slot_of(v);
        if self.values.reg_of(v).is_some() {
            self.values.needs_slot[v.vreg()] = true;
        } else {
            self.values.mark_in_slot(v);
        }
        s
    }

    /// Allocate instruction `i`. With `defining_branch`, `i` is a block
    /// terminator that defines values: its definitions land where
    /// `after_branch` expects them and nothing is placed after it.
    pub(super) fn inst<F: Function>(
        &mut self,
        f: &F,
        i: Inst,
        defining_branch: bool,
        out: &mut Output,
    ) -> Result<(), RegAllocError> {
        let ops = f.inst_operands(i);
        self.values.now = ProgPoint::after(i).to_index();
        let base = out.inst_alloc_offsets[i.index()] as usize;
        let allocs = &mut out.allocs[base..base + ops.len()];
        self.before.clear();
        self.after_first.clear();
        self.after_second.clear();
        self.via_temp.clear();
        let clobbers = f.inst_clobbers(i);
        if !defining_branch
            && clobbers == PRegSet::empty()
            && let Some(shape) = plain_shape(ops)
        {
            return self.plain_inst(f, i, ops, shape, allocs);
        }
        for l in self.lists.iter_mut() {
            l.clear();
        }

        let clob = self.clobber_mask(clobbers);
        let mut def_regs = RegMask::default();
        let mut early_def_regs = RegMask::default();
        let mut fixed_use = RegMask::default();
        let mut fixed_late_use = RegMask::default();
        // `def_state` of this instruction's defs; back to `DEF_UNSEEN` when
        // the instruction is finished.
        let stamp = DEF_PLACED;
        let done = DEF_ROUTED;

        // One pass to sort operands into work lists; fixed constraints are
        // recorded right away since they are not negotiable.
        for (k, op) in ops.iter().enumerate() {
            allocs[k] = Allocation::none();
            let k16 = k as u16;
            let cons = op.constraint();
            match op.kind() {
                OperandKind::Def => {
                    self.lists[L_DEF_ALL].push(k16);
                    let early = op.pos() == OperandPos::Early;
                    match cons {
                        Con::FixedReg(r) => {
                            def_regs.insert(r);
                            if early {
                                early_def_regs.insert(r);
                            }
                            allocs[k] = Allocation::reg(r);
                            self.def_state[op.vreg().vreg()] = stamp;
                        }
                        Con::Reuse(_) => self.lists[L_DEF_REUSE].push(k16),
                        _ if early => self.lists[L_DEF_EARLY].push(k16),
                        _ => self.lists[L_DEF_LATE].push(k16),
                    }
                }
                OperandKind::Use => match cons {
                    Con::FixedReg(r) => {
                        if op.as_fixed_nonallocatable().is_some() {
                            allocs[k] = Allocation::reg(r);
                            continue;
                        }
                        fixed_use.insert(r);
                        if op.pos() == OperandPos::Late {
                            fixed_late_use.insert(r);
                        }
                        if self.machine.is_usable(r) {
                            self.lists[L_USE_CLAIM].push(k16);
                        } else {
                            self.lists[L_USE_FAR].push(k16);
                        }
                    }
                    Con::Reg | Con::Limit(_) => {
                        if op.pos() == OperandPos::Late {
                            self.lists[L_USE_REG_LATE].push(k16);
                        } else {
                            self.lists[L_USE_REG_EARLY].push(k16);
                        }
                    }
                    _ => self.lists[L_USE_OTHER].push(k16),
                },
            }
        }

        if !self.lists[L_DEF_ALL].is_empty() {
            let multi = f.allow_multiple_vreg_defs();
            // Step 1a: locations of non-fixed defs. Tied defs first (they
            // constrain a use too), then early defs, then late defs.
            for list in [L_DEF_REUSE, L_DEF_EARLY, L_DEF_LATE] {
                for n in 0..self.lists[list].len() {
                    let k = self.lists[list][n] as usize;
                    let op = ops[k];
                    let cons = op.constraint();
                    let early = list == L_DEF_EARLY;
                    let v = op.vreg();
                    let c = op.class();
                    if multi && self.def_state[v.vreg()] == stamp {
                        // Same vreg defined twice here: share the location.
                        let prev = (0..ops.len()).find(|&q| {
                            q != k
                                && ops[q].kind() == OperandKind::Def
                                && ops[q].vreg() == v
                                && allocs[q].is_some()
                        });
                        if let Some(q) = prev {
                            allocs[k] = allocs[q];
                            continue;
                        }
                    }
                    let own = self.values.reg_of(v);
                    // A defining branch's `any`/`stack` defs go to their
                    // slots; register-constrained ones are scratch values
                    // that no successor may read (`after_branch` checks).
                    if defining_branch && super::after_branch::branch_def_is_slot(cons) == Some(true) {
                        allocs[k] = self.values.slot_of(v);
                        self.def_state[v.vreg()] = stamp;
                        continue;
                    }
                    let a = match cons {
                        Con::Reuse(j) => {
                            let u = ops[j];
                            let r = match u.constraint() {
                                Con::FixedReg(r) => r,
                                uc => {
                                    let forbid =
                                        def_regs.union(clob).union(fixed_use).union(early_def_regs).word(c);
                                    let r = self.choose(c, own, forbid, limit_mask(uc), 0, true)?;
                                    let r = r.unwrap();
                                    self.lists[L_USE_CLAIM].push(j as u16);
                                    r
                                }
                            };
                            allocs[j] = Allocation::reg(r);
                            fixed_use.insert(r);
                            Allocation::reg(r)
                        }
                        Con::Stack => self.values.slot_of(v),
                        _ => {
                            let forbid = if early {
                                def_regs.union(clob).union(fixed_use).union(early_def_regs)
                            } else {
                                def_regs.union(clob).union(fixed_late_use)
                            }
                            .word(c);
                            if cons == Con::Any {
                                let ok = self.machine.usable.word(c) & !forbid;
                                match own {
                                    Some(r) if ok & bit(r) != 0 => Allocation::reg(r),
                                    _ if self.values.is_live(v) => self.values.slot_of(v),
                                    _ => match self.choose(c, None, forbid, !0, 0, false)? {
                                        Some(r) => Allocation::reg(r),
                                        None => self.values.slot_of(v),
                                    },
                                }
                            } else {
                                let r = self.choose(c, own, forbid, limit_mask(cons), 0, true)?;
                                Allocation::reg(r.unwrap())
                            }
                        }
                    };
                    if let Some(r) = a.as_reg() {
                        def_regs.insert(r);
                        if early {
                            early_def_regs.insert(r);
                        }
                    }
                    allocs[k] = a;
                    self.def_state[v.vreg()] = stamp;
                }
            }

            // Step 1b: route each defined value to where later code wants it
            // (for a defining branch, the successors do that).
            let mut first_dst = RegMask::default();
            for n in 0..self.lists[L_DEF_ALL].len() {
                if defining_branch {
                    let v = ops[self.lists[L_DEF_ALL][n] as usize].vreg();
                    self.values.forget(v);
                    continue;
                }
                let k = self.lists[L_DEF_ALL][n] as usize;
                let v = ops[k].vreg();
                if self.def_state[v.vreg()] == done {
                    continue;
                }
                self.def_state[v.vreg()] = done;
                if !self.values.is_live(v) {
                    continue;
                }
                self.route_def(v, allocs[k], def_regs, &mut first_dst);
            }
            if !self.via_temp.is_empty() {
                self.resolve_via_temp(def_regs, first_dst)?;
            }
        }

        // Step 2: values living in registers this instruction writes.
        self.evict_written(def_regs.union(clob));

        // Step 3: uses. Fixed and tied inputs claim their registers first.
        let mut use_regs = RegMask::default();
        let claims = self.lists[L_USE_CLAIM].len();
        for n in 0..claims {
            let k = self.lists[L_USE_CLAIM][n] as usize;
            let r = match ops[k].constraint() {
                Con::FixedReg(r) => r,
                _ => allocs[k].as_reg().unwrap(),
            };
            if let Some(x) = self.values.holder_of(r)
                && x != ops[k].vreg()
            {
                self.evict_after(r);
            }
        }
        for n in 0..claims {
            let k = self.lists[L_USE_CLAIM][n] as usize;
            let r = match ops[k].constraint() {
                Con::FixedReg(r) => r,
                _ => allocs[k].as_reg().unwrap(),
            };
            self.use_in_reg(ops[k].vreg(), r, &mut use_regs);
            allocs[k] = Allocation::reg(r);
        }
        // Register uses: late ones are the most constrained.
        for list in [L_USE_REG_LATE, L_USE_REG_EARLY] {
            let late = list == L_USE_REG_LATE;
            for n in 0..self.lists[list].len() {
                let k = self.lists[list][n] as usize;
                if allocs[k].is_some() {
                    continue; // tied input, already placed
                }
                let op = ops[k];
                let v = op.vreg();
                let c = op.class();
                let (own_forbid, forbid, avoid) = if late {
                    let hard = def_regs.union(clob);
                    (hard, hard.union(use_regs).union(fixed_use), RegMask::default())
                } else {
                    (early_def_regs, early_def_regs.union(use_regs).union(fixed_use), def_regs.union(clob))
                };
                let lim = limit_mask(op.constraint());
                let r = self.place_reg_use(v, c, lim, own_forbid, forbid, avoid, &mut use_regs)?;
                allocs[k] = Allocation::reg(r);
            }
        }
        // Anywhere / stack uses.
        for n in 0..self.lists[L_USE_OTHER].len() {
            let k = self.lists[L_USE_OTHER][n] as usize;
            if allocs[k].is_some() {
                continue;
            }
            let op = ops[k];
            let v = op.vreg();
            let c = op.class();
            if op.constraint() == Con::Stack {
                allocs[k] = self.use_in_slot(v);
                continue;
            }
            let late = op.pos() == OperandPos::Late;
            let hard = if late { def_regs.union(clob) } else { early_def_regs };
            let own =
                self.values.reg_of(v).filter(|&e| self.machine.usable.word(c) & !hard.word(c) & bit(e) != 0);
            if let Some(e) = own {
                use_regs.insert(e);
                allocs[k] = Allocation::reg(e);
            } else if self.values.is_live(v) {
                allocs[k] = self.use_in_slot(v);
            } else {
                let forbid = hard.union(use_regs).union(fixed_use).word(c);
                let avoid = def_regs.union(clob).word(c);
                match self.choose(c, None, forbid, !0, avoid, false)? {
                    Some(r) => {
                        self.use_in_reg(v, r, &mut use_regs);
                        allocs[k] = Allocation::reg(r);
                    }
                    None => allocs[k] = self.use_in_slot(v),
                }
            }
        }
        // Fixed registers we may not allocate (stack-slot registers, ...).
        for n in 0..self.lists[L_USE_FAR].len() {
            let k = self.lists[L_USE_FAR][n] as usize;
            let op = ops[k];
            let Con::FixedReg(r) = op.constraint() else { unreachable!() };
            let v = op.vreg();
            let c = op.class();
            allocs[k] = Allocation::reg(r);
            if let Some(e) = self.values.reg_of(v) {
                self.before.push((Allocation::reg(e), Allocation::reg(r)));
                use_regs.insert(e);
            } else if self.machine.is_stack(r) {
                // Stack register: the value must come from a real register.
                let forbid = use_regs.union(fixed_use).union(early_def_regs).word(c);
                let avoid = def_regs.union(clob).word(c);
                let h = self.choose(c, None, forbid, !0, avoid, true)?.unwrap();
                self.values.put(v, h);
                use_regs.insert(h);
                self.before.push((Allocation::reg(h), Allocation::reg(r)));
            } else {
                let s = self.use_in_slot(v);
                self.before.push((s, Allocation::reg(r)));
            }
        }

        for n in 0..self.lists[L_DEF_ALL].len() {
            let v = ops[self.lists[L_DEF_ALL][n] as usize].vreg();
            self.def_state[v.vreg()] = DEF_UNSEEN;
        }
        self.finish_inst(f, i)
    }

    /// `inst` for a plain instruction (see `plain_shape`): the same decisions as
    /// the general path, whose work lists, fixed-register and clobber
    /// bookkeeping would all be empty here. About four in five of
    /// Cranelift's x64 instructions take this path.
    fn plain_inst<F: Function>(
        &mut self,
        f: &F,
        i: Inst,
        ops: &[Operand],
        shape: PlainShape,
        allocs: &mut [Allocation],
    ) -> Result<(), RegAllocError> {
        let mut def_regs = RegMask::default();
        for k in positions(shape.uses) {
            allocs[k] = Allocation::none();
        }
        for k in positions(shape.defs) {
            let (v, c) = (ops[k].vreg(), ops[k].class());
            let own = self.values.reg_of(v);
            let r = self.choose(c, own, def_regs.word(c), !0, 0, true)?.unwrap();
            def_regs.insert(r);
            allocs[k] = Allocation::reg(r);
        }
        if shape.defs != 0 {
            let mut first_dst = RegMask::default();
            for k in positions(shape.defs) {
                let v = ops[k].vreg();
                if self.values.is_live(v) {
                    self.route_def(v, allocs[k], def_regs, &mut first_dst);
                }
            }
            if !self.via_temp.is_empty() {
                self.resolve_via_temp(def_regs, first_dst)?;
            }
            self.evict_written(def_regs);
        }
        let mut use_regs = RegMask::default();
        let none = RegMask::default();
        for k in positions(shape.uses) {
            let (v, c) = (ops[k].vreg(), ops[k].class());
            let r = self.place_reg_use(v, c, !0, none, use_regs, def_regs, &mut use_regs)?;
            allocs[k] = Allocation::reg(r);
        }
        self.finish_inst(f, i)
    }

    /// Emit the instruction's moves; moves after a terminator would never run.
    #[inline]
    fn finish_inst<F: Function>(&mut self, f: &F, i: Inst) -> Result<(), RegAllocError> {
        if f.is_branch(i) && !(self.after_first.is_empty() && self.after_second.is_empty()) {
            return Err(RegAllocError::Branch(i));
        }
        if !(self.before.is_empty() && self.after_first.is_empty() && self.after_second.is_empty()) {
            self.flush_inst_edits(i);
        }
        Ok(())
    }

    /// Step 1b for one defined value `v`, placed at `a`: bring it to where
    /// later code expects it and to its slot if anything reads it there.
    #[inline]
    fn route_def(&mut self, v: VReg, a: Allocation, def_regs: RegMask, first_dst: &mut RegMask) {
        let own = self.values.reg_of(v);
        let mut store = self.values.needs_slot[v.vreg()];
        match a.as_reg() {
            Some(r) => {
                match own {
                    Some(e) if e == r => {}
                    Some(e) if !def_regs.contains(e) => {
                        self.after_first.push((a, Allocation::reg(e)));
                        first_dst.insert(e);
                    }
                    Some(e) => {
                        // `e` is written by another def of this
                        // instruction: go through the slot.
                        store = true;
                        let s = self.values.slot_of(v);
                        self.after_second.push((s, Allocation::reg(e)));
                    }
                    None => {}
                }
                if store {
                    self.values.needs_slot[v.vreg()] = true;
                    let s = self.values.slot_of(v);
                    if self.machine.is_stack(r) {
                        self.via_temp.push((r, s));
                    } else {
                        self.after_first.push((a, s));
                    }
                }
            }
            None => {
                if let Some(e) = own {
                    self.after_second.push((a, Allocation::reg(e)));
                }
            }
        }
        self.values.forget(v);
    }

    /// Stack-register defs bound for a spill slot need a register in
    /// between (no memory-to-memory moves).
    fn resolve_via_temp(&mut self, def_regs: RegMask, first_dst: RegMask) -> Result<(), RegAllocError> {
        for q in 0..self.via_temp.len() {
            let (r, s) = self.via_temp[q];
            let c = r.class();
            let t = match self.machine.scratch[c as usize] {
                Some(t) => t,
                None => {
                    let forbid = def_regs.union(first_dst).word(c);
                    self.choose(c, None, forbid, !0, 0, true)?.unwrap()
                }
            };
            self.after_first.push((Allocation::reg(r), Allocation::reg(t)));
            self.after_first.push((Allocation::reg(t), s));
        }
        Ok(())
    }

    /// Step 2: values living in registers the instruction writes are
    /// reloaded after it.
    #[inline]
    fn evict_written(&mut self, written: RegMask) {
        for c in super::regs::CLASSES {
            let mut w = written.word(c) & self.values.occupied.word(c);
            while w != 0 {
                let r = first_reg(w, c);
                w &= w - 1;
                self.evict_after(r);
            }
        }
    }

    /// The clobber set as a mask. Most instructions clobber nothing and the
    /// calls of a function mostly share one set, so the last conversion is
    /// kept instead of walking the set bit by bit each time.
    #[inline]
    fn clobber_mask(&mut self, clobbers: PRegSet) -> RegMask {
        if clobbers == PRegSet::empty() {
            return RegMask::default();
        }
        if clobbers != self.last_clobbers.0 {
            let mut mask = RegMask::default();
            for r in clobbers {
                mask.insert(r);
            }
            self.last_clobbers = (clobbers, mask);
        }
        self.last_clobbers.1
    }

    #[cold]
    fn flush_inst_edits(&mut self, i: Inst) {
        let after = ProgPoint::after(i);
        let before = ProgPoint::before(i);
        for k in (0..self.after_second.len()).rev() {
            let (a, b) = self.after_second[k];
            self.edits.push(after, a, b);
        }
        for k in (0..self.after_first.len()).rev() {
            let (a, b) = self.after_first[k];
            self.edits.push(after, a, b);
        }
        for k in (0..self.before.len()).rev() {
            let (a, b): Move = self.before[k];
            self.edits.push(before, a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `plain_shape` reads raw operand bits; it must agree with the decoded
    /// operand for every kind, position, constraint and class.
    #[test]
    fn plain_test_matches_decoded_operands() {
        let constraints = [
            Con::Any,
            Con::Reg,
            Con::Stack,
            Con::FixedReg(PReg::new(3, RegClass::Int)),
            Con::Reuse(1),
            Con::Limit(8),
        ];
        for class in [RegClass::Int, RegClass::Float, RegClass::Vector] {
            for cons in constraints {
                let cons = match cons {
                    Con::FixedReg(r) => Con::FixedReg(PReg::new(r.hw_enc(), class)),
                    c => c,
                };
                for kind in [OperandKind::Def, OperandKind::Use] {
                    for pos in [OperandPos::Early, OperandPos::Late] {
                        let op = Operand::new(VReg::new(300, class), cons, kind, pos);
                        let expected = cons == Con::Reg
                            && matches!(
                                (kind, pos),
                                (OperandKind::Def, OperandPos::Late) | (OperandKind::Use, OperandPos::Early)
                            );
                        assert_eq!(plain_shape(&[op]).is_some(), expected, "{op:?}");
                    }
                }
            }
        }
        let d = |v| Operand::new(VReg::new(v, RegClass::Int), Con::Reg, OperandKind::Def, OperandPos::Late);
        let u = |v| Operand::new(VReg::new(v, RegClass::Int), Con::Reg, OperandKind::Use, OperandPos::Early);
        let shape = plain_shape(&[u(7), d(5), u(8), d(6)]).unwrap();
        assert_eq!((shape.defs, shape.uses), (0b1010, 0b0101));
        assert!(plain_shape(&[d(5), d(5)]).is_none());
        assert_eq!(plain_shape(&[]).map(|s| (s.defs, s.uses)), Some((0, 0)));
    }
}
