//! Calls to `extern` functions named `llvm.*`: core::arch reaches LLVM intrinsics this way.
//! Each one fastclif understands is lowered inline; any other is a compile error naming it.

use rustc_middle::mir::{self, Operand};
use rustc_span::Spanned;

use super::fx::{CgResult, FnCx};

pub fn lower_llvm_intrinsic<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    _args: &[Spanned<Operand<'tcx>>],
    _destination: mir::Place<'tcx>,
) -> CgResult<()> {
    match name {
        // A spin-loop hint: doing nothing is a valid implementation.
        "llvm.x86.sse2.pause" | "llvm.aarch64.isb" => Ok(()),
        _ => Err(fx.unsupported(format!("the LLVM intrinsic `{name}`"))),
    }
}
