//! Pointer intrinsics: offsets and distances, masks and comparisons, and the questions asked
//! through a pointer (discriminant, size and alignment of the pointee).

use cranelift_codegen::ir::InstBuilder;
use cranelift_codegen::ir::condcodes::IntCC;
use rustc_middle::ty::layout::LayoutOf;
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{MemAddr, Val, size_and_align_of};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::ptr_offset_from | sym::ptr_offset_from_unsigned => offset_from(fx, call)?,
        sym::arith_offset | sym::offset => {
            let ptr_val = call.arg(fx, 0)?;
            let pointee = ptr_val.layout.ty.builtin_deref(true).expect("offset of non-pointer");
            let size = fx.layout_of(pointee).size.bytes();
            let p = ptr_val.load_scalar(fx);
            let n = call.scalar(fx, 1)?;
            let bytes = fx.bcx.ins().imul_imm_s(n, size as i64);
            let r = fx.bcx.ins().iadd(p, bytes);
            call.write_scalar(fx, r);
        }
        sym::ptr_mask => {
            let p = call.scalar(fx, 0)?;
            let m = call.scalar(fx, 1)?;
            let r = fx.bcx.ins().band(p, m);
            call.write_scalar(fx, r);
        }
        sym::ptr_guaranteed_cmp => {
            let a = call.scalar(fx, 0)?;
            let b = call.scalar(fx, 1)?;
            let r = fx.bcx.ins().icmp(IntCC::Equal, a, b);
            call.write_scalar(fx, r);
        }
        sym::discriminant_value => {
            let p = call.arg(fx, 0)?;
            let pointee = p.layout.ty.builtin_deref(true).expect("discriminant_value of non-pointer");
            let layout = fx.layout_of(pointee);
            let addr = p.load_scalar(fx);
            let val = Val::mem(MemAddr::value(addr), layout);
            let d = crate::mir::discr::get_discriminant(fx, val, call.dest.layout)?;
            call.dest.write(fx, d);
        }
        sym::size_of_val | sym::align_of_val => {
            let p = call.arg(fx, 0)?;
            let pointee = p.layout.ty.builtin_deref(true).expect("size_of_val of non-pointer");
            let layout = fx.layout_of(pointee);
            let meta = if layout.is_sized() { None } else { Some(p.load_pair(fx).1) };
            let (size, align) = size_and_align_of(fx, layout, meta)?;
            call.write_scalar(fx, if call.name == sym::size_of_val { size } else { align });
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The distance between two pointers in elements of the pointee type.
fn offset_from<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let size = fx.layout_of(call.instance.args.type_at(0)).size.bytes();
    let a = call.scalar(fx, 0)?;
    let b = call.scalar(fx, 1)?;
    let diff = fx.bcx.ins().isub(a, b);
    let r = if size <= 1 {
        diff
    } else if call.name == sym::ptr_offset_from {
        fx.bcx.ins().sdiv_imm_s(diff, size as i64)
    } else {
        fx.bcx.ins().udiv_imm_s(diff, size as i64)
    };
    call.write_scalar(fx, r);
    Ok(())
}
