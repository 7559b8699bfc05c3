//! Lane-wise conversions: `simd_cast` and `simd_as` between numbers, and the pointer-lane
//! intrinsics (`simd_cast_ptr`, `simd_expose_provenance`, `simd_with_exposed_provenance`,
//! `simd_arith_offset`).

use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_middle::ty::layout::LayoutOf;
use rustc_span::sym;

use super::lanes::{Lanes, read_arg};
use crate::error::CgResult;
use crate::mir::cast::{int_or_float_cast, is_signed};
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_cast | sym::simd_as => cast(fx, call)?,
        // Pointers and addresses are the same 64-bit lanes.
        sym::simd_cast_ptr | sym::simd_expose_provenance | sym::simd_with_exposed_provenance => {
            let (_, xs) = read_arg(fx, call, 0)?;
            let out = Lanes::of(fx, call.dest.layout.ty)?;
            out.write(fx, call.dest, &xs);
        }
        sym::simd_arith_offset => arith_offset(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Integers truncate or extend by their source signedness, int↔float conversions round to
/// nearest, floats widen or narrow: as `as` does. Float to integer saturates (NaN → 0) for
/// both: that is `simd_as`, and for `simd_cast` the result of a value out of range (undefined
/// behaviour) is left unspecified, so the in-range results, which agree, are what counts.
fn cast<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (il, xs) = read_arg(fx, call, 0)?;
    let ol = Lanes::of(fx, call.dest.layout.ty)?;
    let (from_signed, to_signed) = (is_signed(il.elem.ty), is_signed(ol.elem.ty));
    let mut out = Vec::with_capacity(xs.len());
    for x in xs {
        out.push(int_or_float_cast(fx, x, from_signed, ol.ty, to_signed)?);
    }
    ol.write(fx, call.dest, &out);
    Ok(())
}

/// `ptr.wrapping_offset(n)` lane by lane: the address plus `n` times the pointee's size.
fn arith_offset<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, ps) = read_arg(fx, call, 0)?;
    let (_, ns) = read_arg(fx, call, 1)?;
    let pointee = l
        .elem
        .ty
        .builtin_deref(true)
        .ok_or_else(|| fx.unsupported("`simd_arith_offset` on non-pointer lanes"))?;
    let size = fx.layout_of(pointee).size.bytes() as i64;
    let out: Vec<Value> = ps
        .into_iter()
        .zip(ns)
        .map(|(p, n)| {
            let bytes = fx.bcx.ins().imul_imm_s(n, size);
            fx.bcx.ins().iadd(p, bytes)
        })
        .collect();
    l.write(fx, call.dest, &out);
    Ok(())
}
