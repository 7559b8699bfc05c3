//! Right-hand sides of assignments.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, types};
use rustc_abi::{BackendRepr, FIRST_VARIANT, FieldIdx};
use rustc_index::IndexSlice;
use rustc_middle::mir::{AggregateKind, CastKind, Operand, Rvalue, UnOp};
use rustc_middle::ty::adjustment::PointerCoercion;
use rustc_middle::ty::{self, Instance};

use super::fx::FnCx;
use super::operand::{operand, operand_ty, place};
use super::value::{Place, PlaceRepr, Val, is_wide_ptr};
use crate::error::CgResult;

pub fn lower_assign<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    dest: Place<'tcx>,
    rvalue: &Rvalue<'tcx>,
) -> CgResult<()> {
    let dest_layout = dest.layout;
    match rvalue {
        Rvalue::Use(op, ..) => {
            let val = operand(fx, op)?;
            dest.write(fx, val);
        }
        Rvalue::Ref(_, _, p) | Rvalue::RawPtr(_, p) => {
            let p = place(fx, *p)?;
            let r = p.address_of(fx, dest_layout);
            dest.write(fx, r);
        }
        Rvalue::Reborrow(_, _, p) => {
            let val = place(fx, *p)?.to_val(fx);
            dest.write_transmute(fx, val);
        }
        Rvalue::ThreadLocalRef(def_id) => {
            let ptr = super::constant::thread_local_addr(fx, *def_id)?;
            dest.write(fx, Val::scalar(ptr, dest_layout));
        }
        Rvalue::BinaryOp(op, operands) => {
            let lhs = operand(fx, &operands.0)?;
            let rhs = operand(fx, &operands.1)?;
            let result = match op.overflowing_to_wrapping() {
                Some(wrapping) => super::num::checked_binop(fx, wrapping, lhs, rhs, dest_layout)?,
                None => super::num::binop(fx, *op, lhs, rhs, dest_layout)?,
            };
            dest.write(fx, result);
        }
        Rvalue::UnaryOp(op, arg) => {
            let arg = operand(fx, arg)?;
            let result = match op {
                UnOp::Not => {
                    let v = arg.load_scalar(fx);
                    let r = match arg.layout.ty.kind() {
                        ty::Bool => fx.bcx.ins().bxor_imm_s(v, 1),
                        _ => fx.bcx.ins().bnot(v),
                    };
                    Val::scalar(r, dest_layout)
                }
                UnOp::Neg => {
                    let v = arg.load_scalar(fx);
                    let r = match arg.layout.ty.kind() {
                        ty::Float(_) if super::soft_float::is_soft(fx.bcx.func.dfg.value_type(v)) => {
                            super::soft_float::negate(fx, v)
                        }
                        ty::Float(_) => fx.bcx.ins().fneg(v),
                        _ => fx.bcx.ins().ineg(v),
                    };
                    Val::scalar(r, dest_layout)
                }
                UnOp::PtrMetadata => match arg.layout.backend_repr {
                    BackendRepr::ScalarPair { .. } => Val::scalar(arg.load_pair(fx).1, dest_layout),
                    _ => Val::zst(dest_layout),
                },
            };
            dest.write(fx, result);
        }
        Rvalue::Cast(kind, op, to_ty) => {
            let to_ty = fx.monomorphize(*to_ty);
            lower_cast(fx, dest, *kind, op, to_ty)?;
        }
        Rvalue::Discriminant(p) => {
            let val = place(fx, *p)?.to_val(fx);
            let d = super::discr::get_discriminant(fx, val, dest_layout)?;
            dest.write(fx, d);
        }
        Rvalue::Repeat(op, count) => {
            let val = operand(fx, op)?;
            let count = fx.monomorphize(*count).try_to_target_usize(fx.tcx).expect("repeat count");
            repeat(fx, dest, val, count)?;
        }
        Rvalue::Aggregate(kind, operands) => match **kind {
            AggregateKind::RawPtr(..) => {
                let data = operand(fx, &operands[FieldIdx::from_u32(0)])?;
                let meta = operand(fx, &operands[FieldIdx::from_u32(1)])?;
                let ptr = data.load_scalar(fx);
                let result = if meta.layout.is_zst() {
                    Val::scalar(ptr, dest_layout)
                } else {
                    let m = meta.load_scalar(fx);
                    Val::pair(ptr, m, dest_layout)
                };
                dest.write(fx, result);
            }
            _ => aggregate(fx, dest, kind, operands)?,
        },
        Rvalue::WrapUnsafeBinder(op, _) => {
            let val = operand(fx, op)?;
            dest.write_transmute(fx, val);
        }
        Rvalue::CopyForDeref(p) => {
            let val = place(fx, *p)?.to_val(fx);
            dest.write(fx, val);
        }
    }
    Ok(())
}

/// A struct, tuple, enum variant, union, closure or array built from its fields.
fn aggregate<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    dest: Place<'tcx>,
    kind: &AggregateKind<'tcx>,
    operands: &IndexSlice<FieldIdx, Operand<'tcx>>,
) -> CgResult<()> {
    // A SIMD vector kept in a register is built in memory: its one field is an array.
    if !matches!(dest.repr, PlaceRepr::Mem(..))
        && matches!(dest.layout.backend_repr, BackendRepr::SimdVector { .. })
    {
        let tmp = Place::new_stack(fx, dest.layout);
        aggregate(fx, tmp, kind, operands)?;
        let built = tmp.to_val(fx);
        dest.write(fx, built);
        return Ok(());
    }
    let (variant, target, active_field) = match *kind {
        AggregateKind::Adt(_, variant, _, _, active) => (variant, dest.downcast(fx, variant), active),
        _ => (FIRST_VARIANT, dest, None),
    };
    let is_array = matches!(*kind, AggregateKind::Array(_));
    for (i, op) in operands.iter_enumerated() {
        let val = operand(fx, op)?;
        let field = if is_array {
            let index = fx.iconst_usize(i.as_u32() as u64);
            target.index(fx, index)
        } else {
            target.field(fx, active_field.unwrap_or(i))?
        };
        field.write(fx, val);
    }
    super::discr::set_discriminant(fx, dest, variant)
}

fn repeat<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, dest: Place<'tcx>, val: Val<'tcx>, count: u64) -> CgResult<()> {
    if val.layout.is_zst() || count == 0 {
        return Ok(());
    }
    let (addr, _) = dest.mem_addr_meta();
    if val.layout.size.bytes() == 1 {
        let byte = val.load_scalar(fx);
        let byte = super::value::bitcast_to(fx, types::I8, byte);
        let dst = addr.addr(fx);
        let len = fx.iconst_usize(count);
        let config = fx.module_config();
        fx.bcx.call_memset(config, dst, byte, len);
        return Ok(());
    }
    let head = fx.bcx.create_block();
    let body = fx.bcx.create_block();
    let done = fx.bcx.create_block();
    let index = fx.bcx.append_block_param(head, fx.ptr_ty);
    let zero = fx.iconst_usize(0);
    fx.bcx.ins().jump(head, &[zero.into()]);
    fx.bcx.switch_to_block(head);
    let finished = fx.bcx.ins().icmp_imm_s(IntCC::Equal, index, count as i64);
    fx.bcx.ins().brif(finished, done, &[], body, &[]);
    fx.bcx.switch_to_block(body);
    let elem = dest.index(fx, index);
    elem.write(fx, val);
    let next = fx.bcx.ins().iadd_imm_s(index, 1);
    fx.bcx.ins().jump(head, &[next.into()]);
    fx.bcx.switch_to_block(done);
    Ok(())
}

fn lower_cast<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    dest: Place<'tcx>,
    kind: CastKind,
    op: &rustc_middle::mir::Operand<'tcx>,
    to_ty: ty::Ty<'tcx>,
) -> CgResult<()> {
    let dest_layout = dest.layout;
    match kind {
        CastKind::PointerCoercion(PointerCoercion::ReifyFnPointer(_), _) => {
            let from_ty = operand_ty(fx, op);
            let ty::FnDef(def_id, args) = *from_ty.kind() else {
                rustc_middle::bug!("reify of non-FnDef {from_ty:?}")
            };
            let instance = Instance::resolve_for_fn_ptr(
                fx.tcx,
                ty::TypingEnv::fully_monomorphized(),
                def_id,
                args.no_bound_vars().expect("late-bound args in codegen"),
            )
            .ok_or_else(|| fx.unsupported(format!("taking a pointer to `{from_ty}`")))?;
            let addr = fx.fn_addr(instance)?;
            dest.write(fx, Val::scalar(addr, dest_layout));
        }
        CastKind::PointerCoercion(PointerCoercion::ClosureFnPointer(_), _) => {
            let from_ty = operand_ty(fx, op);
            let ty::Closure(def_id, args) = *from_ty.kind() else {
                rustc_middle::bug!("closure fn pointer from {from_ty:?}")
            };
            let instance = Instance::resolve_closure(fx.tcx, def_id, args, ty::ClosureKind::FnOnce);
            let addr = fx.fn_addr(instance)?;
            dest.write(fx, Val::scalar(addr, dest_layout));
        }
        CastKind::PointerCoercion(PointerCoercion::UnsafeFnPointer, _) => {
            let val = operand(fx, op)?;
            dest.write(fx, val.with_layout(dest_layout));
        }
        CastKind::PointerCoercion(PointerCoercion::Unsize, _) => {
            let val = operand(fx, op)?;
            super::unsize::coerce_unsized_into(fx, val, dest)?;
        }
        CastKind::PointerCoercion(
            PointerCoercion::MutToConstPointer | PointerCoercion::ArrayToPointer,
            _,
        ) => {
            let val = operand(fx, op)?;
            dest.write_transmute(fx, val);
        }
        CastKind::Transmute | CastKind::Subtype => {
            let val = operand(fx, op)?;
            dest.write_transmute(fx, val);
        }
        CastKind::IntToInt
        | CastKind::FloatToFloat
        | CastKind::FloatToInt
        | CastKind::IntToFloat
        | CastKind::FnPtrToPtr
        | CastKind::PtrToPtr
        | CastKind::PointerExposeProvenance
        | CastKind::PointerWithExposedProvenance => {
            let val = operand(fx, op)?;
            let from_ty = val.layout.ty;
            if is_wide_ptr(fx.tcx, from_ty) {
                if is_wide_ptr(fx.tcx, to_ty) {
                    dest.write(fx, val.with_layout(dest_layout));
                } else {
                    let (ptr, _) = val.load_pair(fx);
                    dest.write(fx, Val::scalar(ptr, dest_layout));
                }
            } else {
                let v = val.load_scalar(fx);
                let to_clif = match super::value::reg_shape(fx.tcx, dest_layout) {
                    Some(super::value::RegShape::One(t)) => t,
                    _ => rustc_middle::bug!("numeric cast to {to_ty:?}"),
                };
                let r = super::cast::int_or_float_cast(
                    fx,
                    v,
                    super::cast::is_signed(from_ty),
                    to_clif,
                    super::cast::is_signed(to_ty),
                )?;
                dest.write(fx, Val::scalar(r, dest_layout));
            }
        }
    }
    Ok(())
}
