//! Where every live value is expected while the allocator walks backwards,
//! plus lazily assigned spill slots.
//!
//! Reading guide: the walk goes from the end of a block to its start, so the
//! "current" location of a vreg is where *later* code (in program order)
//! expects to find it. Moving the walk past an instruction turns those
//! expectations into requirements on earlier code.

use super::regs::{PREG_SPACE, RegMask};
use upstream::{Allocation, PReg, RegClass, SpillSlot, VReg};

/// `loc` value: the vreg is not expected anywhere by the code already walked
/// in this block (it may still be needed in its slot, see `needs_slot`).
pub(crate) const AWAY: u16 = u16::MAX;
/// `loc` value: the code after this point reads the vreg from its spill slot.
pub(crate) const IN_SLOT: u16 = u16::MAX - 1;
pub(crate) const NONE32: u32 = u32::MAX;

/// The per-function, per-value state.
#[derive(Default)]
pub(crate) struct Values {
    /// Register index, `IN_SLOT` or `AWAY`; see module docs.
    pub(crate) loc: Vec<u16>,
    /// Assigned spill slot (already in client numbering) or `NONE32`.
    pub(crate) slot: Vec<u32>,
    /// Sticky: some code reads this value from its slot, so the definition
    /// must store it there.
    pub(crate) needs_slot: Vec<bool>,
    /// Values whose `loc` left `AWAY` during the current block.
    pub(crate) touched: Vec<u32>,
    /// Sticky: the value's `loc` has left `AWAY` in some block walked so
    /// far, i.e. code already walked reads it (see `shared_slots`).
    pub(crate) ever_touched: Vec<bool>,
    /// Which register holds which vreg (`NONE32` when empty).
    pub(crate) holder: Vec<u32>,
    /// Registers with a holder.
    pub(crate) occupied: RegMask,
    /// Spill-slot bookkeeping.
    pub(crate) slots_used: u32,
    pub(crate) slot_size: [u32; 3],
    pub(crate) name_by_last: bool,
    /// Debug-info tracking (only for vregs named in `debug_value_labels`):
    /// the walk position, whether any vreg is labeled, per-vreg flag and the
    /// end of the location segment currently open, and closed segments as
    /// (vreg, from, to, location).
    pub(crate) now: u32,
    pub(crate) any_labels: bool,
    pub(crate) labeled: Vec<bool>,
    pub(crate) seg_end: Vec<u32>,
    pub(crate) segments: Vec<(u32, u32, u32, Allocation)>,
}

impl Values {
    pub(crate) fn reset(&mut self, num_vregs: usize) {
        self.loc.clear();
        self.loc.resize(num_vregs, AWAY);
        self.slot.clear();
        self.slot.resize(num_vregs, NONE32);
        self.needs_slot.clear();
        self.needs_slot.resize(num_vregs, false);
        self.touched.clear();
        self.ever_touched.clear();
        self.ever_touched.resize(num_vregs, false);
        self.holder.clear();
        self.holder.resize(PREG_SPACE, NONE32);
        self.occupied = RegMask::default();
        self.slots_used = 0;
        // `labeled`/`seg_end` are only read when `any_labels`; they are
        // sized by `track_labels`, so functions without labels skip them.
        self.any_labels = false;
        self.segments.clear();
    }

    /// Start tracking debug locations: size the per-vreg label state.
    pub(crate) fn track_labels(&mut self, num_vregs: usize) {
        self.any_labels = true;
        self.labeled.clear();
        self.labeled.resize(num_vregs, false);
        self.seg_end.clear();
        self.seg_end.resize(num_vregs, 0);
    }

    /// `v` leaves location `old` at the walk position `now`: close the
    /// segment during which it sat there.
    #[cold]
    fn relocated(&mut self, v: VReg, old: u16) {
        let i = v.vreg();
        if !self.labeled[i] {
            return;
        }
        if old != AWAY && self.now < self.seg_end[i] {
            let at = if old == IN_SLOT {
                self.slot_of(v)
            } else {
                Allocation::reg(PReg::from_index(old as usize))
            };
            self.segments.push((i as u32, self.now, self.seg_end[i], at));
        }
        self.seg_end[i] = self.now;
    }

    /// Like `relocated`, for block ends where only the index is at hand.
    fn relocated_raw(&mut self, i: usize, old: u16) {
        if self.now < self.seg_end[i] {
            let at = if old == IN_SLOT {
                debug_assert!(self.slot[i] != NONE32);
                Allocation::stack(SpillSlot::new(self.slot[i] as usize))
            } else {
                Allocation::reg(PReg::from_index(old as usize))
            };
            self.segments.push((i as u32, self.now, self.seg_end[i], at));
        }
    }

    #[inline]
    pub(crate) fn reg_of(&self, v: VReg) -> Option<PReg> {
        let l = self.loc[v.vreg()];
        if l < IN_SLOT { Some(PReg::from_index(l as usize)) } else { None }
    }

    /// Is the value needed by code already walked (in a register or its slot)?
    #[inline]
    pub(crate) fn is_live(&self, v: VReg) -> bool {
        self.loc[v.vreg()] != AWAY || self.needs_slot[v.vreg()]
    }

    /// Value `i`, until now at `old`, gets a new location: empty its
    /// register, or note its first touch in this block.
    #[inline(always)]
    fn leave(&mut self, i: usize, old: u16) {
        if old < IN_SLOT {
            self.vacate(PReg::from_index(old as usize));
        } else if old == AWAY {
            self.touched.push(i as u32);
            self.ever_touched[i] = true;
        }
    }

    /// Record that the code after this point expects `v` in register `r`.
    #[inline(always)]
    pub(crate) fn put(&mut self, v: VReg, r: PReg) {
        debug_assert_eq!(self.holder[r.index()], NONE32);
        // One read of `loc` serves the vacate, the touch and the tracking.
        let i = v.vreg();
        let old = self.loc[i];
        self.leave(i, old);
        let new = r.index() as u16;
        self.loc[i] = new;
        if self.any_labels && old != new {
            self.relocated(v, old);
        }
        self.holder[r.index()] = i as u32;
        self.occupied.insert(r);
    }

    /// Empty register `r` without saying anything about its old holder.
    #[inline]
    pub(crate) fn vacate(&mut self, r: PReg) {
        self.holder[r.index()] = NONE32;
        self.occupied.remove(r);
    }

    /// The value now lives in its slot from here back to its definition.
    #[inline]
    pub(crate) fn mark_in_slot(&mut self, v: VReg) {
        let i = v.vreg();
        let old = self.loc[i];
        self.leave(i, old);
        self.loc[i] = IN_SLOT;
        self.needs_slot[i] = true;
        if self.any_labels && old != IN_SLOT {
            self.relocated(v, old);
        }
    }

    /// The value's definition was reached: it is no longer expected anywhere.
    #[inline]
    pub(crate) fn forget(&mut self, v: VReg) {
        let i = v.vreg();
        let old = self.loc[i];
        if old < IN_SLOT {
            self.vacate(PReg::from_index(old as usize));
        }
        self.loc[i] = AWAY;
        if self.any_labels && old != AWAY {
            self.relocated(v, old);
        }
    }

    #[inline]
    pub(crate) fn holder_of(&self, r: PReg) -> Option<VReg> {
        let h = self.holder[r.index()];
        if h == NONE32 { None } else { Some(VReg::new(h as usize, r.class())) }
    }

    /// The spill slot of `v`, handing one out on first request.
    #[inline]
    pub(crate) fn slot_of(&mut self, v: VReg) -> Allocation {
        let i = v.vreg();
        if self.slot[i] == NONE32 {
            self.slot[i] = self.fresh_slot(v.class());
        }
        Allocation::stack(SpillSlot::new(self.slot[i] as usize))
    }

    /// A new slot for a value of class `c`, aligned to its size.
    pub(crate) fn fresh_slot(&mut self, c: RegClass) -> u32 {
        let size = self.slot_size[c as usize].max(1);
        let start = self.slots_used.div_ceil(size) * size;
        self.slots_used = start + size;
        if self.name_by_last { start + size - 1 } else { start }
    }

    /// Undo the hand-out of `v`'s slot if it was the last slot handed out
    /// and nothing reads it (see `evictions`).
    pub(crate) fn give_back_slot(&mut self, v: VReg) {
        let i = v.vreg();
        let size = self.slot_size[v.class() as usize].max(1);
        let start = if self.name_by_last { self.slot[i] + 1 - size } else { self.slot[i] };
        if start + size == self.slots_used {
            self.slots_used = start;
            self.slot[i] = NONE32;
        }
    }

    /// Drop all per-block expectations (registers and `IN_SLOT` marks).
    pub(crate) fn end_block(&mut self) {
        for k in 0..self.touched.len() {
            let v = self.touched[k] as usize;
            if self.any_labels && self.labeled[v] && self.loc[v] != AWAY {
                self.relocated_raw(v, self.loc[v]);
            }
            self.loc[v] = AWAY;
        }
        self.touched.clear();
        for c in 0..3 {
            let mut w = self.occupied.0[c];
            while w != 0 {
                let hw = w.trailing_zeros() as usize;
                w &= w - 1;
                self.holder[(c << 6) | hw] = NONE32;
            }
        }
        self.occupied = RegMask::default();
    }
}
