//! MIR constants as CLIF values.

use cranelift_codegen::ir::{GlobalValue, InstBuilder, Value};
use cranelift_module::Module;
use rustc_hir::def_id::DefId;
use rustc_middle::middle::codegen_fn_attrs::CodegenFnAttrFlags;
use rustc_middle::mir::interpret::{AllocId, GlobalAlloc, Scalar};
use rustc_middle::mir::{ConstOperand, ConstValue};
use rustc_middle::ty::layout::LayoutOf;
use rustc_middle::ty::{self, Instance, ScalarInt, Ty};

use super::fx::FnCx;
use super::value::{MemAddr, Val};
use crate::error::CgResult;

pub fn const_operand<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, c: &ConstOperand<'tcx>) -> CgResult<Val<'tcx>> {
    let konst = fx.monomorphize(c.const_);
    let value = konst
        .eval(fx.tcx, ty::TypingEnv::fully_monomorphized(), c.span)
        .map_err(|_| fx.unsupported("a constant that failed to evaluate"))?;
    const_value(fx, value, konst.ty())
}

/// The integer value of a constant operand (sign-extended for signed types), if it is one.
pub fn const_int<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, c: &ConstOperand<'tcx>) -> Option<i64> {
    let konst = fx.monomorphize(c.const_);
    let ty = konst.ty();
    match konst.eval(fx.tcx, ty::TypingEnv::fully_monomorphized(), c.span).ok()? {
        ConstValue::Scalar(Scalar::Int(int)) => {
            let size = int.size();
            Some(if ty.is_signed() { int.to_int(size) as i64 } else { int.to_uint(size) as i64 })
        }
        _ => None,
    }
}

pub fn const_value<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    value: ConstValue,
    ty: Ty<'tcx>,
) -> CgResult<Val<'tcx>> {
    let layout = fx.layout_of(ty);
    if layout.is_zst() {
        return Ok(Val::zst(layout));
    }
    Ok(match value {
        ConstValue::ZeroSized => Val::zst(layout),
        ConstValue::Scalar(Scalar::Int(int)) => Val::const_int(fx, layout, int),
        ConstValue::Scalar(Scalar::Ptr(ptr, _)) => {
            let (prov, offset) = ptr.prov_and_relative_offset();
            let offset = offset.bytes();
            match fx.tcx.global_alloc(prov.alloc_id()) {
                GlobalAlloc::TypeId { .. } => {
                    let int = ScalarInt::try_from_target_usize(offset, fx.tcx).expect("type id offset");
                    Val::const_int(fx, layout, int)
                }
                _ => {
                    let base = alloc_addr(fx, prov.alloc_id())?;
                    let addr = if offset == 0 { base } else { fx.bcx.ins().iadd_imm_s(base, offset as i64) };
                    Val::scalar(addr, layout)
                }
            }
        }
        ConstValue::Indirect { alloc_id, offset } => {
            let base = alloc_addr(fx, alloc_id)?;
            Val::mem(MemAddr::value(base).offset(fx, offset.bytes() as i64), layout)
        }
        ConstValue::Slice { alloc_id, meta } => {
            let ptr = alloc_addr(fx, alloc_id)?;
            let len = fx.iconst_usize(meta);
            Val::pair(ptr, len, layout)
        }
    })
}

fn data_gv(fx: &mut FnCx<'_, '_, '_>, id: cranelift_module::DataId) -> GlobalValue {
    fx.module.declare_data_in_func(id, fx.bcx.func)
}

/// Address of any global allocation: memory, function, vtable or static.
pub fn alloc_addr(fx: &mut FnCx<'_, '_, '_>, alloc_id: AllocId) -> CgResult<Value> {
    Ok(match fx.tcx.global_alloc(alloc_id) {
        GlobalAlloc::Memory(alloc) if alloc.inner().len() == 0 => {
            fx.iconst_usize(alloc.inner().align.bytes())
        }
        GlobalAlloc::Memory(_) => {
            let id = fx.data.alloc(fx.tcx, fx.module, alloc_id);
            let gv = data_gv(fx, id);
            fx.bcx.ins().symbol_value(fx.ptr_ty, gv)
        }
        GlobalAlloc::Function { instance } => fx.fn_addr(instance)?,
        GlobalAlloc::VTable(ty, dyn_ty) => {
            let principal = dyn_ty.principal().map(|p| fx.tcx.instantiate_bound_regions_with_erased(p));
            let id = fx.data.vtable(fx.tcx, fx.module, ty, principal);
            if let Some(debug) = fx.debug.as_deref_mut() {
                debug.vtable(fx.tcx, ty, principal, id);
            }
            let gv = data_gv(fx, id);
            fx.bcx.ins().symbol_value(fx.ptr_ty, gv)
        }
        GlobalAlloc::Static(def_id) => static_addr(fx, def_id),
        GlobalAlloc::TypeId { .. } => fx.iconst_usize(0),
    })
}

fn static_addr(fx: &mut FnCx<'_, '_, '_>, def_id: DefId) -> Value {
    let id = crate::data::static_data_id(fx.tcx, fx.module, def_id, false);
    let gv = data_gv(fx, id);
    if fx.tcx.codegen_fn_attrs(def_id).flags.contains(CodegenFnAttrFlags::THREAD_LOCAL) {
        fx.bcx.ins().tls_value(fx.ptr_ty, gv)
    } else {
        fx.bcx.ins().symbol_value(fx.ptr_ty, gv)
    }
}

pub fn thread_local_addr(fx: &mut FnCx<'_, '_, '_>, def_id: DefId) -> CgResult<Value> {
    if !def_id.is_local() && fx.tcx.needs_thread_local_shim(def_id) {
        // Thread locals of other crates are reached through their accessor shim.
        let shim = Instance {
            def: ty::InstanceKind::Shim(ty::ShimKind::ThreadLocal(def_id)),
            args: ty::GenericArgs::empty(),
        };
        let func = fx.import_instance(shim)?;
        let call = fx.bcx.ins().call(func, &[]);
        Ok(fx.bcx.inst_results(call)[0])
    } else {
        Ok(static_addr(fx, def_id))
    }
}

/// A pointer to a byte string in read-only data (panic messages built by the backend).
pub fn str_addr(fx: &mut FnCx<'_, '_, '_>, text: &str) -> CgResult<Value> {
    let alloc_id = fx.tcx.allocate_bytes_dedup(text.as_bytes(), rustc_const_eval::interpret::CTFE_ALLOC_SALT);
    alloc_addr(fx, alloc_id)
}
