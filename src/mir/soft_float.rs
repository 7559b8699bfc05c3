//! `f16` and `f128`. Cranelift can load, store, pass and bitcast these types but has no
//! arithmetic, comparison or conversion for them on x86-64, so this module expresses each
//! operation the way LLVM legalizes it on the same target, which keeps results bit-identical
//! with the LLVM-built program:
//! - `f16` values are widened to `f32` (exactly), computed there and rounded back once. For
//!   `+ - * / sqrt` that double rounding is harmless because `f32` carries more than twice
//!   the significand bits of `f16` plus two.
//! - `f128` operations call compiler-builtins (`__addtf3`, `__lttf2`, ...) or glibc's
//!   `_Float128` math functions (`sqrtf128`, `fmodf128`, ...).

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::mir::BinOp;

use super::float_ops::FloatOp;
use super::fx::FnCx;
use super::value::{bitcast_to, const_bits};
use crate::error::CgResult;

/// The floating point types handled here rather than by Cranelift instructions.
pub fn is_soft(ty: Type) -> bool {
    ty == types::F16 || ty == types::F128
}

/// The integer type with the same bits as the float type `ty`.
fn bits_type(ty: Type) -> Type {
    Type::int(ty.bits() as u16).expect("float types have integer twins")
}

fn call1(fx: &mut FnCx<'_, '_, '_>, name: &str, v: Value, to: Type) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    Ok(fx.lib_call(name, &[from], &[to], &[v])?[0])
}

/// `f16` widened to `f32`. With F16C, LLVM widens with VCVTPH2PS, which quiets a signalling
/// NaN; without it, with `__extendhfsf2`, which keeps it signalling.
pub fn f16_to_f32(fx: &mut FnCx<'_, '_, '_>, v: Value) -> CgResult<Value> {
    let wide = call1(fx, "__extendhfsf2", v, types::F32)?;
    if !fx.enables_feature("f16c") {
        return Ok(wide);
    }
    let bits = bitcast_to(fx, types::I32, wide);
    let quiet = fx.bcx.ins().bor_imm_u(bits, 0x0040_0000);
    let quiet = bitcast_to(fx, types::F32, quiet);
    let is_nan = fx.bcx.ins().fcmp(FloatCC::Unordered, wide, wide);
    Ok(fx.bcx.ins().select(is_nan, quiet, wide))
}

pub fn f32_to_f16(fx: &mut FnCx<'_, '_, '_>, v: Value) -> CgResult<Value> {
    call1(fx, "__truncsfhf2", v, types::F16)
}

/// `as` between two float types, at least one of them soft.
pub fn float_to_float(fx: &mut FnCx<'_, '_, '_>, v: Value, to: Type) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    use types::{F16, F32, F64, F128};
    Ok(match (from, to) {
        (F16, F32) => f16_to_f32(fx, v)?,
        (F16, F64) => {
            let wide = f16_to_f32(fx, v)?;
            fx.bcx.ins().fpromote(F64, wide)
        }
        (F16, F128) => call1(fx, "__extendhftf2", v, F128)?,
        (F32, F16) => f32_to_f16(fx, v)?,
        (F64, F16) => call1(fx, "__truncdfhf2", v, F16)?,
        (F128, F16) => call1(fx, "__trunctfhf2", v, F16)?,
        (F32, F128) => call1(fx, "__extendsftf2", v, F128)?,
        (F64, F128) => call1(fx, "__extenddftf2", v, F128)?,
        (F128, F32) => call1(fx, "__trunctfsf2", v, F32)?,
        (F128, F64) => call1(fx, "__trunctfdf2", v, F64)?,
        _ => return Err(fx.unsupported(format!("casts between {from} and {to}"))),
    })
}

/// `as` from an integer (already at least 32 bits wide) to a soft float.
pub fn int_to_soft(fx: &mut FnCx<'_, '_, '_>, v: Value, signed: bool, to: Type) -> CgResult<Value> {
    let from = fx.bcx.func.dfg.value_type(v);
    if to == types::F16 {
        // LLVM converts to f32 first and rounds that to f16; doing the same keeps results equal.
        let wide = super::cast::int_or_float_cast(fx, v, signed, types::F32, false)?;
        return f32_to_f16(fx, wide);
    }
    let name = match (signed, from.bits()) {
        (true, 32) => "__floatsitf",
        (true, 64) => "__floatditf",
        (true, _) => "__floattitf",
        (false, 32) => "__floatunsitf",
        (false, 64) => "__floatunditf",
        (false, _) => "__floatuntitf",
    };
    call1(fx, name, v, to)
}

/// Saturating `as` from `f128` to an integer of 32, 64 or 128 bits: NaN gives 0, values out of
/// range give the nearest bound, as Rust requires.
pub fn f128_to_int(fx: &mut FnCx<'_, '_, '_>, v: Value, to: Type, signed: bool) -> CgResult<Value> {
    let bits = to.bits();
    let name = match (signed, bits) {
        (true, 32) => "__fixtfsi",
        (true, 64) => "__fixtfdi",
        (true, _) => "__fixtfti",
        (false, 32) => "__fixunstfsi",
        (false, 64) => "__fixunstfdi",
        (false, _) => "__fixunstfti",
    };
    let truncated = call1(fx, name, v, to)?;
    // Powers of two are exact in f128: sign | biased exponent, zero significand.
    let pow2 =
        |k: u32, negative: bool| -> u128 { ((negative as u128) << 127) | ((16383 + k as u128) << 112) };
    let (low_bound, high_bound) =
        if signed { (pow2(bits - 1, true), pow2(bits - 1, false)) } else { (0, pow2(bits, false)) };
    let low = const_bits(fx, types::F128, low_bound);
    let high = const_bits(fx, types::F128, high_bound);
    let below = f128_compare(fx, FloatCC::LessThan, v, low)?;
    let above = f128_compare(fx, FloatCC::GreaterThanOrEqual, v, high)?;
    let is_nan = f128_compare(fx, FloatCC::NotEqual, v, v)?;
    let (min, max) = if signed {
        let min = const_bits(fx, to, 1u128 << (bits - 1));
        let max = const_bits(fx, to, (1u128 << (bits - 1)) - 1);
        (min, max)
    } else {
        (const_bits(fx, to, 0), const_bits(fx, to, u128::MAX >> (128 - bits)))
    };
    let zero = const_bits(fx, to, 0);
    let r = fx.bcx.ins().select(below, min, truncated);
    let r = fx.bcx.ins().select(above, max, r);
    Ok(fx.bcx.ins().select(is_nan, zero, r))
}

/// Ordered/unordered comparison of two `f128`s through compiler-builtins, which return an
/// `i32` whose sign encodes the order (and a value making the predicate false for NaN).
fn f128_compare(fx: &mut FnCx<'_, '_, '_>, cc: FloatCC, a: Value, b: Value) -> CgResult<Value> {
    let (name, int_cc) = match cc {
        FloatCC::Equal => ("__eqtf2", IntCC::Equal),
        FloatCC::NotEqual => ("__netf2", IntCC::NotEqual),
        FloatCC::LessThan => ("__lttf2", IntCC::SignedLessThan),
        FloatCC::LessThanOrEqual => ("__letf2", IntCC::SignedLessThanOrEqual),
        FloatCC::GreaterThan => ("__gttf2", IntCC::SignedGreaterThan),
        FloatCC::GreaterThanOrEqual => ("__getf2", IntCC::SignedGreaterThanOrEqual),
        other => rustc_middle::bug!("f128 comparison {other:?} is never emitted"),
    };
    let order = fx.lib_call(name, &[types::F128, types::F128], &[types::I32], &[a, b])?[0];
    Ok(fx.bcx.ins().icmp_imm_s(int_cc, order, 0))
}

/// A comparison of two soft floats of the same type; `cc` is one of the six Rust operators.
pub fn compare(fx: &mut FnCx<'_, '_, '_>, cc: FloatCC, a: Value, b: Value) -> CgResult<Value> {
    if fx.bcx.func.dfg.value_type(a) == types::F128 {
        return f128_compare(fx, cc, a, b);
    }
    let (a, b) = (f16_to_f32(fx, a)?, f16_to_f32(fx, b)?);
    Ok(fx.bcx.ins().fcmp(cc, a, b))
}

/// `+ - * / %` on two soft floats of the same type.
pub fn arith(fx: &mut FnCx<'_, '_, '_>, op: BinOp, a: Value, b: Value) -> CgResult<Value> {
    let ty = fx.bcx.func.dfg.value_type(a);
    if ty == types::F16 {
        let (a, b) = (f16_to_f32(fx, a)?, f16_to_f32(fx, b)?);
        let r = match op {
            BinOp::Add => fx.bcx.ins().fadd(a, b),
            BinOp::Sub => fx.bcx.ins().fsub(a, b),
            BinOp::Mul => fx.bcx.ins().fmul(a, b),
            BinOp::Div => fx.bcx.ins().fdiv(a, b),
            BinOp::Rem => fx.lib_call("fmodf", &[types::F32, types::F32], &[types::F32], &[a, b])?[0],
            other => return Err(fx.unsupported(format!("float operator {other:?} on {ty}"))),
        };
        return f32_to_f16(fx, r);
    }
    let name = match op {
        BinOp::Add => "__addtf3",
        BinOp::Sub => "__subtf3",
        BinOp::Mul => "__multf3",
        BinOp::Div => "__divtf3",
        BinOp::Rem => "fmodf128",
        other => return Err(fx.unsupported(format!("float operator {other:?} on {ty}"))),
    };
    Ok(fx.lib_call(name, &[ty, ty], &[ty], &[a, b])?[0])
}

/// Flips the sign bit, which is what negation means for every IEEE value including NaN.
pub fn negate(fx: &mut FnCx<'_, '_, '_>, v: Value) -> Value {
    let ty = fx.bcx.func.dfg.value_type(v);
    let int_ty = bits_type(ty);
    let bits = bitcast_to(fx, int_ty, v);
    let sign = const_bits(fx, int_ty, 1u128 << (ty.bits() - 1));
    let flipped = fx.bcx.ins().bxor(bits, sign);
    bitcast_to(fx, ty, flipped)
}

fn abs(fx: &mut FnCx<'_, '_, '_>, v: Value) -> Value {
    let ty = fx.bcx.func.dfg.value_type(v);
    let int_ty = bits_type(ty);
    let bits = bitcast_to(fx, int_ty, v);
    let magnitude = const_bits(fx, int_ty, (1u128 << (ty.bits() - 1)) - 1);
    let cleared = fx.bcx.ins().band(bits, magnitude);
    bitcast_to(fx, ty, cleared)
}

fn copysign(fx: &mut FnCx<'_, '_, '_>, magnitude: Value, sign: Value) -> Value {
    let ty = fx.bcx.func.dfg.value_type(magnitude);
    let int_ty = bits_type(ty);
    let sign_mask = const_bits(fx, int_ty, 1u128 << (ty.bits() - 1));
    let m = abs(fx, magnitude);
    let m = bitcast_to(fx, int_ty, m);
    let s = bitcast_to(fx, int_ty, sign);
    let s = fx.bcx.ins().band(s, sign_mask);
    let r = fx.bcx.ins().bor(m, s);
    bitcast_to(fx, ty, r)
}

/// IEEE 754-2019 `minimum`/`maximum` on `f128`: NaN wins, and -0 orders below +0 (for equal
/// operands, OR-ing the bits gives -0 if either is -0, AND-ing gives +0 unless both are).
fn f128_minimum_maximum(fx: &mut FnCx<'_, '_, '_>, a: Value, b: Value, want_min: bool) -> CgResult<Value> {
    let a_nan = f128_compare(fx, FloatCC::NotEqual, a, a)?;
    let b_nan = f128_compare(fx, FloatCC::NotEqual, b, b)?;
    let a_wins = f128_compare(fx, if want_min { FloatCC::LessThan } else { FloatCC::GreaterThan }, a, b)?;
    let b_wins = f128_compare(fx, if want_min { FloatCC::GreaterThan } else { FloatCC::LessThan }, a, b)?;
    let (ai, bi) = (bitcast_to(fx, types::I128, a), bitcast_to(fx, types::I128, b));
    let tie = if want_min { fx.bcx.ins().bor(ai, bi) } else { fx.bcx.ins().band(ai, bi) };
    let tie = bitcast_to(fx, types::F128, tie);
    let r = fx.bcx.ins().select(b_wins, b, tie);
    let r = fx.bcx.ins().select(a_wins, a, r);
    let r = fx.bcx.ins().select(b_nan, b, r);
    Ok(fx.bcx.ins().select(a_nan, a, r))
}

/// Computes a float operation on `f32` operands (the f16 forms widen to f32 and call it).
pub type F32Op<'a> = dyn FnMut(&mut FnCx<'_, '_, '_>, &[Value]) -> CgResult<Option<Value>> + 'a;

/// The float intrinsic `op` on soft floats; `None` when it has no soft-float lowering.
/// `compute_f32` evaluates an operation on `f32` values, used for the `f16` forms.
pub fn intrinsic(
    fx: &mut FnCx<'_, '_, '_>,
    op: FloatOp,
    args: &[Value],
    compute_f32: &mut F32Op<'_>,
) -> CgResult<Option<Value>> {
    let ty = fx.bcx.func.dfg.value_type(args[0]);
    match op {
        FloatOp::Abs => return Ok(Some(abs(fx, args[0]))),
        FloatOp::CopySign => return Ok(Some(copysign(fx, args[0], args[1]))),
        _ => {}
    }
    if ty == types::F16 {
        if matches!(op, FloatOp::Fma | FloatOp::MulAdd) {
            // a*b is exact in f64 and the sum is rounded there before the final rounding.
            let mut wide = Vec::with_capacity(args.len());
            for &v in args {
                let w = f16_to_f32(fx, v)?;
                wide.push(fx.bcx.ins().fpromote(types::F64, w));
            }
            let r = fx.lib_call("fma", &[types::F64; 3], &[types::F64], &wide)?[0];
            return Ok(Some(call1(fx, "__truncdfhf2", r, types::F16)?));
        }
        let mut wide = Vec::with_capacity(args.len());
        for &v in args {
            let is_f16 = fx.bcx.func.dfg.value_type(v) == types::F16;
            wide.push(if is_f16 { f16_to_f32(fx, v)? } else { v });
        }
        return match compute_f32(fx, &wide)? {
            Some(r) => Ok(Some(f32_to_f16(fx, r)?)),
            None => Ok(None),
        };
    }
    match op {
        FloatOp::Minimum | FloatOp::Maximum => {
            Ok(Some(f128_minimum_maximum(fx, args[0], args[1], op == FloatOp::Minimum)?))
        }
        FloatOp::Powi => {
            Ok(Some(fx.lib_call("__powitf2", &[types::F128, types::I32], &[types::F128], args)?[0]))
        }
        _ => match op.libm_stem() {
            Some(stem) => {
                let params = vec![types::F128; args.len()];
                Ok(Some(fx.lib_call(&format!("{stem}f128"), &params, &[types::F128], args)?[0]))
            }
            None => Ok(None),
        },
    }
}
