//! Names: `DW_TAG_namespace` entries per crate, module, function and impl, and the names of
//! functions, as rustc's LLVM backend writes them (so `break crate::module::fn` works and types
//! get the qualified names the pretty printers match).

use gimli::write::{AttributeValue, Unit, UnitEntryId};
use rustc_codegen_ssa::debuginfo::type_names;
use rustc_data_structures::fx::FxHashMap;
use rustc_hir::def_id::DefId;
use rustc_middle::ty::{self, Instance, TyCtxt, Unnormalized};

/// The namespace entries of one unit, by the item they stand for.
#[derive(Default)]
pub struct Namespaces {
    map: FxHashMap<DefId, UnitEntryId>,
}

impl Namespaces {
    /// The namespace entry of `def_id` (its crate's, nested under the unit, for a crate root).
    pub fn item(&mut self, tcx: TyCtxt<'_>, unit: &mut Unit, def_id: DefId) -> UnitEntryId {
        if let Some(id) = self.map.get(&def_id) {
            return *id;
        }
        let parent = match tcx.def_key(def_id).parent {
            Some(index) => self.item(tcx, unit, DefId { krate: def_id.krate, index }),
            None => unit.root(),
        };
        let mut name = String::new();
        type_names::push_item_name(tcx, def_id, false, &mut name);
        let id = unit.add(parent, gimli::DW_TAG_namespace);
        unit.get_mut(id).set(gimli::DW_AT_name, AttributeValue::String(name.into_bytes()));
        self.map.insert(def_id, id);
        id
    }

    /// The namespace an item is declared in.
    pub fn parent_of(&mut self, tcx: TyCtxt<'_>, unit: &mut Unit, def_id: DefId) -> UnitEntryId {
        self.item(tcx, unit, tcx.parent(def_id))
    }
}

/// A function's plain name as LLVM's debug info has it: the item name plus the generic
/// arguments of the function itself and its impl (`foo<i32>`), not those of enclosing closures'
/// parents.
pub fn function_name<'tcx>(tcx: TyCtxt<'tcx>, instance: Instance<'tcx>) -> String {
    let def_id = instance.def_id();
    let mut name = String::with_capacity(32);
    type_names::push_item_name(tcx, def_id, false, &mut name);
    let generics = tcx.generics_of(tcx.typeck_root_def_id(def_id));
    let args = instance.args.truncate_to(tcx, generics);
    let args =
        tcx.normalize_erasing_regions(ty::TypingEnv::fully_monomorphized(), Unnormalized::new_wip(args));
    type_names::push_generic_args(tcx, args, &mut name);
    name
}

/// Where a function's entry goes: in the type of an inherent impl (a method, as LLVM declares
/// them with full debug info) or in the namespace of its parent item.
pub enum FnScope<'tcx> {
    Method(ty::Ty<'tcx>),
    Namespace(DefId),
}

pub fn function_scope<'tcx>(tcx: TyCtxt<'tcx>, instance: Instance<'tcx>, full: bool) -> FnScope<'tcx> {
    let def_id = instance.def_id();
    if let Some(impl_def_id) = tcx.inherent_impl_of_assoc(def_id) {
        let self_ty = tcx.instantiate_and_normalize_erasing_regions(
            instance.args,
            ty::TypingEnv::fully_monomorphized(),
            tcx.type_of(impl_def_id),
        );
        if let ty::Adt(adt, _) = self_ty.kind()
            && !adt.is_box()
        {
            return if full { FnScope::Method(self_ty) } else { FnScope::Namespace(adt.did()) };
        }
    }
    let parent = tcx.def_key(def_id).parent.expect("a function has a parent item");
    FnScope::Namespace(DefId { krate: def_id.krate, index: parent })
}

/// The names of the generic parameters of `generics` and its parents, in argument order.
pub fn generic_param_names(tcx: TyCtxt<'_>, generics: &ty::Generics) -> Vec<rustc_span::Symbol> {
    let mut names = generics.parent.map_or_else(Vec::new, |p| generic_param_names(tcx, tcx.generics_of(p)));
    names.extend(generics.own_params.iter().map(|param| param.name));
    names
}
