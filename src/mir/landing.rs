//! Landing pads: how a MIR unwind action becomes a Cranelift exception edge.
//!
//! A call that may unwind into a cleanup (or into an abort) is a `try_call` whose exception
//! table routes the cleanup tag to a small pad block. The pad receives the exception object
//! (the first payload register), stores it in the function's exception variable and jumps to
//! the MIR cleanup block; `UnwindResume` hands that object back to `_Unwind_Resume`. The tags
//! become the function's LSDA when it is compiled (`crate::unwind::lsda`).

use cranelift_codegen::ir::{
    AbiParam, Block, BlockArg, ExceptionTableData, ExceptionTableItem, FuncRef, InstBuilder, SigRef,
    Signature, TrapCode, Value, types,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::Variable;
use cranelift_module::Module;
use rustc_middle::mir::UnwindAction;
use smallvec::SmallVec;

use super::fx::{FnCx, PadKind};
use crate::error::CgResult;
use crate::unwind::lsda;

pub enum CallTarget {
    Direct(FuncRef),
    Indirect(SigRef, Value),
}

impl CallTarget {
    fn signature(&self, fx: &FnCx<'_, '_, '_>) -> SigRef {
        match *self {
            CallTarget::Direct(func) => fx.bcx.func.dfg.ext_funcs[func].signature,
            CallTarget::Indirect(sig, _) => sig,
        }
    }
}

/// The pad block for a call with unwind action `action`; `None` when an unwind simply passes
/// through (or cannot happen).
pub fn pad_for(fx: &mut FnCx<'_, '_, '_>, action: UnwindAction) -> Option<Block> {
    let kind = match action {
        UnwindAction::Continue | UnwindAction::Unreachable => return None,
        UnwindAction::Cleanup(bb) => PadKind::Cleanup(bb),
        UnwindAction::Terminate(reason) => PadKind::Terminate(reason.lang_item()),
    };
    if let Some(&block) = fx.landing.index.get(&kind) {
        return Some(block);
    }
    let block = fx.bcx.create_block();
    fx.bcx.set_cold_block(block);
    fx.landing.pads.push((kind, block));
    fx.landing.index.insert(kind, block);
    Some(block)
}

pub fn exception_var(fx: &mut FnCx<'_, '_, '_>) -> Variable {
    if let Some(var) = fx.landing.exception {
        return var;
    }
    let var = fx.bcx.declare_var(fx.ptr_ty);
    fx.landing.exception = Some(var);
    var
}

/// Emits a call; with a pad, as a `try_call` whose normal return continues in a fresh block.
/// Returns the callee's results.
pub fn emit_call_inst(
    fx: &mut FnCx<'_, '_, '_>,
    target: CallTarget,
    args: &[Value],
    pad: Option<Block>,
) -> CgResult<SmallVec<[Value; 2]>> {
    let Some(pad) = pad else {
        let call = match target {
            CallTarget::Direct(func) => fx.bcx.ins().call(func, args),
            CallTarget::Indirect(sig, ptr) => fx.bcx.ins().call_indirect(sig, ptr, args),
        };
        return Ok(fx.bcx.inst_results(call).iter().copied().collect());
    };
    let (normal, _) = emit_try_call(fx, target, args, lsda::cleanup_tag(), pad)?;
    Ok(fx.bcx.block_params(normal).iter().copied().collect())
}

/// Emits a `try_call` whose exception edge for `tag` goes to `handler` with the exception
/// object as argument, and switches to the normal-return block, whose parameters are the
/// callee's results. Returns that block and the signature called.
pub fn emit_try_call(
    fx: &mut FnCx<'_, '_, '_>,
    target: CallTarget,
    args: &[Value],
    tag: cranelift_codegen::ir::ExceptionTag,
    handler: Block,
) -> CgResult<(Block, SigRef)> {
    let sig = target.signature(fx);
    let conv = fx.bcx.func.dfg.signatures[sig].call_conv;
    if !matches!(conv, CallConv::SystemV | CallConv::Tail) {
        return Err(fx.unsupported(format!("unwinding out of a call with the {conv} calling convention")));
    }
    let normal = fx.bcx.create_block();
    let returns: SmallVec<[_; 2]> =
        fx.bcx.func.dfg.signatures[sig].returns.iter().map(|r| r.value_type).collect();
    for ty in &returns {
        fx.bcx.append_block_param(normal, *ty);
    }
    let ret_args: SmallVec<[BlockArg; 2]> = (0..returns.len() as u32).map(BlockArg::TryCallRet).collect();
    let normal_call = fx.bcx.func.dfg.block_call(normal, &ret_args);
    if fx.bcx.func.dfg.num_block_params(handler) == 0 {
        fx.bcx.append_block_param(handler, fx.ptr_ty);
    }
    let handler_call = fx.bcx.func.dfg.block_call(handler, &[BlockArg::TryCallExn(0)]);
    let table = ExceptionTableData::new(sig, normal_call, [ExceptionTableItem::Tag(tag, handler_call)]);
    let table = fx.bcx.func.dfg.exception_tables.push(table);
    match target {
        CallTarget::Direct(func) => fx.bcx.ins().try_call(func, args, table),
        CallTarget::Indirect(_, ptr) => fx.bcx.ins().try_call_indirect(ptr, args, table),
    };
    fx.bcx.switch_to_block(normal);
    Ok((normal, sig))
}

/// The `catch_unwind` intrinsic: calls `try_fn(data)`; if a panic unwinds out of it, calls
/// `catch_fn(data, exception)`. Returns 0 (returned normally) or 1 (caught) as an `i32`.
pub fn catch_unwind(
    fx: &mut FnCx<'_, '_, '_>,
    try_fn: Value,
    data: Value,
    catch_fn: Value,
) -> CgResult<Value> {
    let conv = fx.module.target_config().default_call_conv;
    let mut try_sig = Signature::new(conv);
    try_sig.params.push(AbiParam::new(fx.ptr_ty));
    let mut catch_sig = try_sig.clone();
    catch_sig.params.push(AbiParam::new(fx.ptr_ty));
    let try_sig = fx.bcx.import_signature(try_sig);
    let catch_sig = fx.bcx.import_signature(catch_sig);

    let caught = fx.bcx.create_block();
    let join = fx.bcx.create_block();
    let result = fx.bcx.append_block_param(join, types::I32);
    emit_try_call(fx, CallTarget::Indirect(try_sig, try_fn), &[data], lsda::catch_tag(), caught)?;
    let zero = fx.bcx.ins().iconst(types::I32, 0);
    fx.bcx.ins().jump(join, &[BlockArg::Value(zero)]);

    fx.bcx.switch_to_block(caught);
    fx.bcx.set_cold_block(caught);
    let exception = fx.bcx.block_params(caught)[0];
    fx.bcx.ins().call_indirect(catch_sig, catch_fn, &[data, exception]);
    let one = fx.bcx.ins().iconst(types::I32, 1);
    fx.bcx.ins().jump(join, &[BlockArg::Value(one)]);

    fx.bcx.switch_to_block(join);
    Ok(result)
}

/// `UnwindResume`: continue unwinding with the exception that entered this cleanup.
pub fn resume(fx: &mut FnCx<'_, '_, '_>) -> CgResult<()> {
    let var = exception_var(fx);
    let exception = fx.bcx.use_var(var);
    let mut sig = Signature::new(fx.module.target_config().default_call_conv);
    sig.params.push(AbiParam::new(fx.ptr_ty));
    let func = fx.import_function("_Unwind_Resume", &sig)?;
    fx.bcx.ins().call(func, &[exception]);
    fx.bcx.ins().trap(TrapCode::unwrap_user(1));
    Ok(())
}
