//! The `Allocator` itself: all the allocator's scratch memory and its reset
//! between functions.
//!
//! Its behaviour is spread over the files above this one (`inst`, `edges`,
//! `after_branch`, `debug`, and the entry point in `mod.rs`), each adding an
//! `impl Allocator` block. The struct lives down here, with the few
//! definitions its fields need, so that those files share it without
//! depending on the entry point or on one another.

use super::edits::{EditLog, Move};
use super::loops::NO_HINT;
use super::parmove::ParMoves;
use super::plan::Plan;
use super::regs::{Machine, RegMask};
use super::shared_slots::SharedSlots;
use super::state::{NONE32, Values};
use upstream::{
    Allocation, Function, MachineEnv, OperandConstraint, OperandKind, PReg, PRegSet, RegClass, VReg,
};

// Work lists of operand indices (`Allocator::lists`), filled once per
// instruction by `sort_operands` in `inst`.
pub(super) const L_DEF_ALL: usize = 0;
pub(super) const L_DEF_REUSE: usize = 1;
pub(super) const L_DEF_EARLY: usize = 2;
pub(super) const L_DEF_LATE: usize = 3;
pub(super) const L_USE_CLAIM: usize = 4;
pub(super) const L_USE_REG_LATE: usize = 5;
pub(super) const L_USE_REG_EARLY: usize = 6;
pub(super) const L_USE_OTHER: usize = 7;
pub(super) const L_USE_FAR: usize = 8;
pub(super) const NUM_LISTS: usize = 9;

/// `EdgeScratch::in_guess` value: not in the contract.
pub(super) const NO_REG: u16 = u16::MAX;

/// `Allocator::def_state` values: a def of the current instruction has no
/// location yet, has one, or has been routed to where later code wants it.
/// (A vreg can be defined twice by one instruction when the client allows
/// multiple defs.)
pub(super) const DEF_UNSEEN: u8 = 0;
pub(super) const DEF_PLACED: u8 = 1;
pub(super) const DEF_ROUTED: u8 = 2;

/// All scratch memory of the allocator. Reused from one function to the next,
/// so that once it has grown to fit the largest function seen, allocating
/// another function performs no heap allocation.
#[derive(Default)]
pub struct Allocator {
    pub(super) machine: Machine,
    pub(super) values: Values,
    pub(super) plan: Plan,
    pub(super) edits: EditLog,
    /// Per block already walked: the registers its predecessors must fill
    /// at its entry, as (vreg index, register) runs of `snapshot` (see
    /// `entries`).
    pub(super) snapshot: Vec<(u32, PReg)>,
    pub(super) snapshot_run: Vec<(u32, u32)>,
    /// Moves at an edge being ordered, and the ordered result.
    pub(super) par: ParMoves,
    pub(super) run: Vec<Move>,
    /// Moves of the instruction being processed, in program order:
    /// copies before it, then the two groups after it.
    pub(super) before: Vec<Move>,
    pub(super) after_first: Vec<Move>,
    pub(super) after_second: Vec<Move>,
    /// Definitions into stack-like registers that must reach a spill slot.
    pub(super) via_temp: Vec<(PReg, Allocation)>,
    /// Operand indices of the current instruction, by kind (`L_*`).
    pub(super) lists: [Vec<u16>; NUM_LISTS],
    /// Progress of each def of the current instruction (`DEF_*`);
    /// all `DEF_UNSEEN` between instructions, so it needs no per-function
    /// reset unless an allocation stopped halfway (`scratch_dirty`).
    pub(super) def_state: Vec<u8>,
    /// Set while a function is being allocated: if it is still set when
    /// the next one starts, an error left per-vreg scratch half-written.
    pub(super) scratch_dirty: bool,
    /// The last clobber set converted to a mask (see `inst::clobber_mask`).
    pub(super) last_clobbers: (PRegSet, RegMask),
    /// Values the current instruction is about to evict that may wait in
    /// another register instead (see `evictions`): the value, its register
    /// below the instruction, and whether its slot was handed out by the
    /// eviction.
    pub(super) evicted: Vec<(VReg, PReg, bool)>,
    /// Round-robin cursor for choosing eviction victims, per class.
    pub(super) victim_cursor: [u32; 3],
    /// Edge-move scratch (see `edges`).
    pub(super) edge: EdgeScratch,
    /// Back-edge arguments offered their parameter's slot (`shared_slots`).
    pub(super) shared: SharedSlots,
    /// The block being walked.
    pub(super) walking: u32,
    /// Per vreg: the register the entry block's first instruction defines
    /// it in (the function's arguments), as a hint for its uses, which the
    /// walk meets first; `NO_REG` otherwise. Entries listed in
    /// `entry_hinted` are cleared at the next reset.
    pub(super) entry_hint: Vec<u16>,
    pub(super) entry_hinted: Vec<u32>,
}

#[derive(Clone, Copy)]
pub(super) struct EdgeMove {
    pub(super) src: Allocation,
    pub(super) src_vreg: u32,
    pub(super) dst: Allocation,
    pub(super) class: RegClass,
    /// Index of the move whose destination this one reads, or `NONE32`.
    pub(super) dep: u32,
    /// A slot-to-slot copy along a back edge that may disappear if the
    /// source shares the destination's slot: the parameter, else `NONE32`.
    pub(super) share_with: u32,
}

#[derive(Default)]
pub(super) struct EdgeScratch {
    /// Per vreg: its index among the current successor's parameters.
    pub(super) param_pos: Vec<u32>,
    pub(super) moves: Vec<EdgeMove>,
    pub(super) move_of_param: Vec<u32>,
    pub(super) readers: Vec<u32>,
    pub(super) ready: Vec<u32>,
    pub(super) done: Vec<bool>,
    pub(super) saved: Vec<bool>,
    /// Moves in program order, restores that follow them, and then moves
    /// into the registers of a successor's contract.
    pub(super) fwd: Vec<Move>,
    pub(super) restore: Vec<Move>,
    pub(super) reg_moves: Vec<Move>,
    /// Per parameter of the current successor: delivered in a register.
    pub(super) in_reg: Vec<bool>,
    /// Per vreg: its register in the loop contract being reconciled
    /// (`PReg::index`), or `NO_REG`; and per contract entry, whether the
    /// header reads it.
    pub(super) in_guess: Vec<u16>,
    pub(super) used: Vec<bool>,
    pub(super) temp: [Option<PReg>; 3],
    /// Registers used as move sources at this block end.
    pub(super) src_regs: RegMask,
    pub(super) cycle_slot: [u32; 3],
    /// Definitions of a defining branch and where they land (see
    /// `after_branch`), and per vreg its index there or `NONE32`.
    pub(super) defs: Vec<(VReg, Allocation)>,
    pub(super) def_pos: Vec<u32>,
    /// Copies that may disappear (`EdgeMove::share_with`), as (argument,
    /// parameter, loop header, index in `fwd` of the copy's load).
    pub(super) offers: Vec<(u32, u32, u32, u32)>,
    /// The successor whose parameter moves are being ordered.
    pub(super) succ: u32,
}

impl EdgeScratch {
    /// `param_pos`, `def_pos` and `in_guess` are put back after each use,
    /// so they only need filling after an allocation that stopped halfway.
    fn reset(&mut self, num_vregs: usize, dirty: bool) {
        for per_vreg in [&mut self.param_pos, &mut self.def_pos] {
            if dirty {
                per_vreg.fill(NONE32);
            }
            if per_vreg.len() < num_vregs {
                per_vreg.resize(num_vregs, NONE32);
            }
        }
        if dirty {
            self.in_guess.fill(NO_REG);
        }
        if self.in_guess.len() < num_vregs {
            self.in_guess.resize(num_vregs, NO_REG);
        }
        self.cycle_slot = [NONE32; 3];
    }
}

impl Allocator {
    /// The register a loop contract gave `v` (see `loops`), else the one
    /// it arrives in as a function argument, if any.
    #[inline]
    pub(super) fn hint_of(&self, v: VReg) -> Option<PReg> {
        let mut h = if self.plan.loops.active { self.plan.loops.hint[v.vreg()] } else { NO_HINT };
        if h == NO_HINT {
            h = self.entry_hint[v.vreg()];
        }
        if h == NO_HINT { None } else { Some(PReg::from_index(h as usize)) }
    }

    /// Fill `entry_hint` from the fixed-register defs of the entry block's
    /// first instruction.
    fn hint_arguments<F: Function>(&mut self, f: &F) {
        for &v in &self.entry_hinted {
            self.entry_hint[v as usize] = NO_REG;
        }
        self.entry_hinted.clear();
        let nv = f.num_vregs();
        if self.entry_hint.len() < nv {
            self.entry_hint.resize(nv, NO_REG);
        }
        let first = f.block_insns(f.entry_block()).first();
        for op in f.inst_operands(first) {
            if let (OperandKind::Def, OperandConstraint::FixedReg(r)) = (op.kind(), op.constraint())
                && op.as_fixed_nonallocatable().is_none()
                && op.vreg().vreg() < nv
            {
                self.entry_hint[op.vreg().vreg()] = r.index() as u16;
                self.entry_hinted.push(op.vreg().vreg() as u32);
            }
        }
    }

    /// Ready the scratch state for allocating `f` on `env`.
    pub(super) fn reset<F: Function>(&mut self, f: &F, env: &MachineEnv) {
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
            self.def_state.fill(DEF_UNSEEN);
        }
        if self.def_state.len() < nv {
            self.def_state.resize(nv, DEF_UNSEEN);
        }
        self.victim_cursor = [0; 3];
        self.snapshot.clear();
        self.snapshot_run.clear();
        self.snapshot_run.resize(nb, (0, 0));
        self.edits.reset(nb);
        self.edge.reset(nv, self.scratch_dirty);
        self.shared.reset(nv);
        self.hint_arguments(f);
        self.scratch_dirty = true;
    }
}
