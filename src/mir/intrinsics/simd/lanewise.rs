//! Lane-wise arithmetic: the binary operators, negation and saturating add/sub.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_middle::mir::BinOp;
use rustc_span::sym;

use super::lanes::{Lanes, read_arg};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::const_bits;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let op = match call.name {
        sym::simd_add => BinOp::Add,
        sym::simd_sub => BinOp::Sub,
        sym::simd_mul => BinOp::Mul,
        sym::simd_div => BinOp::Div,
        sym::simd_rem => BinOp::Rem,
        sym::simd_and => BinOp::BitAnd,
        sym::simd_or => BinOp::BitOr,
        sym::simd_xor => BinOp::BitXor,
        // Shift amounts outside `0..BITS` are undefined behaviour; Cranelift takes them modulo
        // the lane width (what stdarch's masking wrappers ask for anyway).
        sym::simd_shl => BinOp::Shl,
        sym::simd_shr => BinOp::Shr,
        sym::simd_neg => return negate(fx, call).map(|()| true),
        sym::simd_saturating_add | sym::simd_saturating_sub => return saturating(fx, call).map(|()| true),
        _ => return Ok(false),
    };
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let out = binop_lanes(fx, &l, op, &xs, &ys)?;
    l.write(fx, call.dest, &out);
    Ok(true)
}

/// `op` lane by lane, as the scalar operator on the lane type (wrapping integers, signedness
/// from the lane type; `f16`/`f128` through `soft_float`).
pub fn binop_lanes<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    l: &Lanes<'tcx>,
    op: BinOp,
    xs: &[Value],
    ys: &[Value],
) -> CgResult<Vec<Value>> {
    let mut out = Vec::with_capacity(xs.len());
    for (&x, &y) in xs.iter().zip(ys) {
        let r = crate::mir::num::binop(fx, op, l.val(x), l.val(y), l.elem)?;
        out.push(r.load_scalar(fx));
    }
    Ok(out)
}

/// Wrapping negation of integers; floats flip their sign bit (LLVM's `fneg`, NaN included).
fn negate<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let out: Vec<Value> = xs
        .into_iter()
        .map(|x| {
            if !l.is_float() {
                fx.bcx.ins().ineg(x)
            } else if crate::mir::soft_float::is_soft(l.ty) {
                crate::mir::soft_float::negate(fx, x)
            } else {
                fx.bcx.ins().fneg(x)
            }
        })
        .collect();
    l.write(fx, call.dest, &out);
    Ok(())
}

fn saturating<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let signed = l.is_signed();
    let subtract = call.name == sym::simd_saturating_sub;
    let out: Vec<Value> =
        xs.into_iter().zip(ys).map(|(x, y)| saturating_lane(fx, x, y, signed, subtract)).collect();
    l.write(fx, call.dest, &out);
    Ok(())
}

/// `x ± y` clamped to the lane type's range. Signed overflow happened when the result's sign
/// differs from both operands' (add) or from `x`'s while `x` and `y` differ in sign (sub);
/// the bound is then the one on `x`'s side.
fn saturating_lane(fx: &mut FnCx<'_, '_, '_>, x: Value, y: Value, signed: bool, subtract: bool) -> Value {
    let ty = fx.bcx.func.dfg.value_type(x);
    let r = if subtract { fx.bcx.ins().isub(x, y) } else { fx.bcx.ins().iadd(x, y) };
    if !signed {
        let (wrapped, bound) = if subtract {
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, x, y), const_bits(fx, ty, 0))
        } else {
            let all_ones = const_bits(fx, ty, u128::MAX >> (128 - ty.bits()));
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, r, x), all_ones)
        };
        return fx.bcx.ins().select(wrapped, bound, r);
    }
    let x_r = fx.bcx.ins().bxor(x, r);
    let other = if subtract { fx.bcx.ins().bxor(x, y) } else { fx.bcx.ins().bxor(y, r) };
    let both = fx.bcx.ins().band(x_r, other);
    let overflow = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, both, 0);
    let bits = ty.bits();
    let max = const_bits(fx, ty, (1u128 << (bits - 1)) - 1);
    let min = const_bits(fx, ty, 1u128 << (bits - 1));
    let x_negative = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
    let bound = fx.bcx.ins().select(x_negative, min, max);
    fx.bcx.ins().select(overflow, bound, r)
}
