//! Lane-wise bit operations on integer lanes: `simd_ctpop`, `simd_ctlz`, `simd_cttz`,
//! `simd_bswap`, `simd_bitreverse`, the funnel shifts and `simd_carryless_mul`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value, types};
use rustc_span::sym;

use super::lanes::read_arg;
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::const_bits;

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_ctpop | sym::simd_ctlz | sym::simd_cttz | sym::simd_bswap | sym::simd_bitreverse => {
            let (l, xs) = read_arg(fx, call, 0)?;
            let out: Vec<Value> = xs.into_iter().map(|x| unary(fx, call.name, x)).collect();
            l.write(fx, call.dest, &out);
        }
        sym::simd_funnel_shl | sym::simd_funnel_shr => funnel_shift(fx, call)?,
        sym::simd_carryless_mul => {
            let (l, xs) = read_arg(fx, call, 0)?;
            let (_, ys) = read_arg(fx, call, 1)?;
            let out: Vec<Value> = xs.into_iter().zip(ys).map(|(x, y)| carryless_mul(fx, x, y)).collect();
            l.write(fx, call.dest, &out);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The LLVM operation on one lane; `ctlz`/`cttz` of zero are the lane width (rustc passes
/// `is_zero_poison = false`), and swapping the bytes of a byte is nothing.
fn unary(fx: &mut FnCx<'_, '_, '_>, name: rustc_span::Symbol, x: Value) -> Value {
    match name {
        sym::simd_ctpop => fx.bcx.ins().popcnt(x),
        sym::simd_ctlz => fx.bcx.ins().clz(x),
        sym::simd_cttz => fx.bcx.ins().ctz(x),
        sym::simd_bswap if fx.bcx.func.dfg.value_type(x) == types::I8 => x,
        sym::simd_bswap => fx.bcx.ins().bswap(x),
        _ => fx.bcx.ins().bitrev(x),
    }
}

/// `llvm.fshl`/`llvm.fshr`: the shift amount is taken modulo the lane width, `a` is the high
/// half of the double-width value and `b` the low half; shifting by zero gives `a` (left) or
/// `b` (right).
fn funnel_shift<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (l, xs) = read_arg(fx, call, 0)?;
    let (_, ys) = read_arg(fx, call, 1)?;
    let (_, ss) = read_arg(fx, call, 2)?;
    let left = call.name == sym::simd_funnel_shl;
    let bits = l.ty.bits() as i64;
    let mut out = Vec::with_capacity(xs.len());
    for i in 0..xs.len() {
        let (a, b) = (xs[i], ys[i]);
        let s = fx.bcx.ins().band_imm_u(ss[i], bits - 1);
        let width = const_bits(fx, l.ty, bits as u128);
        let rest = fx.bcx.ins().isub(width, s);
        let (hi, lo) = if left { (s, rest) } else { (rest, s) };
        let high = fx.bcx.ins().ishl(a, hi);
        let low = fx.bcx.ins().ushr(b, lo);
        let joined = fx.bcx.ins().bor(high, low);
        let unshifted = if left { a } else { b };
        let zero = fx.bcx.ins().icmp_imm_u(IntCC::Equal, s, 0);
        out.push(fx.bcx.ins().select(zero, unshifted, joined));
    }
    l.write(fx, call.dest, &out);
    Ok(())
}

/// The low half of the carry-less (polynomial over GF(2)) product, LLVM's `llvm.clmul`: the
/// XOR of `x << j` over the set bits j of `y`.
fn carryless_mul(fx: &mut FnCx<'_, '_, '_>, x: Value, y: Value) -> Value {
    let ty = fx.bcx.func.dfg.value_type(x);
    let mut acc = const_bits(fx, ty, 0);
    for j in 0..ty.bits() as i64 {
        let bit = fx.bcx.ins().ushr_imm_u(y, j);
        let bit = fx.bcx.ins().band_imm_u(bit, 1);
        let mask = fx.bcx.ins().ineg(bit);
        let shifted = fx.bcx.ins().ishl_imm_u(x, j);
        let term = fx.bcx.ins().band(shifted, mask);
        acc = fx.bcx.ins().bxor(acc, term);
    }
    acc
}
