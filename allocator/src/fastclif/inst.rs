//! Allocation of one instruction, seen from below.
//!
//! On entry the state says where the code *after* the instruction expects
//! each live value. `general_inst` sorts the operands into work lists
//! (`sort_operands`), then:
//! 1. picks locations for the definitions (`place_defs`) and emits the moves
//!    that bring each defined value to where later code expects it, and to
//!    its spill slot if anything reads it from there (`route_defs`);
//! 2. moves aside every live value sitting in a register the instruction
//!    writes (defs, clobbers): it is reloaded from its slot right after
//!    (`evict_written`);
//! 3. picks locations for the uses, preferring the register a value already
//!    occupies, and records that earlier code must deliver it there: fixed
//!    and tied inputs (`claim_fixed_uses`), register uses
//!    (`place_reg_uses`), `any`/`stack` uses (`place_any_or_stack_uses`),
//!    uses of non-allocatable fixed registers
//!    (`feed_non_allocatable_fixed_uses`).
//!
//! `plain_inst` makes the same decisions for the common shape where the work
//! lists would hold only plain register defs and uses (`plain_shape`).
//!
//! Moves right after the instruction come in two groups: the first only
//! reads definition registers / stack registers and writes other registers
//! or slots; the second only reads spill slots. Running the first group
//! before the second makes every combination safe without a general
//! parallel-move solver.

use super::edits::{Move, register_destinations};
use super::operand_bits::{
    CONS_REG, constraint, constraint_field, fixed_reg, is_late, is_nonallocatable, is_reg_or_limit, is_tied,
    is_use, tied_input, vreg, vreg_and_class,
};
use super::plan::branch_def_is_slot;
use super::regs::{CLASSES, RegMask, first_reg};
use super::scratch::{
    Allocator, DEF_PLACED, DEF_ROUTED, DEF_UNSEEN, L_DEF_ALL, L_DEF_EARLY, L_DEF_LATE, L_DEF_REUSE,
    L_USE_CLAIM, L_USE_FAR, L_USE_OTHER, L_USE_REG_EARLY, L_USE_REG_LATE,
};
use upstream::{
    Allocation, Function, Inst, Operand, OperandConstraint as Con, OperandKind, OperandPos, Output, PReg,
    PRegSet, ProgPoint, RegAllocError, RegClass, VReg,
};

/// A plain instruction has at most 64 operands, only `reg` ones, defined late
/// and used early, and defines each vreg at most once; or it has exactly one
/// def, late and tied to one of those uses (`Reuse`), as x64's two-address
/// arithmetic has. (The caller also requires no clobbers and not a
/// value-defining branch.) The test reads raw operand fields
/// (`operand_bits`), as a decoded `constraint()` costs more than the rest of
/// the check. Returns which operands are defs and which are uses.
#[inline(always)]
fn plain_shape(ops: &[Operand]) -> Option<PlainShape> {
    if ops.len() > 64 {
        return None;
    }
    let mut defs = 0u64;
    let mut tied = NOT_TIED;
    for (k, &op) in ops.iter().enumerate() {
        let cons = constraint_field(op);
        let (is_use, late) = (is_use(op), is_late(op));
        if cons != CONS_REG || is_use == late {
            if !is_tied(cons) || is_use || !late || tied != NOT_TIED {
                return None;
            }
            tied = tied_input(cons) as u32;
        }
        defs |= (!is_use as u64) << k;
    }
    let all = if ops.len() == 64 { !0 } else { (1u64 << ops.len()) - 1 };
    if tied != NOT_TIED {
        // The tied def is the only def and its input one of the uses.
        if defs & defs.wrapping_sub(1) != 0 || tied as usize >= ops.len() || defs & (1u64 << tied) != 0 {
            return None;
        }
        return Some(PlainShape { defs, uses: all & !defs, tied });
    }
    // `wrapping_sub`: an instruction with uses only has `defs == 0`.
    if defs & defs.wrapping_sub(1) != 0 {
        // A vreg defined twice shares one location: the general path's job.
        for (k, a) in ops.iter().enumerate() {
            if a.kind() == OperandKind::Def
                && ops[k + 1..].iter().any(|b| b.kind() == OperandKind::Def && b.vreg() == a.vreg())
            {
                return None;
            }
        }
    }
    Some(PlainShape { defs, uses: all & !defs, tied })
}

/// `PlainShape::tied` when no def is tied.
const NOT_TIED: u32 = u32::MAX;

/// Operand positions of a plain instruction, as bit sets, and the use the
/// def is tied to (or `NOT_TIED`).
#[derive(Clone, Copy)]
struct PlainShape {
    defs: u64,
    uses: u64,
    tied: u32,
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

/// A vreg defined twice by one instruction (the client allows it) has one
/// location: the one an earlier-placed def of the same vreg already got.
#[inline]
fn shared_def_location(ops: &[Operand], allocs: &[Allocation], k: usize) -> Option<Allocation> {
    let v = ops[k].vreg();
    (0..ops.len())
        .find(|&q| q != k && ops[q].kind() == OperandKind::Def && ops[q].vreg() == v && allocs[q].is_some())
        .map(|q| allocs[q])
}

/// Registers the current instruction touches, by role, as the steps of
/// `general_inst` give them out: each step must respect what the earlier
/// ones decided.
#[derive(Default)]
struct InstRegs {
    /// The client's clobber set.
    clob: RegMask,
    /// Written by a def (any position).
    def_regs: RegMask,
    /// Written by an early def: busy for the whole instruction.
    early_def_regs: RegMask,
    /// Read by a fixed or tied use.
    fixed_use: RegMask,
    /// Read by a fixed late use: still busy when late defs are written.
    fixed_late_use: RegMask,
    /// Read by the uses placed so far (step 3).
    use_regs: RegMask,
}

impl InstRegs {
    /// Everything the instruction writes: no value survives there.
    #[inline]
    fn written(&self) -> RegMask {
        self.def_regs.union(self.clob)
    }
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
    /// `own` is taken if allowed. Free registers win: `hint` if it is free
    /// and outside `avoid`, then those outside `avoid`, then preferred ones.
    /// With `victims`, an occupied register is freed (see `evict_after`) when
    /// nothing is free. The `own` test is inlined into every caller: most
    /// defs and many uses keep the register later code expects them in, and
    /// a call for that cost more than the test.
    // Three masks and two optional registers, each call site passing a different
    // mix of them; a struct for them would only be built to be taken apart here.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(super) fn choose(
        &mut self,
        c: RegClass,
        own: Option<PReg>,
        hint: Option<PReg>,
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
        self.choose_other(c, hint, ok, avoid, victims)
    }

    /// `choose` when `own` is not taken; `ok` holds the allowed registers.
    fn choose_other(
        &mut self,
        c: RegClass,
        hint: Option<PReg>,
        ok: u64,
        avoid: u64,
        victims: bool,
    ) -> Result<Option<PReg>, RegAllocError> {
        let free = ok & !self.values.occupied.word(c);
        if free != 0 {
            if let Some(h) = hint
                && h.class() == c
                && free & !avoid & bit(h) != 0
            {
                return Ok(Some(h));
            }
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
    #[inline(always)]
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
            None => self.choose(c, None, self.hint_of(v), forbid.word(c), lim, avoid.word(c), true)?.unwrap(),
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
    #[inline(always)]
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
        self.general_inst(f, i, ops, allocs, &clobbers, defining_branch)
    }

    /// `inst` for any instruction: the steps of the module docs, in order.
    /// Each step reads the registers the earlier ones gave out (`InstRegs`).
    /// The steps, each called once from here, are `#[inline(always)]`: left
    /// to the compiler, some stay separate calls, and the real corpus then
    /// takes 5.6% more instructions (callgrind).
    #[inline(never)]
    fn general_inst<F: Function>(
        &mut self,
        f: &F,
        i: Inst,
        ops: &[Operand],
        allocs: &mut [Allocation],
        clobbers: &PRegSet,
        defining_branch: bool,
    ) -> Result<(), RegAllocError> {
        let mut regs = InstRegs { clob: self.clobber_mask(clobbers), ..InstRegs::default() };
        self.sort_operands(ops, allocs, &mut regs);
        if !self.lists[L_DEF_ALL].is_empty() {
            self.place_defs(ops, allocs, f.allow_multiple_vreg_defs(), defining_branch, &mut regs)?;
            if defining_branch {
                self.hand_defs_to_successors(ops);
            } else {
                self.route_defs(ops, allocs, &regs)?;
            }
        }
        let written = regs.written();
        let evicting = written != RegMask::default() && !f.is_branch(i);
        if evicting {
            self.note_evictions(written);
        }
        self.evict_written(written);
        self.claim_fixed_uses(ops, allocs, &mut regs);
        self.place_reg_uses(ops, allocs, &mut regs)?;
        self.place_any_or_stack_uses(ops, allocs, &mut regs)?;
        self.feed_non_allocatable_fixed_uses(ops, allocs, &mut regs)?;
        if evicting && !self.evicted.is_empty() {
            let touched = written.union(regs.fixed_use).union(regs.use_regs);
            let call = regs.clob != RegMask::default();
            self.keep_evicted_in_registers(ops, allocs, written, touched, call);
        }
        self.reset_def_state(ops);
        self.finish_inst(f, i)
    }

    /// Sort the operands into the work lists (`L_*`) in one pass, so that
    /// each step below walks only the operands it decides. Fixed constraints
    /// are not negotiable: their registers are recorded right away, before
    /// any step chooses a register that would collide with them.
    #[inline(always)]
    fn sort_operands(&mut self, ops: &[Operand], allocs: &mut [Allocation], regs: &mut InstRegs) {
        for l in self.lists.iter_mut() {
            l.clear();
        }
        for (k, &op) in ops.iter().enumerate() {
            allocs[k] = Allocation::none();
            let k16 = k as u16;
            let cons = constraint_field(op);
            let late = is_late(op);
            let fixed = fixed_reg(op);
            if !is_use(op) {
                self.lists[L_DEF_ALL].push(k16);
                let early = !late;
                if let Some(r) = fixed {
                    regs.def_regs.insert(r);
                    if early {
                        regs.early_def_regs.insert(r);
                    }
                    allocs[k] = Allocation::reg(r);
                    self.def_state[vreg_and_class(op).0.vreg()] = DEF_PLACED;
                } else if is_tied(cons) {
                    self.lists[L_DEF_REUSE].push(k16);
                } else if early {
                    self.lists[L_DEF_EARLY].push(k16);
                } else {
                    self.lists[L_DEF_LATE].push(k16);
                }
            } else if let Some(r) = fixed {
                if is_nonallocatable(op) {
                    allocs[k] = Allocation::reg(r);
                    continue;
                }
                regs.fixed_use.insert(r);
                if late {
                    regs.fixed_late_use.insert(r);
                }
                if self.machine.is_usable(r) {
                    self.lists[L_USE_CLAIM].push(k16);
                } else {
                    self.lists[L_USE_FAR].push(k16);
                }
            } else if is_reg_or_limit(cons) {
                if late {
                    self.lists[L_USE_REG_LATE].push(k16);
                } else {
                    self.lists[L_USE_REG_EARLY].push(k16);
                }
            } else {
                self.lists[L_USE_OTHER].push(k16);
            }
        }
    }

    /// Step 1a: a location for every def that is not fixed. Tied defs go
    /// first because they also decide their input's register, then early
    /// defs (which must avoid every register the instruction touches), then
    /// late defs, the least constrained.
    #[inline(always)]
    fn place_defs(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        multi: bool,
        defining_branch: bool,
        regs: &mut InstRegs,
    ) -> Result<(), RegAllocError> {
        for list in [L_DEF_REUSE, L_DEF_EARLY, L_DEF_LATE] {
            let early = list == L_DEF_EARLY;
            for n in 0..self.lists[list].len() {
                let k = self.lists[list][n] as usize;
                let v = vreg(ops[k]);
                if multi
                    && self.def_state[v.vreg()] == DEF_PLACED
                    && let Some(a) = shared_def_location(ops, allocs, k)
                {
                    allocs[k] = a;
                    continue;
                }
                // A defining branch's `any`/`stack` defs go to their slots,
                // where `after_branch` expects them; register-constrained
                // ones are scratch values no successor may read (it checks).
                let a = if defining_branch && branch_def_is_slot(constraint(ops[k])) == Some(true) {
                    self.values.slot_of(v)
                } else {
                    self.def_location(ops, allocs, k, early, regs)?
                };
                if let Some(r) = a.as_reg() {
                    regs.def_regs.insert(r);
                    if early {
                        regs.early_def_regs.insert(r);
                    }
                }
                allocs[k] = a;
                self.def_state[v.vreg()] = DEF_PLACED;
            }
        }
        Ok(())
    }

    /// Where non-fixed def `ops[k]` lands. Registers the instruction already
    /// uses for other purposes are forbidden; among the rest, the register
    /// later code expects the value in wins, as it saves a move.
    #[inline(always)]
    fn def_location(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        k: usize,
        early: bool,
        regs: &mut InstRegs,
    ) -> Result<Allocation, RegAllocError> {
        let op = ops[k];
        let (v, c, cons) = (vreg(op), vreg_and_class(op).1, constraint(op));
        let own = self.values.reg_of(v);
        match cons {
            Con::Reuse(j) => Ok(Allocation::reg(self.tied_def_reg(ops, allocs, j, c, own, regs)?)),
            Con::Stack => Ok(self.values.slot_of(v)),
            _ => {
                // A late def is written after the early uses are read, so it
                // may share their registers, but not those of late fixed
                // uses. (Other uses come in step 3 and avoid defs there.)
                let forbid = if early {
                    regs.written().union(regs.fixed_use).union(regs.early_def_regs)
                } else {
                    regs.written().union(regs.fixed_late_use)
                }
                .word(c);
                if cons == Con::Any {
                    self.any_def_location(v, c, own, forbid)
                } else {
                    let r = self.choose(c, own, self.hint_of(v), forbid, limit_mask(cons), 0, true)?;
                    Ok(Allocation::reg(r.unwrap()))
                }
            }
        }
    }

    /// A tied def and its input `ops[j]` share one register, so it must be
    /// legal for both: the input's fixed register if it has one, else one
    /// that no def, clobber or fixed use of the instruction takes. The input
    /// is claimed here, and step 3 serves it among the fixed inputs.
    #[inline(always)]
    fn tied_def_reg(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        j: usize,
        c: RegClass,
        own: Option<PReg>,
        regs: &mut InstRegs,
    ) -> Result<PReg, RegAllocError> {
        let r = match constraint(ops[j]) {
            Con::FixedReg(r) => r,
            uc => {
                let forbid = regs.written().union(regs.fixed_use).union(regs.early_def_regs).word(c);
                // The input's hint (an argument register) spares a copy
                // into the shared register.
                let hint = self.hint_of(vreg(ops[j]));
                let r = self.choose(c, own, hint, forbid, limit_mask(uc), 0, true)?.unwrap();
                self.lists[L_USE_CLAIM].push(j as u16);
                r
            }
        };
        allocs[j] = Allocation::reg(r);
        regs.fixed_use.insert(r);
        Ok(r)
    }

    /// An `any` def takes the register later code expects it in when that
    /// is legal. Otherwise a live value goes straight to its slot, so that
    /// an instruction with hundreds of `any` defs needs no registers; a dead
    /// one takes a free register, or its slot if none is free, but never
    /// evicts anything.
    #[inline(always)]
    fn any_def_location(
        &mut self,
        v: VReg,
        c: RegClass,
        own: Option<PReg>,
        forbid: u64,
    ) -> Result<Allocation, RegAllocError> {
        let ok = self.machine.usable.word(c) & !forbid;
        Ok(match own {
            Some(r) if ok & bit(r) != 0 => Allocation::reg(r),
            _ if self.values.is_live(v) => self.values.slot_of(v),
            _ => match self.choose(c, None, None, forbid, !0, 0, false)? {
                Some(r) => Allocation::reg(r),
                None => self.values.slot_of(v),
            },
        })
    }

    /// Step 1b: bring each defined value to where later code expects it
    /// (`route_def`). A vreg defined twice by the instruction has one
    /// location and is routed once.
    #[inline(always)]
    fn route_defs(
        &mut self,
        ops: &[Operand],
        allocs: &[Allocation],
        regs: &InstRegs,
    ) -> Result<(), RegAllocError> {
        let mut first_dst = RegMask::default();
        for n in 0..self.lists[L_DEF_ALL].len() {
            let k = self.lists[L_DEF_ALL][n] as usize;
            let v = vreg(ops[k]);
            if self.def_state[v.vreg()] == DEF_ROUTED {
                continue;
            }
            self.def_state[v.vreg()] = DEF_ROUTED;
            if !self.values.is_live(v) {
                continue;
            }
            self.route_def(v, allocs[k], regs.def_regs, &mut first_dst);
        }
        if !self.via_temp.is_empty() {
            self.resolve_via_temp(regs.def_regs, first_dst)?;
        }
        Ok(())
    }

    /// Step 1b for a defining branch: nothing may follow a terminator, so
    /// its successors' entries route the definitions (`after_branch`); here
    /// the values only end.
    #[inline(always)]
    fn hand_defs_to_successors(&mut self, ops: &[Operand]) {
        for n in 0..self.lists[L_DEF_ALL].len() {
            let v = vreg(ops[self.lists[L_DEF_ALL][n] as usize]);
            self.values.forget(v);
        }
    }

    /// Step 3 starts with fixed and tied inputs, which have no choice. All
    /// strangers leave the claimed registers before any claim is served, so
    /// that no claim copies its value out of a register a later claim takes.
    #[inline(always)]
    fn claim_fixed_uses(&mut self, ops: &[Operand], allocs: &mut [Allocation], regs: &mut InstRegs) {
        let claims = self.lists[L_USE_CLAIM].len();
        for n in 0..claims {
            let k = self.lists[L_USE_CLAIM][n] as usize;
            let r = match constraint(ops[k]) {
                Con::FixedReg(r) => r,
                _ => allocs[k].as_reg().unwrap(),
            };
            if let Some(x) = self.values.holder_of(r)
                && x != vreg(ops[k])
            {
                self.evict_after(r);
            }
        }
        for n in 0..claims {
            let k = self.lists[L_USE_CLAIM][n] as usize;
            let r = match constraint(ops[k]) {
                Con::FixedReg(r) => r,
                _ => allocs[k].as_reg().unwrap(),
            };
            self.use_in_reg(vreg(ops[k]), r, &mut regs.use_regs);
            allocs[k] = Allocation::reg(r);
        }
    }

    /// Step 3, register uses; late ones first, as they are the most
    /// constrained. A late use is still read while the instruction writes
    /// its defs and clobbers, so it may not sit in those registers. An
    /// early use is read before anything is written: it keeps its current
    /// register even if a late def writes it, and only a new choice keeps
    /// out of written registers, and only while another one is free.
    #[inline(always)]
    fn place_reg_uses(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        regs: &mut InstRegs,
    ) -> Result<(), RegAllocError> {
        for list in [L_USE_REG_LATE, L_USE_REG_EARLY] {
            let late = list == L_USE_REG_LATE;
            for n in 0..self.lists[list].len() {
                let k = self.lists[list][n] as usize;
                if allocs[k].is_some() {
                    continue; // tied input, already placed
                }
                let op = ops[k];
                let taken = regs.use_regs.union(regs.fixed_use);
                let (own_forbid, forbid, avoid) = if late {
                    let hard = regs.written();
                    (hard, hard.union(taken), RegMask::default())
                } else {
                    (regs.early_def_regs, regs.early_def_regs.union(taken), regs.written())
                };
                let lim = limit_mask(constraint(op));
                let r = self.place_reg_use(
                    vreg(op),
                    vreg_and_class(op).1,
                    lim,
                    own_forbid,
                    forbid,
                    avoid,
                    &mut regs.use_regs,
                )?;
                allocs[k] = Allocation::reg(r);
            }
        }
        Ok(())
    }

    /// Step 3, `any` and `stack` uses. An `any` use reads the value where it
    /// already is: its register when legal, else its slot if later code
    /// needs the value anyway. Only a value that dies here is given a free
    /// register, never by evicting another value.
    #[inline(always)]
    fn place_any_or_stack_uses(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        regs: &mut InstRegs,
    ) -> Result<(), RegAllocError> {
        for n in 0..self.lists[L_USE_OTHER].len() {
            let k = self.lists[L_USE_OTHER][n] as usize;
            if allocs[k].is_some() {
                continue;
            }
            let op = ops[k];
            let (v, c) = vreg_and_class(op);
            if constraint(op) == Con::Stack {
                allocs[k] = self.use_in_slot(v);
                continue;
            }
            let late = op.pos() == OperandPos::Late;
            let hard = if late { regs.written() } else { regs.early_def_regs };
            let own =
                self.values.reg_of(v).filter(|&e| self.machine.usable.word(c) & !hard.word(c) & bit(e) != 0);
            if let Some(e) = own {
                regs.use_regs.insert(e);
                allocs[k] = Allocation::reg(e);
            } else if self.values.is_live(v) {
                allocs[k] = self.use_in_slot(v);
            } else {
                let forbid = hard.union(regs.use_regs).union(regs.fixed_use).word(c);
                let avoid = regs.written().word(c);
                match self.choose(c, None, None, forbid, !0, avoid, false)? {
                    Some(r) => {
                        self.use_in_reg(v, r, &mut regs.use_regs);
                        allocs[k] = Allocation::reg(r);
                    }
                    None => allocs[k] = self.use_in_slot(v),
                }
            }
        }
        Ok(())
    }

    /// Step 3 ends with fixed uses of registers the allocator never hands
    /// out (stack-slot registers, reserved ones). No value lives there, so
    /// a copy before the instruction fills the register: from the value's
    /// register or slot, and for a stack-slot register always from a real
    /// register (a memory-to-memory move does not exist).
    #[inline(always)]
    fn feed_non_allocatable_fixed_uses(
        &mut self,
        ops: &[Operand],
        allocs: &mut [Allocation],
        regs: &mut InstRegs,
    ) -> Result<(), RegAllocError> {
        for n in 0..self.lists[L_USE_FAR].len() {
            let k = self.lists[L_USE_FAR][n] as usize;
            let op = ops[k];
            let Con::FixedReg(r) = constraint(op) else { unreachable!() };
            let (v, c) = vreg_and_class(op);
            allocs[k] = Allocation::reg(r);
            if let Some(e) = self.values.reg_of(v) {
                self.before.push((Allocation::reg(e), Allocation::reg(r)));
                regs.use_regs.insert(e);
            } else if self.machine.is_stack(r) {
                let forbid = regs.use_regs.union(regs.fixed_use).union(regs.early_def_regs).word(c);
                let avoid = regs.written().word(c);
                let h = self.choose(c, None, None, forbid, !0, avoid, true)?.unwrap();
                self.values.put(v, h);
                regs.use_regs.insert(h);
                self.before.push((Allocation::reg(h), Allocation::reg(r)));
            } else {
                let s = self.use_in_slot(v);
                self.before.push((s, Allocation::reg(r)));
            }
        }
        Ok(())
    }

    /// The instruction is done: its defs go back to `DEF_UNSEEN`, which
    /// spares `def_state` a reset per function (see `Allocator::def_state`).
    #[inline(always)]
    fn reset_def_state(&mut self, ops: &[Operand]) {
        for n in 0..self.lists[L_DEF_ALL].len() {
            let v = vreg(ops[self.lists[L_DEF_ALL][n] as usize]);
            self.def_state[v.vreg()] = DEF_UNSEEN;
        }
    }

    /// `inst` for a plain instruction (see `plain_shape`): the same decisions as
    /// the general path, whose work lists, fixed-register and clobber
    /// bookkeeping would all be empty here. About four in five of
    /// Cranelift's x64 instructions take this path.
    #[inline(always)]
    fn plain_inst<F: Function>(
        &mut self,
        f: &F,
        i: Inst,
        ops: &[Operand],
        shape: PlainShape,
        allocs: &mut [Allocation],
    ) -> Result<(), RegAllocError> {
        if shape.tied != NOT_TIED {
            return self.tied_inst(f, i, ops, shape, allocs);
        }
        // Every operand is written below (defs, then uses).
        let mut def_regs = RegMask::default();
        for k in positions(shape.defs) {
            let (v, c) = vreg_and_class(ops[k]);
            let own = self.values.reg_of(v);
            let r = self.choose(c, own, self.hint_of(v), def_regs.word(c), !0, 0, true)?.unwrap();
            def_regs.insert(r);
            allocs[k] = Allocation::reg(r);
        }
        if shape.defs != 0 {
            let mut first_dst = RegMask::default();
            for k in positions(shape.defs) {
                let v = vreg_and_class(ops[k]).0;
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
            let (v, c) = vreg_and_class(ops[k]);
            let r = self.place_reg_use(v, c, !0, none, use_regs, def_regs, &mut use_regs)?;
            allocs[k] = Allocation::reg(r);
        }
        self.finish_inst(f, i)
    }

    /// `inst` for a plain instruction whose one def is tied to an input: the
    /// decisions of the general path's steps for this shape (`tied_def_reg`,
    /// `route_defs`, `claim_fixed_uses`, `place_reg_uses`), without its
    /// work lists. Its eviction bookkeeping would find nothing to keep: the
    /// def's register is the def's own, a free one, or an evicted victim's.
    #[inline(always)]
    fn tied_inst<F: Function>(
        &mut self,
        f: &F,
        i: Inst,
        ops: &[Operand],
        shape: PlainShape,
        allocs: &mut [Allocation],
    ) -> Result<(), RegAllocError> {
        // Every operand is written below: the def, its input, the other uses.
        let d = shape.defs.trailing_zeros() as usize;
        let j = shape.tied as usize;
        let (v, c) = vreg_and_class(ops[d]);
        let input = vreg_and_class(ops[j]).0;
        let own = self.values.reg_of(v);
        let r = self.choose(c, own, self.hint_of(input), 0, !0, 0, true)?.unwrap();
        let mut def_regs = RegMask::default();
        def_regs.insert(r);
        allocs[d] = Allocation::reg(r);
        allocs[j] = Allocation::reg(r);
        if self.values.is_live(v) {
            let mut first_dst = RegMask::default();
            self.route_def(v, allocs[d], def_regs, &mut first_dst);
            if !self.via_temp.is_empty() {
                self.resolve_via_temp(def_regs, first_dst)?;
            }
        }
        self.evict_written(def_regs);
        if let Some(x) = self.values.holder_of(r)
            && x != input
        {
            self.evict_after(r);
        }
        let mut use_regs = RegMask::default();
        self.use_in_reg(input, r, &mut use_regs);
        let none = RegMask::default();
        for k in positions(shape.uses & !(1u64 << j)) {
            let (u, uc) = vreg_and_class(ops[k]);
            let taken = use_regs.union(def_regs);
            let r = self.place_reg_use(u, uc, !0, none, taken, def_regs, &mut use_regs)?;
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
        // Only a def in a register: the slot is written after the
        // instruction, never while it may still read the parameter.
        if self.shared.has_offer(v.vreg()) && a.as_reg().is_some_and(|r| !self.machine.is_stack(r)) {
            self.accept_shared_slot(v);
        }
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
                        // instruction (two call results expected the other
                        // way round): through a free register if there is
                        // one, else through the slot.
                        if let Some(t) = self.free_after_defs(e.class(), def_regs.union(*first_dst)) {
                            self.after_first.push((a, Allocation::reg(t)));
                            first_dst.insert(t);
                            self.after_second.push((Allocation::reg(t), Allocation::reg(e)));
                        } else {
                            store = true;
                            let s = self.values.slot_of(v);
                            self.after_second.push((s, Allocation::reg(e)));
                        }
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

    /// A register of class `c` that nothing expects a value in below the
    /// instruction and that no move after it writes: a def may pass through
    /// it on its way to a register another def writes.
    #[cold]
    fn free_after_defs(&self, c: RegClass, taken: RegMask) -> Option<PReg> {
        let written_after = taken.union(register_destinations(&[&self.after_second]));
        let free = self.machine.usable.word(c) & !self.values.occupied.word(c) & !written_after.word(c);
        (free != 0).then(|| self.machine.pick(free, c))
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
                    self.choose(c, None, None, forbid, !0, 0, true)?.unwrap()
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
        for c in CLASSES {
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
    fn clobber_mask(&mut self, clobbers: &PRegSet) -> RegMask {
        if *clobbers == PRegSet::empty() {
            return RegMask::default();
        }
        if *clobbers != self.last_clobbers.0 {
            let mut mask = RegMask::default();
            for r in *clobbers {
                mask.insert(r);
            }
            self.last_clobbers = (*clobbers, mask);
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
        // One late def tied to a use: the tied shape.
        let tied = |v, j| {
            Operand::new(VReg::new(v, RegClass::Int), Con::Reuse(j), OperandKind::Def, OperandPos::Late)
        };
        let shape = plain_shape(&[tied(5, 2), u(7), u(8)]).unwrap();
        assert_eq!((shape.defs, shape.uses, shape.tied), (0b001, 0b110, 2));
        assert_eq!(plain_shape(&[u(7), d(5)]).unwrap().tied, NOT_TIED);
        // Tied to itself, to nothing, to a def; two tied defs; a tied def
        // with another def; an early tied def: the general path.
        assert!(plain_shape(&[tied(5, 0), u(7)]).is_none());
        assert!(plain_shape(&[tied(5, 4), u(7)]).is_none());
        assert!(plain_shape(&[tied(5, 1), d(6)]).is_none());
        assert!(plain_shape(&[tied(5, 2), tied(6, 2), u(7)]).is_none());
        assert!(plain_shape(&[tied(5, 2), d(6), u(7)]).is_none());
        let early =
            Operand::new(VReg::new(5, RegClass::Int), Con::Reuse(1), OperandKind::Def, OperandPos::Early);
        assert!(plain_shape(&[early, u(7)]).is_none());
    }
}
