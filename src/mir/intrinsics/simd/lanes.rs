//! SIMD vectors lane by lane: the shape of a vector type, reading every lane of an operand and
//! writing every lane of a destination, whatever the representation of either (a register
//! vector is spilled to a stack slot, a register destination loaded from one). Intrinsics
//! written against `read`/`write` are correct for every vector; the fast paths for vectors
//! Cranelift holds in registers come before them.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};
use rustc_middle::ty::{self, Ty};

use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::value::{MemAddr, Place, PlaceRepr, Val, bitcast_to};
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

    pub fn is_float(&self) -> bool {
        self.elem.ty.is_floating_point()
    }

    /// Whether the lanes are signed integers (the operators and reductions that care).
    pub fn is_signed(&self) -> bool {
        matches!(self.elem.ty.kind(), ty::Int(_))
    }

    /// One lane as a value of the lane type, for the scalar lowerings (`num::binop`, ...).
    pub fn val(&self, v: Value) -> Val<'tcx> {
        Val::scalar(v, self.elem)
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

    /// Every lane of the vector `v`, as scalars of the lane type.
    pub fn read(&self, fx: &mut FnCx<'_, '_, 'tcx>, v: Val<'tcx>) -> Vec<Value> {
        let base = vec_addr(fx, v);
        (0..self.count).map(|i| self.load(fx, base, i)).collect()
    }

    /// Makes the vector `dest` (of this shape) hold `lanes`.
    pub fn write(&self, fx: &mut FnCx<'_, '_, 'tcx>, dest: Place<'tcx>, lanes: &[Value]) {
        debug_assert_eq!(lanes.len() as u64, self.count);
        if let PlaceRepr::Mem(base, _) = dest.repr {
            for (i, v) in lanes.iter().enumerate() {
                self.store(fx, base, i as u64, *v);
            }
            return;
        }
        let slot = fx.stack_slot(dest.layout.size.bytes(), dest.layout.align.abi.bytes());
        for (i, v) in lanes.iter().enumerate() {
            self.store(fx, slot, i as u64, *v);
        }
        dest.write(fx, Val::mem(slot, dest.layout));
    }
}

/// Every lane of operand `i` of `call`, which is a vector of this shape.
pub fn read_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    call: &crate::mir::intrinsics::call::IntrinsicCall<'_, 'tcx>,
    i: usize,
) -> CgResult<(Lanes<'tcx>, Vec<Value>)> {
    let v = call.arg(fx, i)?;
    let l = Lanes::of(fx, v.layout.ty)?;
    let lanes = l.read(fx, v);
    Ok((l, lanes))
}

/// The memory a vector operand lives in (a register value is spilled to a fresh slot).
fn vec_addr<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, v: Val<'tcx>) -> MemAddr {
    v.to_mem(fx).0
}

/// Whether a mask lane is set. LLVM shifts each mask lane right by its width minus one and
/// truncates to `i1`, so only the most significant bit counts.
pub fn mask_set(fx: &mut FnCx<'_, '_, '_>, lane: Value) -> Value {
    fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, lane, 0)
}

/// `flag ? a : b` for lanes of any type; `f16`/`f128` lanes, which Cranelift only moves
/// around, are selected as their integer twins.
pub fn select_lane(fx: &mut FnCx<'_, '_, '_>, flag: Value, a: Value, b: Value) -> Value {
    let ty = fx.bcx.func.dfg.value_type(a);
    if ty != types::F16 && ty != types::F128 {
        return fx.bcx.ins().select(flag, a, b);
    }
    let int_ty = Type::int(ty.bits() as u16).expect("float types have integer twins");
    let (ai, bi) = (bitcast_to(fx, int_ty, a), bitcast_to(fx, int_ty, b));
    let r = fx.bcx.ins().select(flag, ai, bi);
    bitcast_to(fx, ty, r)
}

/// A comparison result lane: all ones for true, zero for false.
pub fn all_ones(fx: &mut FnCx<'_, '_, '_>, ty: Type, flag: Value) -> Value {
    let wide = if ty.bits() > 8 { fx.bcx.ins().uextend(ty, flag) } else { flag };
    fx.bcx.ins().ineg(wide)
}
