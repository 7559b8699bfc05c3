//! MIR operands and places, as values and places of `super::value`: the entry point every
//! lowering uses to read its inputs and find its destination.

use cranelift_codegen::ir::InstBuilder;
use rustc_middle::mir::{self, Operand, PlaceElem};
use rustc_middle::ty::layout::LayoutOf;
use rustc_middle::ty::{self, Ty};

use super::fx::FnCx;
use super::value::{Place, PlaceRepr, Val};
use crate::error::CgResult;

pub fn operand<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, op: &Operand<'tcx>) -> CgResult<Val<'tcx>> {
    match op {
        Operand::Copy(p) | Operand::Move(p) => Ok(place(fx, *p)?.to_val(fx)),
        Operand::Constant(c) => super::constant::const_operand(fx, c),
        Operand::RuntimeChecks(checks) => {
            let on = checks.value(fx.tcx.sess);
            let layout = fx.layout_of(fx.tcx.types.bool);
            let v = fx.bcx.ins().iconst(cranelift_codegen::ir::types::I8, on as i64);
            Ok(Val::scalar(v, layout))
        }
    }
}

pub fn operand_ty<'tcx>(fx: &FnCx<'_, '_, 'tcx>, op: &Operand<'tcx>) -> Ty<'tcx> {
    fx.monomorphize(op.ty(&fx.mir.local_decls, fx.tcx))
}

fn array_len<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, place: Place<'tcx>) -> cranelift_codegen::ir::Value {
    match place.layout.ty.kind() {
        ty::Array(_, len) => {
            let len = fx.monomorphize(*len).try_to_target_usize(fx.tcx).expect("array length");
            fx.iconst_usize(len)
        }
        ty::Slice(_) | ty::Str => place.mem_addr_meta().1.expect("slice place without length"),
        other => rustc_middle::bug!("length of {other:?}"),
    }
}

pub fn place<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, p: mir::Place<'tcx>) -> CgResult<Place<'tcx>> {
    let mut cur = fx.locals[p.local];
    for elem in p.projection {
        cur = match elem {
            PlaceElem::Deref => cur.deref(fx),
            PlaceElem::Field(idx, _) => cur.field(fx, idx)?,
            PlaceElem::Downcast(_, variant) => cur.downcast(fx, variant),
            PlaceElem::Index(local) => {
                let index = fx.locals[local].to_val(fx).load_scalar(fx);
                cur.index(fx, index)
            }
            PlaceElem::ConstantIndex { offset, from_end, .. } => {
                let index = if from_end {
                    let len = array_len(fx, cur);
                    fx.bcx.ins().iadd_imm_s(len, -(offset as i64))
                } else {
                    fx.iconst_usize(offset)
                };
                cur.index(fx, index)
            }
            PlaceElem::Subslice { from, to, from_end } => {
                let elem_ty = match cur.layout.ty.kind() {
                    ty::Array(e, _) | ty::Slice(e) => *e,
                    other => rustc_middle::bug!("subslice of {other:?}"),
                };
                let elem = fx.layout_of(elem_ty);
                let (addr, meta) = cur.mem_addr_meta();
                let start = addr.offset(fx, (elem.size.bytes() * from) as i64);
                if from_end {
                    let len = meta.expect("slice without length");
                    let new_len = fx.bcx.ins().iadd_imm_s(len, -((from + to) as i64));
                    Place::in_mem(start, Some(new_len), cur.layout)
                } else {
                    let layout = fx.layout_of(Ty::new_array(fx.tcx, elem_ty, to - from));
                    Place::in_mem(start, None, layout)
                }
            }
            PlaceElem::OpaqueCast(ty) | PlaceElem::UnwrapUnsafeBinder(ty) => {
                let layout = fx.layout_of(fx.monomorphize(ty));
                match cur.repr {
                    PlaceRepr::Mem(addr, meta) => Place::in_mem(addr, meta, layout),
                    _ => Place { repr: cur.repr, layout },
                }
            }
        };
    }
    Ok(cur)
}
