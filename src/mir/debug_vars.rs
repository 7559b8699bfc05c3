//! The variables MIR's `VarDebugInfo` names and where each lives, for full debug info.
//!
//! With `-Cdebuginfo=2` every local a variable names has stack memory: its home, or for a local
//! kept in registers a slot that mirrors every write to it (`analyze::debug_shadowed`). So, as
//! with LLVM at `-O0`, a variable is in one stack slot for its whole scope: its location is that
//! slot plus the variable's projections (field offsets, dereferences of captured references).
//! Memory the function does not own (an argument passed by reference) is reached through a
//! pointer spilled to a slot of its own; a constant gets a slot holding its value.

use rustc_data_structures::fx::FxHashMap;
use rustc_middle::mir::{self, Local, ProjectionElem, VarDebugInfoContents};
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};

use super::fx::FnCx;
use super::value::{Place, PlaceRepr, Val};
use crate::debuginfo::{LocOp, VarDesc, VarHome};
use crate::error::CgResult;

/// The variables of the function being translated (called at the end of its prologue).
pub fn record<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>) -> CgResult<Vec<VarDesc<'tcx>>> {
    if !fx.debug.as_deref().is_some_and(|d| d.full()) {
        return Ok(Vec::new());
    }
    let mut spilled: FxHashMap<Local, Option<VarHome>> = FxHashMap::default();
    let mut consts = Vec::new();
    let mut places = Vec::new();
    let mut whole_args = Vec::new();
    for (index, var) in fx.mir.var_debug_info.iter().enumerate() {
        // Fragments come from MIR optimizations that `-O0` does not run; scopes inlined by the
        // MIR inliner (in generic code of other crates, built optimized) would need inlined
        // subroutine entries, which are not written.
        let scope = &fx.mir.source_scopes[var.source_info.scope];
        if var.composite.is_some() || scope.inlined.is_some() || scope.inlined_parent_scope.is_some() {
            continue;
        }
        let (ty, home) = match &var.value {
            VarDebugInfoContents::Place(place) => {
                let ty = fx.monomorphize(place.ty(&fx.mir.local_decls, fx.tcx).ty);
                let base = spilled.entry(place.local).or_insert_with(|| local_home(fx, place.local)).clone();
                (ty, base.and_then(|base| project(fx, base, place)))
            }
            VarDebugInfoContents::Const(c) => {
                let ty = fx.monomorphize(c.ty());
                // LLVM stores the constant at the entry, at the variable's line.
                fx.scope = var.source_info.scope.as_u32();
                fx.set_span(var.source_info.span);
                (ty, const_home(fx, c)?)
            }
        };
        // As in rustc_codegen_ssa: an argument is a parameter when the variable is all of it.
        let arg = match &var.value {
            VarDebugInfoContents::Place(place) if place.projection.is_empty() => var.argument_index,
            _ => None,
        };
        if let Some(arg) = arg {
            if whole_args.contains(&arg) {
                continue;
            }
            whole_args.push(arg);
        }
        let desc = VarDesc {
            name: var.name,
            ty,
            scope: var.source_info.scope.as_u32(),
            arg,
            span: var.source_info.span,
            home,
        };
        match &var.value {
            VarDebugInfoContents::Place(place) => places.push((place.local, index, desc)),
            VarDebugInfoContents::Const(_) => consts.push(desc),
        }
    }
    unnamed_args(fx, &whole_args, &mut places, &mut spilled);
    // LLVM sees the constants first, then the locals in order.
    places.sort_by_key(|(local, index, _)| (*local, *index));
    consts.extend(places.into_iter().map(|(_, _, desc)| desc));
    Ok(consts)
}

/// Arguments no variable covers whole get a parameter without a name, as rustc gives them (not
/// the closure environment whose captures are variables).
fn unnamed_args<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    whole_args: &[u16],
    places: &mut Vec<(Local, usize, VarDesc<'tcx>)>,
    spilled: &mut FxHashMap<Local, Option<VarHome>>,
) {
    for local in fx.mir.args_iter() {
        let arg = local.as_usize() as u16;
        let projected = places.iter().any(|(l, _, _)| *l == local);
        if whole_args.contains(&arg) || (arg == 1 && projected) {
            continue;
        }
        let decl = &fx.mir.local_decls[local];
        let home = spilled.entry(local).or_insert_with(|| local_home(fx, local)).clone();
        let desc = VarDesc {
            name: rustc_span::sym::empty,
            ty: fx.monomorphize(decl.ty),
            scope: decl.source_info.scope.as_u32(),
            arg: Some(arg),
            span: decl.source_info.span,
            home,
        };
        places.push((local, usize::MAX, desc));
    }
}

/// The memory of `local`, spilling a pointer to it when the function does not own it.
fn local_home(fx: &mut FnCx<'_, '_, '_>, local: Local) -> Option<VarHome> {
    let place = fx.locals[local];
    let addr = match place.repr {
        PlaceRepr::Mem(addr, None) => addr,
        // A register local: its debugger mirror starts with part `a`.
        PlaceRepr::Reg(part) | PlaceRepr::RegPair(part, _) => part.shadow()?,
        PlaceRepr::Mem(_, Some(_)) => return None,
    };
    if let Some((slot, offset)) = addr.frame_parts() {
        return Some(VarHome { slot, offset: offset as i64, ops: Vec::new() });
    }
    let ptr = addr.addr(fx);
    let ptr_layout = fx.layout_of(fx.tcx.types.usize);
    let spill = Place::new_stack(fx, ptr_layout);
    let (slot, offset) = spill.mem_addr().frame_parts()?;
    spill.write(fx, Val::scalar(ptr, ptr_layout));
    Some(VarHome { slot, offset: offset as i64, ops: vec![LocOp::Deref] })
}

/// Applies a place's projections to the location of its local.
fn project<'tcx>(fx: &FnCx<'_, '_, 'tcx>, mut home: VarHome, place: &mir::Place<'tcx>) -> Option<VarHome> {
    let mut layout: TyAndLayout<'tcx> = fx.layout_of(fx.monomorphize(fx.mir.local_decls[place.local].ty));
    for elem in place.projection.iter() {
        match elem {
            ProjectionElem::Deref => {
                home.ops.push(LocOp::Deref);
                let pointee = layout.ty.builtin_deref(true)?;
                layout = fx.layout_of(pointee);
            }
            ProjectionElem::Field(field, _) => {
                let offset = layout.fields.offset(field.as_usize()).bytes();
                if home.ops.is_empty() {
                    home.offset += offset as i64;
                } else {
                    home.ops.push(LocOp::Plus(offset));
                }
                layout = layout.field(fx, field.as_usize());
            }
            ProjectionElem::Downcast(_, variant) => layout = layout.for_variant(fx, variant),
            _ => return None,
        }
    }
    Some(home)
}

/// A constant variable gets a slot holding its value, as in LLVM's `-O0` code.
fn const_home<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, c: &mir::ConstOperand<'tcx>) -> CgResult<Option<VarHome>> {
    let val = super::constant::const_operand(fx, c)?;
    let place = Place::new_stack(fx, val.layout);
    place.write(fx, val);
    Ok(place.mem_addr().frame_parts().map(|(slot, offset)| VarHome {
        slot,
        offset: offset as i64,
        ops: Vec::new(),
    }))
}
