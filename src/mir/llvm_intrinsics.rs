//! Calls to `extern` functions named `llvm.*`: core::arch reaches LLVM intrinsics this way.
//! The ones below are lowered inline, a few through hand-written assembly helpers
//! (`asm_intrinsics`), and every other one through a helper LLVM generates (`llc_intrinsics`).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::mir::Operand;
use rustc_span::Spanned;

use super::fx::FnCx;
use super::operand::operand;
use super::value::{MemAddr, Place, PlaceRepr, Val};
use crate::error::CgResult;
use rustc_abi::FieldIdx;

pub fn lower_llvm_intrinsic<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<()> {
    // The lowerings below write their result to memory; a destination held in a register is
    // given a stack slot first and loaded from it afterwards.
    let in_memory = match dest.repr {
        PlaceRepr::Mem(..) => dest,
        _ => Place::new_stack(fx, dest.layout),
    };
    lower_into(fx, name, args, in_memory)?;
    if !matches!(dest.repr, PlaceRepr::Mem(..)) {
        let result = in_memory.to_val(fx);
        dest.write(fx, result);
    }
    Ok(())
}

fn lower_into<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
) -> CgResult<()> {
    match name {
        // A spin-loop hint: doing nothing is a valid implementation.
        "llvm.x86.sse2.pause" | "llvm.aarch64.isb" => Ok(()),
        // A prefetch only warms caches and never faults, so it cannot change what a program
        // computes: doing nothing is a valid implementation.
        "llvm.prefetch" | "llvm.prefetch.p0" => Ok(()),
        // fastclif code never leaves upper YMM halves dirty, so there is nothing to clear.
        "llvm.x86.avx.vzeroupper" => Ok(()),
        "llvm.x86.ssse3.pshuf.b.128" => byte_shuffle(fx, args, destination, 16),
        "llvm.x86.avx2.pshuf.b" => byte_shuffle(fx, args, destination, 32),
        "llvm.x86.ssse3.pmadd.ub.sw.128" => multiply_add_bytes(fx, args, destination, 8),
        "llvm.x86.avx2.pmadd.ub.sw" => multiply_add_bytes(fx, args, destination, 16),
        "llvm.x86.addcarry.32" | "llvm.x86.addcarry.64" => add_with_carry(fx, args, destination, false),
        "llvm.x86.subborrow.32" | "llvm.x86.subborrow.64" => add_with_carry(fx, args, destination, true),
        "llvm.x86.sse3.ldu.dq" => unaligned_load(fx, args, destination, 16),
        "llvm.x86.avx.ldu.dq.256" => unaligned_load(fx, args, destination, 32),
        "llvm.x86.ssse3.pmul.hr.sw.128" => multiply_high_round(fx, args, destination, 8),
        "llvm.x86.avx2.pmul.hr.sw" => multiply_high_round(fx, args, destination, 16),
        "llvm.x86.sse2.pmadd.wd" => multiply_add_words(fx, args, destination, 4),
        "llvm.x86.avx2.pmadd.wd" => multiply_add_words(fx, args, destination, 8),
        "llvm.x86.sse2.psad.bw" => sum_abs_differences(fx, args, destination, 2),
        "llvm.x86.avx2.psad.bw" => sum_abs_differences(fx, args, destination, 4),
        _ if super::asm_intrinsics::lower_via_asm(fx, name, args, destination)? => Ok(()),
        _ => super::llc_intrinsics::lower_via_llc(fx, name, args, destination),
    }
}

/// `pshufb`: byte i of the result is byte `b[i] & 15` of `a`'s 16-byte lane holding byte i,
/// or zero when `b[i]` has its top bit set.
fn byte_shuffle<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    len: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    let base = pa.addr(fx);
    for i in 0..len {
        let selector = pb.offset(fx, i as i64).load(fx, types::I8);
        let index = fx.bcx.ins().band_imm_s(selector, 15);
        let index = fx.bcx.ins().uextend(fx.ptr_ty, index);
        let lane_start = fx.bcx.ins().iadd_imm_s(base, ((i / 16) * 16) as i64);
        let from = fx.bcx.ins().iadd(lane_start, index);
        let byte = MemAddr::value(from).load(fx, types::I8);
        let zeroed = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, selector, 0);
        let zero = fx.bcx.ins().iconst(types::I8, 0);
        let r = fx.bcx.ins().select(zeroed, zero, byte);
        out.offset(fx, i as i64).store(fx, r);
    }
    Ok(())
}

/// `pmaddubsw`: result word i is `a[2i]*b[2i] + a[2i+1]*b[2i+1]` with `a` unsigned bytes,
/// `b` signed bytes, saturated to i16.
fn multiply_add_bytes<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    words: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    let pairs = ElementPairs { elem: types::I8, acc: types::I32, a_signed: false, b_signed: true };
    for i in 0..words {
        let sum = pairs.sum(fx, pa, pb, 2 * i, 2, |fx, x, y| fx.bcx.ins().imul(x, y));
        let max = fx.bcx.ins().iconst(types::I32, i16::MAX as i64);
        let min = fx.bcx.ins().iconst(types::I32, i16::MIN as i64);
        let upper = fx.bcx.ins().smin(sum, max);
        let clamped = fx.bcx.ins().smax(upper, min);
        let word = fx.bcx.ins().ireduce(types::I16, clamped);
        out.offset(fx, (2 * i) as i64).store(fx, word);
    }
    Ok(())
}

/// `pmaddwd`: result dword i is `a[2i]*b[2i] + a[2i+1]*b[2i+1]` over signed words, with the
/// sum wrapping (only -32768² twice overflows, to i32::MIN, as the instruction does).
fn multiply_add_words<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    dwords: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    let pairs = ElementPairs { elem: types::I16, acc: types::I32, a_signed: true, b_signed: true };
    for i in 0..dwords {
        let sum = pairs.sum(fx, pa, pb, 2 * i, 2, |fx, x, y| fx.bcx.ins().imul(x, y));
        out.offset(fx, (4 * i) as i64).store(fx, sum);
    }
    Ok(())
}

/// `lddqu`: `bytes` bytes from an address with no alignment requirement.
fn unaligned_load<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    bytes: u64,
) -> CgResult<()> {
    let from = operand(fx, &args[0].node)?.load_scalar(fx);
    let out = destination.mem_addr();
    let from = MemAddr::value(from);
    for chunk in 0..bytes / 8 {
        let at = (chunk * 8) as i64;
        let word = from.offset(fx, at).load(fx, types::I64);
        out.offset(fx, at).store(fx, word);
    }
    Ok(())
}

/// `pmulhrsw`: word i is `((a[i] * b[i] >> 14) + 1) >> 1` over signed words (a rounded
/// Q15 product; only -32768² wraps, to -32768, as the instruction does).
fn multiply_high_round<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    words: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    let pairs = ElementPairs { elem: types::I16, acc: types::I32, a_signed: true, b_signed: true };
    for i in 0..words {
        let at = (2 * i) as i64;
        let (x, y) = pairs.load(fx, pa, pb, i);
        let product = fx.bcx.ins().imul(x, y);
        let scaled = fx.bcx.ins().sshr_imm_s(product, 14);
        let rounded = fx.bcx.ins().iadd_imm_s(scaled, 1);
        let result = fx.bcx.ins().sshr_imm_s(rounded, 1);
        let word = fx.bcx.ins().ireduce(types::I16, result);
        out.offset(fx, at).store(fx, word);
    }
    Ok(())
}

/// `psadbw`: for each group of 8 unsigned bytes, the sum of `|a[k] - b[k]|`, zero-extended
/// into that group's 64-bit lane.
fn sum_abs_differences<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    groups: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    let pairs = ElementPairs { elem: types::I8, acc: types::I64, a_signed: false, b_signed: false };
    for g in 0..groups {
        let sum = pairs.sum(fx, pa, pb, 8 * g, 8, |fx, x, y| {
            let diff = fx.bcx.ins().isub(x, y);
            fx.bcx.ins().iabs(diff)
        });
        out.offset(fx, (8 * g) as i64).store(fx, sum);
    }
    Ok(())
}

/// `adc`/`sbb` (`_addcarry_u64`, `_subborrow_u32`, ...): `(c_in: u8, a, b) -> (c_out: u8, r)`
/// with `r = a ± b ± (c_in != 0)` and `c_out` the unsigned carry (borrow) out of it.
fn add_with_carry<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
    subtract: bool,
) -> CgResult<()> {
    let c_in = operand(fx, &args[0].node)?.load_scalar(fx);
    let a = operand(fx, &args[1].node)?.load_scalar(fx);
    let b = operand(fx, &args[2].node)?.load_scalar(fx);
    let ty = fx.bcx.func.dfg.value_type(a);
    let c_in = fx.bcx.ins().icmp_imm_s(IntCC::NotEqual, c_in, 0);
    let c_in = fx.bcx.ins().uextend(ty, c_in);
    let (result, carry) = if subtract {
        let first = fx.bcx.ins().isub(a, b);
        let borrow_first = fx.bcx.ins().icmp(IntCC::UnsignedLessThan, a, b);
        let result = fx.bcx.ins().isub(first, c_in);
        let borrow_second = fx.bcx.ins().icmp(IntCC::UnsignedLessThan, first, c_in);
        (result, fx.bcx.ins().bor(borrow_first, borrow_second))
    } else {
        let first = fx.bcx.ins().iadd(a, b);
        let carry_first = fx.bcx.ins().icmp(IntCC::UnsignedLessThan, first, a);
        let result = fx.bcx.ins().iadd(first, c_in);
        let carry_second = fx.bcx.ins().icmp(IntCC::UnsignedLessThan, result, first);
        (result, fx.bcx.ins().bor(carry_first, carry_second))
    };
    let dest = destination;
    let carry_layout = dest.layout.field(fx, 0);
    let result_layout = dest.layout.field(fx, 1);
    dest.field(fx, FieldIdx::from_u32(0))?.write(fx, Val::scalar(carry, carry_layout));
    dest.field(fx, FieldIdx::from_u32(1))?.write(fx, Val::scalar(result, result_layout));
    Ok(())
}

/// Element-wise combination of two integer vectors in memory, widened to an accumulator type:
/// the shared core of the multiply-add and sum-of-differences instructions.
struct ElementPairs {
    elem: Type,
    acc: Type,
    a_signed: bool,
    b_signed: bool,
}

impl ElementPairs {
    /// The sum over elements `first..first + count` of `combine(a[k], b[k])`, both widened
    /// to `acc` (sign- or zero-extended as declared).
    fn sum(
        &self,
        fx: &mut FnCx<'_, '_, '_>,
        pa: MemAddr,
        pb: MemAddr,
        first: u64,
        count: u64,
        combine: impl Fn(&mut FnCx<'_, '_, '_>, Value, Value) -> Value,
    ) -> Value {
        let mut sum = fx.bcx.ins().iconst(self.acc, 0);
        for k in first..first + count {
            let (x, y) = self.load(fx, pa, pb, k);
            let term = combine(fx, x, y);
            sum = fx.bcx.ins().iadd(sum, term);
        }
        sum
    }

    /// Element `k` of both vectors, widened to `acc`.
    fn load(&self, fx: &mut FnCx<'_, '_, '_>, pa: MemAddr, pb: MemAddr, k: u64) -> (Value, Value) {
        let at = k as i64 * i64::from(self.elem.bytes());
        let widen = |fx: &mut FnCx<'_, '_, '_>, v: Value, signed: bool| {
            if signed { fx.bcx.ins().sextend(self.acc, v) } else { fx.bcx.ins().uextend(self.acc, v) }
        };
        let x = pa.offset(fx, at).load(fx, self.elem);
        let y = pb.offset(fx, at).load(fx, self.elem);
        (widen(fx, x, self.a_signed), widen(fx, y, self.b_signed))
    }
}

/// The addresses of a two-vector intrinsic's operands and of its result.
fn two_vectors<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: Place<'tcx>,
) -> CgResult<(MemAddr, MemAddr, MemAddr)> {
    let a = operand(fx, &args[0].node)?;
    let b = operand(fx, &args[1].node)?;
    let dest = destination;
    let (pa, _) = a.to_mem(fx);
    let (pb, _) = b.to_mem(fx);
    Ok((pa, pb, dest.mem_addr()))
}
