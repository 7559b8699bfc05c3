//! Intrinsics about control flow and optimization hints: traps, hints that debug code can
//! ignore, `black_box`, `caller_location`, `catch_unwind` and `select_unpredictable`.

use cranelift_codegen::ir::{InstBuilder, TrapCode, types};
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{RegShape, Val, reg_shape};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::abort => trap_here(fx, 2),
        sym::unreachable => trap_here(fx, 1),
        sym::breakpoint => {
            fx.bcx.ins().debugtrap();
        }
        // Hints and markers with nothing to do in unoptimized code.
        sym::assume
        | sym::cold_path
        | sym::forget
        | sym::prefetch_read_data
        | sym::prefetch_write_data
        | sym::prefetch_read_instruction
        | sym::prefetch_write_instruction => {}
        sym::black_box => {
            let v = call.arg(fx, 0)?;
            call.dest.write(fx, v);
        }
        sym::is_val_statically_known => {
            let v = fx.bcx.ins().iconst(types::I8, 0);
            call.write_scalar(fx, v);
        }
        sym::caller_location => {
            let loc = crate::mir::panic::caller_location(fx, call.source_info)?;
            call.dest.write(fx, loc);
        }
        sym::catch_unwind => {
            let try_fn = call.scalar(fx, 0)?;
            let data = call.scalar(fx, 1)?;
            let catch_fn = call.scalar(fx, 2)?;
            let caught = crate::mir::landing::catch_unwind(fx, try_fn, data, catch_fn)?;
            call.write_scalar(fx, caught);
        }
        sym::select_unpredictable => select_unpredictable(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Traps, then continues in a fresh unreachable block so the caller can keep emitting.
fn trap_here(fx: &mut FnCx<'_, '_, '_>, code: u8) {
    fx.bcx.ins().trap(TrapCode::unwrap_user(code));
    let dead = fx.bcx.create_block();
    fx.bcx.switch_to_block(dead);
}

/// `if c { t } else { f }` without a branch for scalars; with one for anything else.
fn select_unpredictable<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let c = call.scalar(fx, 0)?;
    let t = call.arg(fx, 1)?;
    let f = call.arg(fx, 2)?;
    if let Some(RegShape::One(_)) = reg_shape(fx.tcx, t.layout) {
        let (tv, fv) = (t.load_scalar(fx), f.load_scalar(fx));
        let r = fx.bcx.ins().select(c, tv, fv);
        call.dest.write(fx, Val::scalar(r, call.dest.layout));
        return Ok(());
    }
    let then_b = fx.bcx.create_block();
    let else_b = fx.bcx.create_block();
    let join = fx.bcx.create_block();
    fx.bcx.ins().brif(c, then_b, &[], else_b, &[]);
    fx.bcx.switch_to_block(then_b);
    call.dest.write(fx, t);
    fx.bcx.ins().jump(join, &[]);
    fx.bcx.switch_to_block(else_b);
    call.dest.write(fx, f);
    fx.bcx.ins().jump(join, &[]);
    fx.bcx.switch_to_block(join);
    Ok(())
}
