//! Integer intrinsics: bit counting and reversal, rotations, the unchecked, wrapping,
//! overflowing and saturating arithmetic that MIR leaves as calls, and `three_way_compare`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, types};
use rustc_middle::mir::BinOp;
use rustc_middle::ty;
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::const_bits;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::ctpop
        | sym::ctlz
        | sym::ctlz_nonzero
        | sym::cttz
        | sym::cttz_nonzero
        | sym::bswap
        | sym::bitreverse => bit_op(fx, call)?,
        sym::rotate_left | sym::rotate_right => {
            let x = call.scalar(fx, 0)?;
            let n = call.scalar(fx, 1)?;
            let r =
                if call.name == sym::rotate_left { fx.bcx.ins().rotl(x, n) } else { fx.bcx.ins().rotr(x, n) };
            call.write_scalar(fx, r);
        }
        sym::unchecked_add
        | sym::unchecked_sub
        | sym::unchecked_mul
        | sym::unchecked_div
        | sym::unchecked_rem
        | sym::unchecked_shl
        | sym::unchecked_shr
        | sym::exact_div
        | sym::wrapping_add
        | sym::wrapping_sub
        | sym::wrapping_mul
        | sym::three_way_compare
        | sym::disjoint_bitor => as_binop(fx, call)?,
        sym::add_with_overflow | sym::sub_with_overflow | sym::mul_with_overflow => {
            let op = match call.name {
                sym::add_with_overflow => BinOp::Add,
                sym::sub_with_overflow => BinOp::Sub,
                _ => BinOp::Mul,
            };
            let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
            let r = crate::mir::num::checked_binop(fx, op, a, b, call.dest.layout)?;
            call.dest.write(fx, r);
        }
        sym::saturating_add | sym::saturating_sub => saturating(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

fn bit_op<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let x = call.scalar(fx, 0)?;
    let r = match call.name {
        sym::ctpop => fx.bcx.ins().popcnt(x),
        sym::ctlz | sym::ctlz_nonzero => fx.bcx.ins().clz(x),
        sym::cttz | sym::cttz_nonzero => fx.bcx.ins().ctz(x),
        sym::bswap if fx.bcx.func.dfg.value_type(x) == types::I8 => x,
        sym::bswap => fx.bcx.ins().bswap(x),
        _ => fx.bcx.ins().bitrev(x),
    };
    call.write_scalar(fx, r);
    Ok(())
}

/// The intrinsics that are a MIR binary operator with undefined behaviour (or wrapping) where
/// the operator would panic: the operator's lowering does the same arithmetic.
fn as_binop<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let op = match call.name {
        sym::unchecked_add | sym::wrapping_add => BinOp::Add,
        sym::unchecked_sub | sym::wrapping_sub => BinOp::Sub,
        sym::unchecked_mul | sym::wrapping_mul => BinOp::Mul,
        sym::unchecked_div | sym::exact_div => BinOp::Div,
        sym::unchecked_rem => BinOp::Rem,
        sym::unchecked_shl => BinOp::Shl,
        sym::unchecked_shr => BinOp::Shr,
        sym::disjoint_bitor => BinOp::BitOr,
        _ => BinOp::Cmp,
    };
    let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
    let b = if matches!(op, BinOp::Shl | BinOp::Shr) { b } else { b.with_layout(a.layout) };
    let r = crate::mir::num::binop(fx, op, a, b, call.dest.layout)?;
    call.dest.write(fx, r);
    Ok(())
}

fn saturating<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let a_val = call.arg(fx, 0)?;
    let signed = matches!(a_val.layout.ty.kind(), ty::Int(_));
    let a = a_val.load_scalar(fx);
    let b = call.scalar(fx, 1)?;
    let ty = fx.bcx.func.dfg.value_type(a);
    let add = call.name == sym::saturating_add;
    let (r, overflow) = match (add, signed) {
        (true, false) => fx.bcx.ins().uadd_overflow(a, b),
        (true, true) => fx.bcx.ins().sadd_overflow(a, b),
        (false, false) => fx.bcx.ins().usub_overflow(a, b),
        (false, true) => fx.bcx.ins().ssub_overflow(a, b),
    };
    let bits = ty.bits();
    let clamp = if !signed {
        const_bits(fx, ty, if add { u128::MAX >> (128 - bits) } else { 0 })
    } else {
        // Signed overflow goes towards the sign of `b` (for add) or away from it (sub).
        let max = const_bits(fx, ty, (u128::MAX >> (128 - bits)) >> 1);
        let min = const_bits(fx, ty, 1u128 << (bits - 1));
        let b_neg = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, b, 0);
        if add { fx.bcx.ins().select(b_neg, min, max) } else { fx.bcx.ins().select(b_neg, max, min) }
    };
    let v = fx.bcx.ins().select(overflow, clamp, r);
    call.write_scalar(fx, v);
    Ok(())
}
