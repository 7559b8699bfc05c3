//! Lane-wise numeric conversions: `simd_cast` and `simd_as` (both as Rust's `as` does them).

use rustc_span::sym;

use super::lanes::{Lanes, vec_addr};
use crate::mir::cast::{int_or_float_cast, is_signed};
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    if !matches!(call.name, sym::simd_cast | sym::simd_as) {
        return Ok(false);
    }
    let v = call.arg(fx, 0)?;
    let il = Lanes::of(fx, v.layout.ty)?;
    let ol = Lanes::of(fx, call.dest.layout.ty)?;
    let (p, out) = (vec_addr(fx, v), call.dest.mem_addr());
    let (from_signed, to_signed) = (is_signed(il.elem.ty), is_signed(ol.elem.ty));
    for i in 0..il.count {
        let x = il.load(fx, p, i);
        let r = int_or_float_cast(fx, x, from_signed, ol.ty, to_signed)?;
        ol.store(fx, out, i, r);
    }
    Ok(true)
}
