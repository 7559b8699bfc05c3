//! Unsizing coercions: arrays to slices, types to trait objects, trait upcasting, and
//! the same through smart pointers (`Box`, `Rc`, `Pin`, ...).

use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;
use rustc_abi::FieldIdx;
use rustc_middle::ty::layout::LayoutOf;
use rustc_middle::ty::{self, Ty};

use super::fx::FnCx;
use super::value::{Place, Val};
use crate::error::CgResult;

/// Metadata for a pointer to `target` made from a pointer to `source`.
fn unsized_meta<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    source: Ty<'tcx>,
    target: Ty<'tcx>,
    old_meta: Option<Value>,
) -> CgResult<Value> {
    let (source, target) =
        fx.tcx.struct_lockstep_tails_for_codegen(source, target, ty::TypingEnv::fully_monomorphized());
    match (source.kind(), target.kind()) {
        (ty::Array(_, len), ty::Slice(_)) => {
            let len = fx.monomorphize(*len).try_to_target_usize(fx.tcx).expect("array length");
            Ok(fx.iconst_usize(len))
        }
        (ty::Dynamic(src_dyn, ..), ty::Dynamic(dst_dyn, ..)) if src_dyn.principal_def_id().is_some() => {
            let old = old_meta.ok_or_else(|| fx.unsupported("trait upcasting without a vtable"))?;
            if src_dyn.principal_def_id() == dst_dyn.principal_def_id() {
                return Ok(old);
            }
            match fx.tcx.supertrait_vtable_slot((source, target)) {
                Some(slot) => {
                    let offset = (slot as u64 * fx.tcx.data_layout.pointer_size().bytes()) as i32;
                    Ok(fx.bcx.ins().load(fx.ptr_ty, MemFlagsData::trusted(), old, offset))
                }
                None => Ok(old),
            }
        }
        (_, ty::Dynamic(dst_dyn, ..)) => {
            let principal = dst_dyn.principal().map(|p| fx.tcx.instantiate_bound_regions_with_erased(p));
            let id = fx.data.vtable(fx.tcx, fx.module, source, principal);
            if let Some(debug) = fx.debug.as_deref_mut() {
                debug.vtable(fx.tcx, source, principal, id);
            }
            let gv = fx.module.declare_data_in_func(id, fx.bcx.func);
            Ok(fx.bcx.ins().symbol_value(fx.ptr_ty, gv))
        }
        _ => Err(fx.unsupported(format!("unsizing `{source}` to `{target}`"))),
    }
}

pub fn coerce_unsized_into<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    src: Val<'tcx>,
    dst: Place<'tcx>,
) -> CgResult<()> {
    let (src_ty, dst_ty) = (src.layout.ty, dst.layout.ty);
    match (src_ty.kind(), dst_ty.kind()) {
        // Pattern types (`*const T is !null`) share their base type's representation.
        (ty::Pat(src_base, _), ty::Pat(dst_base, _)) => {
            let src = src.with_layout(fx.layout_of(*src_base));
            let dst = Place { repr: dst.repr, layout: fx.layout_of(*dst_base) };
            coerce_unsized_into(fx, src, dst)
        }
        (ty::Ref(_, a, _) | ty::RawPtr(a, _), ty::Ref(_, b, _) | ty::RawPtr(b, _)) => {
            let (ptr, old_meta) = if super::value::is_wide_ptr(fx.tcx, src_ty) {
                let (p, m) = src.load_pair(fx);
                (p, Some(m))
            } else {
                (src.load_scalar(fx), None)
            };
            let meta = unsized_meta(fx, *a, *b, old_meta)?;
            dst.write(fx, Val::pair(ptr, meta, dst.layout));
            Ok(())
        }
        (ty::Adt(src_def, _), ty::Adt(dst_def, _)) if src_def == dst_def => {
            // CoerceUnsized structs: exactly one field changes type; the others are copied.
            for i in 0..src.layout.fields.count() {
                let idx = FieldIdx::from_usize(i);
                let src_field = src.field(fx, idx);
                let dst_field = dst.field(fx, idx)?;
                if dst_field.layout.is_zst() {
                    continue;
                }
                if src_field.layout.ty == dst_field.layout.ty {
                    dst_field.write(fx, src_field);
                } else {
                    coerce_unsized_into(fx, src_field, dst_field)?;
                }
            }
            Ok(())
        }
        _ => Err(fx.unsupported(format!("coercing `{src_ty}` to `{dst_ty}`"))),
    }
}

/// Loads entry `index` of the vtable `vtable` (a pointer-sized slot).
pub fn vtable_entry(fx: &mut FnCx<'_, '_, '_>, vtable: Value, index: usize) -> Value {
    let offset = (index as u64 * fx.tcx.data_layout.pointer_size().bytes()) as i32;
    fx.bcx.ins().load(fx.ptr_ty, MemFlagsData::trusted(), vtable, offset)
}
