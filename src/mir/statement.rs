//! MIR statements: assignments, discriminant writes, and the intrinsics MIR keeps as statements.

use cranelift_codegen::ir::InstBuilder;
use rustc_middle::mir::{self, NonDivergingIntrinsic, StatementKind};
use rustc_middle::ty::layout::LayoutOf;

use super::fx::FnCx;
use super::operand::{operand, place};
use crate::error::CgResult;

pub fn lower_statement<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, stmt: &mir::Statement<'tcx>) -> CgResult<()> {
    match &stmt.kind {
        StatementKind::Assign(assign) => {
            let (dest, rvalue) = &**assign;
            if dest.projection.is_empty() && fx.constant_backed.contains(dest.local) {
                return Ok(());
            }
            let dest = place(fx, *dest)?;
            super::rvalue::lower_assign(fx, dest, rvalue)
        }
        StatementKind::SetDiscriminant { place: p, variant_index } => {
            let dest = place(fx, **p)?;
            super::discr::set_discriminant(fx, dest, *variant_index)
        }
        StatementKind::Intrinsic(intrinsic) => match &**intrinsic {
            NonDivergingIntrinsic::Assume(_) => Ok(()),
            NonDivergingIntrinsic::CopyNonOverlapping(copy) => {
                let dst = operand(fx, &copy.dst)?;
                let pointee = dst.layout.ty.builtin_deref(true).expect("copy_nonoverlapping on non-pointer");
                let elem_size = fx.layout_of(pointee).size.bytes();
                let dst = dst.load_scalar(fx);
                let src = operand(fx, &copy.src)?.load_scalar(fx);
                let count = operand(fx, &copy.count)?.load_scalar(fx);
                let bytes =
                    if elem_size == 1 { count } else { fx.bcx.ins().imul_imm_s(count, elem_size as i64) };
                let config = fx.module_config();
                fx.bcx.call_memcpy(config, dst, src, bytes);
                Ok(())
            }
        },
        StatementKind::StorageLive(_)
        | StatementKind::StorageDead(_)
        | StatementKind::FakeRead(..)
        | StatementKind::PlaceMention(..)
        | StatementKind::AscribeUserType(..)
        | StatementKind::Coverage(..)
        | StatementKind::ConstEvalCounter
        | StatementKind::BackwardIncompatibleDropHint { .. }
        | StatementKind::Nop => Ok(()),
    }
}
