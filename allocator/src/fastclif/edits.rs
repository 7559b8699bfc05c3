//! Edits are produced backwards, one block at a time, in whatever order the
//! blocks are visited. Each block's edits form one contiguous run in `rev`;
//! `finish` lays the runs out in block order, each one flipped, which gives
//! the program-point order `Output::edits` promises without sorting.

use upstream::{Allocation, Edit, ProgPoint};

#[derive(Default)]
pub(crate) struct EditLog {
    rev: Vec<(ProgPoint, Allocation, Allocation)>,
    runs: Vec<(u32, u32)>,
}

impl EditLog {
    pub(crate) fn reset(&mut self, num_blocks: usize) {
        self.rev.clear();
        self.runs.clear();
        self.runs.resize(num_blocks, (0, 0));
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

    pub(crate) fn finish(&self, out: &mut Vec<(ProgPoint, Edit)>) {
        out.clear();
        out.reserve(self.rev.len());
        for &(start, end) in &self.runs {
            for k in (start..end).rev() {
                let (at, from, to) = self.rev[k as usize];
                out.push((at, Edit::Move { from, to }));
            }
        }
    }
}
