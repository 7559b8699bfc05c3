//! Rust's `FnAbi` mapped onto Cranelift signatures, incoming parameters and returns.
//!
//! std is compiled by LLVM, so every decision here mirrors what rustc tells LLVM: the
//! `PassMode` of each argument is authoritative.

use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, Signature, Type, Value, types};
use cranelift_codegen::isa::CallConv;
use rustc_abi::{BackendRepr, CanonAbi, Reg, RegKind, Size, X86Call};
use rustc_middle::ty::{Ty, TyCtxt};
use rustc_target::callconv::{ArgAbi, ArgAttributes, ArgExtension, CastTarget, FnAbi, PassMode};
use smallvec::{SmallVec, smallvec};

use super::fx::{CgResult, FnCx};
use super::value::{MemAddr, Val, scalar_clif_ty};

pub fn call_conv(tcx: TyCtxt<'_>, abi: CanonAbi, default: CallConv) -> CallConv {
    match abi {
        CanonAbi::Rust | CanonAbi::RustCold | CanonAbi::C | CanonAbi::Custom => default,
        CanonAbi::X86(X86Call::SysV64) => CallConv::SystemV,
        CanonAbi::X86(X86Call::Win64) => CallConv::WindowsFastcall,
        other => tcx.dcx().fatal(format!("fastclif does not support the calling convention {other:?}")),
    }
}

fn reg_param(reg: Reg) -> AbiParam {
    let ty = match (reg.kind, reg.size.bytes()) {
        (RegKind::Integer, 1) => types::I8,
        (RegKind::Integer, 2) => types::I16,
        (RegKind::Integer, 3..=4) => types::I32,
        (RegKind::Integer, 5..=8) => types::I64,
        (RegKind::Integer, 9..=16) => types::I128,
        (RegKind::Float, 4) => types::F32,
        (RegKind::Float, 8) => types::F64,
        (RegKind::Float, 2) => types::F16,
        (RegKind::Float, 16) => types::F128,
        (RegKind::Vector { .. }, size) => types::I8.by(size as u32).expect("vector register width"),
        other => rustc_middle::bug!("register {other:?} in a cast ABI"),
    };
    AbiParam::new(ty)
}

/// The registers of a `PassMode::Cast` value, each with its byte offset in the value.
pub fn cast_parts(cast: &CastTarget) -> SmallVec<[(Size, AbiParam); 2]> {
    let mut parts = SmallVec::new();
    if let Some(rest_offset) = cast.rest_offset {
        parts.push((Size::ZERO, reg_param(cast.prefix[0])));
        parts.push((rest_offset, reg_param(cast.rest.unit)));
        return parts;
    }
    let mut offset = Size::ZERO;
    for reg in cast.prefix.iter() {
        let p = reg_param(*reg);
        parts.push((offset, p));
        offset += Size::from_bytes(p.value_type.bytes());
    }
    let unit = cast.rest.unit.size.bytes();
    if let Some(count) = cast.rest.total.bytes().checked_div(unit) {
        let rem = cast.rest.total.bytes() % unit;
        for _ in 0..count {
            let p = reg_param(cast.rest.unit);
            parts.push((offset, p));
            offset += Size::from_bytes(p.value_type.bytes());
        }
        if rem != 0 {
            parts.push((offset, reg_param(Reg { kind: RegKind::Integer, size: Size::from_bytes(rem) })));
        }
    }
    parts
}

fn with_ext(param: AbiParam, attrs: ArgAttributes) -> AbiParam {
    match attrs.arg_ext {
        ArgExtension::None => param,
        ArgExtension::Zext => param.uext(),
        ArgExtension::Sext => param.sext(),
    }
}

fn scalar_param(tcx: TyCtxt<'_>, arg: &ArgAbi<'_, Ty<'_>>, attrs: ArgAttributes) -> CgResult<AbiParam> {
    match arg.layout.backend_repr {
        BackendRepr::Scalar(s) => Ok(with_ext(AbiParam::new(scalar_clif_ty(tcx, s)), attrs)),
        _ => Err(super::fx::Unsupported {
            span: rustc_span::DUMMY_SP,
            what: format!("passing SIMD vector `{}` in registers", arg.layout.ty),
        }),
    }
}

pub fn arg_params(tcx: TyCtxt<'_>, arg: &ArgAbi<'_, Ty<'_>>) -> CgResult<SmallVec<[AbiParam; 2]>> {
    let ptr = Type::int(tcx.data_layout.pointer_size().bits() as u16).unwrap();
    Ok(match &arg.mode {
        PassMode::Ignore => smallvec![],
        PassMode::Direct(attrs) => smallvec![scalar_param(tcx, arg, *attrs)?],
        PassMode::Pair(attrs_a, attrs_b) => match arg.layout.backend_repr {
            BackendRepr::ScalarPair { a, b, .. } => smallvec![
                with_ext(AbiParam::new(scalar_clif_ty(tcx, a)), *attrs_a),
                with_ext(AbiParam::new(scalar_clif_ty(tcx, b)), *attrs_b),
            ],
            _ => rustc_middle::bug!("pair pass mode for {:?}", arg.layout.ty),
        },
        PassMode::Cast { cast, .. } => cast_parts(cast).into_iter().map(|(_, p)| p).collect(),
        PassMode::Indirect { attrs, meta_attrs: None, on_stack: true } => {
            let size = arg.layout.size.align_to(tcx.data_layout.pointer_align().abi).bytes() as u32;
            smallvec![with_ext(AbiParam::special(ptr, ArgumentPurpose::StructArgument(size)), *attrs)]
        }
        PassMode::Indirect { attrs, meta_attrs: None, on_stack: false } => {
            smallvec![with_ext(AbiParam::new(ptr), *attrs)]
        }
        PassMode::Indirect { meta_attrs: Some(_), .. } => smallvec![AbiParam::new(ptr), AbiParam::new(ptr)],
    })
}

/// Returns (hidden return-pointer parameter, register returns).
pub fn ret_params(tcx: TyCtxt<'_>, ret: &ArgAbi<'_, Ty<'_>>) -> CgResult<(Option<AbiParam>, Vec<AbiParam>)> {
    let ptr = Type::int(tcx.data_layout.pointer_size().bits() as u16).unwrap();
    Ok(match &ret.mode {
        PassMode::Indirect { .. } => (Some(AbiParam::special(ptr, ArgumentPurpose::StructReturn)), vec![]),
        _ => (None, arg_params(tcx, ret)?.into_vec()),
    })
}

pub fn signature(tcx: TyCtxt<'_>, default_cc: CallConv, fn_abi: &FnAbi<'_, Ty<'_>>) -> CgResult<Signature> {
    let (ret_ptr, returns) = ret_params(tcx, &fn_abi.ret)?;
    let mut params: Vec<AbiParam> = ret_ptr.into_iter().collect();
    for arg in fn_abi.args.iter() {
        params.extend(arg_params(tcx, arg)?);
    }
    Ok(Signature { params, returns, call_conv: call_conv(tcx, fn_abi.conv, default_cc) })
}

/// Rebuilds an argument value from the CLIF parameters it arrived in.
pub fn incoming_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    arg: &ArgAbi<'tcx, Ty<'tcx>>,
    params: &mut impl Iterator<Item = Value>,
) -> CgResult<Option<Val<'tcx>>> {
    let count = arg_params(fx.tcx, arg)?.len();
    let values: SmallVec<[Value; 2]> = params.take(count).collect();
    Ok(match &arg.mode {
        PassMode::Ignore => None,
        PassMode::Direct(_) => Some(Val::scalar(values[0], arg.layout)),
        PassMode::Pair(..) => Some(Val::pair(values[0], values[1], arg.layout)),
        PassMode::Cast { cast, .. } => {
            let parts = cast_parts(cast);
            let parts_size: u64 = parts.iter().map(|(_, p)| p.value_type.bytes() as u64).sum();
            let slot = fx.stack_slot(parts_size.max(arg.layout.size.bytes()), arg.layout.align.abi.bytes());
            for ((offset, _), v) in parts.iter().zip(values) {
                slot.offset(fx, offset.bytes() as i64).store(fx, v);
            }
            Some(Val::mem(slot, arg.layout))
        }
        PassMode::Indirect { meta_attrs: None, .. } => Some(Val::mem(MemAddr::value(values[0]), arg.layout)),
        PassMode::Indirect { meta_attrs: Some(_), .. } => Some(Val {
            repr: super::value::ValRepr::Mem(MemAddr::value(values[0]), Some(values[1])),
            layout: arg.layout,
        }),
    })
}

/// The CLIF values that pass `val` as an argument of mode `arg.mode`.
pub fn outgoing_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    val: Val<'tcx>,
    arg: &ArgAbi<'tcx, Ty<'tcx>>,
) -> CgResult<SmallVec<[Value; 2]>> {
    Ok(match &arg.mode {
        PassMode::Ignore => smallvec![],
        PassMode::Direct(_) => {
            let v = val.load_scalar(fx);
            let want = arg_params(fx.tcx, arg)?[0].value_type;
            smallvec![super::value::bitcast_to(fx, want, v)]
        }
        PassMode::Pair(..) => {
            let (a, b) = val.load_pair(fx);
            smallvec![a, b]
        }
        PassMode::Cast { cast, .. } => {
            let (addr, _) = val.to_mem(fx);
            // Reading whole registers may run past the value; copy into a big-enough slot.
            let parts = cast_parts(cast);
            let parts_size: u64 =
                parts.iter().map(|(o, p)| o.bytes() + p.value_type.bytes() as u64).max().unwrap_or(0);
            let addr = if parts_size > val.layout.size.bytes() {
                let slot = fx.stack_slot(parts_size, val.layout.align.abi.bytes().max(8));
                super::value::copy_bytes(fx, slot, addr, val.layout);
                slot
            } else {
                addr
            };
            parts
                .iter()
                .map(|(offset, p)| addr.offset(fx, offset.bytes() as i64).load(fx, p.value_type))
                .collect()
        }
        PassMode::Indirect { meta_attrs: None, .. } => {
            // The callee owns (and may modify) the argument's memory: always pass a copy.
            let copy = super::value::Place::new_stack(fx, val.layout);
            copy.write(fx, val);
            let addr = copy.mem_addr();
            smallvec![addr.addr(fx)]
        }
        PassMode::Indirect { meta_attrs: Some(_), .. } => {
            let (addr, meta) = val.to_mem(fx);
            let meta = meta.ok_or_else(|| fx.unsupported("unsized argument without metadata"))?;
            smallvec![addr.addr(fx), meta]
        }
    })
}
