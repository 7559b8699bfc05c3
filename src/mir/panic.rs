//! Calls into the panic machinery: the panic lang items (assertion failures, aborting
//! terminators, terminate pads), `#[track_caller]` locations, and filling the landing pads
//! once the body is translated (a terminate pad calls a panic lang item).

use cranelift_codegen::ir::{AbiParam, Block, InstBuilder, Signature, TrapCode, Value};
use cranelift_module::Module;
use rustc_hir::LangItem;
use rustc_middle::mir;
use rustc_middle::ty::Instance;
use rustc_span::Span;

use super::fx::{FnCx, PadKind};
use super::landing::{self, CallTarget};
use super::value::Val;
use crate::error::CgResult;

/// The `#[track_caller]` location for code at `span`.
pub fn caller_location<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    source_info: mir::SourceInfo,
) -> CgResult<Val<'tcx>> {
    let tcx = fx.tcx;
    let span = fx.mir.caller_location_span(source_info, fx.caller_location.map(Ok), tcx, Err);
    match span {
        Ok(val) => Ok(val),
        Err(span) => {
            let loc = tcx.span_as_caller_location(span);
            super::constant::const_value(fx, loc, tcx.caller_location_ty())
        }
    }
}

/// Calls the panic lang item `item` with scalar arguments; never returns. An unwind out of the
/// panic goes to `pad`.
pub fn call_panic(
    fx: &mut FnCx<'_, '_, '_>,
    item: LangItem,
    args: &[Value],
    span: Span,
    pad: Option<Block>,
) -> CgResult<()> {
    let def_id = fx.tcx.require_lang_item(item, span);
    let instance = Instance::mono(fx.tcx, def_id);
    let symbol = crate::symbols::object_symbol(fx.tcx, instance);
    // The panic functions take scalars, so the arguments' types are the signature.
    let sig = Signature {
        params: args.iter().map(|a| AbiParam::new(fx.bcx.func.dfg.value_type(*a))).collect(),
        returns: vec![],
        call_conv: fx.module.target_config().default_call_conv,
    };
    let func = fx.import_function(symbol, &sig)?;
    let current = fx.bcx.current_block().expect("panic outside a block");
    fx.bcx.set_cold_block(current);
    landing::emit_call_inst(fx, CallTarget::Direct(func), args, pad)?;
    fx.bcx.ins().trap(TrapCode::unwrap_user(1));
    Ok(())
}

/// Fills the pad blocks created while the body was translated.
pub fn fill_pads(fx: &mut FnCx<'_, '_, '_>) -> CgResult<()> {
    let pads = std::mem::take(&mut fx.landing.pads);
    for (kind, block) in pads {
        fx.bcx.switch_to_block(block);
        if fx.bcx.func.dfg.num_block_params(block) == 0 {
            fx.bcx.append_block_param(block, fx.ptr_ty);
        }
        match kind {
            PadKind::Cleanup(bb) => {
                let exception = fx.bcx.block_params(block)[0];
                let var = landing::exception_var(fx);
                fx.bcx.def_var(var, exception);
                let cleanup = fx.blocks[bb];
                fx.bcx.ins().jump(cleanup, &[]);
            }
            PadKind::Terminate(item) => {
                let span = fx.mir.span;
                call_panic(fx, item, &[], span, None)?;
            }
        }
    }
    Ok(())
}
