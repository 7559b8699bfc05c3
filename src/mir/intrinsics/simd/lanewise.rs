//! Lane-wise arithmetic: the binary operators, fused multiply-add and saturating add/sub.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value, types};
use rustc_middle::mir::BinOp;
use rustc_middle::ty;
use rustc_span::sym;

use super::lanes::{Lanes, vec_addr};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::Val;

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
        sym::simd_shl => BinOp::Shl,
        sym::simd_shr => BinOp::Shr,
        sym::simd_fma | sym::simd_relaxed_fma => return fused_multiply_add(fx, call).map(|()| true),
        sym::simd_saturating_add | sym::simd_saturating_sub => return saturating(fx, call).map(|()| true),
        _ => return Ok(false),
    };
    let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
    let l = Lanes::of(fx, a.layout.ty)?;
    let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), call.dest.mem_addr());
    for i in 0..l.count {
        let x = Val::mem(l.addr(fx, pa, i), l.elem);
        let y = Val::mem(l.addr(fx, pb, i), l.elem);
        let r = crate::mir::num::binop(fx, op, x, y, l.elem)?;
        let v = r.load_scalar(fx);
        l.store(fx, out, i, v);
    }
    Ok(true)
}

/// Lane-wise `a * b + c` rounded once, through libm like the scalar `fma`.
fn fused_multiply_add<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (a, b, c) = (call.arg(fx, 0)?, call.arg(fx, 1)?, call.arg(fx, 2)?);
    let l = Lanes::of(fx, a.layout.ty)?;
    let libm = match l.ty {
        types::F32 => "fmaf",
        types::F64 => "fma",
        other => return Err(fx.unsupported(format!("`{}` on {other} lanes", call.name))),
    };
    let (pa, pb, pc, out) = (vec_addr(fx, a), vec_addr(fx, b), vec_addr(fx, c), call.dest.mem_addr());
    for i in 0..l.count {
        let x = l.load(fx, pa, i);
        let y = l.load(fx, pb, i);
        let z = l.load(fx, pc, i);
        let r = fx.lib_call(libm, &[l.ty; 3], &[l.ty], &[x, y, z])?[0];
        l.store(fx, out, i, r);
    }
    Ok(())
}

fn saturating<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (a, b) = (call.arg(fx, 0)?, call.arg(fx, 1)?);
    let l = Lanes::of(fx, a.layout.ty)?;
    let signed = matches!(l.elem.ty.kind(), ty::Int(_));
    let subtract = call.name == sym::simd_saturating_sub;
    let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), call.dest.mem_addr());
    for i in 0..l.count {
        let x = l.load(fx, pa, i);
        let y = l.load(fx, pb, i);
        let r = saturating_lane(fx, x, y, signed, subtract);
        l.store(fx, out, i, r);
    }
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
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, x, y), fx.bcx.ins().iconst(ty, 0))
        } else {
            let all_ones = (u64::MAX >> (64 - ty.bits())) as i64;
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, r, x), fx.bcx.ins().iconst(ty, all_ones))
        };
        return fx.bcx.ins().select(wrapped, bound, r);
    }
    let x_r = fx.bcx.ins().bxor(x, r);
    let other = if subtract { fx.bcx.ins().bxor(x, y) } else { fx.bcx.ins().bxor(y, r) };
    let both = fx.bcx.ins().band(x_r, other);
    let overflow = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, both, 0);
    let bits = ty.bits();
    let max = fx.bcx.ins().iconst(ty, ((1u64 << (bits - 1)) - 1) as i64);
    let min = fx.bcx.ins().iconst(ty, (1u64 << (bits - 1)) as i64);
    let x_negative = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
    let bound = fx.bcx.ins().select(x_negative, min, max);
    fx.bcx.ins().select(overflow, bound, r)
}
