//! Block terminators: control flow, returns, asserts, calls and drops.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, TrapCode, Value, types};
use cranelift_frontend::Switch;
use rustc_hir::LangItem;
use rustc_middle::mir::{self, AssertKind, BasicBlock, TerminatorKind};
use smallvec::SmallVec;

use super::call::AfterCall;
use super::fx::FnCx;
use super::operand::operand;
use crate::error::CgResult;

pub fn lower_terminator<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    _bb: BasicBlock,
    term: &mir::Terminator<'tcx>,
) -> CgResult<()> {
    let source_info = term.source_info;
    match &term.kind {
        TerminatorKind::Goto { target } => {
            let block = fx.blocks[*target];
            fx.bcx.ins().jump(block, &[]);
        }
        TerminatorKind::Return => super::abi::lower_return(fx)?,
        TerminatorKind::Unreachable => {
            fx.bcx.ins().trap(TrapCode::unwrap_user(1));
        }
        TerminatorKind::UnwindResume => super::landing::resume(fx)?,
        TerminatorKind::UnwindTerminate(reason) => {
            super::panic::call_panic(fx, reason.lang_item(), &[], source_info.span, None)?;
        }
        TerminatorKind::SwitchInt { discr, targets } => {
            let discr = operand(fx, discr)?.load_scalar(fx);
            let otherwise = fx.blocks[targets.otherwise()];
            let mut cases = targets.iter();
            match (cases.next(), cases.next()) {
                (Some((0, zero_target)), None) => {
                    let zero_block = fx.blocks[zero_target];
                    fx.bcx.ins().brif(discr, otherwise, &[], zero_block, &[]);
                }
                _ if targets.all_values().len() <= COMPARE_CHAIN_MAX_CASES
                    && fx.bcx.func.dfg.value_type(discr) != types::I128 =>
                {
                    compare_chain(fx, discr, targets);
                }
                _ => {
                    let mut switch = Switch::new();
                    for (value, target) in targets.iter() {
                        switch.set_entry(value, fx.blocks[target]);
                    }
                    switch.emit(&mut fx.bcx, discr, otherwise);
                }
            }
        }
        TerminatorKind::Assert { cond, expected, msg, target, unwind } => {
            let target_block = fx.blocks[*target];
            if !fx.tcx.sess.overflow_checks() && msg.is_optional_overflow_check() {
                fx.bcx.ins().jump(target_block, &[]);
                return Ok(());
            }
            let cond = operand(fx, cond)?.load_scalar(fx);
            if super::fold::int_constant(&fx.bcx.func.dfg, cond) == Some(u64::from(*expected)) {
                fx.bcx.ins().jump(target_block, &[]);
                return Ok(());
            }
            let failure = fx.bcx.create_block();
            if *expected {
                fx.bcx.ins().brif(cond, target_block, &[], failure, &[]);
            } else {
                fx.bcx.ins().brif(cond, failure, &[], target_block, &[]);
            }
            fx.bcx.switch_to_block(failure);
            lower_assert_failure(fx, source_info, msg, *unwind)?;
        }
        TerminatorKind::Call { func, args, destination, target, fn_span, unwind, .. } => {
            let info = mir::SourceInfo { span: *fn_span, ..source_info };
            super::call::lower_call(fx, info, func, args, *destination, AfterCall::Jump(*target), *unwind)?;
        }
        TerminatorKind::TailCall { func, args, fn_span } => {
            // Lowered as call-then-return: same results, without the stack-reuse guarantee.
            let info = mir::SourceInfo { span: *fn_span, ..source_info };
            fx.set_span(*fn_span);
            let unwind = mir::UnwindAction::Continue;
            super::call::lower_call(
                fx,
                info,
                func,
                args,
                mir::RETURN_PLACE.into(),
                AfterCall::Return,
                unwind,
            )?;
        }
        TerminatorKind::Drop { place, target, unwind, .. } => {
            super::call::lower_drop(fx, *place, *target, *unwind)?
        }
        TerminatorKind::InlineAsm { template, operands, options, targets, .. } => {
            if options.contains(rustc_ast::InlineAsmOptions::MAY_UNWIND) {
                return Err(fx.unsupported("inline assembly that may unwind"));
            }
            super::inline_asm::lower_inline_asm(fx, template, operands, *options, targets)?;
        }
        TerminatorKind::Yield { .. }
        | TerminatorKind::CoroutineDrop
        | TerminatorKind::FalseEdge { .. }
        | TerminatorKind::FalseUnwind { .. } => {
            return Err(fx.unsupported(format!("the pre-lowering terminator {:?}", term.kind.name())));
        }
    }
    Ok(())
}

/// Switches on this many values or fewer become a chain of compares. A jump table costs a bounds
/// check, a table load and an indirect jump that the CPU predicts worse than a few conditional
/// branches; that dominates the `match` on an `Option` or a `Result` inside an iterator's `next`.
/// LLVM also builds jump tables only from four cases on.
const COMPARE_CHAIN_MAX_CASES: usize = 3;

/// `switchInt` as one compare and branch per value, in MIR's order, ending in `otherwise`. A
/// `match` that covers every value (on an `Option`, a `Result`, a `bool`-like enum) leaves
/// `otherwise` unreachable; its last value then needs no compare.
fn compare_chain(fx: &mut FnCx<'_, '_, '_>, discr: Value, targets: &mir::SwitchTargets) {
    let mut cases: SmallVec<[(u128, BasicBlock); COMPARE_CHAIN_MAX_CASES]> = targets.iter().collect();
    let covers_every_value = fx.mir.basic_blocks[targets.otherwise()].is_empty_unreachable();
    let fallback = match cases.last() {
        Some(&(_, last)) if covers_every_value => {
            cases.pop();
            fx.blocks[last]
        }
        _ => fx.blocks[targets.otherwise()],
    };
    for (index, &(value, target)) in cases.iter().enumerate() {
        // Below 128 bits the value fits the immediate; Cranelift reads it at the compared width.
        let is_value = fx.bcx.ins().icmp_imm_s(IntCC::Equal, discr, value as u64 as i64);
        let next = if index + 1 < cases.len() { fx.bcx.create_block() } else { fallback };
        fx.bcx.ins().brif(is_value, fx.blocks[target], &[], next, &[]);
        if next != fallback {
            fx.bcx.switch_to_block(next);
        }
    }
    if cases.is_empty() {
        fx.bcx.ins().jump(fallback, &[]);
    }
}

fn lower_assert_failure<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    source_info: mir::SourceInfo,
    msg: &AssertKind<mir::Operand<'tcx>>,
    unwind: mir::UnwindAction,
) -> CgResult<()> {
    let span = source_info.span;
    let location = super::panic::caller_location(fx, source_info)?.load_scalar(fx);
    let (item, mut args): (LangItem, SmallVec<[_; 3]>) = match msg {
        AssertKind::BoundsCheck { len, index } => {
            let len = operand(fx, len)?.load_scalar(fx);
            let index = operand(fx, index)?.load_scalar(fx);
            (LangItem::PanicBoundsCheck, [index, len].into_iter().collect())
        }
        AssertKind::MisalignedPointerDereference { required, found } => {
            let required = operand(fx, required)?.load_scalar(fx);
            let found = operand(fx, found)?.load_scalar(fx);
            (LangItem::PanicMisalignedPointerDereference, [required, found].into_iter().collect())
        }
        AssertKind::NullPointerDereference => (LangItem::PanicNullPointerDereference, SmallVec::new()),
        AssertKind::NullReferenceConstructed => (LangItem::PanicNullReferenceConstructed, SmallVec::new()),
        AssertKind::InvalidEnumConstruction(source) => {
            let source = operand(fx, source)?.load_scalar(fx);
            (LangItem::PanicInvalidEnumConstruction, [source].into_iter().collect())
        }
        _ => (msg.panic_function(), SmallVec::new()),
    };
    args.push(location);
    let pad = super::landing::pad_for(fx, unwind);
    super::panic::call_panic(fx, item, &args, span, pad)
}
