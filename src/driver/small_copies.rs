//! Calls of `memcpy` and `memmove` whose byte count is a constant, replaced by loads and stores.
//!
//! Translation lowers `ptr::copy_nonoverlapping`, `ptr::copy` and their intrinsics to calls,
//! since inside those small library functions the count is a parameter. Once such a function is
//! inlined (or the count was a constant to begin with) the call copies a known, often tiny,
//! number of bytes: every `_mm_loadu_si128` and `_mm256_loadu_si256` is a 16- or 32-byte
//! `copy_nonoverlapping`, and so is every `ptr::read_unaligned` of an integer. A call there costs
//! more than the copy (and spills whatever is live across it); LLVM expands these too.

use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{
    self, DataFlowGraph, ExternalName, Function, Inst, InstBuilder, InstructionData, LibCall, MemFlagsData,
    Opcode, Value,
};

use crate::mir::copy_pieces;

/// Copies up to this many bytes are expanded: 8 vector moves. Bigger ones keep the call, whose
/// own fixed cost is then small next to the copy.
const LARGEST_EXPANDED_COPY: u64 = 128;
/// `memmove` reads everything before writing anything (the two ranges may overlap), so it
/// needs a register per piece: at most 7 (three vectors, then 8, 4, 2 and 1 bytes).
const LARGEST_EXPANDED_MOVE: u64 = 64;

/// Expands every constant-size `memcpy`/`memmove` call of `func` within the limits above;
/// returns how many calls it replaced.
pub fn expand_constant_copies(func: &mut Function) -> usize {
    // Most functions import neither: checking the imports spares the walk over their code.
    let imports_copy = func.dfg.ext_funcs.values().any(|f| copy_kind(&f.name).is_some());
    if !imports_copy {
        return 0;
    }
    let mut expanded = 0;
    let mut pos = FuncCursor::new(func);
    while pos.next_block().is_some() {
        while let Some(inst) = pos.next_inst() {
            let Some((kind, dst, src, bytes)) = constant_copy(&pos.func.dfg, inst) else { continue };
            let limit = match kind {
                CopyKind::NonOverlapping => LARGEST_EXPANDED_COPY,
                CopyKind::MayOverlap => LARGEST_EXPANDED_MOVE,
            };
            if bytes > limit {
                continue;
            }
            let srcloc = pos.func.srcloc(inst);
            pos.set_srcloc(srcloc);
            let loaded: Vec<(Value, i32)> = copy_pieces(bytes, 16)
                .map(|(ty, offset)| (pos.ins().load(ty, MemFlagsData::new(), src, offset), offset))
                .collect();
            for (value, offset) in loaded {
                pos.ins().store(MemFlagsData::new(), value, dst, offset);
            }
            // Both functions return their destination.
            let results = pos.func.dfg.inst_results(inst).to_vec();
            pos.func.dfg.detach_inst_results(inst);
            for result in results {
                pos.func.dfg.change_to_alias(result, dst);
            }
            pos.remove_inst_and_step_back();
            pos.set_srcloc(ir::SourceLoc::default());
            expanded += 1;
        }
    }
    expanded
}

#[derive(Clone, Copy)]
enum CopyKind {
    NonOverlapping,
    MayOverlap,
}

fn copy_kind(name: &ExternalName) -> Option<CopyKind> {
    match name {
        ExternalName::LibCall(LibCall::Memcpy) => Some(CopyKind::NonOverlapping),
        ExternalName::LibCall(LibCall::Memmove) => Some(CopyKind::MayOverlap),
        _ => None,
    }
}

/// `(kind, destination, source, bytes)` of a call of `memcpy` or `memmove` with a constant count.
fn constant_copy(dfg: &DataFlowGraph, inst: Inst) -> Option<(CopyKind, Value, Value, u64)> {
    let InstructionData::Call { opcode: Opcode::Call, func_ref, .. } = dfg.insts[inst] else { return None };
    let kind = copy_kind(&dfg.ext_funcs[func_ref].name)?;
    let &[dst, src, count] = dfg.inst_args(inst) else { return None };
    Some((kind, dst, src, constant(dfg, count)?))
}

/// The value of `value` when it is a constant, or a constant times a constant (translation
/// scales element counts by the element size).
fn constant(dfg: &DataFlowGraph, value: Value) -> Option<u64> {
    let inst = dfg.value_def(dfg.resolve_aliases(value)).inst()?;
    match dfg.insts[inst] {
        InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => u64::try_from(imm.bits()).ok(),
        InstructionData::Binary { opcode: Opcode::Imul, args: [a, b] } => {
            constant(dfg, a)?.checked_mul(constant(dfg, b)?)
        }
        _ => None,
    }
}
