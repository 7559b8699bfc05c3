//! Reductions of a vector to a scalar: bitwise and boolean, arithmetic (ordered and
//! unordered), minimum and maximum.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_middle::mir::BinOp;
use rustc_span::sym;

use super::lanes::{Lanes, mask_set, read_arg};
use super::math::min_max_number_lane;
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{Val, const_bits};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let r = match call.name {
        sym::simd_reduce_and | sym::simd_reduce_or | sym::simd_reduce_xor => bitwise(fx, call)?,
        sym::simd_reduce_all | sym::simd_reduce_any => boolean(fx, call)?,
        sym::simd_reduce_add_ordered | sym::simd_reduce_mul_ordered => ordered(fx, call)?,
        sym::simd_reduce_add_unordered | sym::simd_reduce_mul_unordered => unordered(fx, call)?,
        sym::simd_reduce_min | sym::simd_reduce_max => min_max(fx, call)?,
        _ => return Ok(false),
    };
    call.dest.write(fx, Val::scalar(r, call.dest.layout));
    Ok(true)
}

fn bitwise<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<Value> {
    let (_, xs) = read_arg(fx, call, 0)?;
    let mut acc = xs[0];
    for &x in &xs[1..] {
        acc = match call.name {
            sym::simd_reduce_and => fx.bcx.ins().band(acc, x),
            sym::simd_reduce_or => fx.bcx.ins().bor(acc, x),
            _ => fx.bcx.ins().bxor(acc, x),
        };
    }
    Ok(acc)
}

/// Whether every (any) mask lane is set; lanes count by their top bit, as in `simd_select`.
fn boolean<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<Value> {
    let (_, xs) = read_arg(fx, call, 0)?;
    let mut acc = mask_set(fx, xs[0]);
    for &x in &xs[1..] {
        let flag = mask_set(fx, x);
        acc = match call.name {
            sym::simd_reduce_all => fx.bcx.ins().band(acc, flag),
            _ => fx.bcx.ins().bor(acc, flag),
        };
    }
    Ok(acc)
}

fn arith_op(name: rustc_span::Symbol) -> BinOp {
    match name {
        sym::simd_reduce_add_ordered | sym::simd_reduce_add_unordered => BinOp::Add,
        _ => BinOp::Mul,
    }
}

fn combine<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    l: &Lanes<'tcx>,
    op: BinOp,
    a: Value,
    b: Value,
) -> CgResult<Value> {
    Ok(crate::mir::num::binop(fx, op, l.val(a), l.val(b), l.elem)?.load_scalar(fx))
}

/// `((acc op x0) op x1) op ...`, left to right from the accumulator (`llvm.vector.reduce.fadd`
/// without `reassoc`); for integers the order does not matter.
fn ordered<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<Value> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let mut acc = call.scalar(fx, 1)?;
    for &x in &xs {
        acc = combine(fx, &l, arith_op(call.name), acc, x)?;
    }
    Ok(acc)
}

/// The `reassoc` reduction, in the order LLVM evaluates it on x86-64 (which only matters for
/// floats: rounding, and which NaN survives, the first operand's on x86). A power-of-two lane
/// count goes through LLVM's IR expansion, a tree halving the vector until one lane is left
/// (`v[i] op v[i + half]`). Other counts reach instruction selection, which pads the vector with
/// the identity to a power of two, halves it down to one 128-bit register and folds that
/// register's lanes left to right. One lane: LLVM folds `-0.0 + x` and `1.0 * x` to `x`.
fn unordered<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<Value> {
    let (l, mut xs) = read_arg(fx, call, 0)?;
    let op = arith_op(call.name);
    if !l.is_float() || xs.len() == 1 {
        let first = xs.remove(0);
        return xs.iter().try_fold(first, |acc, &x| combine(fx, &l, op, acc, x));
    }
    let pow2 = xs.len().is_power_of_two();
    let register_lanes = if pow2 { 1 } else { (16 / l.elem.size.bytes() as usize).max(1) };
    let padded = xs.len().next_power_of_two();
    while xs.len() < padded {
        let id = identity(fx, &l, op);
        xs.push(id);
    }
    let mut width = padded;
    while width > register_lanes {
        width /= 2;
        for i in 0..width {
            xs[i] = combine(fx, &l, op, xs[i], xs[i + width])?;
        }
    }
    let first = xs[0];
    xs[1..width].iter().try_fold(first, |acc, &x| combine(fx, &l, op, acc, x))
}

/// `-0.0` for additions, `1.0` for multiplications.
fn identity(fx: &mut FnCx<'_, '_, '_>, l: &Lanes<'_>, op: BinOp) -> Value {
    let bits = l.ty.bits();
    let sign = 1u128 << (bits - 1);
    let one = match bits {
        16 => 0x3c00,
        32 => 0x3f80_0000,
        64 => 0x3ff0_0000_0000_0000,
        _ => 0x3fff_u128 << 112,
    };
    const_bits(fx, l.ty, if op == BinOp::Add { sign } else { one })
}

/// Integers by their signedness. Float lanes (which rustc's LLVM backend rejects for these two)
/// fold left to right with the lane-wise `minimumNumber`/`maximumNumber`.
fn min_max<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<Value> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let max = call.name == sym::simd_reduce_max;
    let cc = match (max, l.is_signed()) {
        (false, true) => IntCC::SignedLessThan,
        (false, false) => IntCC::UnsignedLessThan,
        (true, true) => IntCC::SignedGreaterThan,
        (true, false) => IntCC::UnsignedGreaterThan,
    };
    let mut acc = xs[0];
    for &x in &xs[1..] {
        acc = if l.is_float() {
            min_max_number_lane(fx, &l, acc, x, max)?
        } else {
            let keep = fx.bcx.ins().icmp(cc, acc, x);
            fx.bcx.ins().select(keep, acc, x)
        };
    }
    Ok(acc)
}
