//! Optimized builds: bit counts of constants become constants.
//!
//! Cranelift's mid-end folds arithmetic on constants but not `popcnt`, `clz` or `ctz`, and
//! without the POPCNT extension a `popcnt` is a dozen instructions. Debug assertions put one
//! in almost every pointer offset and layout check (`is_power_of_two` of an alignment that is a
//! constant once the checking function is inlined), so an optimized test build runs them in
//! its hot loops; folded, the comparison on them folds too.

use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{Function, InstBuilder, InstructionData, Opcode};

use crate::mir::int_constant;

/// Folds every `popcnt`, `clz` and `ctz` of an `iconst` in `func`.
pub fn fold_constant_bit_counts(func: &mut Function) {
    let mut block = func.layout.entry_block();
    while let Some(b) = block {
        let mut next_inst = func.layout.first_inst(b);
        while let Some(inst) = next_inst {
            next_inst = func.layout.next_inst(inst);
            let InstructionData::Unary { opcode, arg } = func.dfg.insts[inst] else { continue };
            if !matches!(opcode, Opcode::Popcnt | Opcode::Clz | Opcode::Ctz) {
                continue;
            }
            // Only integers up to 64 bits have a constant here; the result has the argument's type.
            let Some(value) = int_constant(&func.dfg, arg) else { continue };
            let ty = func.dfg.value_type(arg);
            let bits = ty.bits();
            let count = match opcode {
                Opcode::Popcnt => value.count_ones(),
                Opcode::Clz => value.leading_zeros() - (64 - bits),
                _ if value == 0 => bits,
                _ => value.trailing_zeros(),
            };
            let srcloc = func.srcloc(inst);
            let mut pos = FuncCursor::new(func).at_inst(inst);
            pos.set_srcloc(srcloc);
            let constant = pos.ins().iconst(ty, i64::from(count));
            let result = pos.func.dfg.first_result(inst);
            pos.func.dfg.detach_inst_results(inst);
            pos.func.dfg.change_to_alias(result, constant);
            func.layout.remove_inst(inst);
        }
        block = func.layout.next_block(b);
    }
}
