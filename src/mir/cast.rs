//! Numeric `as` casts between integers, floats and thin pointers.

use cranelift_codegen::ir::{InstBuilder, Type, Value, types};

use super::fx::FnCx;
use super::soft_float;
use crate::error::CgResult;

/// Whether values of `ty` convert as signed numbers (`as` treats floats as signed).
pub fn is_signed(ty: rustc_middle::ty::Ty<'_>) -> bool {
    matches!(ty.kind(), rustc_middle::ty::Int(_) | rustc_middle::ty::Float(_))
}

pub fn int_or_float_cast(
    fx: &mut FnCx<'_, '_, '_>,
    v: Value,
    from_signed: bool,
    to: Type,
    to_signed: bool,
) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    if from == to {
        return Ok(v);
    }
    Ok(match (from.is_int(), to.is_int()) {
        (true, true) => {
            if from.bits() > to.bits() {
                fx.bcx.ins().ireduce(to, v)
            } else if from_signed {
                fx.bcx.ins().sextend(to, v)
            } else {
                fx.bcx.ins().uextend(to, v)
            }
        }
        (true, false) => int_to_float(fx, v, from_signed, to)?,
        (false, true) => float_to_int(fx, v, to, to_signed)?,
        (false, false) => match (from, to) {
            (types::F32, types::F64) => fx.bcx.ins().fpromote(to, v),
            (types::F64, types::F32) => fx.bcx.ins().fdemote(to, v),
            _ => soft_float::float_to_float(fx, v, to)?,
        },
    })
}

fn int_to_float(fx: &mut FnCx<'_, '_, '_>, v: Value, signed: bool, to: Type) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    if soft_float::is_soft(to) {
        let v = widen_to_i32(fx, v, signed);
        return soft_float::int_to_soft(fx, v, signed, to);
    }
    if from == types::I128 {
        let name = match (signed, to) {
            (true, types::F32) => "__floattisf",
            (true, _) => "__floattidf",
            (false, types::F32) => "__floatuntisf",
            (false, _) => "__floatuntidf",
        };
        return Ok(fx.lib_call(name, &[types::I128], &[to], &[v])?[0]);
    }
    let v = widen_to_i32(fx, v, signed);
    Ok(if signed { fx.bcx.ins().fcvt_from_sint(to, v) } else { fx.bcx.ins().fcvt_from_uint(to, v) })
}

fn widen_to_i32(fx: &mut FnCx<'_, '_, '_>, v: Value, signed: bool) -> Value {
    if fx.bcx.func.dfg.value_type(v).bits() >= 32 {
        v
    } else if signed {
        fx.bcx.ins().sextend(types::I32, v)
    } else {
        fx.bcx.ins().uextend(types::I32, v)
    }
}

/// Rust's float-to-int `as` saturates and maps NaN to zero.
fn float_to_int(fx: &mut FnCx<'_, '_, '_>, v: Value, to: Type, signed: bool) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    if from == types::F16 {
        // Every f16 is exact in f32.
        let wide = soft_float::f16_to_f32(fx, v)?;
        return float_to_int(fx, wide, to, signed);
    }
    if to == types::I128 && from != types::F128 {
        let name = match (signed, from) {
            (true, types::F32) => "__fixsfti",
            (true, _) => "__fixdfti",
            (false, types::F32) => "__fixunssfti",
            (false, _) => "__fixunsdfti",
        };
        return Ok(fx.lib_call(name, &[from], &[types::I128], &[v])?[0]);
    }
    if from == types::F128 {
        if to.bits() >= 32 {
            return soft_float::f128_to_int(fx, v, to, signed);
        }
        let wide = soft_float::f128_to_int(fx, v, types::I32, signed)?;
        return Ok(clamp_to_narrow(fx, wide, to, signed));
    }
    if to.bits() >= 32 {
        return Ok(if signed {
            fx.bcx.ins().fcvt_to_sint_sat(to, v)
        } else {
            fx.bcx.ins().fcvt_to_uint_sat(to, v)
        });
    }
    // Narrow targets: saturate in 32 bits, then clamp to the target range.
    let wide = if signed {
        fx.bcx.ins().fcvt_to_sint_sat(types::I32, v)
    } else {
        fx.bcx.ins().fcvt_to_uint_sat(types::I32, v)
    };
    Ok(clamp_to_narrow(fx, wide, to, signed))
}

/// Clamps a saturated 32-bit conversion result to the range of the narrower `to`.
fn clamp_to_narrow(fx: &mut FnCx<'_, '_, '_>, wide: Value, to: Type, signed: bool) -> Value {
    let bits = to.bits();
    let clamped = if signed {
        let max = fx.bcx.ins().iconst(types::I32, (1i64 << (bits - 1)) - 1);
        let min = fx.bcx.ins().iconst(types::I32, -(1i64 << (bits - 1)));
        let upper = fx.bcx.ins().smin(wide, max);
        fx.bcx.ins().smax(upper, min)
    } else {
        let max = fx.bcx.ins().iconst(types::I32, (1i64 << bits) - 1);
        fx.bcx.ins().umin(wide, max)
    };
    fx.bcx.ins().ireduce(to, clamped)
}
