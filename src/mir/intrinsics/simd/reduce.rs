//! Reductions of a vector to a scalar: the bitwise and boolean reductions, and `simd_bitmask`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_span::sym;

use super::lanes::{Lanes, vec_addr};
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{Place, PlaceRepr, Val};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_reduce_any
        | sym::simd_reduce_all
        | sym::simd_reduce_or
        | sym::simd_reduce_and
        | sym::simd_reduce_xor => {}
        sym::simd_bitmask => return bitmask(fx, call),
        _ => return Ok(false),
    }
    let v = call.arg(fx, 0)?;
    let l = Lanes::of(fx, v.layout.ty)?;
    let p = vec_addr(fx, v);
    let mut acc = l.load(fx, p, 0);
    for i in 1..l.count {
        let x = l.load(fx, p, i);
        acc = match call.name {
            sym::simd_reduce_any | sym::simd_reduce_or => fx.bcx.ins().bor(acc, x),
            sym::simd_reduce_xor => fx.bcx.ins().bxor(acc, x),
            _ => fx.bcx.ins().band(acc, x),
        };
    }
    let r = if matches!(call.name, sym::simd_reduce_any | sym::simd_reduce_all) {
        fx.bcx.ins().icmp_imm_s(IntCC::NotEqual, acc, 0)
    } else {
        acc
    };
    call.dest.write(fx, Val::scalar(r, call.dest.layout));
    Ok(true)
}

/// Bit i of the result is the sign bit of lane i.
fn bitmask<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let v = call.arg(fx, 0)?;
    let l = Lanes::of(fx, v.layout.ty)?;
    let p = vec_addr(fx, v);
    let mut bits = fx.bcx.ins().iconst(types::I64, 0);
    for i in 0..l.count {
        let x = l.load(fx, p, i);
        let neg = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
        let wide = fx.bcx.ins().uextend(types::I64, neg);
        let shifted = fx.bcx.ins().ishl_imm_u(wide, i as i64);
        bits = fx.bcx.ins().bor(bits, shifted);
    }
    let size = call.dest.layout.size.bytes();
    let int_ty = Type::int((size * 8) as u16).ok_or_else(|| fx.unsupported("wide SIMD bitmasks"))?;
    let r = if int_ty.bits() < 64 { fx.bcx.ins().ireduce(int_ty, bits) } else { bits };
    store_leading(fx, call.dest, r);
    Ok(true)
}

/// Stores a scalar into the first bytes of `place`, which may be an integer or a byte array.
fn store_leading<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, place: Place<'tcx>, v: Value) {
    match place.repr {
        PlaceRepr::Mem(addr, _) => addr.store(fx, v),
        _ => place.write(fx, Val::scalar(v, place.layout)),
    }
}
