//! Lane-wise comparisons (results are all-ones/zero lanes) and `simd_select`.

use cranelift_codegen::ir::Value;
use rustc_middle::mir::BinOp;
use rustc_middle::ty::layout::LayoutOf;
use rustc_span::sym;

use super::lanes::{Lanes, all_ones, mask_set, read_arg, select_lane};
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let op = match call.name {
        sym::simd_eq => BinOp::Eq,
        sym::simd_ne => BinOp::Ne,
        sym::simd_lt => BinOp::Lt,
        sym::simd_le => BinOp::Le,
        sym::simd_gt => BinOp::Gt,
        sym::simd_ge => BinOp::Ge,
        sym::simd_select => return select(fx, call),
        _ => return Ok(false),
    };
    // The scalar comparison of the lane type: signed or unsigned integers, ordered float
    // predicates except `!=` (unordered, true for NaN), pointers by address.
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let out_lanes = Lanes::of(fx, call.dest.layout.ty)?;
    let bool_layout = fx.layout_of(fx.tcx.types.bool);
    let mut out = Vec::with_capacity(xs.len());
    for (&x, &y) in xs.iter().zip(&ys) {
        let flag = crate::mir::num::binop(fx, op, l.val(x), l.val(y), bool_layout)?.load_scalar(fx);
        out.push(all_ones(fx, out_lanes.ty, flag));
    }
    out_lanes.write(fx, call.dest, &out);
    Ok(true)
}

/// Lane i is `a[i]` where mask lane i is set (its top bit, as LLVM reads it), `b[i]` otherwise.
fn select<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let (_, ms) = read_arg(fx, call, 0)?;
    let (l, xs) = read_arg(fx, call, 1)?;
    let (_, ys) = read_arg(fx, call, 2)?;
    let mut out: Vec<Value> = Vec::with_capacity(xs.len());
    for i in 0..xs.len() {
        let flag = mask_set(fx, ms[i]);
        out.push(select_lane(fx, flag, xs[i], ys[i]));
    }
    l.write(fx, call.dest, &out);
    Ok(true)
}
