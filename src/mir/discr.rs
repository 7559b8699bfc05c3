//! Reading and writing enum discriminants for every tag encoding rustc chooses.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Type};
use rustc_abi::{Primitive, TagEncoding, VariantIdx, Variants};
use rustc_middle::ty::layout::TyAndLayout;

use super::fx::FnCx;
use super::value::{Place, RegShape, Val, const_bits, reg_shape};
use crate::error::CgResult;
use crate::signature::scalar_clif_ty;

fn discr_ty(fx: &FnCx<'_, '_, '_>, layout: TyAndLayout<'_>) -> Type {
    match reg_shape(fx.tcx, layout) {
        Some(RegShape::One(t)) => t,
        _ => rustc_middle::bug!("discriminant of type {:?}", layout.ty),
    }
}

fn variant_discr<'tcx>(fx: &FnCx<'_, '_, 'tcx>, layout: TyAndLayout<'tcx>, variant: VariantIdx) -> u128 {
    layout.ty.discriminant_for_variant(fx.tcx, variant).map_or(variant.as_u32() as u128, |d| d.val)
}

pub fn get_discriminant<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    val: Val<'tcx>,
    out: TyAndLayout<'tcx>,
) -> CgResult<Val<'tcx>> {
    let layout = val.layout;
    let out_ty = discr_ty(fx, out);
    let out_signed = matches!(out.ty.kind(), rustc_middle::ty::Int(_));
    if layout.is_uninhabited() {
        return Ok(Val::scalar(const_bits(fx, out_ty, 0), out));
    }
    match &layout.variants {
        Variants::Empty => Ok(Val::scalar(const_bits(fx, out_ty, 0), out)),
        Variants::Single { index } => {
            let d = variant_discr(fx, layout, *index);
            Ok(Val::scalar(const_bits(fx, out_ty, d), out))
        }
        Variants::Multiple { tag, tag_encoding, tag_field, .. } => {
            let tag_val = val.field(fx, *tag_field).load_scalar(fx);
            let tag_ty = scalar_clif_ty(fx.tcx, *tag);
            let tag_signed = matches!(tag.primitive(), Primitive::Int(_, true));
            match tag_encoding {
                TagEncoding::Direct => {
                    let v = super::cast::int_or_float_cast(fx, tag_val, tag_signed, out_ty, out_signed)?;
                    Ok(Val::scalar(v, out))
                }
                TagEncoding::Niche { untagged_variant, niche_variants, niche_start } => {
                    let first = niche_variants.start.as_u32() as u128;
                    let span = (niche_variants.last.as_u32() - niche_variants.start.as_u32()) as u128;
                    let start = const_bits(fx, tag_ty, *niche_start);
                    let relative = fx.bcx.ins().isub(tag_val, start);
                    let span_v = const_bits(fx, tag_ty, span);
                    let is_niche = fx.bcx.ins().icmp(IntCC::UnsignedLessThanOrEqual, relative, span_v);
                    let first_v = const_bits(fx, tag_ty, first);
                    let index = fx.bcx.ins().iadd(relative, first_v);
                    let index = super::cast::int_or_float_cast(fx, index, false, out_ty, false)?;
                    let untagged = const_bits(fx, out_ty, untagged_variant.as_u32() as u128);
                    Ok(Val::scalar(fx.bcx.ins().select(is_niche, index, untagged), out))
                }
            }
        }
    }
}

pub fn set_discriminant<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    place: Place<'tcx>,
    variant: VariantIdx,
) -> CgResult<()> {
    let layout = place.layout;
    if layout.for_variant(fx, variant).is_uninhabited() {
        return Ok(());
    }
    let Variants::Multiple { tag, tag_encoding, tag_field, .. } = &layout.variants else { return Ok(()) };
    let tag_ty = scalar_clif_ty(fx.tcx, *tag);
    let value = match tag_encoding {
        TagEncoding::Direct => variant_discr(fx, layout, variant),
        TagEncoding::Niche { untagged_variant, niche_variants, niche_start } => {
            if variant == *untagged_variant {
                return Ok(());
            }
            let relative = (variant.as_u32() - niche_variants.start.as_u32()) as u128;
            relative.wrapping_add(*niche_start)
        }
    };
    let tag_place = place.field(fx, *tag_field)?;
    let v = const_bits(fx, tag_ty, value);
    tag_place.write(fx, Val::scalar(v, tag_place.layout));
    Ok(())
}
