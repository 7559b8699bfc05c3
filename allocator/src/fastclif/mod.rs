//! fastclif's single-pass register allocator.
//!
//! The allocator walks every block from its last instruction to its first and
//! decides operand locations on the fly, keeping only "where is this value
//! expected next" per vreg. See `allocator/DESIGN.md` for the full story.
//!
//! Module map, from the entry point down; each file uses only the files
//! listed after it, so that none needs the one it is called from:
//! - this file: `allocate` (one function), `block` (one block, backwards),
//!   and the per-thread `Allocator`.
//! - `inst`: allocation of one instruction's operands.
//! - `edges`: block ends: the state after a terminator, block-parameter
//!   moves before a branch.
//! - `entries`: block tops, by entry convention, and entry runs.
//! - `debug`: value-location debug info.
//! - `evictions`: values an instruction would evict, kept in registers instead.
//! - `scratch`: the `Allocator` struct, whose methods the four files above
//!   and this one define, and its reset between functions.
//! - `plan`: block walk order, entry conventions, and where a defining
//!   branch's definitions land.
//! - `parmove`: ordering of parallel moves at an edge.
//! - `shared_slots`: a back-edge argument sharing its parameter's slot.
//! - `edits`: collection of moves in program order.
//! - `loops`: loops and the registers their headers promise.
//! - `operand_bits`: operand fields read from their raw encoding.
//! - `state`: per-vreg / per-register expectations and spill slots.
//! - `regs`: register masks and the machine description.

mod debug;
mod edges;
mod edits;
mod entries;
mod evictions;
mod inst;
mod loops;
mod operand_bits;
mod parmove;
mod plan;
mod regs;
mod scratch;
mod shared_slots;
mod state;

use core::cell::RefCell;
pub use scratch::Allocator;
use upstream::{Allocation, Block, Function, MachineEnv, Output, RegAllocError};

impl Allocator {
    /// Allocate `f` into `out`, reusing `out`'s buffers.
    pub fn allocate<F: Function>(
        &mut self,
        f: &F,
        env: &MachineEnv,
        out: &mut Output,
    ) -> Result<(), RegAllocError> {
        self.reset(f, env);

        out.edits.clear();
        out.allocs.clear();
        out.inst_alloc_offsets.clear();
        out.debug_locations.clear();
        out.num_spillslots = 0;
        out.stats = Default::default();

        let ni = f.num_insts();
        out.inst_alloc_offsets.reserve(ni);
        let mut total = 0u32;
        for i in 0..ni {
            out.inst_alloc_offsets.push(total);
            let n = f.inst_operands(upstream::Inst::new(i)).len();
            if n > u16::MAX as usize {
                return Err(RegAllocError::TooManyOperands);
            }
            total += n as u32;
        }
        out.allocs.resize(total as usize, Allocation::none());

        self.prepare_labels(f);
        self.plan.build(f, &self.machine)?;
        for k in 0..self.plan.order.len() {
            let b = self.plan.order[k];
            self.block(f, b, out)?;
        }
        self.edits.finish(&mut out.edits);
        if self.shared.any() {
            self.shared.rename_edits(&mut out.edits);
            self.shared.rename_allocs(&mut out.allocs);
            self.shared.rename_segments(&mut self.values.segments);
        }
        self.emit_debug_locations(f, out);
        out.num_spillslots = self.values.slots_used as usize;
        self.scratch_dirty = false;
        Ok(())
    }

    /// Walk one block backwards.
    fn block<F: Function>(&mut self, f: &F, b: Block, out: &mut Output) -> Result<(), RegAllocError> {
        let start = self.edits.mark();
        self.walking = b.index() as u32;
        let range = f.block_insns(b);
        let last = range.last();
        self.values.now = upstream::ProgPoint::after(last).to_index();
        self.exit_state(f, b, last)?;
        // A branch that defines values hands its successors' parameters
        // over at their entries (see `entries`).
        let defining = self.plan.branch[b.index()] == plan::BR_DEFINING;
        self.inst(f, last, defining, out)?;
        if f.is_branch(last) && !defining {
            self.block_param_moves(f, b, last)?;
        }
        let mut i = last;
        while i > range.first() {
            i = i.prev();
            self.inst(f, i, false, out)?;
        }
        self.values.now = upstream::ProgPoint::before(range.first()).to_index();
        self.leave_at_block_start(f, b)?;
        self.values.end_block();
        self.edits.close_block(b.index(), start);
        Ok(())
    }
}

std::thread_local! {
    static PER_THREAD: RefCell<Allocator> = RefCell::new(Allocator::default());
}

/// Run the allocator with this thread's reusable scratch state.
pub fn allocate_with_thread_context<F: Function>(
    f: &F,
    env: &MachineEnv,
    out: &mut Output,
) -> Result<(), RegAllocError> {
    PER_THREAD.with(|cell| match cell.try_borrow_mut() {
        Ok(mut a) => a.allocate(f, env, out),
        // Re-entrant use (should not happen): fall back to a fresh context.
        Err(_) => Allocator::default().allocate(f, env, out),
    })
}
