//! Vector instructions for the vectors Cranelift keeps in registers (`value::vector_type`:
//! 128 bits of integer, pointer, `f32` or `f64` lanes). Each lowering here computes what the
//! lane-by-lane families compute, in one or a few instructions, so SSE-style code does not go
//! through memory once per lane; anything else (other widths, lane types Cranelift's x86-64
//! backend has no instruction for, non-constant indices) is left to those families.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::ty::layout::TyAndLayout;
use rustc_span::{Symbol, sym};

use super::bitmask::write_bytes;
use super::shuffle::{const_index, const_indices};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{RegShape, Val, bitcast_to, reg_shape};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_add
        | sym::simd_sub
        | sym::simd_mul
        | sym::simd_div
        | sym::simd_and
        | sym::simd_or
        | sym::simd_xor
        | sym::simd_saturating_add
        | sym::simd_saturating_sub => binary(fx, call),
        sym::simd_eq | sym::simd_ne | sym::simd_lt | sym::simd_le | sym::simd_gt | sym::simd_ge => {
            compare(fx, call)
        }
        sym::simd_neg | sym::simd_fabs | sym::simd_fsqrt => unary(fx, call),
        sym::simd_select => select(fx, call),
        sym::simd_bitmask => bitmask(fx, call),
        sym::simd_splat => splat(fx, call),
        sym::simd_extract | sym::simd_insert => lane_access(fx, call),
        sym::simd_shuffle => shuffle(fx, call),
        _ => Ok(false),
    }
}

/// The register vector type of `layout`, if it has one.
fn vector_of(fx: &FnCx<'_, '_, '_>, layout: TyAndLayout<'_>) -> Option<Type> {
    match reg_shape(fx.tcx, layout) {
        Some(RegShape::One(ty)) if ty.is_vector() => Some(ty),
        _ => None,
    }
}

/// Operand `i` as a register vector of its own type, or `None` when it is not one.
fn operand<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
    i: usize,
) -> CgResult<Option<(Value, Type, Val<'tcx>)>> {
    let val = call.arg(fx, i)?;
    let Some(ty) = vector_of(fx, val.layout) else { return Ok(None) };
    let v = val.load_scalar(fx);
    Ok(Some((bitcast_to(fx, ty, v), ty, val)))
}

/// Writes the register vector `v` (of any 128-bit type) to the destination, a vector too.
fn finish<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>, v: Value) -> Handled {
    let Some(ty) = vector_of(fx, call.dest.layout) else { return Ok(false) };
    let v = bitcast_to(fx, ty, v);
    call.dest.write(fx, Val::scalar(v, call.dest.layout));
    Ok(true)
}

/// Whether the target ISA has the Cranelift x86 feature `flag` (e.g. `has_ssse3`).
fn isa_has(fx: &FnCx<'_, '_, '_>, flag: &str) -> bool {
    use cranelift_module::Module;
    fx.module.isa().isa_flags().iter().any(|v| v.name == flag && v.as_bool() == Some(true))
}

fn is_signed<'tcx>(fx: &FnCx<'_, '_, 'tcx>, val: &Val<'tcx>) -> bool {
    let (_, elem) = val.layout.ty.simd_size_and_type(fx.tcx);
    matches!(elem.kind(), rustc_middle::ty::Int(_))
}

fn binary<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    if vector_of(fx, call.dest.layout).is_none() {
        return Ok(false);
    }
    let Some((a, ty, a_val)) = operand(fx, call, 0)? else { return Ok(false) };
    let Some((b, _, _)) = operand(fx, call, 1)? else { return Ok(false) };
    let lane = ty.lane_type();
    let float = lane.is_float();
    let narrow = lane.bits() <= 16;
    let signed = is_signed(fx, &a_val);
    let ins = fx.bcx.ins();
    let r = match call.name {
        sym::simd_and => ins.band(a, b),
        sym::simd_or => ins.bor(a, b),
        sym::simd_xor => ins.bxor(a, b),
        sym::simd_add if float => ins.fadd(a, b),
        sym::simd_add => ins.iadd(a, b),
        sym::simd_sub if float => ins.fsub(a, b),
        sym::simd_sub => ins.isub(a, b),
        sym::simd_mul if float => ins.fmul(a, b),
        // x86-64 has no byte multiply; Cranelift has none either.
        sym::simd_mul if lane != types::I8 => ins.imul(a, b),
        sym::simd_div if float => ins.fdiv(a, b),
        sym::simd_saturating_add if narrow && signed => ins.sadd_sat(a, b),
        sym::simd_saturating_add if narrow => ins.uadd_sat(a, b),
        sym::simd_saturating_sub if narrow && signed => ins.ssub_sat(a, b),
        sym::simd_saturating_sub if narrow => ins.usub_sat(a, b),
        _ => return Ok(false),
    };
    finish(fx, call, r)
}

fn compare<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    if vector_of(fx, call.dest.layout).is_none() {
        return Ok(false);
    }
    let Some((a, ty, a_val)) = operand(fx, call, 0)? else { return Ok(false) };
    let Some((b, _, _)) = operand(fx, call, 1)? else { return Ok(false) };
    // Both produce all-ones / zero lanes of the operands' lane width, as the intrinsics do.
    let r = if ty.lane_type().is_float() {
        fx.bcx.ins().fcmp(float_cc(call.name), a, b)
    } else {
        let cc = int_cc(call.name, is_signed(fx, &a_val));
        fx.bcx.ins().icmp(cc, a, b)
    };
    finish(fx, call, r)
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
    let cc = match name {
        sym::simd_eq => return IntCC::Equal,
        sym::simd_ne => return IntCC::NotEqual,
        sym::simd_lt => IntCC::SignedLessThan,
        sym::simd_le => IntCC::SignedLessThanOrEqual,
        sym::simd_gt => IntCC::SignedGreaterThan,
        _ => IntCC::SignedGreaterThanOrEqual,
    };
    if signed { cc } else { cc.unsigned() }
}

fn unary<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some((a, ty, _)) = operand(fx, call, 0)? else { return Ok(false) };
    let float = ty.lane_type().is_float();
    let r = match call.name {
        sym::simd_neg if float => fx.bcx.ins().fneg(a),
        sym::simd_neg => fx.bcx.ins().ineg(a),
        sym::simd_fabs if float => fx.bcx.ins().fabs(a),
        sym::simd_fsqrt if float => fx.bcx.ins().sqrt(a),
        _ => return Ok(false),
    };
    finish(fx, call, r)
}

/// `simd_select(mask, a, b)`: only a mask lane's top bit counts (see `lanes::mask_set`), so the
/// mask is first widened to full lanes by an arithmetic shift.
fn select<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some((m, mask_ty, _)) = operand(fx, call, 0)? else { return Ok(false) };
    let Some((a, ty, _)) = operand(fx, call, 1)? else { return Ok(false) };
    let Some((b, _, _)) = operand(fx, call, 2)? else { return Ok(false) };
    if mask_ty.lane_bits() != ty.lane_bits() || mask_ty.lane_type().is_float() {
        return Ok(false);
    }
    let full = fx.bcx.ins().sshr_imm_s(m, i64::from(mask_ty.lane_bits()) - 1);
    let full = bitcast_to(fx, ty, full);
    let r = fx.bcx.ins().bitselect(full, a, b);
    finish(fx, call, r)
}

/// Bit i of the result is the top bit of lane i: one `pmovmskb`/`movmskps`-style instruction.
fn bitmask<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some((a, ty, _)) = operand(fx, call, 0)? else { return Ok(false) };
    let int_lanes = ty.as_int();
    let a = bitcast_to(fx, int_lanes, a);
    let bits = fx.bcx.ins().vhigh_bits(types::I32, a);
    let bytes: Vec<Value> =
        (0..ty.lane_count().div_ceil(8)).map(|k| fx.bcx.ins().ushr_imm_u(bits, i64::from(8 * k))).collect();
    let bytes: Vec<Value> = bytes.into_iter().map(|v| fx.bcx.ins().ireduce(types::I8, v)).collect();
    write_bytes(fx, call.dest, &bytes);
    Ok(true)
}

fn splat<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(ty) = vector_of(fx, call.dest.layout) else { return Ok(false) };
    let x = call.scalar(fx, 0)?;
    let x = bitcast_to(fx, ty.lane_type(), x);
    let r = fx.bcx.ins().splat(ty, x);
    finish(fx, call, r)
}

/// `simd_extract` / `simd_insert` at a constant lane.
fn lane_access<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(index) = const_index(fx, &call.args[1].node) else { return Ok(false) };
    let Some((v, ty, _)) = operand(fx, call, 0)? else { return Ok(false) };
    let Ok(lane) = u8::try_from(index) else { return Ok(false) };
    if u32::from(lane) >= ty.lane_count() {
        return Ok(false);
    }
    if call.name == sym::simd_extract {
        let x = fx.bcx.ins().extractlane(v, lane);
        call.write_scalar(fx, x);
        return Ok(true);
    }
    let x = call.scalar(fx, 2)?;
    let x = bitcast_to(fx, ty.lane_type(), x);
    let r = fx.bcx.ins().insertlane(v, x, lane);
    finish(fx, call, r)
}

/// A constant shuffle of two register vectors into one: Cranelift's byte shuffle, with each
/// lane index turned into the indices of its bytes.
fn shuffle<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    // Without SSSE3's `pshufb`, Cranelift would call a runtime helper nobody provides.
    if !isa_has(fx, "has_ssse3") {
        return Ok(false);
    }
    let Some(out_ty) = vector_of(fx, call.dest.layout) else { return Ok(false) };
    let Some(indices) = const_indices(fx, &call.args[2].node, out_ty.lane_count() as usize) else {
        return Ok(false);
    };
    let Some((a, ty, _)) = operand(fx, call, 0)? else { return Ok(false) };
    let Some((b, _, _)) = operand(fx, call, 1)? else { return Ok(false) };
    let width = ty.lane_bits() / 8;
    if width != out_ty.lane_bits() / 8 || indices.iter().any(|&k| k >= 2 * ty.lane_count()) {
        return Ok(false);
    }
    let bytes: Vec<u8> =
        indices.iter().flat_map(|&k| (0..width).map(move |j| (k * width + j) as u8)).collect();
    let mask = fx.bcx.func.dfg.immediates.push(bytes.into());
    let (a, b) = (bitcast_to(fx, types::I8X16, a), bitcast_to(fx, types::I8X16, b));
    let r = fx.bcx.ins().shuffle(a, b, mask);
    finish(fx, call, r)
}
