//! Edits are produced backwards, one block at a time, in whatever order the
//! blocks are visited. Each block's edits form one contiguous run in `rev`;
//! `finish` lays the runs out in block order, each one flipped, which gives
//! the program-point order `Output::edits` promises without sorting.
//!
//! A block whose predecessor is walked after it also gets an *entry run*:
//! the moves at its top that the predecessor decides (see `entries`), kept
//! in program order in `entry` and laid out before the block's own run.

use super::regs::RegMask;
use upstream::{Allocation, Edit, ProgPoint};

/// A move, as (source, destination).
pub(crate) type Move = (Allocation, Allocation);

/// The registers the moves of `lists` write.
pub(super) fn register_destinations(lists: &[&Vec<Move>]) -> RegMask {
    let mut mask = RegMask::default();
    for list in lists {
        for &(_, dst) in list.iter() {
            if let Some(r) = dst.as_reg() {
                mask.insert(r);
            }
        }
    }
    mask
}

#[derive(Default)]
pub(crate) struct EditLog {
    rev: Vec<(ProgPoint, Allocation, Allocation)>,
    runs: Vec<(u32, u32)>,
    entry: Vec<(ProgPoint, Allocation, Allocation)>,
    entry_runs: Vec<(u32, u32)>,
}

impl EditLog {
    pub(crate) fn reset(&mut self, num_blocks: usize) {
        self.rev.clear();
        self.runs.clear();
        self.runs.resize(num_blocks, (0, 0));
        self.entry.clear();
        self.entry_runs.clear();
        self.entry_runs.resize(num_blocks, (0, 0));
    }

    #[inline]
    pub(crate) fn mark(&self) -> u32 {
        self.rev.len() as u32
    }

    /// Record the edits emitted since `start` as block `b`'s run.
    pub(crate) fn close_block(&mut self, b: usize, start: u32) {
        self.runs[b] = (start, self.rev.len() as u32);
    }

    /// Append a move; calls must come in reverse program order.
    #[inline]
    pub(crate) fn push(&mut self, at: ProgPoint, from: Allocation, to: Allocation) {
        self.rev.push((at, from, to));
    }

    /// Drop the move at position `at` (a value of `mark`) and the one
    /// pushed right after it.
    pub(crate) fn kill_pair(&mut self, at: u32) {
        for k in [at, at + 1] {
            let e = &mut self.rev[k as usize];
            (e.1, e.2) = (Allocation::none(), Allocation::none());
        }
    }

    /// Block `b`'s entry run: `moves`, in program order, at `at`.
    pub(crate) fn set_entry(&mut self, b: usize, at: ProgPoint, moves: &[Move]) {
        let start = self.entry.len() as u32;
        for &(from, to) in moves {
            self.entry.push((at, from, to));
        }
        self.entry_runs[b] = (start, self.entry.len() as u32);
    }

    pub(crate) fn finish(&self, out: &mut Vec<(ProgPoint, Edit)>) {
        out.clear();
        out.reserve(self.rev.len() + self.entry.len());
        for (b, &(start, end)) in self.runs.iter().enumerate() {
            let (es, ee) = self.entry_runs[b];
            for k in es..ee {
                let (at, from, to) = self.entry[k as usize];
                out.push((at, Edit::Move { from, to }));
            }
            for k in (start..end).rev() {
                let (at, from, to) = self.rev[k as usize];
                out.push((at, Edit::Move { from, to }));
            }
        }
    }
}
