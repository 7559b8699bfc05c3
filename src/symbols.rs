//! Function symbols of a codegen unit: declaring the functions it defines and importing the
//! ones it calls, with one policy for every caller.
//!
//! Policy: importing a name that the unit already declared (a definition of its own, an earlier
//! import, an `extern` block redeclaring a function with another Rust type) yields that same
//! function; only a name already taken by a data object is an error, returned to the caller so
//! it can be reported with the span of the code that needed the function.

use cranelift_codegen::ir::{Signature, UserExternalName};
use cranelift_module::{FuncId, FuncOrDataId, Linkage, Module, ModuleError};
use cranelift_object::ObjectModule;
use rustc_data_structures::fx::FxHashMap;
use rustc_hir::attrs::Linkage as RLinkage;
use rustc_middle::mono::Visibility;
use rustc_middle::ty::layout::FnAbiOf;
use rustc_middle::ty::{self, Instance, TyCtxt};

use crate::error::{CgResult, Unsupported};
use crate::layout_cx::MonoCx;

/// How a function of the unit's module is named inside CLIF: cranelift-module's convention of
/// namespace 0 (data objects use 1) with the function's id as index.
pub fn clif_function_name(id: FuncId) -> UserExternalName {
    UserExternalName::new(0, id.as_u32())
}

/// The function a CLIF name written by [`clif_function_name`] stands for.
pub fn function_of_clif_name(name: &UserExternalName) -> Option<FuncId> {
    (name.namespace == 0).then(|| FuncId::from_u32(name.index))
}

/// The Cranelift linkage of a mono item with rustc's linkage and visibility.
pub fn linkage_of(tcx: TyCtxt<'_>, linkage: RLinkage, visibility: Visibility) -> CgResult<Linkage> {
    let builtins = tcx.is_compiler_builtins(rustc_hir::def_id::LOCAL_CRATE);
    Ok(match (linkage, visibility) {
        (RLinkage::Internal, _) => Linkage::Local,
        (RLinkage::External, Visibility::Default) if builtins => Linkage::Hidden,
        (RLinkage::External, Visibility::Default | Visibility::Protected) => Linkage::Export,
        (RLinkage::External, Visibility::Hidden) => Linkage::Hidden,
        (RLinkage::WeakAny | RLinkage::ExternalWeak, _) => Linkage::Preemptible,
        (other, vis) => return Err(Unsupported::unspanned(format!("linkage {other:?} ({vis:?})"))),
    })
}

/// The Cranelift signature of `instance`, from the `FnAbi` rustc computes for it.
pub fn instance_signature<'tcx>(
    tcx: TyCtxt<'tcx>,
    module: &ObjectModule,
    instance: Instance<'tcx>,
) -> CgResult<Signature> {
    let fn_abi = MonoCx(tcx).fn_abi_of_instance(instance, ty::List::empty());
    crate::signature::signature(tcx, module.target_config().default_call_conv, fn_abi)
}

/// The name of `instance` in the object file. A `#[link_name]` that starts with `\x01` asks
/// LLVM to use the rest verbatim (no platform prefix); on ELF that is the rest of the name.
pub fn object_symbol<'tcx>(tcx: TyCtxt<'tcx>, instance: Instance<'tcx>) -> &'tcx str {
    let name = tcx.symbol_name(instance).name;
    name.strip_prefix('\u{1}').unwrap_or(name)
}

/// Declares `instance`, which this unit defines.
pub fn declare_instance<'tcx>(
    tcx: TyCtxt<'tcx>,
    module: &mut ObjectModule,
    instance: Instance<'tcx>,
    linkage: RLinkage,
    visibility: Visibility,
) -> CgResult<FuncId> {
    let symbol = object_symbol(tcx, instance);
    let sig = instance_signature(tcx, module, instance)?;
    let linkage = linkage_of(tcx, linkage, visibility)?;
    module
        .declare_function(symbol, linkage, &sig)
        .map_err(|err| Unsupported::unspanned(format!("declaring `{symbol}` ({err})")))
}

/// `instance` as a function this unit may call or take the address of.
pub fn import_instance<'tcx>(
    tcx: TyCtxt<'tcx>,
    module: &mut ObjectModule,
    instance: Instance<'tcx>,
) -> CgResult<FuncId> {
    let symbol = object_symbol(tcx, instance);
    let sig = instance_signature(tcx, module, instance)?;
    import_function(module, symbol, &sig)
}

/// The functions a codegen unit has imported so far, by instance. Computing a signature and
/// looking a symbol up by name cost far more than a hash lookup, and a unit calls the same
/// functions from many places.
#[derive(Default)]
pub struct ImportCache<'tcx> {
    by_instance: FxHashMap<Instance<'tcx>, FuncId>,
}

impl<'tcx> ImportCache<'tcx> {
    /// `import_instance`, once per instance and unit.
    pub fn instance(
        &mut self,
        tcx: TyCtxt<'tcx>,
        module: &mut ObjectModule,
        instance: Instance<'tcx>,
    ) -> CgResult<FuncId> {
        if let Some(id) = self.by_instance.get(&instance) {
            return Ok(*id);
        }
        let id = import_instance(tcx, module, instance)?;
        self.by_instance.insert(instance, id);
        Ok(id)
    }
}

/// The function named `name`, imported with `sig` unless the unit already knows the name.
pub fn import_function(module: &mut ObjectModule, name: &str, sig: &Signature) -> CgResult<FuncId> {
    match module.declare_function(name, Linkage::Import, sig) {
        Ok(id) => Ok(id),
        Err(err @ (ModuleError::IncompatibleSignature(..) | ModuleError::IncompatibleDeclaration(..))) => {
            match module.get_name(name) {
                Some(FuncOrDataId::Func(id)) => Ok(id),
                _ => Err(Unsupported::unspanned(format!("using `{name}` as a function ({err})"))),
            }
        }
        Err(err) => Err(Unsupported::unspanned(format!("importing `{name}` ({err})"))),
    }
}
