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
    let a = operand(fx, &args[0].node)?;
    let b = operand(fx, &args[1].node)?;
    let dest = place(fx, destination)?;
    let (pa, _) = a.to_mem(fx);
    let (pb, _) = b.to_mem(fx);
    let out = dest.mem_addr();
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
