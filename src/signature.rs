//! Rust's `FnAbi` mapped onto Cranelift signatures, and Rust scalars onto CLIF types.
//!
//! std is compiled by LLVM, so every decision here mirrors what rustc tells LLVM: the
//! `PassMode` of each argument is authoritative. Nothing here needs a function body, so
//! symbol declaration (`crate::symbols`) and call lowering (`crate::mir::abi`) share it.

use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, Signature, Type, types};
use cranelift_codegen::isa::CallConv;
use rustc_abi::{BackendRepr, CanonAbi, Primitive, Reg, RegKind, Scalar, Size, X86Call};
use rustc_middle::ty::{Ty, TyCtxt};
use rustc_target::callconv::{ArgAbi, ArgAttributes, ArgExtension, CastTarget, FnAbi, PassMode};
use smallvec::{SmallVec, smallvec};

use crate::error::{CgResult, Unsupported};

/// The CLIF type a scalar of this primitive is kept in.
pub fn scalar_clif_ty(tcx: TyCtxt<'_>, scalar: Scalar) -> Type {
    match scalar.primitive() {
        Primitive::Int(int, _) => Type::int(int.size().bits() as u16).expect("integer width"),
        Primitive::Float(f) => match f.size().bits() {
            16 => types::F16,
            32 => types::F32,
            64 => types::F64,
            _ => types::F128,
        },
        Primitive::Pointer(_) => Type::int(tcx.data_layout.pointer_size().bits() as u16).unwrap(),
    }
}

pub fn call_conv(tcx: TyCtxt<'_>, abi: CanonAbi, default: CallConv) -> CallConv {
    match abi {
        CanonAbi::Rust | CanonAbi::RustCold | CanonAbi::C | CanonAbi::Custom => default,
        CanonAbi::X86(X86Call::SysV64) => CallConv::SystemV,
        CanonAbi::X86(X86Call::Win64) => CallConv::WindowsFastcall,
        other => tcx.dcx().fatal(format!("fastclif does not support the calling convention {other:?}")),
    }
}

/// The CLIF vector type a SIMD vector is kept in outside memory: the 128-bit vectors of
/// integer, pointer, `f32` and `f64` lanes, which Cranelift's x86-64 backend computes in
/// XMM registers. Other vectors stay in memory.
pub fn vector_type(tcx: TyCtxt<'_>, element: Scalar, count: u64) -> Option<Type> {
    vector_lane_type(tcx, element)?.by(u32::try_from(count).ok()?).filter(|v| v.bits() == 128)
}

/// The CLIF type of a SIMD lane that Cranelift vectors can hold, if it is one.
pub fn vector_lane_type(tcx: TyCtxt<'_>, element: Scalar) -> Option<Type> {
    let lane = scalar_clif_ty(tcx, element);
    matches!(lane, types::I8 | types::I16 | types::I32 | types::I64 | types::F32 | types::F64).then_some(lane)
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
        // `extern "C"` and friends pass 128-bit vectors in XMM registers, as Cranelift does.
        BackendRepr::SimdVector { element, count } if let Some(ty) = vector_type(tcx, element, count) => {
            Ok(AbiParam::new(ty))
        }
        _ => Err(Unsupported::unspanned(format!("passing SIMD vector `{}` in registers", arg.layout.ty))),
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
