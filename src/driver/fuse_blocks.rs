//! Fusing a block with the block it jumps to, when that jump is the target's only way in.
//!
//! MIR ends a basic block at every call and every assertion, and translation adds blocks of
//! its own: a function's entry, the continuation after a `try_call` that binds its results,
//! a landing pad's jump to its cleanup, and inlining splits callers at each call. In debug
//! builds many CLIF blocks therefore end in an unconditional jump to a block that nothing else
//! reaches. The machine code does not care (the jump falls through), but lowering, block
//! ordering and the register allocator all work per block and per edge. Fusing such chains
//! into one block first leaves them less to do; the instructions, their source locations and
//! their order stay as they were.

use cranelift_codegen::entity::SecondaryMap;
use cranelift_codegen::ir::{Block, Function, InstructionData, Value, ValueDef};

/// Fuses every chain of blocks joined by sole-entry jumps in `func`; returns how many blocks
/// were absorbed into their predecessor.
pub fn fuse_sole_entry_jumps(func: &mut Function) -> usize {
    let Some(entry) = func.layout.entry_block() else { return 0 };
    let entries = count_entries(func);
    let blocks: Vec<Block> = func.layout.blocks().collect();
    let mut absorbed = 0;
    for block in blocks {
        // A block absorbed into an earlier one has left the layout.
        if !func.layout.is_block_inserted(block) {
            continue;
        }
        while let Some((next, args)) = sole_entry_jump(func, block, entry, &entries) {
            absorb(func, block, next, &args);
            absorbed += 1;
        }
    }
    absorbed
}

/// How many branch edges lead into each block (a `br_table` naming a block twice counts twice).
fn count_entries(func: &Function) -> SecondaryMap<Block, u32> {
    let mut entries = SecondaryMap::with_capacity(func.dfg.num_blocks());
    for block in func.layout.blocks() {
        let Some(last) = func.layout.last_inst(block) else { continue };
        let data = &func.dfg.insts[last];
        for dest in data.branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables) {
            entries[dest.block(&func.dfg.value_lists)] += 1;
        }
    }
    entries
}

/// The block `block` ends by jumping to, with the jump's arguments, when that jump is the
/// only edge into it.
fn sole_entry_jump(
    func: &Function,
    block: Block,
    entry: Block,
    entries: &SecondaryMap<Block, u32>,
) -> Option<(Block, Vec<Value>)> {
    let last = func.layout.last_inst(block)?;
    let InstructionData::Jump { destination, .. } = &func.dfg.insts[last] else { return None };
    let pool = &func.dfg.value_lists;
    let next = destination.block(pool);
    if next == block || next == entry || entries[next] != 1 {
        return None;
    }
    let args = destination.args(pool).map(|arg| arg.as_value()).collect::<Option<Vec<Value>>>()?;
    // In reachable code no argument can be defined by `next` itself; an unreachable cycle
    // could, and aliasing a parameter to itself has no meaning, so such a cycle stays as is.
    let defined_in_next = |value: Value| match func.dfg.value_def(value) {
        ValueDef::Param(owner, _) => owner == next,
        ValueDef::Result(inst, _) => func.layout.inst_block(inst) == Some(next),
        ValueDef::Union(..) => true,
    };
    if args.iter().any(|&arg| defined_in_next(arg)) {
        return None;
    }
    Some((next, args))
}

/// Moves `next`'s instructions to the end of `block` in place of its jump; `next`'s parameters
/// become aliases of the jump's arguments.
fn absorb(func: &mut Function, block: Block, next: Block, args: &[Value]) {
    let jump = func.layout.last_inst(block).expect("a block ending in a jump");
    func.layout.remove_inst(jump);
    let params = func.dfg.detach_block_params(next);
    for (index, &arg) in args.iter().enumerate() {
        let param =
            params.get(index, &func.dfg.value_lists).expect("a jump passes one argument per parameter");
        func.dfg.change_to_alias(param, arg);
    }
    while let Some(inst) = func.layout.first_inst(next) {
        func.layout.remove_inst(inst);
        func.layout.append_inst(inst, block);
    }
    // `block` runs exactly when `next` does; Cranelift never lets the entry block be cold.
    if func.layout.is_cold(next) && func.layout.entry_block() != Some(block) {
        func.layout.set_cold(block);
    }
    func.layout.remove_block(next);
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::types::I64;
    use cranelift_codegen::ir::{AbiParam, BlockArg, InstBuilder, Opcode, Signature, UserFuncName};
    use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
    use cranelift_codegen::settings;
    use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
    use target_lexicon::PointerWidth;

    fn build(body: impl FnOnce(&mut FunctionBuilder<'_>, Value)) -> Function {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        let mut func = Function::with_name_signature(UserFuncName::user(0, 0), sig);
        let mut ctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut ctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let x = b.block_params(entry)[0];
        body(&mut b, x);
        b.seal_all_blocks();
        b.finalize(TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: PointerWidth::U64,
            page_size_align_log2: 12,
        });
        func
    }

    fn verify(func: &Function) {
        let flags = settings::Flags::new(settings::builder());
        cranelift_codegen::verify_function(func, &flags).unwrap_or_else(|errors| panic!("{errors}\n{func}"));
    }

    fn opcodes(func: &Function, block: Block) -> Vec<Opcode> {
        func.layout.block_insts(block).map(|inst| func.dfg.insts[inst].opcode()).collect()
    }

    #[test]
    fn a_chain_of_sole_entry_jumps_becomes_one_block() {
        let mut func = build(|b, x| {
            let (second, third) = (b.create_block(), b.create_block());
            let param = b.append_block_param(second, I64);
            let doubled = b.ins().iadd(x, x);
            b.ins().jump(second, &[BlockArg::Value(doubled)]);
            b.switch_to_block(second);
            let plus_one = b.ins().iadd_imm_u(param, 1);
            b.ins().jump(third, &[]);
            b.switch_to_block(third);
            b.set_cold_block(third);
            b.ins().return_(&[plus_one]);
        });
        assert_eq!(fuse_sole_entry_jumps(&mut func), 2);
        func.dfg.resolve_all_aliases();
        verify(&func);
        let entry = func.layout.entry_block().unwrap();
        assert_eq!(func.layout.blocks().count(), 1, "{func}");
        assert_eq!(
            opcodes(&func, entry),
            [Opcode::Iadd, Opcode::Iconst, Opcode::Iadd, Opcode::Return],
            "{func}"
        );
        assert!(!func.layout.is_cold(entry), "an entry block is never cold");
        let add_one = func.layout.block_insts(entry).nth(2).unwrap();
        let doubled = func.dfg.first_result(func.layout.first_inst(entry).unwrap());
        assert_eq!(func.dfg.inst_args(add_one)[0], doubled, "{func}");
    }

    #[test]
    fn a_block_that_absorbs_a_cold_block_becomes_cold() {
        let mut func = build(|b, x| {
            let (rare, panic, common) = (b.create_block(), b.create_block(), b.create_block());
            b.ins().brif(x, rare, &[], common, &[]);
            b.switch_to_block(rare);
            b.ins().jump(panic, &[]);
            b.switch_to_block(panic);
            b.set_cold_block(panic);
            let code = b.ins().iconst(I64, 101);
            b.ins().return_(&[code]);
            b.switch_to_block(common);
            b.ins().return_(&[x]);
        });
        assert_eq!(fuse_sole_entry_jumps(&mut func), 1);
        verify(&func);
        let blocks: Vec<Block> = func.layout.blocks().collect();
        assert_eq!(blocks.len(), 3, "{func}");
        assert_eq!(opcodes(&func, blocks[1]), [Opcode::Iconst, Opcode::Return], "{func}");
        assert!(func.layout.is_cold(blocks[1]) && !func.layout.is_cold(blocks[2]), "{func}");
    }

    #[test]
    fn joins_and_branch_targets_stay_blocks() {
        let mut func = build(|b, x| {
            let (then, other, join) = (b.create_block(), b.create_block(), b.create_block());
            let result = b.append_block_param(join, I64);
            b.ins().brif(x, then, &[], other, &[]);
            b.switch_to_block(then);
            b.ins().jump(join, &[BlockArg::Value(x)]);
            b.switch_to_block(other);
            let one = b.ins().iconst(I64, 1);
            b.ins().jump(join, &[BlockArg::Value(one)]);
            b.switch_to_block(join);
            b.ins().return_(&[result]);
        });
        let before = func.to_string();
        assert_eq!(fuse_sole_entry_jumps(&mut func), 0);
        assert_eq!(func.to_string(), before);
    }

    #[test]
    fn a_loop_back_to_a_fused_block_keeps_its_header() {
        let mut func = build(|b, x| {
            let (header, body, exit) = (b.create_block(), b.create_block(), b.create_block());
            let counter = b.append_block_param(header, I64);
            b.ins().jump(header, &[BlockArg::Value(x)]);
            b.switch_to_block(header);
            b.ins().brif(counter, body, &[], exit, &[]);
            b.switch_to_block(body);
            let next = b.ins().iadd_imm_s(counter, -1);
            b.ins().jump(header, &[BlockArg::Value(next)]);
            b.switch_to_block(exit);
            b.ins().return_(&[counter]);
        });
        assert_eq!(fuse_sole_entry_jumps(&mut func), 0, "the header has two ways in");
        verify(&func);
        assert_eq!(func.layout.blocks().count(), 4);
    }
}
