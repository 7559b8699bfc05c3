//! Corpus capture (feature `capture`): when `FASTCLIF_DUMP_REGALLOC=DIR` is
//! set, every function handed to [`crate::run`] / [`crate::run_with_ctx`] is
//! written to `DIR/regalloc-<pid>-<thread>.jsonl` as one line of JSON: the
//! upstream `serialize::SerializableFunction` (function + machine
//! description), which implements `Function` again when read back.
//!
//! Each thread appends to its own file with one `write_all` per function, so
//! a process killed mid-way leaves at most one truncated last line.

use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use upstream::{Block, Function, Inst, InstRange, MachineEnv, Operand, PRegSet, RegClass, VReg};

/// Forwards everything to the client's function, except that
/// `spillslot_size` is only asked for classes the machine has registers for
/// (Cranelift's x64 panics when asked about `Vector`); others report 1.
struct Guarded<'a, F> {
    f: &'a F,
    has_class: [bool; 3],
}

impl<F: Function> Function for Guarded<'_, F> {
    fn num_insts(&self) -> usize {
        self.f.num_insts()
    }
    fn num_blocks(&self) -> usize {
        self.f.num_blocks()
    }
    fn entry_block(&self) -> Block {
        self.f.entry_block()
    }
    fn block_insns(&self, b: Block) -> InstRange {
        self.f.block_insns(b)
    }
    fn block_succs(&self, b: Block) -> &[Block] {
        self.f.block_succs(b)
    }
    fn block_preds(&self, b: Block) -> &[Block] {
        self.f.block_preds(b)
    }
    fn block_params(&self, b: Block) -> &[VReg] {
        self.f.block_params(b)
    }
    fn is_ret(&self, i: Inst) -> bool {
        self.f.is_ret(i)
    }
    fn is_branch(&self, i: Inst) -> bool {
        self.f.is_branch(i)
    }
    fn branch_blockparams(&self, b: Block, i: Inst, k: usize) -> &[VReg] {
        self.f.branch_blockparams(b, i, k)
    }
    fn inst_operands(&self, i: Inst) -> &[Operand] {
        self.f.inst_operands(i)
    }
    fn inst_clobbers(&self, i: Inst) -> PRegSet {
        self.f.inst_clobbers(i)
    }
    fn num_vregs(&self) -> usize {
        self.f.num_vregs()
    }
    fn debug_value_labels(&self) -> &[(VReg, Inst, Inst, u32)] {
        self.f.debug_value_labels()
    }
    fn spillslot_size(&self, c: RegClass) -> usize {
        if self.has_class[c as usize] { self.f.spillslot_size(c) } else { 1 }
    }
    fn multi_spillslot_named_by_last_slot(&self) -> bool {
        self.f.multi_spillslot_named_by_last_slot()
    }
    fn allow_multiple_vreg_defs(&self) -> bool {
        self.f.allow_multiple_vreg_defs()
    }
}

static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

std::thread_local! {
    static FILE: RefCell<Option<File>> = const { RefCell::new(None) };
}

fn dir() -> Option<&'static PathBuf> {
    DIR.get_or_init(|| {
        std::env::var_os("FASTCLIF_DUMP_REGALLOC").filter(|d| !d.is_empty()).map(PathBuf::from)
    })
    .as_ref()
}

/// Append `func` (with `env`) to this thread's capture file, if capturing.
/// Failures are reported once per thread on stderr and otherwise ignored:
/// capturing must never break compilation.
pub(crate) fn record<F: Function>(func: &F, env: &MachineEnv) {
    let Some(dir) = dir() else { return };
    let mut has_class = [false; 3];
    for c in 0..3 {
        has_class[c] = env.preferred_regs_by_class[c].into_iter().next().is_some()
            || env.non_preferred_regs_by_class[c].into_iter().next().is_some()
            || env.scratch_by_class[c].is_some()
            || env.fixed_stack_slots.iter().any(|r| r.class() as usize == c);
    }
    let g = Guarded { f: func, has_class };
    let sf = upstream::serialize::SerializableFunction::new(&g, env.clone());
    let mut line = match serde_json::to_vec(&sf) {
        Ok(l) => l,
        Err(_) => return,
    };
    line.push(b'\n');
    FILE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let _ = std::fs::create_dir_all(dir);
            let name = format!("regalloc-{}-{:?}.jsonl", std::process::id(), std::thread::current().id())
                .replace(['(', ')'], "");
            match OpenOptions::new().create(true).append(true).open(dir.join(name)) {
                Ok(f) => *slot = Some(f),
                Err(e) => {
                    eprintln!("FASTCLIF_DUMP_REGALLOC: cannot open file in {dir:?}: {e}");
                    return;
                }
            }
        }
        if let Some(f) = slot.as_mut() {
            let _ = f.write_all(&line);
        }
    });
}
