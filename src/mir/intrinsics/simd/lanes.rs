//! Vectors in memory, lane by lane: the shape of a vector type and its lanes' addresses.

use cranelift_codegen::ir::{InstBuilder, Type, Value};
use rustc_middle::ty::Ty;
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};

use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{MemAddr, Val};
use crate::signature::scalar_clif_ty;

/// The shape of a SIMD vector type: lane count, lane layout and lane CLIF type.
pub struct Lanes<'tcx> {
    pub count: u64,
    pub elem: TyAndLayout<'tcx>,
    pub ty: Type,
}

impl<'tcx> Lanes<'tcx> {
    pub fn of(fx: &FnCx<'_, '_, 'tcx>, ty: Ty<'tcx>) -> CgResult<Self> {
        if !ty.is_simd() {
            return Err(fx.unsupported(format!("SIMD intrinsics on non-vector type `{ty}`")));
        }
        let (count, elem_ty) = ty.simd_size_and_type(fx.tcx);
        let elem = fx.layout_of(elem_ty);
        let ty = match elem.backend_repr {
            rustc_abi::BackendRepr::Scalar(s) => scalar_clif_ty(fx.tcx, s),
            _ => return Err(fx.unsupported(format!("SIMD lanes of type `{elem_ty}`"))),
        };
        Ok(Lanes { count, elem, ty })
    }

    /// The address of lane `i` of the vector at `base`.
    pub fn addr(&self, fx: &mut FnCx<'_, '_, '_>, base: MemAddr, i: u64) -> MemAddr {
        base.offset(fx, (i * self.elem.size.bytes()) as i64)
    }

    pub fn load(&self, fx: &mut FnCx<'_, '_, '_>, base: MemAddr, i: u64) -> Value {
        self.addr(fx, base, i).load(fx, self.ty)
    }

    pub fn store(&self, fx: &mut FnCx<'_, '_, '_>, base: MemAddr, i: u64, v: Value) {
        self.addr(fx, base, i).store(fx, v)
    }
}

/// The memory a vector operand lives in (a register value is spilled to a fresh slot).
pub fn vec_addr<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, v: Val<'tcx>) -> MemAddr {
    v.to_mem(fx).0
}

/// A comparison result lane: all ones for true, zero for false.
pub fn all_ones(fx: &mut FnCx<'_, '_, '_>, ty: Type, flag: Value) -> Value {
    let wide = if ty.bits() > 8 { fx.bcx.ins().uextend(ty, flag) } else { flag };
    fx.bcx.ins().ineg(wide)
}
