//! Vector instructions for SIMD vectors made of 128-bit pieces of integer, pointer, `f32` or
//! `f64` lanes: a 128-bit vector is one piece held in a register (`value::vector_type`); a
//! 256- or 512-bit one (AVX/AVX-512 types) lives in memory and is worked on one 128-bit piece
//! at a time. Each lowering here computes what the lane-by-lane families compute, in one or a
//! few instructions per piece, so SIMD code does not go through memory once per lane; anything
//! else (other shapes, lane types Cranelift's x86-64 backend has no instruction for,
//! non-constant indices) is left to those families.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_abi::BackendRepr;
use rustc_middle::ty::layout::TyAndLayout;
use rustc_span::{Symbol, sym};
use smallvec::SmallVec;

use super::bitmask::write_bytes;
use super::shuffle::{const_index, const_indices};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{PlaceRepr, Val, bitcast_to};
use crate::signature::vector_lane_type;

/// At most 512 bits of vector: four pieces.
const MAX_PIECES: usize = 4;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_add
        | sym::simd_sub
        | sym::simd_mul
        | sym::simd_div
        | sym::simd_and
        | sym::simd_or
        | sym::simd_xor
        | sym::simd_saturating_add
        | sym::simd_saturating_sub => binary(fx, call),
        sym::simd_eq | sym::simd_ne | sym::simd_lt | sym::simd_le | sym::simd_gt | sym::simd_ge => {
            compare(fx, call)
        }
        sym::simd_neg | sym::simd_fabs | sym::simd_fsqrt => unary(fx, call),
        sym::simd_select => select(fx, call),
        sym::simd_bitmask => bitmask(fx, call),
        sym::simd_splat => splat(fx, call),
        sym::simd_extract | sym::simd_insert => lane_access(fx, call),
        sym::simd_shuffle => shuffle(fx, call),
        _ => Ok(false),
    }
}

/// How a SIMD layout splits into 128-bit pieces: the CLIF type of a piece and their number.
#[derive(Clone, Copy, PartialEq)]
struct Split {
    piece: Type,
    count: usize,
}

fn split_of(fx: &FnCx<'_, '_, '_>, layout: TyAndLayout<'_>) -> Option<Split> {
    let BackendRepr::SimdVector { element, count } = layout.backend_repr else { return None };
    let lane = vector_lane_type(fx.tcx, element)?;
    let bits = u64::from(lane.bits()) * count;
    if bits % 128 != 0 || bits / 128 > MAX_PIECES as u64 {
        return None;
    }
    Some(Split { piece: lane.by(128 / lane.bits())?, count: (bits / 128) as usize })
}

/// A vector operand as its 128-bit pieces, lowest lanes first.
struct Pieces<'tcx> {
    values: SmallVec<[Value; MAX_PIECES]>,
    split: Split,
    val: Val<'tcx>,
}

/// Operand `i` in pieces, or `None` when its type does not split into 128-bit pieces.
fn operand<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
    i: usize,
) -> CgResult<Option<Pieces<'tcx>>> {
    let val = call.arg(fx, i)?;
    let Some(split) = split_of(fx, val.layout) else { return Ok(None) };
    let values = if split.count == 1 {
        let v = val.load_scalar(fx);
        SmallVec::from_elem(bitcast_to(fx, split.piece, v), 1)
    } else {
        let (addr, _) = val.to_mem(fx);
        (0..split.count).map(|k| addr.offset(fx, 16 * k as i64).load(fx, split.piece)).collect()
    };
    Ok(Some(Pieces { values, split, val }))
}

/// Writes `pieces` (of any 128-bit lane types) to the destination, which must split the same way.
fn finish<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>, pieces: &[Value]) -> Handled {
    let Some(split) = split_of(fx, call.dest.layout) else { return Ok(false) };
    if split.count != pieces.len() {
        return Ok(false);
    }
    if split.count == 1 {
        let v = bitcast_to(fx, split.piece, pieces[0]);
        call.dest.write(fx, Val::scalar(v, call.dest.layout));
        return Ok(true);
    }
    let base = match call.dest.repr {
        PlaceRepr::Mem(addr, _) => addr,
        _ => return Ok(false),
    };
    for (k, &v) in pieces.iter().enumerate() {
        let v = bitcast_to(fx, split.piece, v);
        base.offset(fx, 16 * k as i64).store(fx, v);
    }
    Ok(true)
}

/// Applies `op` to the pieces of two operands, pairwise.
fn pairwise(
    fx: &mut FnCx<'_, '_, '_>,
    a: &Pieces<'_>,
    b: &Pieces<'_>,
    op: impl Fn(&mut FnCx<'_, '_, '_>, Value, Value) -> Value,
) -> SmallVec<[Value; MAX_PIECES]> {
    a.values.iter().zip(&b.values).map(|(&x, &y)| op(fx, x, y)).collect()
}

/// Whether the target ISA has the Cranelift x86 feature `flag` (e.g. `has_ssse3`).
fn isa_has(fx: &FnCx<'_, '_, '_>, flag: &str) -> bool {
    use cranelift_module::Module;
    fx.module.isa().isa_flags().iter().any(|v| v.name == flag && v.as_bool() == Some(true))
}

fn is_signed<'tcx>(fx: &FnCx<'_, '_, 'tcx>, val: &Val<'tcx>) -> bool {
    let (_, elem) = val.layout.ty.simd_size_and_type(fx.tcx);
    matches!(elem.kind(), rustc_middle::ty::Int(_))
}

/// Two operands of the same split.
fn two_operands<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &IntrinsicCall<'_, 'tcx>,
) -> CgResult<Option<(Pieces<'tcx>, Pieces<'tcx>)>> {
    if split_of(fx, call.dest.layout).is_none() {
        return Ok(None);
    }
    let Some(a) = operand(fx, call, 0)? else { return Ok(None) };
    let Some(b) = operand(fx, call, 1)? else { return Ok(None) };
    Ok((a.split == b.split).then_some((a, b)))
}

fn binary<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some((a, b)) = two_operands(fx, call)? else { return Ok(false) };
    let lane = a.split.piece.lane_type();
    let (float, narrow, signed) = (lane.is_float(), lane.bits() <= 16, is_signed(fx, &a.val));
    type Op = fn(&mut FnCx<'_, '_, '_>, Value, Value) -> Value;
    let op: Op = match call.name {
        sym::simd_and => |fx, x, y| fx.bcx.ins().band(x, y),
        sym::simd_or => |fx, x, y| fx.bcx.ins().bor(x, y),
        sym::simd_xor => |fx, x, y| fx.bcx.ins().bxor(x, y),
        sym::simd_add if float => |fx, x, y| fx.bcx.ins().fadd(x, y),
        sym::simd_add => |fx, x, y| fx.bcx.ins().iadd(x, y),
        sym::simd_sub if float => |fx, x, y| fx.bcx.ins().fsub(x, y),
        sym::simd_sub => |fx, x, y| fx.bcx.ins().isub(x, y),
        sym::simd_mul if float => |fx, x, y| fx.bcx.ins().fmul(x, y),
        // x86-64 has no byte multiply; Cranelift has none either.
        sym::simd_mul if lane != types::I8 => |fx, x, y| fx.bcx.ins().imul(x, y),
        sym::simd_div if float => |fx, x, y| fx.bcx.ins().fdiv(x, y),
        sym::simd_saturating_add if narrow && signed => |fx, x, y| fx.bcx.ins().sadd_sat(x, y),
        sym::simd_saturating_add if narrow => |fx, x, y| fx.bcx.ins().uadd_sat(x, y),
        sym::simd_saturating_sub if narrow && signed => |fx, x, y| fx.bcx.ins().ssub_sat(x, y),
        sym::simd_saturating_sub if narrow => |fx, x, y| fx.bcx.ins().usub_sat(x, y),
        _ => return Ok(false),
    };
    let r = pairwise(fx, &a, &b, op);
    finish(fx, call, &r)
}

fn compare<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some((a, b)) = two_operands(fx, call)? else { return Ok(false) };
    // Both produce all-ones / zero lanes of the operands' lane width, as the intrinsics do.
    let r = if a.split.piece.lane_type().is_float() {
        let cc = float_cc(call.name);
        pairwise(fx, &a, &b, |fx, x, y| fx.bcx.ins().fcmp(cc, x, y))
    } else {
        let cc = int_cc(call.name, is_signed(fx, &a.val));
        pairwise(fx, &a, &b, |fx, x, y| fx.bcx.ins().icmp(cc, x, y))
    };
    finish(fx, call, &r)
}

fn float_cc(name: Symbol) -> FloatCC {
    match name {
        sym::simd_eq => FloatCC::Equal,
        sym::simd_ne => FloatCC::NotEqual,
        sym::simd_lt => FloatCC::LessThan,
        sym::simd_le => FloatCC::LessThanOrEqual,
        sym::simd_gt => FloatCC::GreaterThan,
        _ => FloatCC::GreaterThanOrEqual,
    }
}

fn int_cc(name: Symbol, signed: bool) -> IntCC {
    let cc = match name {
        sym::simd_eq => return IntCC::Equal,
        sym::simd_ne => return IntCC::NotEqual,
        sym::simd_lt => IntCC::SignedLessThan,
        sym::simd_le => IntCC::SignedLessThanOrEqual,
        sym::simd_gt => IntCC::SignedGreaterThan,
        _ => IntCC::SignedGreaterThanOrEqual,
    };
    if signed { cc } else { cc.unsigned() }
}

fn unary<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(a) = operand(fx, call, 0)? else { return Ok(false) };
    let float = a.split.piece.lane_type().is_float();
    let r: SmallVec<[Value; MAX_PIECES]> = match call.name {
        sym::simd_neg if float => a.values.iter().map(|&x| fx.bcx.ins().fneg(x)).collect(),
        sym::simd_neg => a.values.iter().map(|&x| fx.bcx.ins().ineg(x)).collect(),
        sym::simd_fabs if float => a.values.iter().map(|&x| fx.bcx.ins().fabs(x)).collect(),
        sym::simd_fsqrt if float => a.values.iter().map(|&x| fx.bcx.ins().sqrt(x)).collect(),
        _ => return Ok(false),
    };
    finish(fx, call, &r)
}

/// `simd_select(mask, a, b)`: only a mask lane's top bit counts (see `lanes::mask_set`), so the
/// mask is first widened to full lanes by an arithmetic shift.
fn select<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(m) = operand(fx, call, 0)? else { return Ok(false) };
    let Some(a) = operand(fx, call, 1)? else { return Ok(false) };
    let Some(b) = operand(fx, call, 2)? else { return Ok(false) };
    let (mask_ty, ty) = (m.split.piece, a.split.piece);
    if m.split.count != a.split.count
        || mask_ty.lane_bits() != ty.lane_bits()
        || mask_ty.lane_type().is_float()
    {
        return Ok(false);
    }
    let mut r = SmallVec::<[Value; MAX_PIECES]>::new();
    for k in 0..a.values.len() {
        let full = fx.bcx.ins().sshr_imm_s(m.values[k], i64::from(mask_ty.lane_bits()) - 1);
        let full = bitcast_to(fx, ty, full);
        r.push(fx.bcx.ins().bitselect(full, a.values[k], b.values[k]));
    }
    finish(fx, call, &r)
}

/// Bit i of the result is the top bit of lane i: one `pmovmskb`/`movmskps`-style instruction
/// per piece.
fn bitmask<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(a) = operand(fx, call, 0)? else { return Ok(false) };
    let int_piece = a.split.piece.as_int();
    let lanes_per_piece = i64::from(int_piece.lane_count());
    let mut bits = None;
    for (k, &v) in a.values.iter().enumerate() {
        let v = bitcast_to(fx, int_piece, v);
        let piece_bits = fx.bcx.ins().vhigh_bits(types::I64, v);
        bits = Some(match bits {
            None => piece_bits,
            Some(low) => {
                let shifted = fx.bcx.ins().ishl_imm_u(piece_bits, lanes_per_piece * k as i64);
                fx.bcx.ins().bor(low, shifted)
            }
        });
    }
    let bits = bits.expect("a vector has at least one piece");
    // An integer result (`u16` for sixteen lanes) is the bits themselves; only a byte-array
    // result is written byte by byte.
    if call.dest.layout.ty.is_integral() {
        call.write_scalar(fx, bits);
        return Ok(true);
    }
    let total_lanes = lanes_per_piece as u32 * a.values.len() as u32;
    let bytes: Vec<Value> = (0..total_lanes.div_ceil(8))
        .map(|k| {
            let byte = fx.bcx.ins().ushr_imm_u(bits, i64::from(8 * k));
            fx.bcx.ins().ireduce(types::I8, byte)
        })
        .collect();
    write_bytes(fx, call.dest, &bytes);
    Ok(true)
}

fn splat<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(split) = split_of(fx, call.dest.layout) else { return Ok(false) };
    let x = call.scalar(fx, 0)?;
    let x = bitcast_to(fx, split.piece.lane_type(), x);
    let v = fx.bcx.ins().splat(split.piece, x);
    finish(fx, call, &vec![v; split.count])
}

/// `simd_extract` / `simd_insert` at a constant lane.
fn lane_access<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let Some(index) = const_index(fx, &call.args[1].node) else { return Ok(false) };
    let Some(mut v) = operand(fx, call, 0)? else { return Ok(false) };
    let per_piece = u64::from(v.split.piece.lane_count());
    let (piece, lane) = ((index / per_piece) as usize, (index % per_piece) as u8);
    if piece >= v.values.len() {
        return Ok(false);
    }
    if call.name == sym::simd_extract {
        let x = fx.bcx.ins().extractlane(v.values[piece], lane);
        call.write_scalar(fx, x);
        return Ok(true);
    }
    let x = call.scalar(fx, 2)?;
    let x = bitcast_to(fx, v.split.piece.lane_type(), x);
    v.values[piece] = fx.bcx.ins().insertlane(v.values[piece], x, lane);
    finish(fx, call, &v.values)
}

/// A constant shuffle of two register vectors into one: Cranelift's byte shuffle, with each
/// lane index turned into the indices of its bytes.
fn shuffle<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    // Without SSSE3's `pshufb`, Cranelift would call a runtime helper nobody provides.
    if !isa_has(fx, "has_ssse3") {
        return Ok(false);
    }
    let Some(out) = split_of(fx, call.dest.layout).filter(|s| s.count == 1) else { return Ok(false) };
    let Some(indices) = const_indices(fx, &call.args[2].node, out.piece.lane_count() as usize) else {
        return Ok(false);
    };
    let Some((a, b)) = two_operands(fx, call)? else { return Ok(false) };
    let ty = a.split.piece;
    let width = ty.lane_bits() / 8;
    if a.split.count != 1
        || width != out.piece.lane_bits() / 8
        || indices.iter().any(|&k| k >= 2 * ty.lane_count())
    {
        return Ok(false);
    }
    let bytes: Vec<u8> =
        indices.iter().flat_map(|&k| (0..width).map(move |j| (k * width + j) as u8)).collect();
    let mask = fx.bcx.func.dfg.immediates.push(bytes.into());
    let (x, y) = (bitcast_to(fx, types::I8X16, a.values[0]), bitcast_to(fx, types::I8X16, b.values[0]));
    let r = fx.bcx.ins().shuffle(x, y, mask);
    finish(fx, call, &[r])
}
