//! Float intrinsics: the math functions (`sqrtf32`, `powif64`, ...), the `*_fast` and
//! `*_algebraic` operators, and `float_to_int_unchecked`. `f32`/`f64` use Cranelift
//! instructions where one computes exactly the same result as LLVM, and libm otherwise;
//! `f16`/`f128` go through `soft_float`.

use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::mir::BinOp;
use rustc_middle::ty;
use rustc_span::{Symbol, sym};

use super::call::{Handled, IntrinsicCall};
use crate::error::CgResult;
use crate::mir::float_ops::FloatOp;
use crate::mir::fx::FnCx;
use crate::mir::value::{RegShape, Val, reg_shape};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    if let Some(op) = math_op(call.name) {
        return math(fx, call, op);
    }
    let op = match call.name {
        sym::fadd_fast | sym::fadd_algebraic => BinOp::Add,
        sym::fsub_fast | sym::fsub_algebraic => BinOp::Sub,
        sym::fmul_fast | sym::fmul_algebraic => BinOp::Mul,
        sym::fdiv_fast | sym::fdiv_algebraic => BinOp::Div,
        sym::frem_fast | sym::frem_algebraic => BinOp::Rem,
        sym::float_to_int_unchecked => return to_int(fx, call),
        _ => return Ok(false),
    };
    // The fast and algebraic forms only allow optimizations; the exact operation is a valid result.
    let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
    let r = crate::mir::num::binop(fx, op, a, b, call.dest.layout)?;
    call.dest.write(fx, r);
    Ok(true)
}

/// The operation of a float math intrinsic, whatever its float type.
pub fn math_op(name: Symbol) -> Option<FloatOp> {
    Some(match name {
        sym::sqrtf16 | sym::sqrtf32 | sym::sqrtf64 | sym::sqrtf128 => FloatOp::Sqrt,
        sym::fabs => FloatOp::Abs,
        sym::floorf16 | sym::floorf32 | sym::floorf64 | sym::floorf128 => FloatOp::Floor,
        sym::ceilf16 | sym::ceilf32 | sym::ceilf64 | sym::ceilf128 => FloatOp::Ceil,
        sym::truncf16 | sym::truncf32 | sym::truncf64 | sym::truncf128 => FloatOp::Trunc,
        sym::roundf16 | sym::roundf32 | sym::roundf64 | sym::roundf128 => FloatOp::Round,
        sym::round_ties_even_f16
        | sym::round_ties_even_f32
        | sym::round_ties_even_f64
        | sym::round_ties_even_f128 => FloatOp::RoundTiesEven,
        sym::copysignf16 | sym::copysignf32 | sym::copysignf64 | sym::copysignf128 => FloatOp::CopySign,
        sym::fmaf16 | sym::fmaf32 | sym::fmaf64 | sym::fmaf128 => FloatOp::Fma,
        sym::fmuladdf16 | sym::fmuladdf32 | sym::fmuladdf64 | sym::fmuladdf128 => FloatOp::MulAdd,
        sym::minimumf16 | sym::minimumf32 | sym::minimumf64 | sym::minimumf128 => FloatOp::Minimum,
        sym::maximumf16 | sym::maximumf32 | sym::maximumf64 | sym::maximumf128 => FloatOp::Maximum,
        sym::powif16 | sym::powif32 | sym::powif64 | sym::powif128 => FloatOp::Powi,
        sym::powf16 | sym::powf32 | sym::powf64 | sym::powf128 => FloatOp::Pow,
        sym::expf16 | sym::expf32 | sym::expf64 | sym::expf128 => FloatOp::Exp,
        sym::exp2f16 | sym::exp2f32 | sym::exp2f64 | sym::exp2f128 => FloatOp::Exp2,
        sym::logf16 | sym::logf32 | sym::logf64 | sym::logf128 => FloatOp::Log,
        sym::log2f16 | sym::log2f32 | sym::log2f64 | sym::log2f128 => FloatOp::Log2,
        sym::log10f16 | sym::log10f32 | sym::log10f64 | sym::log10f128 => FloatOp::Log10,
        sym::sinf16 | sym::sinf32 | sym::sinf64 | sym::sinf128 => FloatOp::Sin,
        sym::cosf16 | sym::cosf32 | sym::cosf64 | sym::cosf128 => FloatOp::Cos,
        _ => return None,
    })
}

fn math<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>, op: FloatOp) -> Handled {
    let mut vals = Vec::with_capacity(op.arity());
    for i in 0..op.arity() {
        vals.push(call.scalar(fx, i)?);
    }
    let ty = fx.bcx.func.dfg.value_type(vals[0]);
    let r = if crate::mir::soft_float::is_soft(ty) {
        crate::mir::soft_float::intrinsic(fx, op, &vals, &mut |fx, wide| {
            hard_float_op(fx, op, wide).map(Some)
        })?
    } else {
        Some(hard_float_op(fx, op, &vals)?)
    };
    let Some(r) = r else { return Ok(false) };
    call.dest.write(fx, Val::scalar(r, call.dest.layout));
    Ok(true)
}

/// `op` on `f32` or `f64` operands.
pub fn hard_float_op(fx: &mut FnCx<'_, '_, '_>, op: FloatOp, vals: &[Value]) -> CgResult<Value> {
    let a = vals[0];
    let ty = fx.bcx.func.dfg.value_type(a);
    Ok(match op {
        FloatOp::Sqrt => fx.bcx.ins().sqrt(a),
        FloatOp::Abs => fx.bcx.ins().fabs(a),
        FloatOp::Floor => fx.bcx.ins().floor(a),
        FloatOp::Ceil => fx.bcx.ins().ceil(a),
        FloatOp::Trunc => fx.bcx.ins().trunc(a),
        FloatOp::RoundTiesEven => fx.bcx.ins().nearest(a),
        FloatOp::CopySign => fx.bcx.ins().fcopysign(a, vals[1]),
        // Cranelift's fmin/fmax propagate NaN and order -0 below +0: IEEE 754-2019 minimum/maximum.
        FloatOp::Minimum => fx.bcx.ins().fmin(a, vals[1]),
        FloatOp::Maximum => fx.bcx.ins().fmax(a, vals[1]),
        FloatOp::Powi => {
            let name = if ty == types::F32 { "__powisf2" } else { "__powidf2" };
            fx.lib_call(name, &[ty, types::I32], &[ty], vals)?[0]
        }
        _ => {
            let stem = op.libm_stem().expect("every remaining operation has a libm function");
            let name = if ty == types::F32 { format!("{stem}f") } else { stem.to_string() };
            let params: Vec<Type> = vals.iter().map(|v| fx.bcx.func.dfg.value_type(*v)).collect();
            fx.lib_call(&name, &params, &[ty], vals)?[0]
        }
    })
}

/// `float_to_int_unchecked`: out-of-range inputs are undefined behaviour, so the saturating
/// conversion of `as` is a valid implementation.
fn to_int<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let x = call.scalar(fx, 0)?;
    let Some(RegShape::One(to)) = reg_shape(fx.tcx, call.dest.layout) else { return Ok(false) };
    let signed = matches!(call.dest.layout.ty.kind(), ty::Int(_));
    let r = crate::mir::cast::int_or_float_cast(fx, x, true, to, signed)?;
    call.dest.write(fx, Val::scalar(r, call.dest.layout));
    Ok(true)
}
