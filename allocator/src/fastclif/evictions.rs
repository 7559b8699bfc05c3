//! Values an instruction would evict, kept in registers instead.
//!
//! Seen from below, a value that the code after an instruction expects in a
//! register the instruction writes (a call's clobbers, a fixed def such as a
//! division's, a tied def) has to be evicted (`inst::evict_written`):
//! reloaded after the instruction from its slot, which its definition must
//! then fill, i.e. one store and one load for a value that might never have
//! needed a slot. When a register the instruction leaves alone is free at
//! that point, the value can wait there instead and be copied into the
//! expected register after the instruction: one register move and no store.
//! Across a call the waiting register is a callee-saved one, and the value
//! stays there across further calls above. This is the cheap half of what
//! Ion gets by giving call-crossing values callee-saved registers (which
//! then cost a save in the prologue, not counted as a move).
//!
//! Only values whose slot nothing else reads are candidates: for the others
//! the store happens anyway, and the reload costs no more than the copy.
//! The decision is taken after the instruction's uses are placed, so that
//! the chosen register is one the instruction really does not touch.
//!
//! A value the instruction itself reads from a register (a call argument
//! that is needed again after the call, the typical loop counter passed to
//! every call of a loop body) is kept too: if the register it is read from
//! survives the instruction, the value simply stays there and is copied back
//! after it; otherwise it waits in a free register, copied into the operand's
//! register before the instruction and into the expected one after it. A
//! value read from its slot by the instruction keeps the slot.

use super::edits::register_destinations;
use super::operand_bits::vreg;
use super::regs::{CLASSES, RegMask, first_reg};
use super::scratch::Allocator;
use super::state::{IN_SLOT, NONE32};
use upstream::{Allocation, Operand, PReg, VReg};

impl Allocator {
    /// Before the registers `written` are evicted: remember which of their
    /// holders have no valid slot yet, and whether their slot is handed out
    /// by this eviction (so that it can be given back).
    pub(super) fn note_evictions(&mut self, written: RegMask) {
        self.evicted.clear();
        for c in CLASSES {
            let mut w = written.word(c) & self.values.occupied.word(c);
            while w != 0 {
                let r = first_reg(w, c);
                w &= w - 1;
                if let Some(x) = self.values.holder_of(r)
                    && !self.values.needs_slot[x.vreg()]
                {
                    let fresh = self.values.slot[x.vreg()] == NONE32;
                    self.evicted.push((x, r, fresh));
                }
            }
        }
    }

    /// After the instruction's uses are placed: each remembered value that
    /// is still only reloaded from its slot waits in a register instead and
    /// is copied back into its register after the instruction: the register
    /// the instruction reads it from when the instruction leaves that one
    /// alone, else a free register outside `touched` (everything the
    /// instruction reads or writes). Across a call (`call`), callee-saved
    /// registers are taken first, elsewhere caller-saved ones (no prologue
    /// save).
    pub(super) fn keep_evicted_in_registers(
        &mut self,
        ops: &[Operand],
        allocs: &[Allocation],
        written: RegMask,
        touched: RegMask,
        call: bool,
    ) {
        let after_dst = register_destinations(&[&self.after_first, &self.after_second]);
        let mut busy = touched.union(after_dst).union(register_destinations(&[&self.before]));
        for q in (0..self.evicted.len()).rev() {
            let (x, r, fresh) = self.evicted[q];
            let Some(read_from) = self.may_wait_in_register(x, ops, allocs) else {
                continue;
            };
            let reload = (self.values.slot_of(x), Allocation::reg(r));
            let Some(k) = self.after_second.iter().position(|&m| m == reload) else {
                continue;
            };
            if let Some(u) = read_from
                && !written.contains(u)
                && !after_dst.contains(u)
            {
                self.after_second[k] = (Allocation::reg(u), Allocation::reg(r));
                self.slot_no_longer_needed(x, fresh);
                continue;
            }
            let c = x.class();
            let free = self.machine.usable.word(c) & !self.values.occupied.word(c) & !busy.word(c);
            if free == 0 {
                continue;
            }
            let preferred = self.machine.preferred.word(c);
            let first = free & if call { !preferred } else { preferred };
            let home: PReg = first_reg(if first != 0 { first } else { free }, c);
            self.after_second[k] = (Allocation::reg(home), Allocation::reg(r));
            if let Some(u) = read_from {
                // Every copy that fed another operand from `u` reads `home`
                // instead, so the order of the copies before the instruction
                // does not matter.
                for m in self.before.iter_mut() {
                    if m.0 == Allocation::reg(u) {
                        m.0 = Allocation::reg(home);
                    }
                }
                self.before.push((Allocation::reg(home), Allocation::reg(u)));
            }
            self.values.put(x, home);
            self.slot_no_longer_needed(x, fresh);
            busy.insert(home);
        }
    }

    /// Whether evicted value `x` can do without its slot above the
    /// instruction: `Some(None)` if it is only expected in its slot and the
    /// instruction does not read it, `Some(Some(u))` if the instruction reads
    /// it from register `u` only. Only a use of this instruction can have put
    /// it back in a register since the eviction; a use read from memory, or
    /// a register fed from the slot before the instruction, needs the slot.
    fn may_wait_in_register(
        &mut self,
        x: VReg,
        ops: &[Operand],
        allocs: &[Allocation],
    ) -> Option<Option<PReg>> {
        match self.values.reg_of(x) {
            Some(u) => {
                let slot = self.values.slot_of(x);
                let from_memory = ops.iter().zip(allocs).any(|(&op, a)| vreg(op) == x && a.is_stack())
                    || self.before.iter().any(|m| m.0 == slot);
                (!from_memory).then_some(Some(u))
            }
            None => {
                (self.values.loc[x.vreg()] == IN_SLOT && !ops.iter().any(|&op| vreg(op) == x)).then_some(None)
            }
        }
    }

    /// Nothing reads `x`'s slot any more: its definition need not store it,
    /// and a slot this eviction handed out goes back.
    fn slot_no_longer_needed(&mut self, x: VReg, fresh: bool) {
        self.values.needs_slot[x.vreg()] = false;
        if fresh {
            self.values.give_back_slot(x);
        }
    }
}
