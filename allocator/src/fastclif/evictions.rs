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
//! the chosen register is one the instruction really does not touch, and a
//! value the instruction itself reads is left alone.

use super::regs::{CLASSES, RegMask, first_reg};
use super::scratch::Allocator;
use super::state::{IN_SLOT, NONE32};
use upstream::{Allocation, Operand, PReg};

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
    /// is still only reloaded from its slot and that the instruction does not
    /// read waits in a free register outside `touched` (everything the
    /// instruction reads or writes) and is copied back into its register
    /// after the instruction. Across a call (`call`), callee-saved registers
    /// are taken first, elsewhere caller-saved ones (no prologue save).
    pub(super) fn keep_evicted_in_registers(&mut self, ops: &[Operand], touched: RegMask, call: bool) {
        let mut busy = touched;
        for list in [&self.before, &self.after_first, &self.after_second] {
            for &(_, dst) in list.iter() {
                if let Some(r) = dst.as_reg() {
                    busy.insert(r);
                }
            }
        }
        for q in (0..self.evicted.len()).rev() {
            let (x, r, fresh) = self.evicted[q];
            if self.values.loc[x.vreg()] != IN_SLOT || ops.iter().any(|op| op.vreg() == x) {
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
            let reload = (self.values.slot_of(x), Allocation::reg(r));
            let Some(k) = self.after_second.iter().position(|&m| m == reload) else {
                continue;
            };
            self.after_second[k] = (Allocation::reg(home), Allocation::reg(r));
            self.values.put(x, home);
            self.values.needs_slot[x.vreg()] = false;
            if fresh {
                self.values.give_back_slot(x);
            }
            busy.insert(home);
        }
    }
}
