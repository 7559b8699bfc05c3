//! Intrinsics whose answer is fixed at compile time: sizes, alignments, type ids and names
//! (computed by const evaluation), and the validity assertions of `mem::zeroed` and friends.

use rustc_hir::LangItem;
use rustc_middle::ty;
use rustc_middle::ty::layout::ValidityRequirement;
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall};
use crate::mir::fx::FnCx;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::size_of
        | sym::align_of
        | sym::needs_drop
        | sym::type_id
        | sym::type_name
        | sym::variant_count => evaluated(fx, call)?,
        sym::assert_inhabited | sym::assert_zero_valid | sym::assert_mem_uninitialized_valid => {
            validity_assertion(fx, call)?
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Lets const evaluation compute the value, as rustc's other backends do.
fn evaluated<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
) -> crate::error::CgResult<()> {
    let value = fx
        .tcx
        .const_eval_instance(ty::TypingEnv::fully_monomorphized(), call.instance, call.source_info.span)
        .map_err(|_| fx.unsupported(format!("evaluating the intrinsic `{}`", call.name)))?;
    let val = crate::mir::constant::const_value(fx, value, call.dest.layout.ty)?;
    call.dest.write(fx, val);
    Ok(())
}

/// Panics (without unwinding) when the type does not meet the requirement; nothing otherwise.
fn validity_assertion<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
) -> crate::error::CgResult<()> {
    let ty = call.instance.args.type_at(0);
    let requirement = ValidityRequirement::from_intrinsic(call.name).expect("validity intrinsic");
    let query = ty::TypingEnv::fully_monomorphized().as_query_input(ty);
    if fx.tcx.check_validity_requirement((requirement, query)).unwrap_or(true) {
        return Ok(());
    }
    let msg = if requirement == ValidityRequirement::Inhabited {
        format!("attempted to instantiate uninhabited type `{ty}`")
    } else {
        format!("attempted to leave type `{ty}` uninitialized, which is invalid")
    };
    let ptr = crate::mir::constant::str_addr(fx, &msg)?;
    let len = fx.iconst_usize(msg.len() as u64);
    let span = call.source_info.span;
    crate::mir::panic::call_panic(fx, LangItem::PanicNounwind, &[ptr, len], span, None)?;
    let dead = fx.bcx.create_block();
    fx.bcx.switch_to_block(dead);
    Ok(())
}
