//! Lane-wise float math: the `llvm.*` math intrinsics rustc's LLVM backend maps `simd_f*`,
//! `simd_ceil`/`floor`/`round`/`trunc` and `simd_fma` to, the unfused `simd_relaxed_fma`, and
//! IEEE `minimumNumber`/`maximumNumber` as LLVM computes them on x86-64.
//!
//! LLVM scalarizes these on x86-64 without AVX-512: each lane is the scalar operation (a libm
//! call where there is no instruction), and `f16` lanes are computed in `f32` and rounded
//! back, which is what `soft_float` does for the scalar intrinsics.

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{InstBuilder, Value, types};
use rustc_middle::mir::BinOp;
use rustc_span::sym;

use super::lanes::{Lanes, read_arg};
use super::lanewise::binop_lanes;
use crate::error::CgResult;
use crate::mir::float_ops::FloatOp;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::intrinsics::float::hard_float_op;
use crate::mir::soft_float;
use crate::mir::value::{Place, PlaceRepr};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let op = match call.name {
        sym::simd_fsqrt => FloatOp::Sqrt,
        sym::simd_fabs => FloatOp::Abs,
        sym::simd_ceil => FloatOp::Ceil,
        sym::simd_floor => FloatOp::Floor,
        sym::simd_trunc => FloatOp::Trunc,
        sym::simd_round => FloatOp::Round,
        sym::simd_round_ties_even => FloatOp::RoundTiesEven,
        sym::simd_fsin => FloatOp::Sin,
        sym::simd_fcos => FloatOp::Cos,
        sym::simd_fexp => FloatOp::Exp,
        sym::simd_fexp2 => FloatOp::Exp2,
        sym::simd_flog => FloatOp::Log,
        sym::simd_flog2 => FloatOp::Log2,
        sym::simd_flog10 => FloatOp::Log10,
        sym::simd_fma => FloatOp::Fma,
        sym::simd_relaxed_fma => return relaxed_fma(fx, call).map(|()| true),
        sym::simd_minimum_number_nsz | sym::simd_maximum_number_nsz => {
            return min_max_number(fx, call).map(|()| true);
        }
        _ => return Ok(false),
    };
    if let Some(name) = llvm_vector_op(fx, op, call) {
        let dest = call.dest;
        let in_memory =
            if matches!(dest.repr, PlaceRepr::Mem(..)) { dest } else { Place::new_stack(fx, dest.layout) };
        crate::mir::llc_intrinsics::lower_via_llc(fx, &name, call.args, in_memory)?;
        if !matches!(dest.repr, PlaceRepr::Mem(..)) {
            let result = in_memory.to_val(fx);
            dest.write(fx, result);
        }
        return Ok(true);
    }
    let mut args = Vec::with_capacity(op.arity());
    let mut shape = None;
    for i in 0..op.arity() {
        let (l, lanes) = read_arg(fx, call, i)?;
        args.push(lanes);
        shape = Some(l);
    }
    let l = shape.expect("float operations take at least one operand");
    let mut out = Vec::with_capacity(l.count as usize);
    for lane in 0..l.count as usize {
        let vals: Vec<Value> = args.iter().map(|a| a[lane]).collect();
        out.push(float_op(fx, op, &vals)?);
    }
    l.write(fx, call.dest, &out);
    Ok(true)
}

/// `op` on float scalars of any width.
fn float_op(fx: &mut FnCx<'_, '_, '_>, op: FloatOp, vals: &[Value]) -> CgResult<Value> {
    let ty = fx.bcx.func.dfg.value_type(vals[0]);
    if op == FloatOp::RoundTiesEven && !soft_float::is_soft(ty) && !has_feature(fx, "sse4.1") {
        // Without SSE4.1 LLVM calls `rint`, which returns a signaling NaN unchanged
        // (Cranelift's `nearest` would call `nearbyint`, which quiets it).
        let name = if ty == types::F32 { "rintf" } else { "rint" };
        return Ok(fx.lib_call(name, &[ty], &[ty], vals)?[0]);
    }
    if !soft_float::is_soft(ty) {
        return hard_float_op(fx, op, vals);
    }
    let r = soft_float::intrinsic(fx, op, vals, &mut |fx, wide| hard_float_op(fx, op, wide).map(Some))?;
    r.ok_or_else(|| fx.unsupported(format!("SIMD {op:?} on {ty} lanes")))
}

/// The `llvm.*` intrinsic rustc's LLVM backend calls for `op`, when this function enables,
/// through `#[target_feature]`, the extension LLVM then uses for it: the instruction decides
/// which operand's NaN a fused multiply-add returns and that rounding quiets a signalling NaN,
/// so only LLVM's own code for it gives LLVM's bits. Without the extension, LLVM computes lane
/// by lane as `float_op` does.
fn llvm_vector_op<'tcx>(
    fx: &FnCx<'_, '_, 'tcx>,
    op: FloatOp,
    call: &IntrinsicCall<'_, 'tcx>,
) -> Option<String> {
    let (base, feature) = match op {
        FloatOp::Fma => ("fma", "fma"),
        FloatOp::Floor => ("floor", "sse4.1"),
        FloatOp::Ceil => ("ceil", "sse4.1"),
        FloatOp::Trunc => ("trunc", "sse4.1"),
        FloatOp::RoundTiesEven => ("rint", "sse4.1"),
        _ => return None,
    };
    let (count, elem) = call.dest.layout.ty.simd_size_and_type(fx.tcx);
    // `half` lanes: with AVX512-FP16 LLVM has one instruction (`vfmadd213ph`), which rounds
    // once; fastclif has no `f16` arithmetic of its own.
    if op == FloatOp::Fma
        && matches!(elem.kind(), rustc_middle::ty::Float(rustc_middle::ty::FloatTy::F16))
        && fx.enables_feature("avx512fp16")
    {
        return Some(format!("llvm.fma.v{count}f16"));
    }
    let attrs = fx.tcx.codegen_fn_attrs(fx.instance.def_id());
    let enables = |name: &str| attrs.target_features.iter().any(|f| f.name.as_str() == name);
    let wide = enables("avx512f");
    if has_feature(fx, feature) || !(enables(feature) || (op == FloatOp::Fma && wide)) {
        return None;
    }
    let lane = match elem.kind() {
        rustc_middle::ty::Float(rustc_middle::ty::FloatTy::F32) => "f32",
        rustc_middle::ty::Float(rustc_middle::ty::FloatTy::F64) => "f64",
        _ => return None,
    };
    Some(format!("llvm.{base}.v{count}{lane}"))
}

/// Whether the target feature `name` (as rustc spells it) is enabled for this compilation.
fn has_feature(fx: &FnCx<'_, '_, '_>, name: &str) -> bool {
    fx.tcx.sess.unstable_target_features.contains(&rustc_span::Symbol::intern(name))
}

/// LLVM's `fmuladd`, which x86-64 without the FMA extension computes as a multiplication and
/// an addition, each rounded (also at `-O0`): not fused.
fn relaxed_fma<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let (_, zs) = read_arg(fx, call, 2)?;
    let products = binop_lanes(fx, &l, BinOp::Mul, &xs, &ys)?;
    let out = binop_lanes(fx, &l, BinOp::Add, &products, &zs)?;
    l.write(fx, call.dest, &out);
    Ok(())
}

fn min_max_number<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let max = call.name == sym::simd_maximum_number_nsz;
    let mut out = Vec::with_capacity(xs.len());
    for (&x, &y) in xs.iter().zip(&ys) {
        out.push(min_max_number_lane(fx, &l, x, y, max)?);
    }
    l.write(fx, call.dest, &out);
    Ok(())
}

/// `llvm.minimumnum`/`llvm.maximumnum` with `nsz`, as x86-64 computes them: `minps`/`maxps`
/// (`x < y ? x : y`, so equal operands such as ±0 give `y`, and so does a NaN in either), then
/// `x` where `y` is NaN. One NaN gives the other operand, two NaNs give `x` unchanged. `f16`
/// lanes are computed in `f32` (quieting a NaN on the way) and rounded back.
pub fn min_max_number_lane(
    fx: &mut FnCx<'_, '_, '_>,
    l: &Lanes<'_>,
    x: Value,
    y: Value,
    max: bool,
) -> CgResult<Value> {
    let less = if max { FloatCC::GreaterThan } else { FloatCC::LessThan };
    match l.ty {
        types::F16 => {
            let (wx, wy) = (soft_float::f16_to_f32(fx, x)?, soft_float::f16_to_f32(fx, y)?);
            let r = pick_number(fx, less, wx, wy);
            soft_float::f32_to_f16(fx, r)
        }
        types::F128 => {
            let x_wins = soft_float::compare(fx, less, x, y)?;
            let y_nan = soft_float::compare(fx, FloatCC::NotEqual, y, y)?;
            let r = super::lanes::select_lane(fx, x_wins, x, y);
            Ok(super::lanes::select_lane(fx, y_nan, x, r))
        }
        _ => Ok(pick_number(fx, less, x, y)),
    }
}

fn pick_number(fx: &mut FnCx<'_, '_, '_>, x_wins_cc: FloatCC, x: Value, y: Value) -> Value {
    let x_wins = fx.bcx.ins().fcmp(x_wins_cc, x, y);
    let r = fx.bcx.ins().select(x_wins, x, y);
    let y_nan = fx.bcx.ins().fcmp(FloatCC::Unordered, y, y);
    fx.bcx.ins().select(y_nan, x, r)
}
