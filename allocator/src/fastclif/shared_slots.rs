//! A loop-carried value and the header parameter it feeds, sharing one
//! spill slot.
//!
//! When a loop carries more values than the header's contract has registers
//! for, the parameters arrive in their slots, and the back edge copies each
//! new value from its own slot into the parameter's: two memory moves per
//! value and iteration. If the parameter is dead by the time the new value
//! is defined, the new value can live in the parameter's slot from the
//! start, and the copy disappears.
//!
//! The walk meets the back edge first (`edges` *offers* the argument the
//! parameter's slot) and the argument's definition later (`inst` *accepts*
//! when nothing walked so far reads the parameter, see
//! `Allocator::accept_shared_slot`). Code walked in between has already
//! named the argument's own slot, so an accepted offer is recorded as an
//! alias, and the output is rewritten once at the end: allocations, moves
//! and debug locations. The back edge's copy (a load into a temporary and
//! a store back out) is killed in the edit log.

use super::state::NONE32;
use upstream::{Allocation, Edit, ProgPoint, SpillSlot};

#[derive(Default)]
pub(crate) struct SharedSlots {
    /// Per vreg with an open offer: the parameter (vreg index), the loop
    /// header (block index) of the back edge that made it, and the edit-log
    /// position of the copy's store (its load follows it).
    partner: Vec<(u32, u32, u32)>,
    /// Vregs with an open offer, to clear `partner` lazily.
    offered: Vec<u32>,
    /// Per parameter vreg: some value already shares its slot.
    taken: Vec<bool>,
    taken_list: Vec<u32>,
    /// Per spill slot: the slot it was merged into, or `NONE32`.
    alias: Vec<u32>,
    any: bool,
}

impl SharedSlots {
    /// Forget the previous function. Touches only what it used.
    pub(crate) fn reset(&mut self, num_vregs: usize) {
        for &v in &self.offered {
            self.partner[v as usize] = (NONE32, NONE32, NONE32);
        }
        self.offered.clear();
        for &p in &self.taken_list {
            self.taken[p as usize] = false;
        }
        self.taken_list.clear();
        if self.partner.len() < num_vregs {
            self.partner.resize(num_vregs, (NONE32, NONE32, NONE32));
            self.taken.resize(num_vregs, false);
        }
        if self.any {
            self.alias.clear();
            self.any = false;
        }
    }

    /// The back edge to `header` copies `arg` from its slot into the slot of
    /// parameter `param`, through a register; the store of that copy is at
    /// `copy_at` in the edit log. The first offer per argument stands.
    pub(crate) fn offer(&mut self, arg: usize, param: usize, header: usize, copy_at: u32) {
        if self.partner[arg].0 == NONE32 {
            self.partner[arg] = (param as u32, header as u32, copy_at);
            self.offered.push(arg as u32);
        }
    }

    /// Has `v` an open offer?
    #[inline]
    pub(crate) fn has_offer(&self, v: usize) -> bool {
        self.partner[v].0 != NONE32
    }

    /// The open offer for `v`: (parameter, header, position of the copy).
    pub(crate) fn offer_of(&self, v: usize) -> (usize, usize, u32) {
        let (p, h, at) = self.partner[v];
        (p as usize, h as usize, at)
    }

    pub(crate) fn is_taken(&self, param: usize) -> bool {
        self.taken[param]
    }

    /// `arg`'s slot `from` is merged into `param`'s slot `into`.
    pub(crate) fn merge(&mut self, param: usize, from: u32, into: u32) {
        self.taken[param] = true;
        self.taken_list.push(param as u32);
        if self.alias.len() <= from as usize {
            self.alias.resize(from as usize + 1, NONE32);
        }
        self.alias[from as usize] = into;
        self.any = true;
    }

    /// Were any slots merged in this function?
    pub(crate) fn any(&self) -> bool {
        self.any
    }

    #[inline]
    fn rename(&self, a: Allocation) -> Allocation {
        match a.as_stack() {
            Some(s) => match self.alias.get(s.index()) {
                Some(&to) if to != NONE32 => Allocation::stack(SpillSlot::new(to as usize)),
                _ => a,
            },
            None => a,
        }
    }

    /// Rename merged slots in operand allocations.
    pub(crate) fn rename_allocs(&self, allocs: &mut [Allocation]) {
        for a in allocs {
            *a = self.rename(*a);
        }
    }

    /// Rename merged slots in debug segments (vreg, from, to, location).
    pub(crate) fn rename_segments(&self, segments: &mut [(u32, u32, u32, Allocation)]) {
        for s in segments {
            s.3 = self.rename(s.3);
        }
    }

    /// Rename merged slots in moves and drop the killed ones.
    pub(crate) fn rename_edits(&self, edits: &mut Vec<(ProgPoint, Edit)>) {
        edits.retain_mut(|(_, Edit::Move { from, to })| {
            (*from, *to) = (self.rename(*from), self.rename(*to));
            !from.is_none() && from != to
        });
    }
}
