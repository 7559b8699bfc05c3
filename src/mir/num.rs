//! Arithmetic, bitwise and comparison operators.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Value, types};
use rustc_abi::FieldIdx;
use rustc_middle::mir::BinOp;
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};
use rustc_middle::ty::{self};

use super::fold;
use super::fx::FnCx;
use super::value::{Place, Val};
use crate::error::CgResult;

fn int_cc(op: BinOp, signed: bool) -> Option<IntCC> {
    Some(match (op, signed) {
        (BinOp::Eq, _) => IntCC::Equal,
        (BinOp::Ne, _) => IntCC::NotEqual,
        (BinOp::Lt, false) => IntCC::UnsignedLessThan,
        (BinOp::Lt, true) => IntCC::SignedLessThan,
        (BinOp::Le, false) => IntCC::UnsignedLessThanOrEqual,
        (BinOp::Le, true) => IntCC::SignedLessThanOrEqual,
        (BinOp::Gt, false) => IntCC::UnsignedGreaterThan,
        (BinOp::Gt, true) => IntCC::SignedGreaterThan,
        (BinOp::Ge, false) => IntCC::UnsignedGreaterThanOrEqual,
        (BinOp::Ge, true) => IntCC::SignedGreaterThanOrEqual,
        _ => return None,
    })
}

pub fn binop<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: BinOp,
    lhs: Val<'tcx>,
    rhs: Val<'tcx>,
    out: TyAndLayout<'tcx>,
) -> CgResult<Val<'tcx>> {
    match lhs.layout.ty.kind() {
        ty::Bool | ty::Char | ty::Uint(_) | ty::Int(_) => {
            let signed = matches!(lhs.layout.ty.kind(), ty::Int(_));
            let (a, b) = (lhs.load_scalar(fx), rhs.load_scalar(fx));
            Ok(Val::scalar(int_binop(fx, op, a, b, signed)?, out))
        }
        ty::Float(_) => {
            let (a, b) = (lhs.load_scalar(fx), rhs.load_scalar(fx));
            Ok(Val::scalar(float_binop(fx, op, a, b)?, out))
        }
        ty::RawPtr(..) | ty::Ref(..) | ty::FnPtr(..) => ptr_binop(fx, op, lhs, rhs, out),
        other => Err(fx.unsupported(format!("binary operator {op:?} on `{other:?}`"))),
    }
}

fn int_binop(fx: &mut FnCx<'_, '_, '_>, op: BinOp, a: Value, b: Value, signed: bool) -> CgResult<Value> {
    let dfg = &fx.bcx.func.dfg;
    if let (Some(ca), Some(cb)) = (fold::int_constant(dfg, a), fold::int_constant(dfg, b))
        && let Some((ty, bits)) = fold::int_binop(op, signed, dfg.value_type(a), ca, cb)
    {
        return Ok(fx.bcx.ins().iconst(ty, bits as i64));
    }
    if let Some(cc) = int_cc(op, signed) {
        return Ok(fx.bcx.ins().icmp(cc, a, b));
    }
    let ty = fx.bcx.func.dfg.value_type(a);
    Ok(match op {
        BinOp::Add | BinOp::AddUnchecked => fx.bcx.ins().iadd(a, b),
        BinOp::Sub | BinOp::SubUnchecked => fx.bcx.ins().isub(a, b),
        BinOp::Mul | BinOp::MulUnchecked => fx.bcx.ins().imul(a, b),
        BinOp::Div | BinOp::Rem if ty == types::I128 => {
            let name = match (op, signed) {
                (BinOp::Div, true) => "__divti3",
                (BinOp::Div, false) => "__udivti3",
                (_, true) => "__modti3",
                (_, false) => "__umodti3",
            };
            fx.lib_call(name, &[types::I128, types::I128], &[types::I128], &[a, b])?[0]
        }
        BinOp::Div if signed => fx.bcx.ins().sdiv(a, b),
        BinOp::Div => fx.bcx.ins().udiv(a, b),
        BinOp::Rem if signed => fx.bcx.ins().srem(a, b),
        BinOp::Rem => fx.bcx.ins().urem(a, b),
        BinOp::BitAnd => fx.bcx.ins().band(a, b),
        BinOp::BitOr => fx.bcx.ins().bor(a, b),
        BinOp::BitXor => fx.bcx.ins().bxor(a, b),
        BinOp::Shl | BinOp::ShlUnchecked => {
            let b = shift_amount(fx, b);
            fx.bcx.ins().ishl(a, b)
        }
        BinOp::Shr | BinOp::ShrUnchecked => {
            let b = shift_amount(fx, b);
            if signed { fx.bcx.ins().sshr(a, b) } else { fx.bcx.ins().ushr(a, b) }
        }
        BinOp::Cmp => {
            let (gt, lt) = if signed {
                (IntCC::SignedGreaterThan, IntCC::SignedLessThan)
            } else {
                (IntCC::UnsignedGreaterThan, IntCC::UnsignedLessThan)
            };
            let is_gt = fx.bcx.ins().icmp(gt, a, b);
            let is_lt = fx.bcx.ins().icmp(lt, a, b);
            fx.bcx.ins().isub(is_gt, is_lt)
        }
        other => return Err(fx.unsupported(format!("integer operator {other:?}"))),
    })
}

/// Shift amounts wider than 64 bits only matter modulo the width; Cranelift masks them.
fn shift_amount(fx: &mut FnCx<'_, '_, '_>, amount: Value) -> Value {
    if fx.bcx.func.dfg.value_type(amount) == types::I128 {
        fx.bcx.ins().ireduce(types::I64, amount)
    } else {
        amount
    }
}

fn float_binop(fx: &mut FnCx<'_, '_, '_>, op: BinOp, a: Value, b: Value) -> CgResult<Value> {
    let ty = fx.bcx.func.dfg.value_type(a);
    let cc = match op {
        BinOp::Eq => Some(FloatCC::Equal),
        BinOp::Ne => Some(FloatCC::NotEqual),
        BinOp::Lt => Some(FloatCC::LessThan),
        BinOp::Le => Some(FloatCC::LessThanOrEqual),
        BinOp::Gt => Some(FloatCC::GreaterThan),
        BinOp::Ge => Some(FloatCC::GreaterThanOrEqual),
        _ => None,
    };
    if super::soft_float::is_soft(ty) {
        return match cc {
            Some(cc) => super::soft_float::compare(fx, cc, a, b),
            None => super::soft_float::arith(fx, op, a, b),
        };
    }
    if let Some(cc) = cc {
        return Ok(fx.bcx.ins().fcmp(cc, a, b));
    }
    Ok(match op {
        BinOp::Add => fx.bcx.ins().fadd(a, b),
        BinOp::Sub => fx.bcx.ins().fsub(a, b),
        BinOp::Mul => fx.bcx.ins().fmul(a, b),
        BinOp::Div => fx.bcx.ins().fdiv(a, b),
        BinOp::Rem => {
            let name = if ty == types::F32 { "fmodf" } else { "fmod" };
            fx.lib_call(name, &[ty, ty], &[ty], &[a, b])?[0]
        }
        other => return Err(fx.unsupported(format!("float operator {other:?}"))),
    })
}

fn ptr_binop<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: BinOp,
    lhs: Val<'tcx>,
    rhs: Val<'tcx>,
    out: TyAndLayout<'tcx>,
) -> CgResult<Val<'tcx>> {
    if op == BinOp::Offset {
        let pointee = lhs.layout.ty.builtin_deref(true).expect("offset on non-pointer");
        let size = fx.layout_of(pointee).size.bytes();
        let ptr = lhs.load_scalar(fx);
        let count = rhs.load_scalar(fx);
        let bytes = fx.bcx.ins().imul_imm_s(count, size as i64);
        return Ok(Val::scalar(fx.bcx.ins().iadd(ptr, bytes), out));
    }
    let cc = int_cc(op, false).ok_or_else(|| fx.unsupported(format!("pointer operator {op:?}")))?;
    if !super::value::is_wide_ptr(fx.tcx, lhs.layout.ty) {
        let (a, b) = (lhs.load_scalar(fx), rhs.load_scalar(fx));
        return Ok(Val::scalar(fx.bcx.ins().icmp(cc, a, b), out));
    }
    // Wide pointers compare address first, then metadata.
    let (a0, a1) = lhs.load_pair(fx);
    let (b0, b1) = rhs.load_pair(fx);
    let r = match op {
        BinOp::Eq | BinOp::Ne => {
            let e0 = fx.bcx.ins().icmp(IntCC::Equal, a0, b0);
            let e1 = fx.bcx.ins().icmp(IntCC::Equal, a1, b1);
            let eq = fx.bcx.ins().band(e0, e1);
            if op == BinOp::Eq { eq } else { fx.bcx.ins().bxor_imm_s(eq, 1) }
        }
        _ => {
            let strict = match op {
                BinOp::Lt | BinOp::Le => IntCC::UnsignedLessThan,
                _ => IntCC::UnsignedGreaterThan,
            };
            let first = fx.bcx.ins().icmp(strict, a0, b0);
            let same = fx.bcx.ins().icmp(IntCC::Equal, a0, b0);
            let second = fx.bcx.ins().icmp(cc, a1, b1);
            let tie = fx.bcx.ins().band(same, second);
            fx.bcx.ins().bor(first, tie)
        }
    };
    Ok(Val::scalar(r, out))
}

/// `op` with an overflow flag; `out` is the `(T, bool)` result layout.
pub fn checked_binop<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: BinOp,
    lhs: Val<'tcx>,
    rhs: Val<'tcx>,
    out: TyAndLayout<'tcx>,
) -> CgResult<Val<'tcx>> {
    let signed = matches!(lhs.layout.ty.kind(), ty::Int(_));
    let (a, b) = (lhs.load_scalar(fx), rhs.load_scalar(fx));
    let ty = fx.bcx.func.dfg.value_type(a);
    let (result, overflow) = match (op, signed) {
        (BinOp::Add, false) => fx.bcx.ins().uadd_overflow(a, b),
        (BinOp::Add, true) => fx.bcx.ins().sadd_overflow(a, b),
        (BinOp::Sub, false) => fx.bcx.ins().usub_overflow(a, b),
        (BinOp::Sub, true) => fx.bcx.ins().ssub_overflow(a, b),
        (BinOp::Mul, _) if ty == types::I128 => {
            let flag = fx.stack_slot(4, 4);
            let flag_addr = flag.addr(fx);
            let name = if signed { "__rust_i128_mulo" } else { "__rust_u128_mulo" };
            let ptr = fx.ptr_ty;
            let r =
                fx.lib_call(name, &[types::I128, types::I128, ptr], &[types::I128], &[a, b, flag_addr])?[0];
            let flag = flag.load(fx, types::I32);
            let o = fx.bcx.ins().icmp_imm_s(IntCC::NotEqual, flag, 0);
            (r, o)
        }
        (BinOp::Mul, false) => fx.bcx.ins().umul_overflow(a, b),
        (BinOp::Mul, true) => fx.bcx.ins().smul_overflow(a, b),
        _ => return Err(fx.unsupported(format!("checked operator {op:?}"))),
    };
    let value_layout = out.field(fx, 0);
    let flag_layout = out.field(fx, 1);
    if matches!(out.backend_repr, rustc_abi::BackendRepr::ScalarPair { .. }) {
        return Ok(Val::pair(result, overflow, out));
    }
    let tmp = Place::new_stack(fx, out);
    tmp.field(fx, FieldIdx::from_u32(0))?.write(fx, Val::scalar(result, value_layout));
    tmp.field(fx, FieldIdx::from_u32(1))?.write(fx, Val::scalar(overflow, flag_layout));
    Ok(tmp.to_val(fx))
}
