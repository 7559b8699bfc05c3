//! Moving lanes around: `simd_splat`, `simd_shuffle`, `simd_extract`/`simd_insert` and their
//! dynamic-index forms.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_middle::mir::interpret::Scalar;
use rustc_middle::mir::{ConstValue, Operand};
use rustc_middle::ty;
use rustc_span::sym;

use super::lanes::{Lanes, read_arg, select_lane};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::Val;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_splat => {
            let l = Lanes::of(fx, call.dest.layout.ty)?;
            let x = call.scalar(fx, 0)?;
            l.write(fx, call.dest, &vec![x; l.count as usize]);
        }
        sym::simd_extract | sym::simd_extract_dyn => {
            let (_, xs) = read_arg(fx, call, 0)?;
            let x = pick(fx, call, 1, &xs)?;
            call.dest.write(fx, Val::scalar(x, call.dest.layout));
        }
        sym::simd_insert | sym::simd_insert_dyn => insert(fx, call)?,
        sym::simd_shuffle => shuffle(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Lane `index` (argument `arg` of the call) of `lanes`: the lane itself when the index is a
/// constant, otherwise a chain of selects (an out-of-range index, undefined behaviour, gives
/// lane 0).
fn pick<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
    arg: usize,
    lanes: &[Value],
) -> CgResult<Value> {
    if let Some(i) = const_index(fx, &call.args[arg].node) {
        return lanes
            .get(i as usize)
            .copied()
            .ok_or_else(|| fx.unsupported("a SIMD lane index out of bounds"));
    }
    let index = call.scalar(fx, arg)?;
    Ok(pick_dyn(fx, index, lanes))
}

fn pick_dyn(fx: &mut FnCx<'_, '_, '_>, index: Value, lanes: &[Value]) -> Value {
    let mut r = lanes[0];
    for (i, &lane) in lanes.iter().enumerate().skip(1) {
        let hit = fx.bcx.ins().icmp_imm_u(IntCC::Equal, index, i as i64);
        r = select_lane(fx, hit, lane, r);
    }
    r
}

pub(in crate::mir::intrinsics) fn const_index<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: &Operand<'tcx>,
) -> Option<u64> {
    match op {
        Operand::Constant(c) => crate::mir::constant::const_int(fx, c).map(|i| i as u64),
        _ => None,
    }
}

/// The vector with lane `index` replaced by the value; the other lanes are unchanged.
fn insert<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, mut xs) = read_arg(fx, call, 0)?;
    let x = call.scalar(fx, 2)?;
    if let Some(i) = const_index(fx, &call.args[1].node) {
        let lane = xs.get_mut(i as usize).ok_or_else(|| fx.unsupported("a SIMD lane index out of bounds"))?;
        *lane = x;
    } else {
        let index = call.scalar(fx, 1)?;
        for (i, lane) in xs.iter_mut().enumerate() {
            let hit = fx.bcx.ins().icmp_imm_u(IntCC::Equal, index, i as i64);
            *lane = select_lane(fx, hit, x, *lane);
        }
    }
    l.write(fx, call.dest, &xs);
    Ok(())
}

/// Lane i of the result is lane `idx[i]` of the concatenation of x and y. The indices are a
/// constant vector of `u32` (checked in bounds by the type checker).
fn shuffle<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, mut xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    xs.extend(ys);
    let out_lanes = Lanes::of(fx, call.dest.layout.ty)?;
    let n = out_lanes.count as usize;
    let out: Vec<Value> = match const_indices(fx, &call.args[2].node, n) {
        Some(indices) => indices
            .into_iter()
            .map(|k| {
                xs.get(k as usize)
                    .copied()
                    .ok_or_else(|| fx.unsupported("a SIMD shuffle index out of bounds"))
            })
            .collect::<CgResult<_>>()?,
        None => {
            let (_, ks) = read_arg(fx, call, 2)?;
            ks.into_iter().map(|k| pick_dyn(fx, k, &xs)).collect()
        }
    };
    debug_assert_eq!(l.ty, out_lanes.ty);
    out_lanes.write(fx, call.dest, &out);
    Ok(())
}

/// The `n` little-endian `u32` indices of a constant shuffle index vector (or array).
pub(in crate::mir::intrinsics) fn const_indices<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: &Operand<'tcx>,
    n: usize,
) -> Option<Vec<u32>> {
    let Operand::Constant(c) = op else { return None };
    let konst = fx.monomorphize(c.const_);
    let value = konst.eval(fx.tcx, ty::TypingEnv::fully_monomorphized(), c.span).ok()?;
    let bytes: Vec<u8> = match value {
        ConstValue::Indirect { alloc_id, offset } => {
            let alloc = fx.tcx.global_alloc(alloc_id).unwrap_memory();
            let start = offset.bytes_usize();
            let range = start..start + 4 * n;
            alloc.inner().inspect_with_uninit_and_ptr_outside_interpreter(range).to_vec()
        }
        ConstValue::Scalar(Scalar::Int(int)) => int.to_bits(int.size()).to_le_bytes().get(..4 * n)?.to_vec(),
        _ => return None,
    };
    Some(bytes.as_chunks::<4>().0.iter().map(|b| u32::from_le_bytes(*b)).collect())
}
