//! Intrinsics that move or compare memory: copies and fills, volatile and non-temporal
//! accesses, byte comparisons, transmutes, and the const-heap intrinsics (no-ops at run time).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, types};
use rustc_middle::ty::layout::LayoutOf;
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{MemAddr, Place, Val};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::copy
        | sym::copy_nonoverlapping
        | sym::volatile_copy_memory
        | sym::volatile_copy_nonoverlapping_memory
        | sym::write_bytes
        | sym::volatile_set_memory => copy_or_fill(fx, call)?,
        sym::volatile_load | sym::unaligned_volatile_load => {
            let ptr = call.scalar(fx, 0)?;
            call.dest.write(fx, Val::mem(MemAddr::value(ptr), call.dest.layout));
        }
        sym::volatile_store | sym::unaligned_volatile_store | sym::nontemporal_store => {
            let ptr = call.scalar(fx, 0)?;
            let val = call.arg(fx, 1)?;
            Place::in_mem(MemAddr::value(ptr), None, val.layout).write(fx, val);
        }
        sym::raw_eq => raw_eq(fx, call)?,
        sym::compare_bytes => {
            let (a, b, n) = (call.scalar(fx, 0)?, call.scalar(fx, 1)?, call.scalar(fx, 2)?);
            let c = memcmp(fx, a, b, n)?;
            call.write_scalar(fx, c);
        }
        sym::transmute | sym::transmute_unchecked => {
            let v = call.arg(fx, 0)?;
            call.dest.write_transmute(fx, v);
        }
        // The const heap exists only during const evaluation; at run time allocating yields
        // null and deallocating does nothing, as the intrinsics document.
        sym::const_allocate => {
            let null = fx.iconst_usize(0);
            call.write_scalar(fx, null);
        }
        sym::const_deallocate => {}
        _ => return Ok(false),
    }
    Ok(true)
}

/// `copy(src, dst, n)`, `copy_nonoverlapping(src, dst, n)`, `volatile_copy_*(dst, src, n)`,
/// `write_bytes(dst, byte, n)`: `n` counts elements of the pointee type.
fn copy_or_fill<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (first, second) = (call.scalar(fx, 0)?, call.scalar(fx, 1)?);
    let count = call.scalar(fx, 2)?;
    let elem_size = fx.layout_of(call.instance.args.type_at(0)).size.bytes() as i64;
    let bytes = if elem_size == 1 { count } else { fx.bcx.ins().imul_imm_s(count, elem_size) };
    let config = fx.module_config();
    match call.name {
        sym::copy => fx.bcx.call_memmove(config, second, first, bytes),
        sym::copy_nonoverlapping => fx.bcx.call_memcpy(config, second, first, bytes),
        sym::write_bytes | sym::volatile_set_memory => fx.bcx.call_memset(config, first, second, bytes),
        _ => fx.bcx.call_memmove(config, first, second, bytes),
    }
    Ok(())
}

fn raw_eq<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let size = fx.layout_of(call.instance.args.type_at(0)).size.bytes();
    let a = call.scalar(fx, 0)?;
    let b = call.scalar(fx, 1)?;
    let r = if size == 0 {
        fx.bcx.ins().iconst(types::I8, 1)
    } else {
        let n = fx.iconst_usize(size);
        let c = memcmp(fx, a, b, n)?;
        fx.bcx.ins().icmp_imm_s(IntCC::Equal, c, 0)
    };
    call.write_scalar(fx, r);
    Ok(())
}

fn memcmp(
    fx: &mut FnCx<'_, '_, '_>,
    a: cranelift_codegen::ir::Value,
    b: cranelift_codegen::ir::Value,
    n: cranelift_codegen::ir::Value,
) -> CgResult<cranelift_codegen::ir::Value> {
    let ptr = fx.ptr_ty;
    Ok(fx.lib_call("memcmp", &[ptr, ptr, ptr], &[types::I32], &[a, b, n])?[0])
}
