//! Masked memory access: `simd_masked_load`/`simd_masked_store` (consecutive elements from one
//! pointer) and `simd_gather`/`simd_scatter` (a vector of pointers).
//!
//! A lane whose mask is clear must not touch memory. Rather than branching per lane, each
//! access goes through an address selected between the lane's pointer and a scratch stack slot:
//! a masked-off load reads the pass-through value from the slot, a masked-off store writes the
//! slot. The alignment argument of the masked forms only promises alignment; x86-64 loads and
//! stores do not need it.

use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_span::sym;

use super::lanes::{Lanes, mask_set, read_arg};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::MemAddr;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_masked_load => {
            // (mask, pointer to the first element, pass-through vector)
            let (_, ms) = read_arg(fx, call, 0)?;
            let base = call.scalar(fx, 1)?;
            let (l, passthru) = read_arg(fx, call, 2)?;
            let ptrs = consecutive(fx, &l, base);
            let out = load_lanes(fx, &l, &ms, &ptrs, &passthru);
            l.write(fx, call.dest, &out);
        }
        sym::simd_gather => {
            // (pass-through vector, vector of pointers, mask)
            let (l, passthru) = read_arg(fx, call, 0)?;
            let (_, ptrs) = read_arg(fx, call, 1)?;
            let (_, ms) = read_arg(fx, call, 2)?;
            let out = load_lanes(fx, &l, &ms, &ptrs, &passthru);
            l.write(fx, call.dest, &out);
        }
        sym::simd_masked_store => {
            // (mask, pointer to the first element, values)
            let (_, ms) = read_arg(fx, call, 0)?;
            let base = call.scalar(fx, 1)?;
            let (l, vals) = read_arg(fx, call, 2)?;
            let ptrs = consecutive(fx, &l, base);
            store_lanes(fx, &l, &ms, &ptrs, &vals);
        }
        sym::simd_scatter => scatter(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// (values, vector of pointers, mask); the stores happen in lane order.
fn scatter<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, vals) = read_arg(fx, call, 0)?;
    let (_, ptrs) = read_arg(fx, call, 1)?;
    let (_, ms) = read_arg(fx, call, 2)?;
    store_lanes(fx, &l, &ms, &ptrs, &vals);
    Ok(())
}

/// The addresses of lanes 0, 1, ... of an array of lane elements at `base`.
fn consecutive(fx: &mut FnCx<'_, '_, '_>, l: &Lanes<'_>, base: Value) -> Vec<Value> {
    let size = l.elem.size.bytes() as i64;
    (0..l.count as i64).map(|i| fx.bcx.ins().iadd_imm_s(base, i * size)).collect()
}

fn scratch(fx: &mut FnCx<'_, '_, '_>, l: &Lanes<'_>) -> Value {
    fx.stack_slot(l.elem.size.bytes(), l.elem.align.abi.bytes()).addr(fx)
}

/// Lane i is loaded from `ptrs[i]` where mask lane i is set and is `passthru[i]` otherwise.
fn load_lanes(
    fx: &mut FnCx<'_, '_, '_>,
    l: &Lanes<'_>,
    ms: &[Value],
    ptrs: &[Value],
    passthru: &[Value],
) -> Vec<Value> {
    let slot = scratch(fx, l);
    let mut out = Vec::with_capacity(ptrs.len());
    for i in 0..ptrs.len() {
        MemAddr::value(slot).store(fx, passthru[i]);
        let set = mask_set(fx, ms[i]);
        let addr = fx.bcx.ins().select(set, ptrs[i], slot);
        out.push(MemAddr::value(addr).load(fx, l.ty));
    }
    out
}

/// Stores `vals[i]` to `ptrs[i]` where mask lane i is set, in lane order.
fn store_lanes(fx: &mut FnCx<'_, '_, '_>, l: &Lanes<'_>, ms: &[Value], ptrs: &[Value], vals: &[Value]) {
    let slot = scratch(fx, l);
    for i in 0..ptrs.len() {
        let set = mask_set(fx, ms[i]);
        let addr = fx.bcx.ins().select(set, ptrs[i], slot);
        MemAddr::value(addr).store(fx, vals[i]);
    }
}
