//! Decides which MIR locals can live in Cranelift variables instead of stack slots.
//!
//! A local qualifies when its layout is one or two scalars, its address is never taken,
//! and every projection applied to it maps onto whole scalars.

use rustc_abi::Size;
use rustc_index::IndexVec;
use rustc_middle::mir::visit::{MutatingUseContext, NonMutatingUseContext, PlaceContext, Visitor};
use rustc_middle::mir::{Local, Location, Place, ProjectionElem};
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};

use super::fx::FnCx;
use super::value::{RegShape, reg_shape};

pub fn register_locals(fx: &FnCx<'_, '_, '_>) -> IndexVec<Local, Option<RegShape>> {
    let mut shapes: IndexVec<Local, Option<RegShape>> = fx
        .mir
        .local_decls
        .iter()
        .map(|decl| {
            let layout = fx.layout_of(fx.monomorphize(decl.ty));
            if layout.is_sized() && !layout.is_zst() { reg_shape(fx.tcx, layout) } else { None }
        })
        .collect();
    let mut visitor = Demoter { fx, shapes: &mut shapes };
    visitor.visit_body(fx.mir);
    shapes
}

struct Demoter<'a, 'f, 'm, 'b, 'tcx> {
    fx: &'f FnCx<'m, 'b, 'tcx>,
    shapes: &'a mut IndexVec<Local, Option<RegShape>>,
}

impl<'tcx> Visitor<'tcx> for Demoter<'_, '_, '_, '_, 'tcx> {
    fn visit_place(&mut self, place: &Place<'tcx>, context: PlaceContext, location: Location) {
        let local = place.local;
        if self.shapes[local].is_some() {
            let borrowed = matches!(
                context,
                PlaceContext::NonMutatingUse(
                    NonMutatingUseContext::SharedBorrow
                        | NonMutatingUseContext::FakeBorrow
                        | NonMutatingUseContext::RawBorrow
                ) | PlaceContext::MutatingUse(
                    MutatingUseContext::Borrow | MutatingUseContext::RawBorrow | MutatingUseContext::Drop
                )
            );
            let direct = !place.projection.iter().any(|e| matches!(e, ProjectionElem::Deref));
            if (borrowed && direct) || !self.projections_fit(place) {
                self.shapes[local] = None;
            }
        }
        self.super_place(place, context, location);
    }
}

impl<'tcx> Demoter<'_, '_, '_, '_, 'tcx> {
    /// Follows the projections up to the first deref, checking each lands on whole scalars.
    fn projections_fit(&self, place: &Place<'tcx>) -> bool {
        let fx = self.fx;
        let mut layout: TyAndLayout<'tcx> = fx.layout_of(fx.monomorphize(fx.mir.local_decls[place.local].ty));
        let mut offset = Size::ZERO;
        let root = layout;
        for elem in place.projection.iter() {
            match elem {
                ProjectionElem::Deref => return true,
                ProjectionElem::Downcast(_, variant) => layout = layout.for_variant(fx, variant),
                ProjectionElem::Field(idx, _) => {
                    offset += layout.fields.offset(idx.as_usize());
                    layout = layout.field(fx, idx.as_usize());
                    if layout.is_zst() {
                        continue;
                    }
                    if !fits_root(fx, root, layout, offset) {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

fn fits_root<'tcx>(
    fx: &FnCx<'_, '_, 'tcx>,
    root: TyAndLayout<'tcx>,
    part: TyAndLayout<'tcx>,
    offset: Size,
) -> bool {
    match (reg_shape(fx.tcx, root), reg_shape(fx.tcx, part)) {
        (Some(RegShape::One(r)), Some(RegShape::One(p))) => offset == Size::ZERO && r == p,
        (Some(RegShape::Two(a, b, b_off)), Some(RegShape::One(p))) => {
            (offset == Size::ZERO && p == a) || (offset == b_off && p == b)
        }
        (Some(two @ RegShape::Two(..)), Some(part_two @ RegShape::Two(..))) => {
            offset == Size::ZERO && two == part_two
        }
        _ => false,
    }
}
