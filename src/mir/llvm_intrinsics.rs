//! Calls to `extern` functions named `llvm.*`: core::arch reaches LLVM intrinsics this way.
//! Each one fastclif understands is lowered inline; any other is a compile error naming it.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, types};
use rustc_middle::mir::{self, Operand};
use rustc_span::Spanned;

use super::fx::{CgResult, FnCx};
use super::statement::{operand, place};
use super::value::MemAddr;

pub fn lower_llvm_intrinsic<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    destination: mir::Place<'tcx>,
) -> CgResult<()> {
    match name {
        // A spin-loop hint: doing nothing is a valid implementation.
        "llvm.x86.sse2.pause" | "llvm.aarch64.isb" => Ok(()),
        // fastclif code never leaves upper YMM halves dirty, so there is nothing to clear.
        "llvm.x86.avx.vzeroupper" => Ok(()),
        "llvm.x86.ssse3.pshuf.b.128" => byte_shuffle(fx, args, destination, 16),
        "llvm.x86.avx2.pshuf.b" => byte_shuffle(fx, args, destination, 32),
        "llvm.x86.ssse3.pmadd.ub.sw.128" => multiply_add_bytes(fx, args, destination, 8),
        "llvm.x86.avx2.pmadd.ub.sw" => multiply_add_bytes(fx, args, destination, 16),
        _ if super::asm_intrinsics::lower_via_asm(fx, name, args, destination)? => Ok(()),
        _ => Err(fx.unsupported(format!("the LLVM intrinsic `{name}`"))),
    }
}

/// `pshufb`: byte i of the result is byte `b[i] & 15` of `a`'s 16-byte lane holding byte i,
/// or zero when `b[i]` has its top bit set.
fn byte_shuffle<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: mir::Place<'tcx>,
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
    destination: mir::Place<'tcx>,
    words: u64,
) -> CgResult<()> {
    let (pa, pb, out) = two_vectors(fx, args, destination)?;
    for i in 0..words {
        let mut sum = fx.bcx.ins().iconst(types::I32, 0);
        for k in 0..2 {
            let at = (2 * i + k) as i64;
            let x = pa.offset(fx, at).load(fx, types::I8);
            let y = pb.offset(fx, at).load(fx, types::I8);
            let x = fx.bcx.ins().uextend(types::I32, x);
            let y = fx.bcx.ins().sextend(types::I32, y);
            let product = fx.bcx.ins().imul(x, y);
            sum = fx.bcx.ins().iadd(sum, product);
        }
        let max = fx.bcx.ins().iconst(types::I32, i16::MAX as i64);
        let min = fx.bcx.ins().iconst(types::I32, i16::MIN as i64);
        let upper = fx.bcx.ins().smin(sum, max);
        let clamped = fx.bcx.ins().smax(upper, min);
        let word = fx.bcx.ins().ireduce(types::I16, clamped);
        out.offset(fx, (2 * i) as i64).store(fx, word);
    }
    Ok(())
}

/// The addresses of a two-vector intrinsic's operands and of its result.
fn two_vectors<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: mir::Place<'tcx>,
) -> CgResult<(MemAddr, MemAddr, MemAddr)> {
    let a = operand(fx, &args[0].node)?;
    let b = operand(fx, &args[1].node)?;
    let dest = place(fx, destination)?;
    let (pa, _) = a.to_mem(fx);
    let (pb, _) = b.to_mem(fx);
    Ok((pa, pb, dest.mem_addr()))
}
