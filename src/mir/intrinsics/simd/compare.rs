//! Lane-wise comparisons (results are all-ones/zero lanes) and `simd_select`.

use cranelift_codegen::ir::InstBuilder;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use rustc_middle::ty;
use rustc_span::{Symbol, sym};

use super::lanes::{Lanes, all_ones, vec_addr};
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_eq | sym::simd_ne | sym::simd_lt | sym::simd_le | sym::simd_gt | sym::simd_ge => {}
        sym::simd_select => return select(fx, call),
        _ => return Ok(false),
    }
    let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
    let in_lanes = Lanes::of(fx, a.layout.ty)?;
    let out_lanes = Lanes::of(fx, call.dest.layout.ty)?;
    let signed = matches!(in_lanes.elem.ty.kind(), ty::Int(_));
    let float = in_lanes.elem.ty.is_floating_point();
    let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), call.dest.mem_addr());
    for i in 0..in_lanes.count {
        let x = in_lanes.load(fx, pa, i);
        let y = in_lanes.load(fx, pb, i);
        let flag = if float {
            fx.bcx.ins().fcmp(float_cc(call.name), x, y)
        } else {
            fx.bcx.ins().icmp(int_cc(call.name, signed), x, y)
        };
        let lane = all_ones(fx, out_lanes.ty, flag);
        out_lanes.store(fx, out, i, lane);
    }
    Ok(true)
}

fn float_cc(name: Symbol) -> FloatCC {
    match name {
        sym::simd_eq => FloatCC::Equal,
        sym::simd_ne => FloatCC::NotEqual,
        sym::simd_lt => FloatCC::LessThan,
        sym::simd_le => FloatCC::LessThanOrEqual,
        sym::simd_gt => FloatCC::GreaterThan,
        _ => FloatCC::GreaterThanOrEqual,
    }
}

fn int_cc(name: Symbol, signed: bool) -> IntCC {
    match (name, signed) {
        (sym::simd_eq, _) => IntCC::Equal,
        (sym::simd_ne, _) => IntCC::NotEqual,
        (sym::simd_lt, true) => IntCC::SignedLessThan,
        (sym::simd_lt, false) => IntCC::UnsignedLessThan,
        (sym::simd_le, true) => IntCC::SignedLessThanOrEqual,
        (sym::simd_le, false) => IntCC::UnsignedLessThanOrEqual,
        (sym::simd_gt, true) => IntCC::SignedGreaterThan,
        (sym::simd_gt, false) => IntCC::UnsignedGreaterThan,
        (sym::simd_ge, true) => IntCC::SignedGreaterThanOrEqual,
        _ => IntCC::UnsignedGreaterThanOrEqual,
    }
}

/// Lane i is `a[i]` where mask lane i is non-zero, `b[i]` otherwise.
fn select<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let (m, a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?, call.arg(fx, 2)?);
    let ml = Lanes::of(fx, m.layout.ty)?;
    let l = Lanes::of(fx, a.layout.ty)?;
    let (pm, pa, pb, out) = (vec_addr(fx, m), vec_addr(fx, a), vec_addr(fx, b), call.dest.mem_addr());
    for i in 0..l.count {
        let c = ml.load(fx, pm, i);
        let x = l.load(fx, pa, i);
        let y = l.load(fx, pb, i);
        let r = fx.bcx.ins().select(c, x, y);
        l.store(fx, out, i, r);
    }
    Ok(true)
}
