//! fastclif's single-pass register allocator.
//!
//! The allocator walks every block from its last instruction to its first and
//! decides operand locations on the fly, keeping only "where is this value
//! expected next" per vreg. See `allocator/DESIGN.md` for the full story.
//!
//! Module map:
//! - `regs`: register masks and the machine description.
//! - `state`: per-vreg / per-register expectations and spill slots.
//! - `plan`: block walk order and register hand-off between blocks.
//! - `inst`: allocation of one instruction's operands.
//! - `edges`: block entry/exit handling and block-parameter moves.
//! - `after_branch`: entries of blocks that follow a defining branch.
//! - `edits`: collection of moves in program order.

mod after_branch;
mod debug;
mod edges;
mod edits;
mod inst;
mod plan;
mod regs;
mod state;

use core::cell::RefCell;
use edits::EditLog;
use plan::Plan;
use regs::Machine;
use state::Values;
use upstream::{Allocation, Block, Function, MachineEnv, Output, PReg, RegAllocError, RegClass};

/// A pending move, as (source, destination).
type Move = (Allocation, Allocation);

/// All scratch memory of the allocator. Reused from one function to the next,
/// so that once it has grown to fit the largest function seen, allocating
/// another function performs no heap allocation.
#[derive(Default)]
pub struct Allocator {
    machine: Machine,
    values: Values,
    plan: Plan,
    edits: EditLog,
    /// Entry register state of adopted blocks: (vreg index, register).
    snapshot: Vec<(u32, PReg)>,
    snapshot_run: Vec<(u32, u32)>,
    /// Moves of the instruction being processed, in program order:
    /// copies before it, then the two groups after it.
    before: Vec<Move>,
    after_first: Vec<Move>,
    after_second: Vec<Move>,
    /// Definitions into stack-like registers that must reach a spill slot.
    via_temp: Vec<(PReg, Allocation)>,
    /// Operand indices of the current instruction, by kind (filled by
    /// `sort_operands` in `inst`).
    lists: [Vec<u16>; inst::NUM_LISTS],
    /// Progress of each def of the current instruction (`inst::DEF_*`);
    /// all `DEF_UNSEEN` between instructions, so it needs no per-function
    /// reset unless an allocation stopped halfway (`scratch_dirty`).
    def_state: Vec<u8>,
    /// Set while a function is being allocated: if it is still set when
    /// the next one starts, an error left per-vreg scratch half-written.
    scratch_dirty: bool,
    /// The last clobber set converted to a mask (see `inst::clobber_mask`).
    last_clobbers: (upstream::PRegSet, regs::RegMask),
    /// Round-robin cursor for choosing eviction victims, per class.
    victim_cursor: [u32; 3],
    /// Edge-move scratch (see `edges`).
    edge: edges::EdgeScratch,
}

impl Allocator {
    /// Allocate `f` into `out`, reusing `out`'s buffers.
    pub fn allocate<F: Function>(
        &mut self,
        f: &F,
        env: &MachineEnv,
        out: &mut Output,
    ) -> Result<(), RegAllocError> {
        self.machine.load(env);
        let nv = f.num_vregs();
        let nb = f.num_blocks();
        self.values.reset(nv);
        for c in [RegClass::Int, RegClass::Float, RegClass::Vector] {
            // Only ask about classes the machine has registers for: clients
            // may refuse others (Cranelift's aarch64 panics on `Vector`).
            let m = &self.machine;
            let present =
                m.usable.word(c) != 0 || m.stack_pregs.word(c) != 0 || m.scratch[c as usize].is_some();
            self.values.slot_size[c as usize] = if present { f.spillslot_size(c) as u32 } else { 1 };
        }
        self.values.name_by_last = f.multi_spillslot_named_by_last_slot();
        if self.scratch_dirty {
            self.def_state.fill(inst::DEF_UNSEEN);
        }
        if self.def_state.len() < nv {
            self.def_state.resize(nv, inst::DEF_UNSEEN);
        }
        self.victim_cursor = [0; 3];
        self.snapshot.clear();
        self.snapshot_run.clear();
        self.snapshot_run.resize(nb, (0, 0));
        self.edits.reset(nb);
        self.edge.reset(nv, self.scratch_dirty);
        self.scratch_dirty = true;

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
        self.plan.build(f)?;
        for k in 0..self.plan.order.len() {
            let b = self.plan.order[k];
            self.block(f, b, out)?;
        }
        self.edits.finish(&mut out.edits);
        self.emit_debug_locations(f, out);
        out.num_spillslots = self.values.slots_used as usize;
        self.scratch_dirty = false;
        Ok(())
    }

    /// Walk one block backwards.
    fn block<F: Function>(&mut self, f: &F, b: Block, out: &mut Output) -> Result<(), RegAllocError> {
        let start = self.edits.mark();
        let range = f.block_insns(b);
        let last = range.last();
        self.values.now = upstream::ProgPoint::after(last).to_index();
        self.enter_from_successor(b);
        // A branch that defines values hands its successors' parameters
        // over at their entries (see `after_branch`).
        let defining = self.plan.defining_branch[b.index()];
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
