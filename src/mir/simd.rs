//! Portable SIMD intrinsics (`simd_*`), lowered lane by lane on vectors kept in memory.
//!
//! Correct rather than fast: std reaches these through `core::simd` helpers (for example
//! substring search); debug builds do not need vector registers for them.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Type, Value, types};
use rustc_middle::mir::{BinOp, Operand};
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};
use rustc_middle::ty::{self, Ty};
use rustc_span::Spanned;

use super::fx::{CgResult, FnCx};
use super::statement::operand;
use super::value::{MemAddr, Place, Val, scalar_clif_ty};

struct Lanes<'tcx> {
    count: u64,
    elem: TyAndLayout<'tcx>,
    ty: Type,
}

fn lanes<'tcx>(fx: &FnCx<'_, '_, 'tcx>, ty: Ty<'tcx>) -> CgResult<Lanes<'tcx>> {
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

fn lane_addr(fx: &mut FnCx<'_, '_, '_>, base: MemAddr, lanes: &Lanes<'_>, i: u64) -> MemAddr {
    base.offset(fx, (i * lanes.elem.size.bytes()) as i64)
}

fn vec_addr<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, v: Val<'tcx>) -> MemAddr {
    v.to_mem(fx).0
}

fn all_ones(fx: &mut FnCx<'_, '_, '_>, ty: Type, flag: Value) -> Value {
    let wide = if ty.bits() > 8 { fx.bcx.ins().uextend(ty, flag) } else { flag };
    fx.bcx.ins().ineg(wide)
}

/// `x ± y` clamped to the lane type's range. Signed overflow happened when the result's sign
/// differs from both operands' (add) or from `x`'s while `x` and `y` differ in sign (sub);
/// the bound is then the one on `x`'s side.
fn saturating_lane(fx: &mut FnCx<'_, '_, '_>, x: Value, y: Value, signed: bool, subtract: bool) -> Value {
    let ty = fx.bcx.func.dfg.value_type(x);
    let r = if subtract { fx.bcx.ins().isub(x, y) } else { fx.bcx.ins().iadd(x, y) };
    if !signed {
        let (wrapped, bound) = if subtract {
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, x, y), fx.bcx.ins().iconst(ty, 0))
        } else {
            let all_ones = (u64::MAX >> (64 - ty.bits())) as i64;
            (fx.bcx.ins().icmp(IntCC::UnsignedLessThan, r, x), fx.bcx.ins().iconst(ty, all_ones))
        };
        return fx.bcx.ins().select(wrapped, bound, r);
    }
    let x_r = fx.bcx.ins().bxor(x, r);
    let other = if subtract { fx.bcx.ins().bxor(x, y) } else { fx.bcx.ins().bxor(y, r) };
    let both = fx.bcx.ins().band(x_r, other);
    let overflow = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, both, 0);
    let bits = ty.bits();
    let max = fx.bcx.ins().iconst(ty, ((1u64 << (bits - 1)) - 1) as i64);
    let min = fx.bcx.ins().iconst(ty, (1u64 << (bits - 1)) as i64);
    let x_negative = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
    let bound = fx.bcx.ins().select(x_negative, min, max);
    fx.bcx.ins().select(overflow, bound, r)
}

/// Lowers `name` when it is a supported portable-SIMD intrinsic; Ok(false) otherwise.
pub fn lower_simd<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<bool> {
    let arg = |fx: &mut FnCx<'_, '_, 'tcx>, i: usize| operand(fx, &args[i].node);
    match name {
        "simd_splat" => {
            let lanes = lanes(fx, dest.layout.ty)?;
            let x = arg(fx, 0)?.load_scalar(fx);
            let base = dest.mem_addr();
            for i in 0..lanes.count {
                lane_addr(fx, base, &lanes, i).store(fx, x);
            }
        }
        "simd_eq" | "simd_ne" | "simd_lt" | "simd_le" | "simd_gt" | "simd_ge" => {
            let (a, b) = (arg(fx, 0)?, arg(fx, 1)?);
            let in_lanes = lanes(fx, a.layout.ty)?;
            let out_lanes = lanes(fx, dest.layout.ty)?;
            let signed = matches!(in_lanes.elem.ty.kind(), ty::Int(_));
            let float = in_lanes.elem.ty.is_floating_point();
            let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), dest.mem_addr());
            for i in 0..in_lanes.count {
                let x = lane_addr(fx, pa, &in_lanes, i).load(fx, in_lanes.ty);
                let y = lane_addr(fx, pb, &in_lanes, i).load(fx, in_lanes.ty);
                let flag = if float {
                    let cc = match name {
                        "simd_eq" => FloatCC::Equal,
                        "simd_ne" => FloatCC::NotEqual,
                        "simd_lt" => FloatCC::LessThan,
                        "simd_le" => FloatCC::LessThanOrEqual,
                        "simd_gt" => FloatCC::GreaterThan,
                        _ => FloatCC::GreaterThanOrEqual,
                    };
                    fx.bcx.ins().fcmp(cc, x, y)
                } else {
                    let cc = match (name, signed) {
                        ("simd_eq", _) => IntCC::Equal,
                        ("simd_ne", _) => IntCC::NotEqual,
                        ("simd_lt", true) => IntCC::SignedLessThan,
                        ("simd_lt", false) => IntCC::UnsignedLessThan,
                        ("simd_le", true) => IntCC::SignedLessThanOrEqual,
                        ("simd_le", false) => IntCC::UnsignedLessThanOrEqual,
                        ("simd_gt", true) => IntCC::SignedGreaterThan,
                        ("simd_gt", false) => IntCC::UnsignedGreaterThan,
                        ("simd_ge", true) => IntCC::SignedGreaterThanOrEqual,
                        _ => IntCC::UnsignedGreaterThanOrEqual,
                    };
                    fx.bcx.ins().icmp(cc, x, y)
                };
                let lane = all_ones(fx, out_lanes.ty, flag);
                lane_addr(fx, out, &out_lanes, i).store(fx, lane);
            }
        }
        "simd_add" | "simd_sub" | "simd_mul" | "simd_div" | "simd_rem" | "simd_and" | "simd_or"
        | "simd_xor" | "simd_shl" | "simd_shr" => {
            let op = match name {
                "simd_add" => BinOp::Add,
                "simd_sub" => BinOp::Sub,
                "simd_mul" => BinOp::Mul,
                "simd_div" => BinOp::Div,
                "simd_rem" => BinOp::Rem,
                "simd_and" => BinOp::BitAnd,
                "simd_or" => BinOp::BitOr,
                "simd_xor" => BinOp::BitXor,
                "simd_shl" => BinOp::Shl,
                _ => BinOp::Shr,
            };
            let (a, b) = (arg(fx, 0)?, arg(fx, 1)?);
            let l = lanes(fx, a.layout.ty)?;
            let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), dest.mem_addr());
            for i in 0..l.count {
                let x = Val::mem(lane_addr(fx, pa, &l, i), l.elem);
                let y = Val::mem(lane_addr(fx, pb, &l, i), l.elem);
                let r = super::num::binop(fx, op, x, y, l.elem)?;
                let v = r.load_scalar(fx);
                lane_addr(fx, out, &l, i).store(fx, v);
            }
        }
        "simd_fma" | "simd_relaxed_fma" => {
            // Lane-wise `a * b + c` rounded once, through libm like the scalar `fma`.
            let (a, b, c) = (arg(fx, 0)?, arg(fx, 1)?, arg(fx, 2)?);
            let l = lanes(fx, a.layout.ty)?;
            let libm = match l.ty {
                types::F32 => "fmaf",
                types::F64 => "fma",
                other => return Err(fx.unsupported(format!("`{name}` on {other} lanes"))),
            };
            let (pa, pb, pc, out) = (vec_addr(fx, a), vec_addr(fx, b), vec_addr(fx, c), dest.mem_addr());
            for i in 0..l.count {
                let x = lane_addr(fx, pa, &l, i).load(fx, l.ty);
                let y = lane_addr(fx, pb, &l, i).load(fx, l.ty);
                let z = lane_addr(fx, pc, &l, i).load(fx, l.ty);
                let r = super::num::lib_call(fx, libm, &[l.ty; 3], &[l.ty], &[x, y, z])[0];
                lane_addr(fx, out, &l, i).store(fx, r);
            }
        }
        "simd_saturating_add" | "simd_saturating_sub" => {
            let (a, b) = (arg(fx, 0)?, arg(fx, 1)?);
            let l = lanes(fx, a.layout.ty)?;
            let signed = matches!(l.elem.ty.kind(), ty::Int(_));
            let subtract = name == "simd_saturating_sub";
            let (pa, pb, out) = (vec_addr(fx, a), vec_addr(fx, b), dest.mem_addr());
            for i in 0..l.count {
                let x = lane_addr(fx, pa, &l, i).load(fx, l.ty);
                let y = lane_addr(fx, pb, &l, i).load(fx, l.ty);
                let r = saturating_lane(fx, x, y, signed, subtract);
                lane_addr(fx, out, &l, i).store(fx, r);
            }
        }
        "simd_select" => {
            let (m, a, b) = (arg(fx, 0)?, arg(fx, 1)?, arg(fx, 2)?);
            let ml = lanes(fx, m.layout.ty)?;
            let l = lanes(fx, a.layout.ty)?;
            let (pm, pa, pb, out) = (vec_addr(fx, m), vec_addr(fx, a), vec_addr(fx, b), dest.mem_addr());
            for i in 0..l.count {
                let c = lane_addr(fx, pm, &ml, i).load(fx, ml.ty);
                let x = lane_addr(fx, pa, &l, i).load(fx, l.ty);
                let y = lane_addr(fx, pb, &l, i).load(fx, l.ty);
                let r = fx.bcx.ins().select(c, x, y);
                lane_addr(fx, out, &l, i).store(fx, r);
            }
        }
        "simd_reduce_any" | "simd_reduce_all" | "simd_reduce_or" | "simd_reduce_and" | "simd_reduce_xor" => {
            let v = arg(fx, 0)?;
            let l = lanes(fx, v.layout.ty)?;
            let p = vec_addr(fx, v);
            let mut acc = lane_addr(fx, p, &l, 0).load(fx, l.ty);
            for i in 1..l.count {
                let x = lane_addr(fx, p, &l, i).load(fx, l.ty);
                acc = match name {
                    "simd_reduce_any" | "simd_reduce_or" => fx.bcx.ins().bor(acc, x),
                    "simd_reduce_xor" => fx.bcx.ins().bxor(acc, x),
                    _ => fx.bcx.ins().band(acc, x),
                };
            }
            let r = if name == "simd_reduce_any" || name == "simd_reduce_all" {
                fx.bcx.ins().icmp_imm_s(IntCC::NotEqual, acc, 0)
            } else {
                acc
            };
            dest.write(fx, Val::scalar(r, dest.layout));
        }
        "simd_bitmask" => {
            let v = arg(fx, 0)?;
            let l = lanes(fx, v.layout.ty)?;
            let p = vec_addr(fx, v);
            let mut bits = fx.bcx.ins().iconst(types::I64, 0);
            for i in 0..l.count {
                let x = lane_addr(fx, p, &l, i).load(fx, l.ty);
                let neg = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
                let wide = fx.bcx.ins().uextend(types::I64, neg);
                let shifted = fx.bcx.ins().ishl_imm_u(wide, i as i64);
                bits = fx.bcx.ins().bor(bits, shifted);
            }
            let size = dest.layout.size.bytes();
            let int_ty = Type::int((size * 8) as u16).ok_or_else(|| fx.unsupported("wide SIMD bitmasks"))?;
            let r = if int_ty.bits() < 64 { fx.bcx.ins().ireduce(int_ty, bits) } else { bits };
            dest.mem_addr_or_store(fx, r);
        }
        "simd_extract" | "simd_extract_dyn" => {
            let v = arg(fx, 0)?;
            let l = lanes(fx, v.layout.ty)?;
            let idx = arg(fx, 1)?.load_scalar(fx);
            let idx = fx.bcx.ins().uextend(fx.ptr_ty, idx);
            let p = vec_addr(fx, v);
            let off = fx.bcx.ins().imul_imm_s(idx, l.elem.size.bytes() as i64);
            let x = p.offset_dyn(fx, off).load(fx, l.ty);
            dest.write(fx, Val::scalar(x, dest.layout));
        }
        "simd_insert" | "simd_insert_dyn" => {
            let v = arg(fx, 0)?;
            let l = lanes(fx, v.layout.ty)?;
            dest.write(fx, v);
            let idx = arg(fx, 1)?.load_scalar(fx);
            let idx = fx.bcx.ins().uextend(fx.ptr_ty, idx);
            let x = arg(fx, 2)?.load_scalar(fx);
            let off = fx.bcx.ins().imul_imm_s(idx, l.elem.size.bytes() as i64);
            dest.mem_addr().offset_dyn(fx, off).store(fx, x);
        }
        "simd_shuffle" => {
            // Lane i of the result is lane idx[i] of the concatenation of x and y.
            let (x, y, idx) = (arg(fx, 0)?, arg(fx, 1)?, arg(fx, 2)?);
            let il = lanes(fx, x.layout.ty)?;
            let ol = lanes(fx, dest.layout.ty)?;
            let (px, py, pidx, out) = (vec_addr(fx, x), vec_addr(fx, y), vec_addr(fx, idx), dest.mem_addr());
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
                lane_addr(fx, out, &ol, i).store(fx, v);
            }
        }
        "simd_cast" | "simd_as" => {
            let v = arg(fx, 0)?;
            let il = lanes(fx, v.layout.ty)?;
            let ol = lanes(fx, dest.layout.ty)?;
            let (p, out) = (vec_addr(fx, v), dest.mem_addr());
            let from_signed = super::rvalue::signed(il.elem.ty);
            let to_signed = super::rvalue::signed(ol.elem.ty);
            for i in 0..il.count {
                let x = lane_addr(fx, p, &il, i).load(fx, il.ty);
                let r = super::cast::int_or_float_cast(fx, x, from_signed, ol.ty, to_signed)?;
                lane_addr(fx, out, &ol, i).store(fx, r);
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

impl<'tcx> Place<'tcx> {
    /// Stores a scalar into the first bytes of this place (register or memory).
    fn mem_addr_or_store(self, fx: &mut FnCx<'_, '_, 'tcx>, v: Value) {
        match self.repr {
            super::value::PlaceRepr::Mem(addr, _) => addr.store(fx, v),
            _ => self.write(fx, Val::scalar(v, self.layout)),
        }
    }
}
