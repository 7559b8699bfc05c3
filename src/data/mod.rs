//! Data objects: constant allocations, statics and vtables, with their relocations.

use cranelift_module::{DataDescription, DataId, FuncOrDataId, Linkage, Module};
use cranelift_object::ObjectModule;
use rustc_data_structures::fx::{FxHashMap, FxHashSet};
use rustc_hir::attrs::Linkage as RLinkage;
use rustc_hir::def_id::DefId;
use rustc_middle::middle::codegen_fn_attrs::CodegenFnAttrFlags;
use rustc_middle::mir::interpret::{AllocId, ConstAllocation, GlobalAlloc, read_target_uint};
use rustc_middle::ty::{ExistentialTraitRef, Instance, Ty, TyCtxt};

use crate::error::CgResult;

/// Per-CGU table of anonymous allocations already given a data object.
#[derive(Default)]
pub struct DataCx {
    allocs: FxHashMap<AllocId, DataId>,
    pending: Vec<AllocId>,
    defined: FxHashSet<AllocId>,
}

impl DataCx {
    /// The data object holding `alloc_id`'s bytes; defined later by `define_pending`.
    pub fn alloc(&mut self, tcx: TyCtxt<'_>, module: &mut ObjectModule, alloc_id: AllocId) -> DataId {
        if let Some(id) = self.allocs.get(&alloc_id) {
            return *id;
        }
        let mutable = match tcx.global_alloc(alloc_id) {
            GlobalAlloc::Memory(alloc) => alloc.inner().mutability.is_mut(),
            _ => false,
        };
        let id = module.declare_anonymous_data(mutable, false).expect("anonymous data declaration");
        self.allocs.insert(alloc_id, id);
        self.pending.push(alloc_id);
        id
    }

    pub fn vtable<'tcx>(
        &mut self,
        tcx: TyCtxt<'tcx>,
        module: &mut ObjectModule,
        ty: Ty<'tcx>,
        principal: Option<ExistentialTraitRef<'tcx>>,
    ) -> DataId {
        let alloc_id = tcx.vtable_allocation((ty, principal));
        self.alloc(tcx, module, alloc_id)
    }

    /// Defines every queued allocation, following pointers to further allocations.
    pub fn define_pending(&mut self, tcx: TyCtxt<'_>, module: &mut ObjectModule) -> CgResult<()> {
        while let Some(alloc_id) = self.pending.pop() {
            if !self.defined.insert(alloc_id) {
                continue;
            }
            let data_id = self.allocs[&alloc_id];
            let alloc = match tcx.global_alloc(alloc_id) {
                GlobalAlloc::Memory(alloc) => alloc,
                other => rustc_middle::bug!("anonymous data for {other:?}"),
            };
            let desc = self.describe(tcx, module, alloc, None)?;
            module.define_data(data_id, &desc).expect("anonymous data defined twice");
        }
        Ok(())
    }

    fn describe(
        &mut self,
        tcx: TyCtxt<'_>,
        module: &mut ObjectModule,
        alloc: ConstAllocation<'_>,
        section: Option<&str>,
    ) -> CgResult<DataDescription> {
        let alloc = alloc.inner();
        let mut desc = DataDescription::new();
        desc.set_align(alloc.align.bytes());
        if let Some(section) = section {
            desc.set_custom_section(section);
        }
        let bytes = alloc.inspect_with_uninit_and_ptr_outside_interpreter(0..alloc.len());
        // Writable and all zeros: `.bss` (`.tbss`), where LLVM puts such globals (no bytes in
        // the file; `nm` type `B`).
        if section.is_none()
            && alloc.mutability.is_mut()
            && alloc.provenance().ptrs().is_empty()
            && bytes.iter().all(|b| *b == 0)
        {
            desc.define_zeroinit(alloc.len());
            return Ok(desc);
        }
        desc.define(bytes.to_vec().into_boxed_slice());
        let ptr_size = tcx.data_layout.pointer_size().bytes() as usize;
        for &(offset, prov) in alloc.provenance().ptrs().iter() {
            let offset = offset.bytes() as usize;
            let addend = read_target_uint(
                tcx.data_layout.endian,
                alloc.inspect_with_uninit_and_ptr_outside_interpreter(offset..offset + ptr_size),
            )
            .expect("pointer-sized read") as i64;
            let target = match tcx.global_alloc(prov.alloc_id()) {
                GlobalAlloc::Function { instance } => {
                    let func = crate::symbols::import_instance(tcx, module, instance)?;
                    let func_ref = module.declare_func_in_data(func, &mut desc);
                    desc.write_function_addr(offset as u32, func_ref);
                    continue;
                }
                GlobalAlloc::Memory(_) => self.alloc(tcx, module, prov.alloc_id()),
                GlobalAlloc::VTable(ty, dyn_ty) => {
                    let principal = dyn_ty.principal().map(|p| tcx.instantiate_bound_regions_with_erased(p));
                    self.vtable(tcx, module, ty, principal)
                }
                // The id's bytes are already in place; only the provenance marker is dropped.
                GlobalAlloc::TypeId { .. } => continue,
                GlobalAlloc::Static(def_id) => static_data_id(tcx, module, def_id, false),
            };
            let gv = module.declare_data_in_data(target, &mut desc);
            desc.write_data_addr(offset as u32, gv, addend);
        }
        Ok(desc)
    }
}

fn static_linkage(tcx: TyCtxt<'_>, def_id: DefId) -> Linkage {
    match tcx.codegen_fn_attrs(def_id).linkage {
        Some(RLinkage::External) => Linkage::Export,
        Some(RLinkage::Internal) => Linkage::Local,
        Some(RLinkage::ExternalWeak | RLinkage::WeakAny) => Linkage::Preemptible,
        Some(other) => tcx.dcx().fatal(format!("fastclif does not support static linkage {other:?}")),
        None if tcx.is_reachable_non_generic(def_id) => Linkage::Export,
        None => Linkage::Hidden,
    }
}

/// The data object of a static: a definition in its own CGU, an import elsewhere.
pub fn static_data_id(tcx: TyCtxt<'_>, module: &mut ObjectModule, def_id: DefId, definition: bool) -> DataId {
    static_data_id_with(tcx, module, def_id, definition, false)
}

fn static_data_id_with(
    tcx: TyCtxt<'_>,
    module: &mut ObjectModule,
    def_id: DefId,
    definition: bool,
    writable: bool,
) -> DataId {
    let attrs = tcx.codegen_fn_attrs(def_id);
    let symbol = crate::symbols::object_symbol(tcx, Instance::mono(tcx, def_id));
    let tls = attrs.flags.contains(CodegenFnAttrFlags::THREAD_LOCAL);
    if attrs.import_linkage.is_some() {
        tcx.dcx()
            .span_fatal(tcx.def_span(def_id), "fastclif does not support `#[linkage]` on extern statics yet");
    }
    let linkage = if definition {
        static_linkage(tcx, def_id)
    } else if matches!(attrs.linkage, Some(RLinkage::ExternalWeak | RLinkage::WeakAny)) {
        Linkage::Preemptible
    } else {
        Linkage::Import
    };
    match module.declare_data(symbol, linkage, writable, tls) {
        Ok(id) => id,
        Err(_) => match module.get_name(symbol) {
            Some(FuncOrDataId::Data(id)) => id,
            _ => tcx.dcx().fatal(format!("`{symbol}` is declared both as a static and as a function")),
        },
    }
}

pub fn define_static(
    tcx: TyCtxt<'_>,
    module: &mut ObjectModule,
    data: &mut DataCx,
    def_id: DefId,
) -> CgResult<()> {
    let attrs = tcx.codegen_fn_attrs(def_id);
    let alloc = match tcx.eval_static_initializer(def_id) {
        Ok(alloc) => alloc,
        Err(_) => return Ok(()), // already reported by const evaluation
    };
    let writable = alloc.inner().mutability.is_mut();
    let id = static_data_id_with(tcx, module, def_id, true, writable);
    let section = attrs.link_section.map(|s| s.to_string());
    let mut desc = data.describe(tcx, module, alloc, section.as_deref())?;
    desc.set_used(attrs.flags.contains(CodegenFnAttrFlags::USED_LINKER));
    module
        .define_data(id, &desc)
        .unwrap_or_else(|err| tcx.dcx().fatal(format!("cannot define static: {err}")));
    data.define_pending(tcx, module)
}
