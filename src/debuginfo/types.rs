//! Type entries, in the shapes rustc's LLVM backend gives them (names from rustc_codegen_ssa's
//! `compute_debuginfo_type_name`, ADTs in the namespace of their module, wide pointers as
//! `data_ptr`/`length` or `pointer`/`vtable` structures, `Box` as a pointer), so that gdb's and
//! lldb's Rust support and the toolchain's pretty printers read them unchanged.
//!
//! One entry per type and unit ([`TypeMap`]); only types that a variable, argument or return
//! value of an emitted function reaches are written.

use gimli::write::{Address, AttributeValue, Expression, Unit, UnitEntryId};
use rustc_abi::{Align, Size};
use rustc_codegen_ssa::debuginfo::type_names::{
    VTableNameKind, compute_debuginfo_type_name, compute_debuginfo_vtable_name,
};
use rustc_data_structures::fx::FxHashMap;
use rustc_hir::def::CtorKind;
use rustc_hir::def_id::DefId;
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};
use rustc_middle::ty::{self, AdtKind, Ty, TyCtxt, Unnormalized, Visibility};

use super::names::{Namespaces, generic_param_names};
use crate::layout_cx::MonoCx;

/// A name written in place (`DW_FORM_string`): cheaper than `.debug_str`, which costs a hash
/// lookup per name while building and a relocation per use in the object, for names that are
/// mostly unique within a unit anyway.
pub fn inline_string(name: &str) -> AttributeValue {
    AttributeValue::String(name.as_bytes().to_vec())
}

/// The type entries of one unit.
#[derive(Default)]
pub struct TypeMap<'tcx> {
    map: FxHashMap<Ty<'tcx>, UnitEntryId>,
    /// The artificial `__ARRAY_SIZE_TYPE__` of array subranges.
    array_size: Option<UnitEntryId>,
}

/// What building type entries needs; lives for one request.
pub struct TypeCx<'a, 'tcx> {
    pub tcx: TyCtxt<'tcx>,
    pub unit: &'a mut Unit,
    pub ns: &'a mut Namespaces,
    pub map: &'a mut TypeMap<'tcx>,
}

impl<'tcx> TypeCx<'_, 'tcx> {
    pub fn layout(&self, ty: Ty<'tcx>) -> TyAndLayout<'tcx> {
        MonoCx(self.tcx).layout_of(ty)
    }

    pub fn name(&mut self, id: UnitEntryId, name: &str) {
        self.unit.get_mut(id).set(gimli::DW_AT_name, inline_string(name));
    }

    pub fn set(&mut self, id: UnitEntryId, attr: gimli::DwAt, value: AttributeValue) {
        self.unit.get_mut(id).set(attr, value);
    }

    pub fn namespace_of(&mut self, def_id: DefId) -> UnitEntryId {
        self.ns.parent_of(self.tcx, self.unit, def_id)
    }

    /// The entry of `ty`, created on first use.
    pub fn ty(&mut self, ty: Ty<'tcx>) -> UnitEntryId {
        if let Some(id) = self.map.map.get(&ty) {
            return *id;
        }
        // A pattern type is its base type (as in LLVM's debug info).
        if let ty::Pat(base, _) = *ty.kind() {
            let id = self.ty(base);
            self.map.map.insert(ty, id);
            return id;
        }
        // Reserved and registered before the parts are built, so recursive types end.
        let id = self.unit.reserve();
        self.map.map.insert(ty, id);
        self.build(ty, id);
        id
    }

    fn build(&mut self, ty: Ty<'tcx>, id: UnitEntryId) {
        let root = self.unit.root();
        match *ty.kind() {
            ty::Never | ty::Bool | ty::Char | ty::Int(_) | ty::Uint(_) | ty::Float(_) => {
                self.base_type(id, ty)
            }
            ty::Tuple(elems) if elems.is_empty() => self.base_type(id, ty),
            ty::Array(elem, len) => {
                let count = len.try_to_target_usize(self.tcx);
                self.array(id, elem, count)
            }
            ty::Slice(elem) => self.array(id, elem, None),
            ty::Str => self.array(id, self.tcx.types.u8, None),
            ty::Dynamic(..) => {
                let name = compute_debuginfo_type_name(self.tcx, ty, true);
                self.structure(id, root, &name, self.layout(ty));
            }
            ty::Foreign(def_id) => {
                let name = compute_debuginfo_type_name(self.tcx, ty, false);
                let parent = self.namespace_of(def_id);
                self.structure(id, parent, &name, self.layout(ty));
            }
            ty::RawPtr(pointee, _) | ty::Ref(_, pointee, _) => self.pointer(id, ty, pointee),
            ty::Adt(def, args)
                if def.is_box() && args.get(1).is_none_or(|a| self.layout(a.expect_ty()).is_1zst()) =>
            {
                self.pointer(id, ty, ty.expect_boxed_ty())
            }
            ty::FnDef(..) | ty::FnPtr(..) => self.function_pointer(id, ty),
            ty::Closure(def_id, args) => {
                let upvars = args.as_closure().upvar_tys();
                self.closure_like(id, ty, def_id, upvars)
            }
            ty::CoroutineClosure(def_id, args) => {
                let upvars = args.as_coroutine_closure().upvar_tys();
                self.closure_like(id, ty, def_id, upvars)
            }
            ty::Coroutine(def_id, _) => {
                // The state machine's variants are not described (yet): an opaque structure.
                let name = compute_debuginfo_type_name(self.tcx, ty, false);
                let parent = self.namespace_of(def_id);
                self.structure(id, parent, &name, self.layout(ty));
            }
            ty::Adt(def, _) => match def.adt_kind() {
                AdtKind::Struct => self.adt_struct(id, ty, def, gimli::DW_TAG_structure_type),
                AdtKind::Union => self.adt_struct(id, ty, def, gimli::DW_TAG_union_type),
                AdtKind::Enum => super::enums::enum_type(self, id, ty, def),
            },
            ty::Tuple(elems) => {
                let layout = self.layout(ty);
                let name = compute_debuginfo_type_name(self.tcx, ty, false);
                self.structure(id, root, &name, layout);
                for (i, elem) in elems.iter().enumerate() {
                    let field = self.layout(elem);
                    self.member(id, &format!("__{i}"), field, layout.fields.offset(i), None);
                }
            }
            _ => {
                // Unsafe binders and anything else: an opaque structure of the right size.
                let name = compute_debuginfo_type_name(self.tcx, ty, false);
                self.structure(id, root, &name, self.layout(ty));
            }
        }
    }

    fn base_type(&mut self, id: UnitEntryId, ty: Ty<'tcx>) {
        let (name, encoding) = match ty.kind() {
            ty::Never => ("!", gimli::DW_ATE_unsigned),
            ty::Tuple(_) => ("()", gimli::DW_ATE_unsigned),
            ty::Bool => ("bool", gimli::DW_ATE_boolean),
            ty::Char => ("char", gimli::DW_ATE_UTF),
            ty::Int(int) => (int.name_str(), gimli::DW_ATE_signed),
            ty::Uint(uint) => (uint.name_str(), gimli::DW_ATE_unsigned),
            ty::Float(float) => (float.name_str(), gimli::DW_ATE_float),
            _ => unreachable!("not a base type: {ty}"),
        };
        let size = self.layout(ty).size.bytes();
        self.basic(id, name, encoding, size);
    }

    fn basic(&mut self, id: UnitEntryId, name: &str, encoding: gimli::DwAte, size: u64) {
        let root = self.unit.root();
        self.unit.add_reserved(id, root, gimli::DW_TAG_base_type);
        self.name(id, name);
        self.set(id, gimli::DW_AT_encoding, AttributeValue::Encoding(encoding));
        self.set(id, gimli::DW_AT_byte_size, AttributeValue::Udata(size));
    }

    fn array(&mut self, id: UnitEntryId, elem: Ty<'tcx>, count: Option<u64>) {
        let elem = self.ty(elem);
        let root = self.unit.root();
        self.unit.add_reserved(id, root, gimli::DW_TAG_array_type);
        self.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(elem));
        let index_ty = match self.map.array_size {
            Some(index_ty) => index_ty,
            None => {
                let index_ty = self.unit.reserve();
                self.basic(index_ty, "__ARRAY_SIZE_TYPE__", gimli::DW_ATE_unsigned, 8);
                self.set(index_ty, gimli::DW_AT_artificial, AttributeValue::Flag(true));
                self.map.array_size = Some(index_ty);
                index_ty
            }
        };
        let sub = self.unit.add(id, gimli::DW_TAG_subrange_type);
        self.set(sub, gimli::DW_AT_type, AttributeValue::UnitRef(index_ty));
        if let Some(count) = count {
            self.set(sub, gimli::DW_AT_count, AttributeValue::Udata(count));
        }
    }

    /// A structure (or union, by `tag`) entry with name, size and alignment, no members yet.
    pub fn composite(
        &mut self,
        id: UnitEntryId,
        parent: UnitEntryId,
        tag: gimli::DwTag,
        name: &str,
        size: Size,
        align: Align,
    ) {
        self.unit.add_reserved(id, parent, tag);
        self.name(id, name);
        self.set(id, gimli::DW_AT_byte_size, AttributeValue::Udata(size.bytes()));
        self.set(id, gimli::DW_AT_alignment, AttributeValue::Udata(align.bytes()));
    }

    fn structure(&mut self, id: UnitEntryId, parent: UnitEntryId, name: &str, layout: TyAndLayout<'tcx>) {
        self.composite(id, parent, gimli::DW_TAG_structure_type, name, layout.size, layout.align.abi);
    }

    /// A `DW_TAG_member` of `owner`.
    pub fn member(
        &mut self,
        owner: UnitEntryId,
        name: &str,
        field: TyAndLayout<'tcx>,
        offset: Size,
        access: Option<gimli::DwAccess>,
    ) -> UnitEntryId {
        let ty = self.ty(field.ty);
        self.member_of_type(owner, name, ty, field.align.abi, offset, access)
    }

    pub fn member_of_type(
        &mut self,
        owner: UnitEntryId,
        name: &str,
        ty: UnitEntryId,
        align: Align,
        offset: Size,
        access: Option<gimli::DwAccess>,
    ) -> UnitEntryId {
        let id = self.unit.add(owner, gimli::DW_TAG_member);
        if !name.is_empty() {
            self.name(id, name);
        }
        self.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(ty));
        self.set(id, gimli::DW_AT_alignment, AttributeValue::Udata(align.bytes()));
        self.set(id, gimli::DW_AT_data_member_location, AttributeValue::Udata(offset.bytes()));
        if let Some(access) = access {
            self.set(id, gimli::DW_AT_accessibility, AttributeValue::Accessibility(access));
        }
        id
    }

    fn pointer(&mut self, id: UnitEntryId, ty: Ty<'tcx>, pointee: Ty<'tcx>) {
        let tcx = self.tcx;
        let name = compute_debuginfo_type_name(tcx, ty, true);
        let typing_env = ty::TypingEnv::fully_monomorphized();
        let wide = if pointee.is_sized(tcx, typing_env) {
            None
        } else {
            match tcx.struct_tail_for_codegen(pointee, typing_env).kind() {
                ty::Slice(_) | ty::Str => Some(("data_ptr", "length")),
                ty::Dynamic(..) => Some(("pointer", "vtable")),
                _ => None,
            }
        };
        let pointee_entry = match pointee.kind() {
            ty::Slice(elem) => *elem,
            ty::Str => tcx.types.u8,
            _ => pointee,
        };
        let root = self.unit.root();
        let Some((addr_name, extra_name)) = wide else {
            self.unit.add_reserved(id, root, gimli::DW_TAG_pointer_type);
            let target = self.ty(pointee_entry);
            self.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(target));
            self.name(id, &name);
            return;
        };
        let layout_ty = if ty.is_box() { Ty::new_mut_ptr(tcx, pointee) } else { ty };
        let layout = self.layout(layout_ty);
        self.composite(id, root, gimli::DW_TAG_structure_type, &name, layout.size, layout.align.abi);
        let (addr, extra) = (layout.field(&MonoCx(tcx), 0), layout.field(&MonoCx(tcx), 1));
        let target = self.ty(pointee_entry);
        let data_ptr = self.unit.add(root, gimli::DW_TAG_pointer_type);
        self.set(data_ptr, gimli::DW_AT_type, AttributeValue::UnitRef(target));
        self.member_of_type(id, addr_name, data_ptr, addr.align.abi, layout.fields.offset(0), None);
        self.member(id, extra_name, extra, layout.fields.offset(1), None);
    }

    fn function_pointer(&mut self, id: UnitEntryId, ty: Ty<'tcx>) {
        let tcx = self.tcx;
        let sig =
            tcx.normalize_erasing_late_bound_regions(ty::TypingEnv::fully_monomorphized(), ty.fn_sig(tcx));
        let root = self.unit.root();
        self.unit.add_reserved(id, root, gimli::DW_TAG_pointer_type);
        let name = compute_debuginfo_type_name(tcx, ty, false);
        self.name(id, &name);
        let subroutine = self.unit.add(root, gimli::DW_TAG_subroutine_type);
        self.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(subroutine));
        if !sig.output().is_unit() {
            let ret = self.ty(sig.output());
            self.set(subroutine, gimli::DW_AT_type, AttributeValue::UnitRef(ret));
        }
        for input in sig.inputs() {
            let input = self.ty(*input);
            let param = self.unit.add(subroutine, gimli::DW_TAG_formal_parameter);
            self.set(param, gimli::DW_AT_type, AttributeValue::UnitRef(input));
        }
    }

    fn closure_like(
        &mut self,
        id: UnitEntryId,
        ty: Ty<'tcx>,
        def_id: DefId,
        upvars: &'tcx ty::List<Ty<'tcx>>,
    ) {
        let layout = self.layout(ty);
        let name = compute_debuginfo_type_name(self.tcx, ty, false);
        let parent = self.namespace_of(def_id);
        self.structure(id, parent, &name, layout);
        let names = self.tcx.closure_saved_names_of_captured_variables(def_id);
        for (i, (upvar, name)) in upvars.iter().zip(names.iter()).enumerate() {
            let field = self.layout(upvar);
            self.member(id, name.as_str(), field, layout.fields.offset(i), None);
        }
    }

    fn adt_struct(&mut self, id: UnitEntryId, ty: Ty<'tcx>, def: ty::AdtDef<'tcx>, tag: gimli::DwTag) {
        let layout = self.layout(ty);
        let name = compute_debuginfo_type_name(self.tcx, ty, false);
        let parent = self.namespace_of(def.did());
        self.composite(id, parent, tag, &name, layout.size, layout.align.abi);
        let is_union = tag == gimli::DW_TAG_union_type;
        if !is_union {
            let access = self.access(def.did(), def.did());
            self.set(id, gimli::DW_AT_accessibility, AttributeValue::Accessibility(access));
        }
        let variant = def.non_enum_variant();
        let tuple_like = variant.ctor_kind() == Some(CtorKind::Fn);
        for (i, field) in variant.fields.iter().enumerate() {
            let name = if tuple_like { format!("__{i}") } else { field.name.to_string() };
            let field_layout = layout.field(&MonoCx(self.tcx), i);
            let (offset, access) = if is_union {
                (Size::ZERO, None)
            } else {
                (layout.fields.offset(i), Some(self.access(field.did, def.did())))
            };
            self.member(id, &name, field_layout, offset, access);
        }
        self.template_params(id, ty);
    }

    /// `DW_AT_accessibility` of an item or field `did` of the type `type_did`, as LLVM's
    /// debug info derives it from Rust visibility.
    pub fn access(&self, did: DefId, type_did: DefId) -> gimli::DwAccess {
        let parent = self.tcx.parent(type_did);
        match self.tcx.visibility(did) {
            Visibility::Public => gimli::DW_ACCESS_public,
            Visibility::Restricted(module) if module.to_def_id() == parent => gimli::DW_ACCESS_private,
            Visibility::Restricted(_) => gimli::DW_ACCESS_protected,
        }
    }

    /// `DW_TAG_template_type_parameter`s of an ADT's type arguments.
    pub fn template_params(&mut self, owner: UnitEntryId, ty: Ty<'tcx>) {
        let ty::Adt(def, args) = *ty.kind() else { return };
        if args.types().next().is_none() {
            return;
        }
        let names = generic_param_names(self.tcx, self.tcx.generics_of(def.did()));
        self.generic_args(owner, args, &names);
    }

    pub fn generic_args(
        &mut self,
        owner: UnitEntryId,
        args: ty::GenericArgsRef<'tcx>,
        names: &[rustc_span::Symbol],
    ) {
        for (arg, name) in args.iter().zip(names) {
            let Some(arg_ty) = arg.as_type() else { continue };
            let arg_ty = self.tcx.normalize_erasing_regions(
                ty::TypingEnv::fully_monomorphized(),
                Unnormalized::new_wip(arg_ty),
            );
            let target = self.ty(arg_ty);
            let param = self.unit.add(owner, gimli::DW_TAG_template_type_parameter);
            self.set(param, gimli::DW_AT_type, AttributeValue::UnitRef(target));
            self.name(param, name.as_str());
        }
    }
}

impl<'tcx> TypeCx<'_, 'tcx> {
    /// A vtable as LLVM describes it: a variable at its address whose type is a structure of the
    /// vtable's entries with `DW_AT_containing_type` naming the concrete type, which is how gdb
    /// finds the concrete type behind a `dyn` pointer (`print *animal`).
    pub fn vtable(&mut self, ty: Ty<'tcx>, principal: Option<ty::ExistentialTraitRef<'tcx>>, addr: Address) {
        let tcx = self.tcx;
        let entries = match principal {
            Some(principal) => {
                let trait_ref = tcx.erase_and_anonymize_regions(principal.with_self_ty(tcx, ty));
                tcx.vtable_entries(trait_ref)
            }
            None => TyCtxt::COMMON_VTABLE_ENTRIES,
        };
        let void_ptr = Ty::new_imm_ptr(tcx, tcx.types.unit);
        let void_ptr_entry = self.ty(void_ptr);
        let usize_entry = self.ty(tcx.types.usize);
        let ptr = self.layout(void_ptr);
        let holder = self.ty(ty);
        let root = self.unit.root();
        let vtable_ty = self.unit.add(root, gimli::DW_TAG_structure_type);
        self.set(vtable_ty, gimli::DW_AT_containing_type, AttributeValue::UnitRef(holder));
        let name = compute_debuginfo_vtable_name(tcx, ty, principal, VTableNameKind::Type);
        self.name(vtable_ty, &name);
        let size = ptr.size.bytes() * entries.len() as u64;
        self.set(vtable_ty, gimli::DW_AT_byte_size, AttributeValue::Udata(size));
        self.set(vtable_ty, gimli::DW_AT_alignment, AttributeValue::Udata(ptr.align.abi.bytes()));
        for (index, entry) in entries.iter().enumerate() {
            let (name, entry_ty) = match entry {
                ty::VtblEntry::MetadataDropInPlace => ("drop_in_place".to_string(), void_ptr_entry),
                ty::VtblEntry::Method(_) => (format!("__method{index}"), void_ptr_entry),
                ty::VtblEntry::TraitVPtr(_) => (format!("__super_trait_ptr{index}"), void_ptr_entry),
                ty::VtblEntry::MetadataAlign => ("align".to_string(), usize_entry),
                ty::VtblEntry::MetadataSize => ("size".to_string(), usize_entry),
                ty::VtblEntry::Vacant => continue,
            };
            let offset = ptr.size * index as u64;
            self.member_of_type(vtable_ty, &name, entry_ty, ptr.align.abi, offset, None);
        }
        let var = self.unit.add(root, gimli::DW_TAG_variable);
        let name = compute_debuginfo_vtable_name(tcx, ty, principal, VTableNameKind::GlobalVariable);
        self.name(var, &name);
        self.set(var, gimli::DW_AT_type, AttributeValue::UnitRef(vtable_ty));
        let mut location = Expression::new();
        location.op_addr(addr);
        self.set(var, gimli::DW_AT_location, AttributeValue::Exprloc(location));
    }
}
