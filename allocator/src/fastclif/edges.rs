//! Block ends: the register state right after a block's terminator (what
//! the walk starts a block with), and the block-parameter moves just before
//! a branch.
//!
//! The state after the terminator depends on the successors' conventions
//! (`plan::K_*`):
//! - a single successor with a register contract (`K_JOIN`, `K_LOOP`): the
//!   contract's values sit in its registers; its block parameters are
//!   written by the moves before the branch (`block_param_moves`);
//! - successors with entry runs (`K_SINGLE`): the registers the successors
//!   expect, merged and capped so that the branch's own operands still find
//!   free registers (`exit_from_singles`); each successor's entry run then
//!   moves what is not already in place (`entries`);
//! - anything else: nothing in registers (`K_SLOTS`).
//!
//! Block-parameter moves for slot destinations: sources are registers or
//! slots. When an argument is itself a parameter of the same successor
//! (loops passing values around), the moves are ordered so that every slot is
//! read before it is overwritten, and cycles are broken through one extra
//! slot per class. Moves into a contract's registers come last: their
//! destinations hold nothing the other moves read.

use super::plan::{BR_BARE, BR_DEFINING, BR_OTHER, BR_PLAIN, K_JOIN, K_LOOP, K_SINGLE, branch_def_is_slot};
use super::regs::{CLASSES, RegMask, first_reg};
use super::scratch::{Allocator, EdgeMove};
use super::state::NONE32;
use upstream::{
    Allocation, Block, Function, Inst, OperandConstraint as Con, OperandKind, PReg, PRegSet, ProgPoint,
    RegAllocError, RegClass, SpillSlot, VReg,
};

/// Whether block `s` leaves the function (a return, or a trap after a
/// panic's call): its code runs at most once per call, so a move placed
/// there is never run more often than one placed before the branch to it.
fn leaves_function<F: Function>(f: &F, s: Block) -> bool {
    f.block_succs(s).is_empty()
}

impl Allocator {
    /// Start walking block `b` from its end: set up the state right after
    /// its terminator `last`, and emit the entry runs of its `K_SINGLE`
    /// successors.
    pub(super) fn exit_state<F: Function>(
        &mut self,
        f: &F,
        b: Block,
        last: Inst,
    ) -> Result<(), RegAllocError> {
        let succs = f.block_succs(b);
        if succs.is_empty() {
            return Ok(());
        }
        if succs.len() == 1 {
            let s = succs[0];
            let k = self.plan.kind[s.index()];
            if k == K_JOIN || k == K_LOOP {
                self.adopt_contract(f, b, s);
                return Ok(());
            }
        }
        if succs.iter().all(|s| self.plan.kind[s.index()] != K_SINGLE) {
            return Ok(());
        }
        self.exit_from_singles(f, b, last)
    }

    /// The contract successor `s` holds its predecessors to: its recorded
    /// entry registers, or (on a back edge) the loop header's promise.
    #[inline]
    pub(super) fn contract(&self, b: Block, s: Block) -> (&[(u32, PReg)], (u32, u32)) {
        if self.plan.walked_before(b, s) {
            (&self.plan.loops.guess, self.plan.loops.guess_run[s.index()])
        } else {
            (&self.snapshot, self.snapshot_run[s.index()])
        }
    }

    /// `b` jumps to `s`, which has a register contract: every value of the
    /// contract except `s`'s parameters sits in its register.
    fn adopt_contract<F: Function>(&mut self, f: &F, b: Block, s: Block) {
        let params = f.block_params(s);
        for (j, p) in params.iter().enumerate() {
            self.edge.param_pos[p.vreg()] = j as u32;
        }
        let (_, (start, end)) = self.contract(b, s);
        for k in start..end {
            let (v, r) = self.contract(b, s).0[k as usize];
            if self.edge.param_pos[v as usize] == NONE32 {
                self.values.put(VReg::new(v as usize, r.class()), r);
            }
        }
        for p in params {
            self.edge.param_pos[p.vreg()] = NONE32;
        }
    }

    /// Registers a defining branch leaves alone (none of its fixed operands
    /// or clobbers), and per class how many registers its other operands
    /// need. `None` when its shape is too unusual to keep anything.
    fn defining_branch_room<F: Function>(&mut self, f: &F, last: Inst) -> Option<(RegMask, [u32; 3])> {
        let mut forbid = RegMask::default();
        let mut need = [1u32; 3];
        for op in f.inst_operands(last) {
            if op.as_fixed_nonallocatable().is_some() {
                continue;
            }
            match op.constraint() {
                Con::FixedReg(r) => forbid.insert(r),
                Con::Reg => need[op.class() as usize] += 1,
                Con::Any | Con::Stack if op.kind() == OperandKind::Def => {}
                Con::Any if op.kind() == OperandKind::Use => {}
                _ => return None,
            }
        }
        let clobbers = f.inst_clobbers(last);
        if clobbers != PRegSet::empty() {
            for r in clobbers {
                forbid.insert(r);
            }
        }
        Some((forbid, need))
    }

    /// Record where each definition of the defining branch `last` lands
    /// after it: a fixed register, its slot, or `none` (a scratch value no
    /// successor may read).
    pub(super) fn collect_branch_defs<F: Function>(&mut self, f: &F, last: Inst) {
        self.edge.defs.clear();
        for op in f.inst_operands(last) {
            if op.kind() != OperandKind::Def || op.as_fixed_nonallocatable().is_some() {
                continue;
            }
            let v = op.vreg();
            let src = match (op.constraint(), branch_def_is_slot(op.constraint())) {
                (Con::FixedReg(r), _) => Allocation::reg(r),
                (_, Some(true)) => self.values.slot_of(v),
                _ => Allocation::none(),
            };
            self.edge.def_pos[v.vreg()] = self.edge.defs.len() as u32;
            self.edge.defs.push((v, src));
        }
    }

    /// Undo `collect_branch_defs`.
    pub(super) fn forget_branch_defs(&mut self) {
        for q in 0..self.edge.defs.len() {
            let v = self.edge.defs[q].0;
            self.edge.def_pos[v.vreg()] = NONE32;
        }
        self.edge.defs.clear();
    }

    /// `b`'s successors (through `last`) take entry runs: fill the state
    /// after `last` with the registers they expect, the deepest-nested
    /// successor first; another successor's values join only if it does not
    /// leave a loop (a loop exit's values would otherwise ride around the
    /// loop in registers). Keep enough registers free for the branch's own
    /// operands and a temporary. Then emit each successor's entry run.
    fn exit_from_singles<F: Function>(&mut self, f: &F, b: Block, last: Inst) -> Result<(), RegAllocError> {
        let bi = b.index();
        let br = self.plan.branch[bi];
        let defining = br == BR_DEFINING;
        if defining {
            self.collect_branch_defs(f, last);
        } else {
            self.edge.defs.clear();
        }
        let room = match br {
            BR_BARE => Some((RegMask::default(), [1u32; 3])),
            BR_PLAIN => {
                let u = self.plan.branch_uses[bi];
                Some((RegMask::default(), [u[0] as u32 + 1, u[1] as u32 + 1, u[2] as u32 + 1]))
            }
            BR_DEFINING => self.defining_branch_room(f, last),
            _ => None,
        };
        let succs = f.block_succs(b);
        if let Some((forbid, need)) = room
            && br != BR_OTHER
        {
            let mut cap = [0u32; 3];
            for c in CLASSES {
                let avail = if forbid.word(c) == 0 {
                    self.machine.usable_count[c as usize]
                } else {
                    (self.machine.usable.word(c) & !forbid.word(c)).count_ones()
                };
                cap[c as usize] = avail.saturating_sub(need[c as usize]);
            }
            let loops = &self.plan.loops;
            let main = (0..succs.len())
                .filter(|&k| self.plan.kind[succs[k].index()] == K_SINGLE)
                .max_by_key(|&k| {
                    let depth = if loops.active { loops.depth[succs[k].index()] } else { 0 };
                    (depth, !leaves_function(f, succs[k]), usize::MAX - k)
                })
                .unwrap();
            let mut n = [0u32; 3];
            let mut clashed = false;
            for relocate in [false, true] {
                if relocate && !clashed {
                    break;
                }
                self.merge_successor(f, b, last, main, false, forbid, &cap, &mut n, relocate, &mut clashed);
                for k in 0..succs.len() {
                    let s = succs[k].index();
                    let loops = &self.plan.loops;
                    if k == main
                        || self.plan.kind[s] != K_SINGLE
                        || (loops.active && loops.depth[s] < loops.depth[bi])
                    {
                        continue;
                    }
                    let exit = leaves_function(f, succs[k]);
                    self.merge_successor(f, b, last, k, exit, forbid, &cap, &mut n, relocate, &mut clashed);
                }
            }
        }
        for k in 0..succs.len() {
            let s = succs[k];
            if self.plan.kind[s.index()] == K_SINGLE {
                self.entry_run(f, b, last, k, s, false)?;
            }
        }
        self.forget_branch_defs();
        Ok(())
    }

    /// Put the values successor number `k` of `b` expects in registers into
    /// the state after `last`, where their registers are free and allowed;
    /// note in `clashed` a value whose register is not. With `relocate`,
    /// such a value takes another free register instead: the successor's
    /// entry run then copies it over, where the alternative was a store on
    /// every path through `b` and a load in the successor (a bounds check's
    /// panic block wanting the length in the register the other successor
    /// wants the pointer in). The value of an `exit` successor (not the
    /// main one, and leaving the function) prefers its hint (the register it
    /// arrives in as an argument, or its loop's): the copy into the register
    /// the successor wants then happens on that path only.
    #[allow(clippy::too_many_arguments)]
    fn merge_successor<F: Function>(
        &mut self,
        f: &F,
        b: Block,
        last: Inst,
        k: usize,
        exit: bool,
        forbid: RegMask,
        cap: &[u32; 3],
        n: &mut [u32; 3],
        relocate: bool,
        clashed: &mut bool,
    ) {
        let s = f.block_succs(b)[k];
        let params = f.block_params(s);
        let args = if f.is_branch(last) { f.branch_blockparams(b, last, k) } else { &[] };
        for (j, p) in params.iter().enumerate() {
            self.edge.param_pos[p.vreg()] = j as u32;
        }
        let (start, end) = self.snapshot_run[s.index()];
        for q in start..end {
            let (v, r) = self.snapshot[q as usize];
            let c = r.class() as usize;
            let j = self.edge.param_pos[v as usize];
            let x = if j != NONE32 {
                match args.get(j as usize) {
                    Some(&a) => a,
                    None => continue,
                }
            } else {
                VReg::new(v as usize, r.class())
            };
            if n[c] >= cap[c] || self.edge.def_pos[x.vreg()] != NONE32 || self.values.reg_of(x).is_some() {
                continue;
            }
            let open = |at: PReg| !forbid.contains(at) && !self.values.occupied.contains(at);
            let hint = || {
                self.hint_of(x).filter(|&h| h.class() == r.class() && self.machine.is_usable(h) && open(h))
            };
            let wanted = if exit {
                hint().or_else(|| open(r).then_some(r))
            } else if open(r) {
                Some(r)
            } else {
                hint()
            };
            let at = match wanted {
                Some(at) => at,
                None if relocate => {
                    let free = self.machine.usable.word(r.class())
                        & !forbid.word(r.class())
                        & !self.values.occupied.word(r.class());
                    if free == 0 {
                        continue;
                    }
                    self.machine.pick(free, r.class())
                }
                None => {
                    *clashed = true;
                    continue;
                }
            };
            self.values.put(x, at);
            n[c] += 1;
        }
        for p in params {
            self.edge.param_pos[p.vreg()] = NONE32;
        }
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
                self.machine.pick(free, c)
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
        Some(self.machine.pick(free, c))
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
            if mv.share_with != NONE32 && src == mv.src {
                let load = self.edge.fwd.len() as u32;
                self.edge.offers.push((mv.src_vreg, mv.share_with, self.edge.succ, load));
            }
            self.edge.fwd.push((src, t));
            self.edge.fwd.push((t, mv.dst));
        }
        Ok(())
    }

    /// Write the block parameters of `b`'s successors that are not handled
    /// by entry runs, just before the branch `last`: into the registers of a
    /// contract, else into their slots.
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
        self.edge.reg_moves.clear();
        self.edge.temp = [None; 3];
        self.edge.src_regs = Default::default();
        for (k, &s) in succs.iter().enumerate() {
            let params = f.block_params(s);
            let args = f.branch_blockparams(b, last, k);
            if params.len() != args.len() {
                return Err(RegAllocError::Branch(last));
            }
            let kind = self.plan.kind[s.index()];
            if params.is_empty() || kind == K_SINGLE {
                continue;
            }
            for (j, p) in params.iter().enumerate() {
                self.edge.param_pos[p.vreg()] = j as u32;
            }
            self.edge.in_reg.clear();
            self.edge.in_reg.resize(params.len(), false);
            if kind == K_JOIN || kind == K_LOOP {
                self.contract_params(b, s, args);
            }
            self.slot_params(b, s, params, args)?;
            for p in params {
                self.edge.param_pos[p.vreg()] = NONE32;
            }
        }
        let at = ProgPoint::before(last);
        // `fwd` is pushed last, in reverse: its move `k` lands at
        // `fwd_base + fwd.len() - 1 - k`.
        let fwd_base = self.edits.mark() + (self.edge.reg_moves.len() + self.edge.restore.len()) as u32;
        for k in (0..self.edge.reg_moves.len()).rev() {
            let (a, b) = self.edge.reg_moves[k];
            self.edits.push(at, a, b);
        }
        for k in (0..self.edge.restore.len()).rev() {
            let (a, b) = self.edge.restore[k];
            self.edits.push(at, a, b);
        }
        for k in (0..self.edge.fwd.len()).rev() {
            let (a, b) = self.edge.fwd[k];
            self.edits.push(at, a, b);
        }
        let fwd_len = self.edge.fwd.len() as u32;
        for &(arg, param, header, load) in &self.edge.offers {
            // The copy's store is `fwd[load + 1]`.
            let store_at = fwd_base + fwd_len - 1 - (load + 1);
            self.shared.offer(arg as usize, param as usize, header as usize, store_at);
        }
        self.edge.offers.clear();
        Ok(())
    }

    /// The walk reached the definition of `v`, which a back edge offered
    /// its parameter's slot (`shared_slots`). Accept if nothing walked so
    /// far reads the parameter, so that the parameter is dead from here to
    /// the back edge, and if `v` is defined in the loop itself rather than
    /// in an inner loop, whose next iteration could still read the
    /// parameter after this definition. Then `v` lives in the parameter's
    /// slot and the back edge's copy goes.
    pub(super) fn accept_shared_slot(&mut self, v: VReg) {
        let (p, header, copy_at) = self.shared.offer_of(v.vreg());
        let own = self.values.slot[v.vreg()];
        let theirs = self.values.slot[p];
        if self.shared.is_taken(p)
            || self.values.ever_touched[p]
            || self.plan.loops.innermost_header(Block::new(self.walking as usize)) != header as u32
            || own == NONE32
            || theirs == NONE32
        {
            return;
        }
        self.shared.merge(p, own, theirs);
        self.values.slot[v.vreg()] = theirs;
        self.edits.kill_pair(copy_at);
    }

    /// Parameters of `s` that its contract wants in registers: the argument
    /// is placed there, or copied from where it already is. Destinations
    /// are free registers (the contract gives each to one parameter), so
    /// these moves form no chains.
    fn contract_params(&mut self, b: Block, s: Block, args: &[VReg]) {
        let (_, (start, end)) = self.contract(b, s);
        for q in start..end {
            let (v, r) = self.contract(b, s).0[q as usize];
            let j = self.edge.param_pos[v as usize];
            if j == NONE32 {
                continue;
            }
            self.edge.in_reg[j as usize] = true;
            let a = args[j as usize];
            match self.values.reg_of(a) {
                Some(e) if e == r => {}
                Some(e) => {
                    self.edge.reg_moves.push((Allocation::reg(e), Allocation::reg(r)));
                    self.edge.src_regs.insert(e);
                }
                None => self.values.put(a, r),
            }
        }
    }

    /// Parameters of `s` that arrive in their slots.
    fn slot_params(
        &mut self,
        b: Block,
        s: Block,
        params: &[VReg],
        args: &[VReg],
    ) -> Result<(), RegAllocError> {
        let known = !self.plan.walked_before(b, s);
        // Along a back edge, an argument copied from its slot into a
        // parameter's slot may later take the parameter's slot instead.
        let may_share = !known && self.plan.loops.active;
        self.edge.succ = s.index() as u32;
        self.edge.moves.clear();
        self.edge.move_of_param.clear();
        self.edge.move_of_param.resize(params.len(), NONE32);
        for j in 0..params.len() {
            let (a, p) = (args[j], params[j]);
            if self.edge.in_reg[j] || (known && !self.values.needs_slot[p.vreg()]) {
                continue; // in a register, or the successor never reads it
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
            let share_with =
                if may_share && src.is_stack() && a.class() == p.class() { p.vreg() as u32 } else { NONE32 };
            self.edge.move_of_param[j] = self.edge.moves.len() as u32;
            self.edge.moves.push(EdgeMove {
                src,
                src_vreg: a.vreg() as u32,
                dst,
                class: a.class(),
                dep: NONE32,
                share_with,
            });
        }
        self.order_slot_moves()
    }

    /// Emit the slot moves of one successor so that each parameter slot is
    /// read before it is overwritten; break cycles through `cycle_slot`.
    fn order_slot_moves(&mut self) -> Result<(), RegAllocError> {
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
        Ok(())
    }
}
