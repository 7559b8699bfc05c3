//! Atomic intrinsics (`atomic_load::<T, ORD>` and friends). Cranelift's atomics are
//! sequentially consistent, which is a valid implementation of every weaker ordering.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{AtomicRmwOp, InstBuilder, MemFlagsData, Type};
use rustc_abi::FieldIdx;
use rustc_middle::ty::layout::TyAndLayout;
use rustc_span::sym;

use super::call::{Handled, IntrinsicCall, adjust_int};
use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{RegShape, Val, reg_shape};

pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let flags = MemFlagsData::trusted();
    match call.name {
        sym::atomic_fence | sym::atomic_singlethreadfence => {
            fx.bcx.ins().fence();
        }
        sym::atomic_load => {
            let p = call.scalar(fx, 0)?;
            let ty = scalar_type(fx, call.dest.layout, "load")?;
            let v = fx.bcx.ins().atomic_load(ty, flags, p);
            call.dest.write(fx, Val::scalar(v, call.dest.layout));
        }
        sym::atomic_store => {
            let p = call.scalar(fx, 0)?;
            let v = call.scalar(fx, 1)?;
            fx.bcx.ins().atomic_store(flags, v, p);
        }
        sym::atomic_cxchg | sym::atomic_cxchgweak => {
            let p = call.scalar(fx, 0)?;
            let expected = call.scalar(fx, 1)?;
            let new = call.scalar(fx, 2)?;
            let old = fx.bcx.ins().atomic_cas(flags, p, expected, new);
            let ok = fx.bcx.ins().icmp(IntCC::Equal, old, expected);
            let dest = call.dest;
            let (value_layout, flag_layout) = (dest.layout.field(fx, 0), dest.layout.field(fx, 1));
            dest.field(fx, FieldIdx::from_u32(0))?.write(fx, Val::scalar(old, value_layout));
            dest.field(fx, FieldIdx::from_u32(1))?.write(fx, Val::scalar(ok, flag_layout));
        }
        _ => {
            let Some(rmw) = rmw_op(call) else { return Ok(false) };
            let p = call.scalar(fx, 0)?;
            let v = call.scalar(fx, 1)?;
            let ty = scalar_type(fx, call.dest.layout, call.name.as_str())?;
            let v = adjust_int(fx, v, ty);
            let old = fx.bcx.ins().atomic_rmw(ty, flags, rmw, p, v);
            call.dest.write(fx, Val::scalar(old, call.dest.layout));
        }
    }
    Ok(true)
}

fn rmw_op(call: &IntrinsicCall<'_, '_>) -> Option<AtomicRmwOp> {
    Some(match call.name {
        sym::atomic_xchg => AtomicRmwOp::Xchg,
        sym::atomic_xadd => AtomicRmwOp::Add,
        sym::atomic_xsub => AtomicRmwOp::Sub,
        sym::atomic_and => AtomicRmwOp::And,
        sym::atomic_nand => AtomicRmwOp::Nand,
        sym::atomic_or => AtomicRmwOp::Or,
        sym::atomic_xor => AtomicRmwOp::Xor,
        sym::atomic_max => AtomicRmwOp::Smax,
        sym::atomic_min => AtomicRmwOp::Smin,
        sym::atomic_umax => AtomicRmwOp::Umax,
        sym::atomic_umin => AtomicRmwOp::Umin,
        _ => return None,
    })
}

fn scalar_type(fx: &FnCx<'_, '_, '_>, layout: TyAndLayout<'_>, what: &str) -> CgResult<Type> {
    match reg_shape(fx.tcx, layout) {
        Some(RegShape::One(t)) => Ok(t),
        _ => Err(fx.unsupported(format!("atomic {what} of `{}`", layout.ty))),
    }
}
