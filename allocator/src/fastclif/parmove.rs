//! Parallel moves at a control-flow edge: every source is read as it was
//! before any destination is written.
//!
//! The callers guarantee that destinations are distinct and that no spill
//! slot is both read and written (slots written at an edge are the new
//! values' own slots: block parameters', a defining branch's). Registers may
//! be both, in chains and cycles. Order produced:
//!
//! 1. register → slot (stores): they read registers before any is written;
//! 2. slot → slot, through a temporary register that no move reads;
//! 3. register → register, each move once nothing pending reads its
//!    destination; a cycle is broken by parking one register in the class's
//!    cycle slot and reading it back last;
//! 4. slot → register (loads), when no register is read any more.
//!
//! Linear in the number of moves (per-register reader counts).

use super::edits::Move;
use super::regs::{Machine, PREG_SPACE, RegMask};
use super::state::{NONE32, Values};
use upstream::{Allocation, RegAllocError, RegClass, SpillSlot};

#[derive(Default)]
pub(crate) struct ParMoves {
    /// The moves to order, as (source, destination, class).
    pub(crate) moves: Vec<(Allocation, Allocation, RegClass)>,
    /// Per register index: pending register moves reading it, and the
    /// pending register move writing it. All zero/`NONE32` between calls.
    readers: Vec<u16>,
    writer: Vec<u32>,
    ready: Vec<u32>,
    done: Vec<bool>,
    /// The slot-to-register moves of phase 4, by index: noted before phase
    /// 3, which turns the readers of a parked register into slot reads that
    /// it emits itself.
    loads: Vec<u32>,
}

impl ParMoves {
    #[inline]
    pub(crate) fn clear(&mut self) {
        self.moves.clear();
    }

    #[inline]
    pub(crate) fn push(&mut self, src: Allocation, dst: Allocation, class: RegClass) {
        if src != dst {
            self.moves.push((src, dst, class));
        }
    }

    /// Append the moves to `out` in a safe order. `free`: registers holding
    /// nothing needed here (temporaries for slot-to-slot moves); `machine`:
    /// its scratch and preferred registers; `cycle`: per-class cycle slots,
    /// handed out on first use.
    pub(crate) fn resolve(
        &mut self,
        values: &mut Values,
        free: RegMask,
        machine: &Machine,
        cycle: &mut [u32; 3],
        out: &mut Vec<Move>,
    ) -> Result<(), RegAllocError> {
        if self.readers.len() < PREG_SPACE {
            self.readers.resize(PREG_SPACE, 0);
            self.writer.resize(PREG_SPACE, NONE32);
        }
        let n = self.moves.len();
        let mut read = RegMask::default();
        self.loads.clear();
        for k in 0..n {
            let (src, dst, _) = self.moves[k];
            if let Some(r) = src.as_reg() {
                read.insert(r);
                if dst.is_stack() {
                    out.push((src, dst));
                }
            } else if dst.is_reg() {
                self.loads.push(k as u32);
            }
        }
        for k in 0..n {
            let (src, dst, c) = self.moves[k];
            if src.is_stack() && dst.is_stack() {
                let t = match machine.scratch[c as usize] {
                    Some(t) => t,
                    None => {
                        let w = free.word(c) & !read.word(c);
                        if w == 0 {
                            return Err(RegAllocError::TooManyLiveRegs);
                        }
                        machine.pick(w, c)
                    }
                };
                out.push((src, Allocation::reg(t)));
                out.push((Allocation::reg(t), dst));
            }
        }
        self.register_moves(values, cycle, out);
        for &k in &self.loads {
            let (src, dst, _) = self.moves[k as usize];
            out.push((src, dst));
        }
        self.moves.clear();
        Ok(())
    }

    /// Phase 3: register-to-register moves.
    fn register_moves(&mut self, values: &mut Values, cycle: &mut [u32; 3], out: &mut Vec<Move>) {
        let n = self.moves.len();
        self.done.clear();
        self.done.resize(n, true);
        self.ready.clear();
        let mut pending = 0;
        for k in 0..n {
            let (src, dst, _) = self.moves[k];
            if let (Some(s), Some(d)) = (src.as_reg(), dst.as_reg()) {
                self.done[k] = false;
                pending += 1;
                self.readers[s.index()] += 1;
                self.writer[d.index()] = k as u32;
            }
        }
        if pending == 0 {
            return;
        }
        for k in 0..n {
            if !self.done[k] && self.readers[self.moves[k].1.as_reg().unwrap().index()] == 0 {
                self.ready.push(k as u32);
            }
        }
        let mut scan = 0;
        loop {
            while let Some(k) = self.ready.pop() {
                let k = k as usize;
                let (src, dst, _) = self.moves[k];
                out.push((src, dst));
                self.done[k] = true;
                pending -= 1;
                self.writer[dst.as_reg().unwrap().index()] = NONE32;
                if let Some(s) = src.as_reg() {
                    self.readers[s.index()] -= 1;
                    let w = self.writer[s.index()];
                    if self.readers[s.index()] == 0 && w != NONE32 {
                        self.ready.push(w);
                    }
                }
            }
            if pending == 0 {
                break;
            }
            // Only cycles remain: park the destination of one move, whose
            // single reader then reads the cycle slot instead.
            while self.done[scan] {
                scan += 1;
            }
            let (_, dst, c) = self.moves[scan];
            let d = dst.as_reg().unwrap();
            let ci = c as usize;
            if cycle[ci] == NONE32 {
                cycle[ci] = values.fresh_slot(c);
            }
            let park = Allocation::stack(SpillSlot::new(cycle[ci] as usize));
            out.push((dst, park));
            for k in 0..n {
                if !self.done[k] && self.moves[k].0 == dst {
                    self.moves[k].0 = park;
                }
            }
            self.readers[d.index()] = 0;
            self.ready.push(scan as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use upstream::PReg;

    fn reg(i: usize) -> Allocation {
        Allocation::reg(PReg::new(i, RegClass::Int))
    }

    fn slot(i: usize) -> Allocation {
        Allocation::stack(SpillSlot::new(i))
    }

    /// Orders `wanted` and replays the result on locations that each start
    /// out holding their own name: every destination must end up with what
    /// its source held before the first move.
    fn replay(wanted: &[(Allocation, Allocation)]) {
        let mut values = Values::default();
        // The slots of the function's values, below the cycle slot.
        for _ in 0..16 {
            values.fresh_slot(RegClass::Int);
        }
        let mut par = ParMoves::default();
        for &(src, dst) in wanted {
            par.push(src, dst, RegClass::Int);
        }
        let mut out = Vec::new();
        let mut cycle = [NONE32; 3];
        par.resolve(&mut values, RegMask::default(), &Machine::default(), &mut cycle, &mut out).unwrap();
        let mut holds: HashMap<Allocation, Allocation> = HashMap::new();
        for (src, dst) in out {
            let value = *holds.get(&src).unwrap_or(&src);
            holds.insert(dst, value);
        }
        for &(src, dst) in wanted {
            assert_eq!(holds.get(&dst), Some(&src), "{dst} must hold the old {src}");
        }
    }

    #[test]
    fn chains_and_loads() {
        replay(&[(reg(1), reg(2)), (reg(2), reg(3)), (slot(4), reg(1)), (reg(3), slot(5))]);
    }

    /// Two cycles park their registers in the same cycle slot, one after the
    /// other; the loads that follow must not read that slot again.
    #[test]
    fn two_cycles_then_a_load() {
        replay(&[(reg(1), reg(2)), (reg(2), reg(1)), (reg(3), reg(5)), (reg(5), reg(3)), (slot(0), reg(4))]);
    }
}
