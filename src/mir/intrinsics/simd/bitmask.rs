//! Masks as bits: `simd_bitmask` (one bit per lane, packed) and `simd_select_bitmask`.
//!
//! The packed form is an unsigned integer or a `u8` array; either way it is a little-endian
//! list of bits, bit i for lane i, padded with zeros.

use cranelift_codegen::ir::{InstBuilder, Value, types};
use rustc_span::sym;

use super::lanes::{mask_set, read_arg, select_lane};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{Place, PlaceRepr, Val};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_bitmask => bitmask(fx, call)?,
        sym::simd_select_bitmask => select_bitmask(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Bit i of the result is the top bit of lane i (LLVM's reading of a mask lane).
fn bitmask<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (_, xs) = read_arg(fx, call, 0)?;
    let mut bytes = Vec::with_capacity(xs.len().div_ceil(8));
    for chunk in xs.chunks(8) {
        let mut byte = fx.bcx.ins().iconst(types::I8, 0);
        for (j, &x) in chunk.iter().enumerate() {
            let bit = mask_set(fx, x);
            let bit = fx.bcx.ins().ishl_imm_u(bit, j as i64);
            byte = fx.bcx.ins().bor(byte, bit);
        }
        bytes.push(byte);
    }
    write_bytes(fx, call.dest, &bytes);
    Ok(())
}

/// Stores `bytes` at the start of `place` (an integer or a byte array) and zeros after them.
pub(super) fn write_bytes<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, place: Place<'tcx>, bytes: &[Value]) {
    let size = place.layout.size.bytes();
    let base = match place.repr {
        PlaceRepr::Mem(addr, _) => addr,
        _ => fx.stack_slot(size, place.layout.align.abi.bytes()),
    };
    let zero = fx.bcx.ins().iconst(types::I8, 0);
    for k in 0..size {
        let byte = bytes.get(k as usize).copied().unwrap_or(zero);
        base.offset(fx, k as i64).store(fx, byte);
    }
    if !matches!(place.repr, PlaceRepr::Mem(..)) {
        place.write(fx, Val::mem(base, place.layout));
    }
}

/// Lane i is `a[i]` where bit i of the mask (an integer or a byte array) is set, `b[i]`
/// otherwise; bits past the lane count are ignored.
fn select_bitmask<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let mask = call.arg(fx, 0)?;
    let (l, xs) = read_arg(fx, call, 1)?;
    let (_, ys) = read_arg(fx, call, 2)?;
    // The mask is an integer or a `u8` array, not a vector: its bytes are its bits in order.
    let (addr, _) = mask.to_mem(fx);
    let mut out = Vec::with_capacity(xs.len());
    let mut byte = None;
    for i in 0..xs.len() {
        if i % 8 == 0 {
            byte = Some(addr.offset(fx, (i / 8) as i64).load(fx, types::I8));
        }
        let shifted = fx.bcx.ins().ushr_imm_u(byte.expect("loaded at lane 0"), (i % 8) as i64);
        let bit = fx.bcx.ins().band_imm_u(shifted, 1);
        out.push(select_lane(fx, bit, xs[i], ys[i]));
    }
    l.write(fx, call.dest, &out);
    Ok(())
}
