//! `llvm.*` calls that fastclif does not lower itself: the call is described as a helper that
//! LLVM compiles at emission (`crate::llvm_helpers`), and becomes a call of that helper with a
//! memory ABI: the arguments are stored in a block at their Rust offsets (address in `rdi`),
//! the helper writes the result to the destination (address in `rsi`). Arguments that are
//! constants at the call site (immediates) are baked into the helper instead, since LLVM needs
//! constants for `immarg` parameters.

use rustc_abi::{BackendRepr, FieldsShape, Float, Primitive, Scalar, Variants};
use rustc_middle::mir::Operand;
use rustc_middle::ty::layout::TyAndLayout;
use rustc_span::Spanned;

use super::fx::FnCx;
use super::operand::operand;
use super::value::{MemAddr, Place, Val};
use crate::error::CgResult;
use crate::llvm_helpers::{Arg, Expr, Helper, LlvmType, Shape};

/// Lowers a call of `name` through a generated helper; `dest` is in memory.
pub fn lower_via_llc<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<()> {
    let operands: Vec<&Operand<'tcx>> = args.iter().map(|a| &a.node).collect();
    call_helper(fx, name, &operands, None, dest)
}

/// Lowers `expr`, an expression over `leaves` (its `Expr::Arg(i)` is `leaves[i]`), through a
/// generated helper; `what` names it in diagnostics; `dest` is in memory.
pub fn lower_expr_via_llc<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    what: &str,
    leaves: &[&Operand<'tcx>],
    expr: Expr,
    dest: Place<'tcx>,
) -> CgResult<()> {
    call_helper(fx, what, leaves, Some(expr), dest)
}

fn call_helper<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[&Operand<'tcx>],
    expr: Option<Expr>,
    dest: Place<'tcx>,
) -> CgResult<()> {
    let mut problem = None;
    let mut helper_args = Vec::new();
    let mut stores = Vec::new();
    let (mut size, mut align) = (0u64, 1u64);
    for arg in args {
        let val = operand(fx, arg)?;
        let layout = val.layout;
        // rustc_codegen_llvm leaves zero-sized arguments out of the call.
        if layout.is_zst() {
            if expr.is_some() {
                problem.get_or_insert_with(|| "a zero-sized operand".to_string());
            }
            continue;
        }
        let val = match immediate(fx, val) {
            Ok((ty, value)) => {
                helper_args.push(Arg::Const { ty, value });
                continue;
            }
            Err(val) => val,
        };
        let offset = size.next_multiple_of(layout.align.abi.bytes());
        let Some(shape) = rust_shape(fx, layout, offset) else {
            problem.get_or_insert_with(|| format!("an argument of type `{}`", layout.ty));
            continue;
        };
        size = offset + layout.size.bytes();
        align = align.max(layout.align.abi.bytes());
        helper_args.push(Arg::Memory(shape));
        stores.push((val, offset));
    }
    let ret = if dest.layout.is_zst() {
        None
    } else {
        let shape = rust_shape(fx, dest.layout, 0);
        if shape.is_none() {
            problem.get_or_insert_with(|| format!("a result of type `{}`", dest.layout.ty));
        }
        shape
    };
    let helper = Helper {
        intrinsic: name.to_string(),
        args: helper_args,
        ret,
        features: caller_features(fx),
        problem: problem.map(|what| format!("fastclif cannot pass {what} to an LLVM intrinsic")),
        expr,
    };
    let symbol = fx.asm.llvm_helper(fx.tcx.sess, helper, fx.span);

    let block = fx.stack_slot(size.max(1), align);
    for (val, offset) in stores {
        let at = block.offset(fx, offset as i64);
        Place::in_mem(at, None, val.layout).write(fx, val);
    }
    let result = if dest.layout.is_zst() { MemAddr::dangling(1) } else { dest.mem_addr() };
    let (a, r) = (block.addr(fx), result.addr(fx));
    super::asm_wrapper::call_asm_function(fx, &symbol, &[a, r])
}

/// rustc's immediate LLVM type of a value of `layout`, when a helper can take one.
pub fn immediate_type<'tcx>(fx: &FnCx<'_, '_, 'tcx>, layout: TyAndLayout<'tcx>) -> Option<LlvmType> {
    rust_shape(fx, layout, 0).map(|shape| shape.rust_type())
}

/// An integer (or `bool`) argument whose value is known at translation (its LLVM type and
/// value), or else the argument to pass in memory.
fn immediate<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, val: Val<'tcx>) -> Result<(LlvmType, i64), Val<'tcx>> {
    let BackendRepr::Scalar(scalar) = val.layout.backend_repr else { return Err(val) };
    if !matches!(scalar.primitive(), Primitive::Int(..)) {
        return Err(val);
    }
    let v = val.load_scalar(fx);
    match super::asm_intrinsics::folded_constant(fx, v) {
        Some(value) => Ok((scalar_type(scalar), value)),
        None => Err(Val::scalar(v, val.layout)),
    }
}

/// The LLVM type rustc gives a scalar as an immediate (`bool` is `i1`).
fn scalar_type(scalar: Scalar) -> LlvmType {
    if scalar.is_bool() {
        return LlvmType::Int(1);
    }
    match scalar.primitive() {
        Primitive::Int(int, _) => LlvmType::Int(int.size().bits() as u32),
        Primitive::Float(Float::F16) => LlvmType::Half,
        Primitive::Float(Float::F32) => LlvmType::Float,
        Primitive::Float(Float::F64) => LlvmType::Double,
        Primitive::Float(Float::F128) => LlvmType::Fp128,
        Primitive::Pointer(_) => LlvmType::Ptr,
    }
}

/// Where a value of `layout` at `offset` of a block lives, typed as rustc's immediate LLVM
/// type of it (`immediate_llvm_type`): scalars, SIMD vectors, scalar pairs, and structs field
/// by field in increasing offset order. `None` for enums, unions and arrays.
fn rust_shape<'tcx>(fx: &FnCx<'_, '_, 'tcx>, layout: TyAndLayout<'tcx>, offset: u64) -> Option<Shape> {
    let leaf = |ty| Some(Shape::Leaf { ty, offset });
    match layout.backend_repr {
        BackendRepr::Scalar(s) => leaf(scalar_type(s)),
        BackendRepr::SimdVector { element, count } => {
            leaf(LlvmType::Vector(u32::try_from(count).ok()?, Box::new(scalar_type(element))))
        }
        BackendRepr::ScalarPair { a, b, b_offset } => Some(Shape::Struct(vec![
            Shape::Leaf { ty: scalar_type(a), offset },
            Shape::Leaf { ty: scalar_type(b), offset: offset + b_offset.bytes() },
        ])),
        BackendRepr::Memory { sized: true }
            if matches!(layout.variants, Variants::Single { .. })
                && matches!(layout.fields, FieldsShape::Arbitrary { .. }) =>
        {
            let mut fields = Vec::new();
            for i in layout.fields.index_by_increasing_offset() {
                let field = layout.field(fx, i);
                if !field.is_zst() {
                    fields.push(rust_shape(fx, field, offset + layout.fields.offset(i).bytes())?);
                }
            }
            Some(Shape::Struct(fields))
        }
        _ => None,
    }
}

/// LLVM's `target-features` for a helper called from this function: the session's features
/// and the function's `#[target_feature]`s (with their implications), in LLVM's names.
fn caller_features(fx: &FnCx<'_, '_, '_>) -> String {
    let tcx = fx.tcx;
    let attrs = tcx.codegen_fn_attrs(fx.instance.def_id());
    let rust = tcx.sess.unstable_target_features.iter().chain(attrs.target_features.iter().map(|f| &f.name));
    let mut llvm = std::collections::BTreeSet::new();
    // `crt-static` is a Rust target feature LLVM does not have.
    for feature in rust.filter(|f| f.as_str() != "crt-static") {
        for name in crate::target_features::llvm_feature_names(feature.as_str()) {
            llvm.insert(format!("+{name}"));
        }
    }
    llvm.into_iter().collect::<Vec<_>>().join(",")
}
