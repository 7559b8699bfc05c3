//! Inlining without new blocks, for callees that are one straight path of simple instructions.
//!
//! Most calls a debug build inlines go to `#[inline(always)]` wrappers around one operation
//! (`wrapping_add`, `rotate_left`, `to_ne_bytes`, ...). Their CLIF is a chain of blocks joined
//! by unconditional jumps that ends in a return, with no calls or symbols (stack slots, which
//! `-Cdebuginfo=2` gives every named parameter, are copied along). Such a body is copied right
//! before the call, the call's results become aliases of the values it returns, and the call
//! is removed (a `try_call` becomes a jump to its normal continuation: the copy cannot unwind):
//! the caller keeps its blocks. Cranelift's general inliner
//! instead splits the caller's block at the call and adds the callee's blocks, at about 6,000
//! instructions of its own per call site (callgrind on the `lets` scaling shape), and every
//! later pass (lowering, block order, register allocation, branch emission) then sees three
//! more blocks per inlined call.

use cranelift_codegen::CodegenError;
use cranelift_codegen::entity::EntityRef;
use cranelift_codegen::ir::instructions::{InstructionFormat, InstructionMapper};
use cranelift_codegen::ir::{self, BlockArg, Function, InstBuilder, InstructionData, Opcode, Value};

/// A callee's body as one straight path: what to copy, and what it returns.
pub struct StraightBody {
    steps: Vec<Step>,
    returned: Vec<Value>,
    /// Whether the path addresses the callee's stack slots, which each copy then gets anew.
    uses_slots: bool,
}

enum Step {
    /// Copy this instruction of the callee.
    Copy(ir::Inst),
    /// A jump: the target block's parameters take the jump's arguments.
    Bind { params: Vec<Value>, args: Vec<Value> },
}

/// Formats whose instructions name only values, immediates, trap codes, memory flags and stack
/// slots, which is all `ValueMap` knows how to carry into another function.
fn copyable(format: InstructionFormat) -> bool {
    use InstructionFormat as F;
    matches!(
        format,
        F::Unary
            | F::UnaryImm
            | F::UnaryIeee16
            | F::UnaryIeee32
            | F::UnaryIeee64
            | F::Binary
            | F::BinaryImm8
            | F::Ternary
            | F::TernaryImm8
            | F::IntCompare
            | F::FloatCompare
            | F::IntAddTrap
            | F::CondTrap
            | F::Load
            | F::LoadNoOffset
            | F::Store
            | F::StoreNoOffset
            | F::AtomicRmw
            | F::AtomicCas
            | F::StackAddr
    )
}

impl StraightBody {
    /// The straight path through `body` from its entry, when there is one: every block on it
    /// ends in a jump to the next (or in the return), and every other instruction is copyable.
    pub fn of(body: &Function) -> Option<StraightBody> {
        let mut block = body.layout.entry_block()?;
        let mut steps = Vec::new();
        let mut uses_slots = false;
        // A path longer than the function has blocks would be a loop.
        for _ in 0..body.layout.blocks().count() {
            for inst in body.layout.block_insts(block) {
                match &body.dfg.insts[inst] {
                    InstructionData::Jump { destination, .. } => {
                        let pool = &body.dfg.value_lists;
                        let args = destination
                            .args(pool)
                            .map(|arg| match arg {
                                BlockArg::Value(value) => Some(value),
                                _ => None,
                            })
                            .collect::<Option<Vec<_>>>()?;
                        block = destination.block(pool);
                        steps.push(Step::Bind { params: body.dfg.block_params(block).to_vec(), args });
                    }
                    InstructionData::MultiAry { opcode: Opcode::Return, args } => {
                        let returned = args.as_slice(&body.dfg.value_lists).to_vec();
                        return Some(StraightBody { steps, returned, uses_slots });
                    }
                    data if copyable(data.opcode().format()) && !has_alias_region(body, data) => {
                        uses_slots |= data.opcode().format() == InstructionFormat::StackAddr;
                        steps.push(Step::Copy(inst));
                    }
                    _ => return None,
                }
            }
        }
        None
    }
}

/// Alias regions are entities of the callee; bodies that use them take the general path.
fn has_alias_region(body: &Function, data: &InstructionData) -> bool {
    data.memflags().is_some_and(|flags| body.dfg.mem_flags[flags].alias_region().is_some())
}

/// Replaces `call` in `func` (a direct `call` or `try_call` of `callee`, whose signature matches)
/// with a copy of `straight`, `callee`'s body, placed right before it.
pub fn splice_call(
    func: &mut Function,
    call: ir::Inst,
    callee: &Function,
    straight: &StraightBody,
) -> Result<(), CodegenError> {
    let first_slot = func.sized_stack_slots.len() as u32;
    if straight.uses_slots {
        for slot in callee.sized_stack_slots.values() {
            func.sized_stack_slots.push(slot.clone());
        }
    }
    let values = vec![None; callee.dfg.num_values()];
    let mut map = ValueMap { callee, values, caller: func, first_slot, error: None };
    let args = map.caller.dfg.inst_args(call).to_vec();
    for (&param, arg) in
        callee.dfg.block_params(callee.layout.entry_block().expect("has a body")).iter().zip(args)
    {
        map.values[param.index()] = Some(arg);
    }
    let srcloc = map.caller.srclocs[call];
    for step in &straight.steps {
        match step {
            Step::Copy(inst) => {
                let data = callee.dfg.insts[*inst].map(&mut map);
                if let Some(err) = map.error.take() {
                    return Err(err);
                }
                let func = &mut *map.caller;
                let copy = func.dfg.make_inst(data);
                func.layout.insert_inst(copy, call);
                func.srclocs[copy] = srcloc;
                func.dfg.make_inst_results(copy, callee.dfg.ctrl_typevar(*inst));
                for (&from, &to) in callee.dfg.inst_results(*inst).iter().zip(func.dfg.inst_results(copy)) {
                    map.values[from.index()] = Some(to);
                }
            }
            Step::Bind { params, args } => {
                for (param, arg) in params.iter().zip(args) {
                    map.values[param.index()] = Some(map.map_value(*arg));
                }
            }
        }
    }
    let returned: Vec<Value> = straight.returned.iter().map(|&value| map.map_value(value)).collect();
    drop(map);
    if let InstructionData::TryCall { exception, .. } = func.dfg.insts[call] {
        // The copy makes no call, so it cannot unwind: the `try_call` becomes a jump to its
        // normal continuation, which receives the returned values where it took the call's.
        let normal = *func.dfg.exception_tables[exception].normal_return();
        let pool = &func.dfg.value_lists;
        let args: Vec<BlockArg> = normal
            .args(pool)
            .map(|arg| match arg {
                BlockArg::TryCallRet(index) => BlockArg::Value(returned[index as usize]),
                other => other,
            })
            .collect();
        let dest = normal.block(pool);
        func.replace(call).jump(dest, &args);
        return Ok(());
    }
    let results = func.dfg.inst_results(call).to_vec();
    func.dfg.clear_results(call);
    for (result, value) in results.into_iter().zip(returned) {
        func.dfg.change_to_alias(result, value);
    }
    func.layout.remove_inst(call);
    Ok(())
}

/// Whether a `try_call`'s normal continuation takes only what `splice_call` can supply in its
/// place: values and the call's return values (an exception payload exists only on the
/// exception edges).
pub fn continuation_is_spliceable(func: &Function, exception: ir::ExceptionTable) -> bool {
    let normal = func.dfg.exception_tables[exception].normal_return();
    normal.args(&func.dfg.value_lists).all(|arg| !matches!(arg, BlockArg::TryCallExn(_)))
}

/// Carries callee instructions into the caller: values through `values`, memory flags
/// re-interned in the caller's table, stack slots to the caller's copies.
struct ValueMap<'a> {
    callee: &'a Function,
    /// Per callee value, the caller value it became.
    values: Vec<Option<Value>>,
    caller: &'a mut Function,
    /// The caller's copy of the callee's first stack slot (the others follow it).
    first_slot: u32,
    error: Option<CodegenError>,
}

/// Only reached for entities `copyable` formats do not have.
fn not_copyable(entity: &str) -> ! {
    unreachable!("StraightBody::of admits no instruction naming a {entity}")
}

impl InstructionMapper for ValueMap<'_> {
    fn map_value(&mut self, value: Value) -> Value {
        let value = self.callee.dfg.resolve_aliases(value);
        self.values[value.index()].expect("a straight path defines each value before its uses")
    }

    fn map_value_list(&mut self, list: ir::ValueList) -> ir::ValueList {
        let values: Vec<Value> =
            list.as_slice(&self.callee.dfg.value_lists).iter().map(|&value| self.map_value(value)).collect();
        ir::ValueList::from_slice(&values, &mut self.caller.dfg.value_lists)
    }

    fn map_mem_flags(&mut self, flags: ir::MemFlags) -> ir::MemFlags {
        match self.caller.dfg.mem_flags.insert(self.callee.dfg.mem_flags[flags]) {
            Ok(flags) => flags,
            Err(_) => {
                self.error = Some(CodegenError::ImplLimitExceeded);
                flags
            }
        }
    }

    fn map_global_value(&mut self, _: ir::GlobalValue) -> ir::GlobalValue {
        not_copyable("global value")
    }

    fn map_jump_table(&mut self, _: ir::JumpTable) -> ir::JumpTable {
        not_copyable("jump table")
    }

    fn map_exception_table(&mut self, _: ir::ExceptionTable) -> ir::ExceptionTable {
        not_copyable("exception table")
    }

    fn map_block_call(&mut self, _: ir::BlockCall) -> ir::BlockCall {
        not_copyable("block")
    }

    fn map_block(&mut self, _: ir::Block) -> ir::Block {
        not_copyable("block")
    }

    fn map_func_ref(&mut self, _: ir::FuncRef) -> ir::FuncRef {
        not_copyable("function reference")
    }

    fn map_sig_ref(&mut self, _: ir::SigRef) -> ir::SigRef {
        not_copyable("signature")
    }

    fn map_stack_slot(&mut self, slot: ir::StackSlot) -> ir::StackSlot {
        ir::StackSlot::from_u32(self.first_slot + slot.as_u32())
    }

    fn map_dynamic_stack_slot(&mut self, _: ir::DynamicStackSlot) -> ir::DynamicStackSlot {
        not_copyable("dynamic stack slot")
    }

    fn map_constant(&mut self, _: ir::Constant) -> ir::Constant {
        not_copyable("constant")
    }

    fn map_immediate(&mut self, _: ir::Immediate) -> ir::Immediate {
        not_copyable("vector immediate")
    }
}

#[cfg(test)]
mod tests {
    use cranelift_codegen::ir::types::I64;
    use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature, UserFuncName};
    use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
    use cranelift_codegen::settings;
    use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
    use target_lexicon::PointerWidth;

    use super::*;

    fn signature(params: usize) -> Signature {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.extend((0..params).map(|_| AbiParam::new(I64)));
        sig.returns.push(AbiParam::new(I64));
        sig
    }

    /// `callee(a, b)`: its entry jumps to a second block, which computes `body` and returns it.
    fn callee(body: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value) -> Value) -> Function {
        let mut func = Function::with_name_signature(UserFuncName::user(0, 1), signature(2));
        let mut cx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut cx);
        let entry = b.create_block();
        let next = b.create_block();
        b.append_block_params_for_function_params(entry);
        let (x, y) = (b.append_block_param(next, I64), b.append_block_param(next, I64));
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        b.ins().jump(next, &[BlockArg::Value(params[0]), BlockArg::Value(params[1])]);
        b.switch_to_block(next);
        let result = body(&mut b, x, y);
        b.ins().return_(&[result]);
        b.seal_all_blocks();
        b.finalize(frontend_config());
        func
    }

    /// Imports the function named `u0:<index>` with `sig` into the function `b` builds.
    fn import(b: &mut FunctionBuilder<'_>, sig: Signature, index: u32) -> (ir::FuncRef, ir::SigRef) {
        let sig = b.import_signature(sig);
        let name = b.func.declare_imported_user_function(ir::UserExternalName::new(0, index));
        let func = b.import_function(ir::ExtFuncData {
            name: ir::ExternalName::User(name),
            signature: sig,
            colocated: true,
            patchable: false,
        });
        (func, sig)
    }

    /// `caller(p) = callee(p, p) * 3`, returning the function and its call.
    fn caller(callee_sig: Signature) -> (Function, ir::Inst) {
        let mut func = Function::with_name_signature(UserFuncName::user(0, 0), signature(1));
        let mut cx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut cx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry)[0];
        let (callee, _) = import(&mut b, callee_sig, 1);
        let call = b.ins().call(callee, &[p, p]);
        let result = b.inst_results(call)[0];
        let tripled = b.ins().imul_imm_u(result, 3);
        b.ins().return_(&[tripled]);
        b.seal_all_blocks();
        b.finalize(frontend_config());
        (func, call)
    }

    fn frontend_config() -> TargetFrontendConfig {
        TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: PointerWidth::U64,
            page_size_align_log2: 12,
        }
    }

    fn verify(func: &Function) {
        let flags = settings::Flags::new(settings::builder());
        cranelift_codegen::verify_function(func, &flags).unwrap_or_else(|errors| panic!("{errors}\n{func}"));
    }

    #[test]
    fn a_straight_callee_is_copied_in_place() {
        let body = callee(|b, x, y| {
            let sum = b.ins().iadd(x, y);
            b.ins().rotl_imm_u(sum, 5)
        });
        let straight = StraightBody::of(&body).expect("one straight path");
        let (mut func, call) = caller(body.signature.clone());
        splice_call(&mut func, call, &body, &straight).unwrap();
        func.dfg.resolve_all_aliases();
        verify(&func);
        assert_eq!(func.layout.blocks().count(), 1, "{func}");
        let opcodes: Vec<Opcode> = func
            .layout
            .block_insts(func.layout.entry_block().unwrap())
            .map(|i| func.dfg.insts[i].opcode())
            .collect();
        assert_eq!(
            opcodes,
            [Opcode::Iadd, Opcode::Iconst, Opcode::Rotl, Opcode::Iconst, Opcode::Imul, Opcode::Return],
            "{func}"
        );
    }

    #[test]
    fn a_callee_returning_its_argument_aliases_the_call_to_it() {
        let body = callee(|_, x, _| x);
        let straight = StraightBody::of(&body).expect("one straight path");
        let (mut func, call) = caller(body.signature.clone());
        splice_call(&mut func, call, &body, &straight).unwrap();
        func.dfg.resolve_all_aliases();
        verify(&func);
        let entry = func.layout.entry_block().unwrap();
        let first = func.layout.first_inst(entry).unwrap();
        assert_eq!(func.dfg.insts[first].opcode(), Opcode::Iconst);
        let multiply = func.layout.next_inst(first).unwrap();
        assert_eq!(func.dfg.insts[multiply].opcode(), Opcode::Imul);
        assert_eq!(func.dfg.inst_args(multiply)[0], func.dfg.block_params(entry)[0], "{func}");
    }

    #[test]
    fn branches_and_calls_are_not_straight() {
        let branching = callee(|b, x, y| {
            let (then, join) = (b.create_block(), b.create_block());
            let result = b.append_block_param(join, I64);
            b.ins().brif(x, then, &[], join, &[BlockArg::Value(y)]);
            b.switch_to_block(then);
            b.ins().jump(join, &[BlockArg::Value(x)]);
            b.switch_to_block(join);
            result
        });
        assert!(StraightBody::of(&branching).is_none());
        let calling = callee(|b, x, y| {
            let (other, _) = import(b, signature(2), 7);
            let call = b.ins().call(other, &[x, y]);
            b.inst_results(call)[0]
        });
        assert!(StraightBody::of(&calling).is_none());
    }

    /// `try_caller(p)`: `try_call callee(p, p)`, continuing to a block that triples the returned
    /// value, with a cold landing pad that traps.
    fn try_caller(callee_sig: Signature) -> (Function, ir::Inst) {
        let mut func = Function::with_name_signature(UserFuncName::user(0, 0), signature(1));
        let mut cx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut cx);
        let (entry, next, landing) = (b.create_block(), b.create_block(), b.create_block());
        b.append_block_params_for_function_params(entry);
        let returned = b.append_block_param(next, I64);
        b.append_block_param(landing, I64);
        b.switch_to_block(entry);
        let p = b.block_params(entry)[0];
        let (callee, sig) = import(&mut b, callee_sig, 1);
        let pool = &mut b.func.dfg.value_lists;
        let normal = ir::BlockCall::new(next, [BlockArg::TryCallRet(0)], pool);
        let unwind = ir::BlockCall::new(landing, [BlockArg::TryCallExn(0)], pool);
        let table = ir::ExceptionTableData::new(sig, normal, [ir::ExceptionTableItem::Default(unwind)]);
        let table = b.func.dfg.exception_tables.push(table);
        let call = b.ins().try_call(callee, &[p, p], table);
        b.switch_to_block(next);
        let tripled = b.ins().imul_imm_u(returned, 3);
        b.ins().return_(&[tripled]);
        b.switch_to_block(landing);
        b.set_cold_block(landing);
        b.ins().trap(ir::TrapCode::unwrap_user(1));
        b.seal_all_blocks();
        b.finalize(frontend_config());
        (func, call)
    }

    #[test]
    fn a_try_call_becomes_a_jump_to_its_continuation() {
        let body = callee(|b, x, y| b.ins().isub(x, y));
        let straight = StraightBody::of(&body).expect("one straight path");
        let (mut func, call) = try_caller(body.signature.clone());
        splice_call(&mut func, call, &body, &straight).unwrap();
        func.dfg.resolve_all_aliases();
        verify(&func);
        let entry = func.layout.entry_block().unwrap();
        assert_eq!(opcodes_of(&func, entry), [Opcode::Isub, Opcode::Jump], "{func}");
        let difference = func.dfg.first_result(func.layout.first_inst(entry).unwrap());
        let InstructionData::Jump { destination, .. } = func.dfg.insts[call] else { panic!("{func}") };
        let args: Vec<BlockArg> = destination.args(&func.dfg.value_lists).collect();
        assert_eq!(args, [BlockArg::Value(difference)], "{func}");
    }

    fn opcodes_of(func: &Function, block: ir::Block) -> Vec<Opcode> {
        func.layout.block_insts(block).map(|inst| func.dfg.insts[inst].opcode()).collect()
    }

    #[test]
    fn a_callee_with_stack_slots_gets_its_own_copies() {
        let body = callee(|b, x, y| {
            let slot =
                b.create_sized_stack_slot(ir::StackSlotData::new(ir::StackSlotKind::ExplicitSlot, 8, 3));
            b.ins().stack_store(I64, x, slot, 0);
            let reloaded = b.ins().stack_load(I64, I64, slot, 0);
            b.ins().iadd(reloaded, y)
        });
        let straight = StraightBody::of(&body).expect("stack slots do not stop a straight path");
        let (mut func, call) = caller(body.signature.clone());
        let own =
            func.create_sized_stack_slot(ir::StackSlotData::new(ir::StackSlotKind::ExplicitSlot, 16, 4));
        splice_call(&mut func, call, &body, &straight).unwrap();
        func.dfg.resolve_all_aliases();
        verify(&func);
        assert_eq!(func.sized_stack_slots.len(), 2, "{func}");
        let addressed: Vec<ir::StackSlot> = func
            .layout
            .block_insts(func.layout.entry_block().unwrap())
            .filter_map(|inst| match func.dfg.insts[inst] {
                InstructionData::StackAddr { stack_slot, .. } => Some(stack_slot),
                _ => None,
            })
            .collect();
        assert!(!addressed.is_empty() && addressed.iter().all(|&slot| slot != own), "{func}");
    }
}
