//! Compiler intrinsics (`core::intrinsics`) reached by monomorphized code.
//!
//! Each family of intrinsics has its module; `lower_intrinsic` offers the call to each family
//! in turn. Families match rustc's interned symbols (`sym::ctpop`), never strings, so a name
//! that is not a real symbol does not compile; `./y.sh test architecture` also checks that every
//! symbol named in this folder is an intrinsic of the pinned toolchain. An intrinsic no family
//! handles runs its library fallback body when it has one, and is a compile error otherwise.

mod atomic;
pub mod call;
mod compile_time;
mod control;
mod float;
pub mod fused_fma;
mod int;
mod memory;
mod pointer;
mod simd;

use rustc_middle::mir::{self, BasicBlock, Operand};
use rustc_middle::ty::Instance;
use rustc_span::Spanned;

use self::call::IntrinsicCall;
use super::fx::FnCx;
use super::operand::place;
use crate::error::CgResult;

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
    let call = IntrinsicCall { name, instance, args, dest, source_info };
    let handled = compile_time::lower(fx, &call)?
        || fused_fma::lower_intrinsic(fx, &call)?
        || control::lower(fx, &call)?
        || memory::lower(fx, &call)?
        || int::lower(fx, &call)?
        || pointer::lower(fx, &call)?
        || float::lower(fx, &call)?
        || atomic::lower(fx, &call)?
        || simd::lower(fx, &call)?;
    if handled {
        fx.jump_or_trap(target);
        return Ok(None);
    }
    let def_id = instance.def_id();
    let has_fallback = fx.tcx.intrinsic(def_id).is_some_and(|i| !i.must_be_overridden);
    if has_fallback {
        return Ok(Some(Instance::new_raw(def_id, instance.args)));
    }
    Err(fx.unsupported(format!("the intrinsic `{name}`")))
}
