//! Compiler intrinsics (`core::intrinsics`) reached by monomorphized code.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{AtomicRmwOp, InstBuilder, MemFlagsData, TrapCode, Type, Value, types};
use rustc_middle::mir::{self, BasicBlock, BinOp, Operand};
use rustc_middle::ty::layout::LayoutOf;
use rustc_middle::ty::{self, Instance};
use rustc_span::{Spanned, Symbol};

use super::fx::{CgResult, FnCx};
use super::num::lib_call;
use super::statement::{operand, place};
use super::value::{Place, Val, size_and_align_of};

/// Lowers a call to an intrinsic. Returns the instance of its fallback body when fastclif
/// has no dedicated lowering but the intrinsic provides one.
pub fn lower_intrinsic<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    instance: Instance<'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: mir::Place<'tcx>,
    target: Option<BasicBlock>,
    source_info: mir::SourceInfo,
) -> CgResult<Option<Instance<'tcx>>> {
    let name = fx.tcx.item_name(instance.def_id());
    let dest = place(fx, destination)?;
    let handled = lower_known(fx, name, instance, args, dest, source_info)?;
    if !handled {
        let def_id = instance.def_id();
        let has_fallback = fx.tcx.intrinsic(def_id).is_some_and(|i| !i.must_be_overridden);
        if has_fallback {
            return Ok(Some(Instance::new_raw(def_id, instance.args)));
        }
        return Err(fx.unsupported(format!("the intrinsic `{name}`")));
    }
    super::call::jump_or_trap(fx, target);
    Ok(None)
}

fn arg<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, args: &[Spanned<Operand<'tcx>>], i: usize) -> CgResult<Val<'tcx>> {
    operand(fx, &args[i].node)
}

fn scalar_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    i: usize,
) -> CgResult<Value> {
    Ok(arg(fx, args, i)?.load_scalar(fx))
}

fn write_scalar<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, dest: Place<'tcx>, v: Value) {
    let want = match super::value::reg_shape(fx.tcx, dest.layout) {
        Some(super::value::RegShape::One(t)) => t,
        _ => fx.bcx.func.dfg.value_type(v),
    };
    let v = adjust_int(fx, v, want);
    dest.write(fx, Val::scalar(v, dest.layout));
}

fn adjust_int(fx: &mut FnCx<'_, '_, '_>, v: Value, want: Type) -> Value {
    let have = fx.bcx.func.dfg.value_type(v);
    if have == want || !have.is_int() || !want.is_int() {
        return v;
    }
    if have.bits() > want.bits() { fx.bcx.ins().ireduce(want, v) } else { fx.bcx.ins().uextend(want, v) }
}

fn is_signed(ty: ty::Ty<'_>) -> bool {
    matches!(ty.kind(), ty::Int(_))
}

fn pointee_size<'tcx>(fx: &FnCx<'_, '_, 'tcx>, instance: Instance<'tcx>) -> u64 {
    fx.layout_of(instance.args.type_at(0)).size.bytes()
}

fn lower_known<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: Symbol,
    instance: Instance<'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
    source_info: mir::SourceInfo,
) -> CgResult<bool> {
    let name_str = name.as_str();
    if let Some(op) = name_str.strip_prefix("atomic_") {
        return lower_atomic(fx, op, instance, args, dest);
    }
    if name_str.starts_with("simd_") {
        return super::simd::lower_simd(fx, name_str, args, dest);
    }
    match name_str {
        // Values fixed at compile time: let const evaluation compute them.
        "size_of" | "align_of" | "min_align_of" | "pref_align_of" | "needs_drop" | "type_id"
        | "type_name" | "variant_count" => {
            let value = fx
                .tcx
                .const_eval_instance(ty::TypingEnv::fully_monomorphized(), instance, source_info.span)
                .map_err(|_| fx.unsupported(format!("evaluating the intrinsic `{name}`")))?;
            let val = super::constant::const_value(fx, value, dest.layout.ty)?;
            dest.write(fx, val);
        }
        "assert_inhabited" | "assert_zero_valid" | "assert_mem_uninitialized_valid" => {
            let ty = instance.args.type_at(0);
            let requirement = rustc_middle::ty::layout::ValidityRequirement::from_intrinsic(name)
                .expect("validity intrinsic");
            let ok = fx
                .tcx
                .check_validity_requirement((
                    requirement,
                    ty::TypingEnv::fully_monomorphized().as_query_input(ty),
                ))
                .unwrap_or(true);
            if !ok {
                let msg = if requirement == rustc_middle::ty::layout::ValidityRequirement::Inhabited {
                    format!("attempted to instantiate uninhabited type `{ty}`")
                } else {
                    format!("attempted to leave type `{ty}` uninitialized, which is invalid")
                };
                let ptr = super::constant::str_addr(fx, &msg);
                let len = fx.iconst_usize(msg.len() as u64);
                super::call::call_panic(
                    fx,
                    rustc_hir::LangItem::PanicNounwind,
                    &[ptr, len],
                    source_info.span,
                    None,
                )?;
                let dead = fx.bcx.create_block();
                fx.bcx.switch_to_block(dead);
            }
        }
        "abort" => {
            fx.bcx.ins().trap(TrapCode::unwrap_user(2));
            let dead = fx.bcx.create_block();
            fx.bcx.switch_to_block(dead);
        }
        "unreachable" => {
            fx.bcx.ins().trap(TrapCode::unwrap_user(1));
            let dead = fx.bcx.create_block();
            fx.bcx.switch_to_block(dead);
        }
        "breakpoint" => {
            fx.bcx.ins().debugtrap();
        }
        "assume"
        | "cold_path"
        | "forget"
        | "prefetch_read_data"
        | "prefetch_write_data"
        | "prefetch_read_instruction"
        | "prefetch_write_instruction" => {}
        "likely" | "unlikely" | "black_box" => {
            let v = arg(fx, args, 0)?;
            dest.write(fx, v);
        }
        "is_val_statically_known" => {
            let v = fx.bcx.ins().iconst(types::I8, 0);
            write_scalar(fx, dest, v);
        }
        "caller_location" => {
            let loc = super::call::caller_location(fx, source_info)?;
            dest.write(fx, loc);
        }
        "copy"
        | "copy_nonoverlapping"
        | "volatile_copy_memory"
        | "volatile_copy_nonoverlapping_memory"
        | "write_bytes"
        | "volatile_set_memory" => {
            // copy(src, dst, n); volatile_copy_*(dst, src, n); write_bytes(dst, byte, n).
            let (first, second) = (scalar_arg(fx, args, 0)?, scalar_arg(fx, args, 1)?);
            let count = scalar_arg(fx, args, 2)?;
            let elem_size = pointee_size(fx, instance) as i64;
            let bytes = fx.bcx.ins().imul_imm_s(count, elem_size);
            let config = fx.module_config();
            match name_str {
                "copy" => fx.bcx.call_memmove(config, second, first, bytes),
                "copy_nonoverlapping" => fx.bcx.call_memcpy(config, second, first, bytes),
                "write_bytes" | "volatile_set_memory" => fx.bcx.call_memset(config, first, second, bytes),
                _ => fx.bcx.call_memmove(config, first, second, bytes),
            }
        }
        "volatile_load" | "unaligned_volatile_load" => {
            let ptr = scalar_arg(fx, args, 0)?;
            let val = Val::mem(super::value::MemAddr::value(ptr), dest.layout);
            dest.write(fx, val);
        }
        "volatile_store" | "unaligned_volatile_store" | "nontemporal_store" => {
            let ptr = scalar_arg(fx, args, 0)?;
            let val = arg(fx, args, 1)?;
            Place::in_mem(super::value::MemAddr::value(ptr), None, val.layout).write(fx, val);
        }
        "ctpop" | "ctlz" | "ctlz_nonzero" | "cttz" | "cttz_nonzero" | "bswap" | "bitreverse" => {
            let x = scalar_arg(fx, args, 0)?;
            let r = match name_str {
                "ctpop" => fx.bcx.ins().popcnt(x),
                "ctlz" | "ctlz_nonzero" => fx.bcx.ins().clz(x),
                "cttz" | "cttz_nonzero" => fx.bcx.ins().ctz(x),
                "bswap" if fx.bcx.func.dfg.value_type(x) == types::I8 => x,
                "bswap" => fx.bcx.ins().bswap(x),
                _ => fx.bcx.ins().bitrev(x),
            };
            write_scalar(fx, dest, r);
        }
        "rotate_left" | "rotate_right" => {
            let x = scalar_arg(fx, args, 0)?;
            let n = scalar_arg(fx, args, 1)?;
            let r = if name_str == "rotate_left" { fx.bcx.ins().rotl(x, n) } else { fx.bcx.ins().rotr(x, n) };
            write_scalar(fx, dest, r);
        }
        "unchecked_add" | "unchecked_sub" | "unchecked_mul" | "unchecked_div" | "unchecked_rem"
        | "unchecked_shl" | "unchecked_shr" | "exact_div" | "wrapping_add" | "wrapping_sub"
        | "wrapping_mul" | "three_way_compare" | "disjoint_bitor" => {
            let op = match name_str {
                "unchecked_add" | "wrapping_add" => BinOp::Add,
                "unchecked_sub" | "wrapping_sub" => BinOp::Sub,
                "unchecked_mul" | "wrapping_mul" => BinOp::Mul,
                "unchecked_div" | "exact_div" => BinOp::Div,
                "unchecked_rem" => BinOp::Rem,
                "unchecked_shl" => BinOp::Shl,
                "unchecked_shr" => BinOp::Shr,
                "disjoint_bitor" => BinOp::BitOr,
                _ => BinOp::Cmp,
            };
            let (a, b) = (arg(fx, args, 0)?, arg(fx, args, 1)?);
            let b = if matches!(op, BinOp::Shl | BinOp::Shr) { b } else { b.with_layout(a.layout) };
            let r = super::num::binop(fx, op, a, b, dest.layout)?;
            dest.write(fx, r);
        }
        "add_with_overflow" | "sub_with_overflow" | "mul_with_overflow" => {
            let op = match name_str {
                "add_with_overflow" => BinOp::Add,
                "sub_with_overflow" => BinOp::Sub,
                _ => BinOp::Mul,
            };
            let (a, b) = (arg(fx, args, 0)?, arg(fx, args, 1)?);
            let r = super::num::checked_binop(fx, op, a, b, dest.layout)?;
            dest.write(fx, r);
        }
        "saturating_add" | "saturating_sub" => {
            let a_val = arg(fx, args, 0)?;
            let signed = is_signed(a_val.layout.ty);
            let a = a_val.load_scalar(fx);
            let b = scalar_arg(fx, args, 1)?;
            let ty = fx.bcx.func.dfg.value_type(a);
            let add = name_str == "saturating_add";
            let (r, overflow) = match (add, signed) {
                (true, false) => fx.bcx.ins().uadd_overflow(a, b),
                (true, true) => fx.bcx.ins().sadd_overflow(a, b),
                (false, false) => fx.bcx.ins().usub_overflow(a, b),
                (false, true) => fx.bcx.ins().ssub_overflow(a, b),
            };
            let bits = ty.bits();
            let clamp = if !signed {
                super::value::const_bits(fx, ty, if add { u128::MAX >> (128 - bits) } else { 0 })
            } else {
                // Signed overflow goes towards the sign of `b` (for add) or away from it (sub).
                let max = super::value::const_bits(fx, ty, (u128::MAX >> (128 - bits)) >> 1);
                let min = super::value::const_bits(fx, ty, 1u128 << (bits - 1));
                let b_neg = fx.bcx.ins().icmp_imm_s(IntCC::SignedLessThan, b, 0);
                if add { fx.bcx.ins().select(b_neg, min, max) } else { fx.bcx.ins().select(b_neg, max, min) }
            };
            let v = fx.bcx.ins().select(overflow, clamp, r);
            write_scalar(fx, dest, v);
        }
        "ptr_offset_from" | "ptr_offset_from_unsigned" => {
            let size = pointee_size(fx, instance);
            let a = scalar_arg(fx, args, 0)?;
            let b = scalar_arg(fx, args, 1)?;
            let diff = fx.bcx.ins().isub(a, b);
            let r = if size <= 1 {
                diff
            } else if name_str == "ptr_offset_from" {
                fx.bcx.ins().sdiv_imm_s(diff, size as i64)
            } else {
                fx.bcx.ins().udiv_imm_s(diff, size as i64)
            };
            write_scalar(fx, dest, r);
        }
        "arith_offset" | "offset" => {
            let ptr_val = arg(fx, args, 0)?;
            let pointee = ptr_val.layout.ty.builtin_deref(true).expect("offset of non-pointer");
            let size = fx.layout_of(pointee).size.bytes();
            let p = ptr_val.load_scalar(fx);
            let n = scalar_arg(fx, args, 1)?;
            let bytes = fx.bcx.ins().imul_imm_s(n, size as i64);
            let r = fx.bcx.ins().iadd(p, bytes);
            write_scalar(fx, dest, r);
        }
        "ptr_mask" => {
            let p = scalar_arg(fx, args, 0)?;
            let m = scalar_arg(fx, args, 1)?;
            let r = fx.bcx.ins().band(p, m);
            write_scalar(fx, dest, r);
        }
        "ptr_guaranteed_cmp" => {
            let a = scalar_arg(fx, args, 0)?;
            let b = scalar_arg(fx, args, 1)?;
            let r = fx.bcx.ins().icmp(IntCC::Equal, a, b);
            write_scalar(fx, dest, r);
        }
        "raw_eq" => {
            let size = pointee_size(fx, instance);
            let a = scalar_arg(fx, args, 0)?;
            let b = scalar_arg(fx, args, 1)?;
            let r = if size == 0 {
                fx.bcx.ins().iconst(types::I8, 1)
            } else {
                let n = fx.iconst_usize(size);
                let ptr = fx.ptr_ty;
                let c = lib_call(fx, "memcmp", &[ptr, ptr, ptr], &[types::I32], &[a, b, n])[0];
                fx.bcx.ins().icmp_imm_s(IntCC::Equal, c, 0)
            };
            write_scalar(fx, dest, r);
        }
        "compare_bytes" => {
            let a = scalar_arg(fx, args, 0)?;
            let b = scalar_arg(fx, args, 1)?;
            let n = scalar_arg(fx, args, 2)?;
            let ptr = fx.ptr_ty;
            let c = lib_call(fx, "memcmp", &[ptr, ptr, ptr], &[types::I32], &[a, b, n])[0];
            write_scalar(fx, dest, c);
        }
        "discriminant_value" => {
            let p = arg(fx, args, 0)?;
            let pointee = p.layout.ty.builtin_deref(true).expect("discriminant_value of non-pointer");
            let layout = fx.layout_of(pointee);
            let addr = p.load_scalar(fx);
            let val = Val::mem(super::value::MemAddr::value(addr), layout);
            let d = super::discr::get_discriminant(fx, val, dest.layout)?;
            dest.write(fx, d);
        }
        "size_of_val" | "align_of_val" | "min_align_of_val" => {
            let p = arg(fx, args, 0)?;
            let pointee = p.layout.ty.builtin_deref(true).expect("size_of_val of non-pointer");
            let layout = fx.layout_of(pointee);
            let meta = if layout.is_sized() { None } else { Some(p.load_pair(fx).1) };
            let (size, align) = size_and_align_of(fx, layout, meta)?;
            write_scalar(fx, dest, if name_str == "size_of_val" { size } else { align });
        }
        "transmute" | "transmute_unchecked" => {
            let v = arg(fx, args, 0)?;
            dest.write_transmute(fx, v);
        }
        "select_unpredictable" => {
            let c = scalar_arg(fx, args, 0)?;
            let t = arg(fx, args, 1)?;
            let f = arg(fx, args, 2)?;
            match super::value::reg_shape(fx.tcx, t.layout) {
                Some(super::value::RegShape::One(_)) => {
                    let (tv, fv) = (t.load_scalar(fx), f.load_scalar(fx));
                    let r = fx.bcx.ins().select(c, tv, fv);
                    dest.write(fx, Val::scalar(r, dest.layout));
                }
                _ => {
                    let then_b = fx.bcx.create_block();
                    let else_b = fx.bcx.create_block();
                    let join = fx.bcx.create_block();
                    fx.bcx.ins().brif(c, then_b, &[], else_b, &[]);
                    fx.bcx.switch_to_block(then_b);
                    dest.write(fx, t);
                    fx.bcx.ins().jump(join, &[]);
                    fx.bcx.switch_to_block(else_b);
                    dest.write(fx, f);
                    fx.bcx.ins().jump(join, &[]);
                    fx.bcx.switch_to_block(join);
                }
            }
        }
        "catch_unwind" => {
            let try_fn = scalar_arg(fx, args, 0)?;
            let data = scalar_arg(fx, args, 1)?;
            let catch_fn = scalar_arg(fx, args, 2)?;
            let caught = super::landing::catch_unwind(fx, try_fn, data, catch_fn)?;
            write_scalar(fx, dest, caught);
        }
        "const_allocate" => {
            let null = fx.iconst_usize(0);
            write_scalar(fx, dest, null);
        }
        "const_deallocate" => {}
        _ => return lower_float(fx, name_str, args, dest),
    }
    Ok(true)
}

fn lower_float<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<bool> {
    let base = if float_arity(name).is_some() {
        name
    } else if let Some(b) = ["f16", "f32", "f64", "f128"].iter().find_map(|suffix| name.strip_suffix(suffix))
    {
        // Both `sqrtf32` and `round_ties_even_f32` spellings exist.
        b.strip_suffix('_').unwrap_or(b)
    } else if matches!(
        name,
        "fadd_fast"
            | "fsub_fast"
            | "fmul_fast"
            | "fdiv_fast"
            | "frem_fast"
            | "fadd_algebraic"
            | "fsub_algebraic"
            | "fmul_algebraic"
            | "fdiv_algebraic"
            | "frem_algebraic"
            | "float_to_int_unchecked"
    ) {
        return lower_fast_float(fx, name, args, dest);
    } else {
        return Ok(false);
    };
    let Some(arity) = float_arity(base) else { return Ok(false) };
    if args.len() != arity {
        return Ok(false);
    }
    let mut vals = Vec::with_capacity(arity);
    for i in 0..arity {
        vals.push(scalar_arg(fx, args, i)?);
    }
    let ty = fx.bcx.func.dfg.value_type(vals[0]);
    let r = if super::soft_float::is_soft(ty) {
        super::soft_float::intrinsic(fx, base, &vals, &mut |fx, wide| float_op(fx, base, wide))?
    } else if ty == types::F32 || ty == types::F64 {
        float_op(fx, base, &vals)?
    } else {
        None
    };
    let Some(r) = r else { return Ok(false) };
    dest.write(fx, Val::scalar(r, dest.layout));
    Ok(true)
}

/// The operand count of a float intrinsic named without its type suffix (`sqrt`, `powi`, ...);
/// `None` for any other name. The generic forms (`sqrt::<f32>`) carry exactly these names.
fn float_arity(base: &str) -> Option<usize> {
    Some(match base {
        "copysign" | "minnum" | "maxnum" | "minimum" | "maximum" | "powi" | "pow" | "powf" => 2,
        "fma" | "fmuladd" => 3,
        "fabs" | "sqrt" | "floor" | "ceil" | "trunc" | "rint" | "nearbyint" | "round" | "round_ties_even"
        | "exp" | "exp2" | "log" | "log2" | "log10" | "sin" | "cos" | "tan" => 1,
        _ => return None,
    })
}

/// A float intrinsic on `f32` or `f64` operands; `None` if `base` is not one.
fn float_op(fx: &mut FnCx<'_, '_, '_>, base: &str, vals: &[Value]) -> CgResult<Option<Value>> {
    let a = vals[0];
    let ty = fx.bcx.func.dfg.value_type(a);
    let libm = |fx: &mut FnCx<'_, '_, '_>, stem: &str, vals: &[Value]| -> Value {
        let name = if ty == types::F32 { format!("{stem}f") } else { stem.to_string() };
        let params: Vec<Type> = vals.iter().map(|v| fx.bcx.func.dfg.value_type(*v)).collect();
        lib_call(fx, &name, &params, &[ty], vals)[0]
    };
    Ok(Some(match base {
        "sqrt" => fx.bcx.ins().sqrt(a),
        "fabs" => fx.bcx.ins().fabs(a),
        "floor" => fx.bcx.ins().floor(a),
        "ceil" => fx.bcx.ins().ceil(a),
        "trunc" => fx.bcx.ins().trunc(a),
        "rint" | "nearbyint" | "round_ties_even" => fx.bcx.ins().nearest(a),
        "round" => libm(fx, "round", &[a]),
        "copysign" => fx.bcx.ins().fcopysign(a, vals[1]),
        "fma" | "fmuladd" => libm(fx, "fma", vals),
        // C's fmin/fmax ignore a NaN operand, as `minnum`/`maxnum` require.
        "minnum" => libm(fx, "fmin", vals),
        "maxnum" => libm(fx, "fmax", vals),
        // Cranelift's fmin/fmax propagate NaN and order -0 below +0: IEEE 754-2019 minimum/maximum.
        "minimum" => fx.bcx.ins().fmin(a, vals[1]),
        "maximum" => fx.bcx.ins().fmax(a, vals[1]),
        "powi" => {
            let name = if ty == types::F32 { "__powisf2" } else { "__powidf2" };
            lib_call(fx, name, &[ty, types::I32], &[ty], vals)[0]
        }
        "pow" | "powf" => libm(fx, "pow", vals),
        "exp" | "exp2" | "log" | "log2" | "log10" | "sin" | "cos" | "tan" => libm(fx, base, &[a]),
        _ => return Ok(None),
    }))
}

fn lower_fast_float<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<bool> {
    if name == "float_to_int_unchecked" {
        let v = arg(fx, args, 0)?;
        let x = v.load_scalar(fx);
        let to = match super::value::reg_shape(fx.tcx, dest.layout) {
            Some(super::value::RegShape::One(t)) => t,
            _ => return Ok(false),
        };
        let r = super::cast::int_or_float_cast(fx, x, true, to, is_signed(dest.layout.ty))?;
        dest.write(fx, Val::scalar(r, dest.layout));
        return Ok(true);
    }
    let op = match &name[..4] {
        "fadd" => BinOp::Add,
        "fsub" => BinOp::Sub,
        "fmul" => BinOp::Mul,
        "fdiv" => BinOp::Div,
        _ => BinOp::Rem,
    };
    let (a, b) = (arg(fx, args, 0)?, arg(fx, args, 1)?);
    let r = super::num::binop(fx, op, a, b, dest.layout)?;
    dest.write(fx, r);
    Ok(true)
}

fn lower_atomic<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    op: &str,
    _instance: Instance<'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<bool> {
    let flags = MemFlagsData::trusted();
    match op {
        "fence" | "singlethreadfence" => {
            fx.bcx.ins().fence();
        }
        "load" => {
            let p = scalar_arg(fx, args, 0)?;
            let ty = match super::value::reg_shape(fx.tcx, dest.layout) {
                Some(super::value::RegShape::One(t)) => t,
                _ => return Err(fx.unsupported(format!("atomic load of `{}`", dest.layout.ty))),
            };
            let v = fx.bcx.ins().atomic_load(ty, flags, p);
            dest.write(fx, Val::scalar(v, dest.layout));
        }
        "store" => {
            let p = scalar_arg(fx, args, 0)?;
            let v = scalar_arg(fx, args, 1)?;
            fx.bcx.ins().atomic_store(flags, v, p);
        }
        "cxchg" | "cxchgweak" => {
            let p = scalar_arg(fx, args, 0)?;
            let expected = scalar_arg(fx, args, 1)?;
            let new = scalar_arg(fx, args, 2)?;
            let old = fx.bcx.ins().atomic_cas(flags, p, expected, new);
            let ok = fx.bcx.ins().icmp(IntCC::Equal, old, expected);
            let value_layout = dest.layout.field(fx, 0);
            let flag_layout = dest.layout.field(fx, 1);
            dest.field(fx, rustc_abi::FieldIdx::from_u32(0))?.write(fx, Val::scalar(old, value_layout));
            dest.field(fx, rustc_abi::FieldIdx::from_u32(1))?.write(fx, Val::scalar(ok, flag_layout));
        }
        "xchg" | "xadd" | "xsub" | "and" | "nand" | "or" | "xor" | "max" | "min" | "umax" | "umin" => {
            let p = scalar_arg(fx, args, 0)?;
            let v = scalar_arg(fx, args, 1)?;
            let rmw = match op {
                "xchg" => AtomicRmwOp::Xchg,
                "xadd" => AtomicRmwOp::Add,
                "xsub" => AtomicRmwOp::Sub,
                "and" => AtomicRmwOp::And,
                "nand" => AtomicRmwOp::Nand,
                "or" => AtomicRmwOp::Or,
                "xor" => AtomicRmwOp::Xor,
                "max" => AtomicRmwOp::Smax,
                "min" => AtomicRmwOp::Smin,
                "umax" => AtomicRmwOp::Umax,
                _ => AtomicRmwOp::Umin,
            };
            let ty = match super::value::reg_shape(fx.tcx, dest.layout) {
                Some(super::value::RegShape::One(t)) => t,
                _ => return Err(fx.unsupported(format!("atomic {op} of `{}`", dest.layout.ty))),
            };
            let v = adjust_int(fx, v, ty);
            let old = fx.bcx.ins().atomic_rmw(ty, flags, rmw, p, v);
            dest.write(fx, Val::scalar(old, dest.layout));
        }
        _ => return Err(fx.unsupported(format!("the atomic intrinsic `atomic_{op}`"))),
    }
    Ok(true)
}
