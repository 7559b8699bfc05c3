//! Moving lanes around: `simd_splat`, `simd_shuffle`, `simd_extract`, `simd_insert`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, types};
use rustc_span::sym;

use super::lanes::{Lanes, vec_addr};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::intrinsics::call::{Handled, IntrinsicCall};
use crate::mir::value::{MemAddr, Val};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    match call.name {
        sym::simd_splat => {
            let l = Lanes::of(fx, call.dest.layout.ty)?;
            let x = call.scalar(fx, 0)?;
            let base = call.dest.mem_addr();
            for i in 0..l.count {
                l.store(fx, base, i, x);
            }
        }
        sym::simd_extract | sym::simd_extract_dyn => {
            let v = call.arg(fx, 0)?;
            let l = Lanes::of(fx, v.layout.ty)?;
            let idx = call.scalar(fx, 1)?;
            let idx = fx.bcx.ins().uextend(fx.ptr_ty, idx);
            let p = vec_addr(fx, v);
            let off = fx.bcx.ins().imul_imm_s(idx, l.elem.size.bytes() as i64);
            let x = p.offset_dyn(fx, off).load(fx, l.ty);
            call.dest.write(fx, Val::scalar(x, call.dest.layout));
        }
        sym::simd_insert | sym::simd_insert_dyn => {
            let v = call.arg(fx, 0)?;
            let l = Lanes::of(fx, v.layout.ty)?;
            call.dest.write(fx, v);
            let idx = call.scalar(fx, 1)?;
            let idx = fx.bcx.ins().uextend(fx.ptr_ty, idx);
            let x = call.scalar(fx, 2)?;
            let off = fx.bcx.ins().imul_imm_s(idx, l.elem.size.bytes() as i64);
            call.dest.mem_addr().offset_dyn(fx, off).store(fx, x);
        }
        sym::simd_shuffle => shuffle(fx, call)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Lane i of the result is lane idx[i] of the concatenation of x and y.
fn shuffle<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> CgResult<()> {
    let (x, y, idx) = (call.arg(fx, 0)?, call.arg(fx, 1)?, call.arg(fx, 2)?);
    let il = Lanes::of(fx, x.layout.ty)?;
    let ol = Lanes::of(fx, call.dest.layout.ty)?;
    let (px, py, pidx, out) = (vec_addr(fx, x), vec_addr(fx, y), vec_addr(fx, idx), call.dest.mem_addr());
    let (ax, ay) = (px.addr(fx), py.addr(fx));
    let elem_size = il.elem.size.bytes() as i64;
    for i in 0..ol.count {
        let k = pidx.offset(fx, (i * 4) as i64).load(fx, types::I32);
        let k = fx.bcx.ins().uextend(fx.ptr_ty, k);
        let in_x = fx.bcx.ins().icmp_imm_u(IntCC::UnsignedLessThan, k, il.count as i64);
        let k_y = fx.bcx.ins().iadd_imm_s(k, -(il.count as i64));
        let off_x = fx.bcx.ins().imul_imm_s(k, elem_size);
        let off_y = fx.bcx.ins().imul_imm_s(k_y, elem_size);
        let from_x = fx.bcx.ins().iadd(ax, off_x);
        let from_y = fx.bcx.ins().iadd(ay, off_y);
        let src = fx.bcx.ins().select(in_x, from_x, from_y);
        let v = MemAddr::value(src).load(fx, il.ty);
        ol.store(fx, out, i, v);
    }
    Ok(())
}
