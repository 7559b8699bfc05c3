//! Enum type entries as rustc's LLVM backend writes them for DWARF targets: a fieldless enum is a
//! `DW_TAG_enumeration_type`; any other is a structure holding one `DW_TAG_variant_part` whose
//! discriminant is an artificial member (the tag, or the niche), with one `DW_TAG_variant` per
//! variant (its `DW_AT_discr_value`; the untagged variant of a niche layout has none and is the
//! default) pointing at a structure per variant, nested in the enum's entry.

use gimli::write::{AttributeValue, UnitEntryId};
use rustc_abi::{Size, TagEncoding, Variants};
use rustc_codegen_ssa::debuginfo::type_names::compute_debuginfo_type_name;
use rustc_codegen_ssa::debuginfo::{tag_base_type, wants_c_like_enum_debuginfo};
use rustc_hir::def::CtorKind;
use rustc_middle::ty::layout::TyAndLayout;
use rustc_middle::ty::{self, Ty};

use super::types::TypeCx;
use crate::layout_cx::MonoCx;

pub fn enum_type<'tcx>(cx: &mut TypeCx<'_, 'tcx>, id: UnitEntryId, ty: Ty<'tcx>, def: ty::AdtDef<'tcx>) {
    let layout = cx.layout(ty);
    let name = compute_debuginfo_type_name(cx.tcx, ty, false);
    let parent = cx.namespace_of(def.did());
    if wants_c_like_enum_debuginfo(cx.tcx, layout) {
        return c_like(cx, id, parent, &name, layout, def);
    }
    cx.composite(id, parent, gimli::DW_TAG_structure_type, &name, layout.size, layout.align.abi);
    let access = cx.access(def.did(), def.did());
    cx.set(id, gimli::DW_AT_accessibility, AttributeValue::Accessibility(access));

    let part = cx.unit.add(id, gimli::DW_TAG_variant_part);
    let tag = match layout.variants {
        Variants::Multiple { tag_field, .. } => {
            let tag_ty = tag_base_type(cx.tcx, layout);
            let tag_layout = cx.layout(tag_ty);
            let tag_entry = cx.ty(tag_ty);
            let offset = layout.fields.offset(tag_field.as_usize());
            let member = cx.member_of_type(part, "", tag_entry, tag_layout.align.abi, offset, None);
            cx.set(member, gimli::DW_AT_artificial, AttributeValue::Flag(true));
            cx.set(part, gimli::DW_AT_discr, AttributeValue::UnitRef(member));
            Some((tag_layout.size, matches!(tag_ty.kind(), ty::Int(_))))
        }
        Variants::Single { .. } | Variants::Empty => None,
    };
    // The variant structures come after the variant part, as children of the enum.
    let structs: Vec<UnitEntryId> = def
        .variant_range()
        .map(|index| {
            let variant = def.variant(index);
            let s = cx.unit.add(id, gimli::DW_TAG_structure_type);
            cx.name(s, variant.name.as_str());
            cx.set(s, gimli::DW_AT_byte_size, AttributeValue::Udata(layout.size.bytes()));
            cx.set(s, gimli::DW_AT_accessibility, AttributeValue::Accessibility(access));
            cx.set(s, gimli::DW_AT_alignment, AttributeValue::Udata(layout.align.abi.bytes()));
            s
        })
        .collect();
    for (index, s) in def.variant_range().zip(structs.iter().copied()) {
        let variant = def.variant(index);
        let v = cx.unit.add(part, gimli::DW_TAG_variant);
        if let (Some((size, signed)), Some(value)) = (tag, discr_value(cx, layout, index)) {
            // Read like the tag member: sign-extended for a signed tag.
            let value = size.truncate(value);
            let value = if signed {
                AttributeValue::Sdata(size.sign_extend(value) as i64)
            } else {
                AttributeValue::Udata(value as u64)
            };
            cx.set(v, gimli::DW_AT_discr_value, value);
        }
        let member = cx.unit.add(v, gimli::DW_TAG_member);
        cx.name(member, variant.name.as_str());
        cx.set(member, gimli::DW_AT_type, AttributeValue::UnitRef(s));
        cx.set(member, gimli::DW_AT_alignment, AttributeValue::Udata(layout.align.abi.bytes()));
        cx.set(member, gimli::DW_AT_data_member_location, AttributeValue::Udata(0));

        let variant_layout = layout.for_variant(&MonoCx(cx.tcx), index);
        let tuple_like = variant.ctor_kind() == Some(CtorKind::Fn);
        for i in 0..variant_layout.fields.count() {
            let name = if tuple_like {
                format!("__{i}")
            } else {
                variant.fields[rustc_abi::FieldIdx::from_usize(i)].name.to_string()
            };
            let field = variant_layout.field(&MonoCx(cx.tcx), i);
            cx.member(s, &name, field, variant_layout.fields.offset(i), Some(access));
        }
        cx.template_params(s, ty);
    }
}

/// The tag value that selects `index`: its discriminant for a direct tag, its niche value for a
/// niche-encoded one, none for the untagged variant.
fn discr_value<'tcx>(
    cx: &TypeCx<'_, 'tcx>,
    layout: TyAndLayout<'tcx>,
    index: rustc_abi::VariantIdx,
) -> Option<u128> {
    match &layout.variants {
        Variants::Single { .. } | Variants::Empty => None,
        Variants::Multiple { tag_encoding: TagEncoding::Direct, .. } => {
            Some(layout.ty.discriminant_for_variant(cx.tcx, index)?.val)
        }
        Variants::Multiple {
            tag_encoding: TagEncoding::Niche { niche_variants, niche_start, untagged_variant },
            ..
        } => {
            if index == *untagged_variant {
                return None;
            }
            let value = (index.as_u32() as u128)
                .wrapping_sub(niche_variants.start.as_u32() as u128)
                .wrapping_add(*niche_start);
            Some(value)
        }
    }
}

fn c_like<'tcx>(
    cx: &mut TypeCx<'_, 'tcx>,
    id: UnitEntryId,
    parent: UnitEntryId,
    name: &str,
    layout: TyAndLayout<'tcx>,
    def: ty::AdtDef<'tcx>,
) {
    let base = tag_base_type(cx.tcx, layout);
    let base_layout = cx.layout(base);
    let signed = matches!(base.kind(), ty::Int(_));
    let base_entry = cx.ty(base);
    cx.unit.add_reserved(id, parent, gimli::DW_TAG_enumeration_type);
    cx.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(base_entry));
    cx.set(id, gimli::DW_AT_enum_class, AttributeValue::Flag(true));
    cx.name(id, name);
    cx.set(id, gimli::DW_AT_byte_size, AttributeValue::Udata(base_layout.size.bytes()));
    cx.set(id, gimli::DW_AT_alignment, AttributeValue::Udata(base_layout.align.abi.bytes()));
    let size: Size = base_layout.size;
    for (index, discr) in def.discriminants(cx.tcx) {
        let e = cx.unit.add(id, gimli::DW_TAG_enumerator);
        cx.name(e, def.variant(index).name.as_str());
        let value = size.truncate(discr.val);
        let value = if signed {
            AttributeValue::Sdata(size.sign_extend(value) as i64)
        } else {
            AttributeValue::Udata(value as u64)
        };
        cx.set(e, gimli::DW_AT_const_value, value);
    }
}
