//! Codegen-unit driver: plugs fastclif into rustc_codegen_ssa's scheduler.
//!
//! MIR is translated to CLIF on the main thread (it needs `TyCtxt`); the resulting CLIF
//! functions are compiled to machine code and written as objects on rustc's worker threads.

mod compile;
mod emit;
mod fold_bits;
mod front_end;
mod fuse_blocks;
mod global_asm;
mod inline;
mod listing;
mod pass_profile;
mod promote_slots;
mod small_copies;
mod splice;

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use cranelift_codegen::isa::TargetIsa;
use rustc_ast::expand::allocator::AllocatorMethod;
use rustc_codegen_ssa::assert_module_sources::CguReuse;
use rustc_codegen_ssa::back::lto::ThinModule;
use rustc_codegen_ssa::back::write::{
    CodegenContext, EmitObj, FatLtoInput, ModuleConfig, SharedEmitter, TargetMachineFactoryFn, ThinLtoInput,
};
use rustc_codegen_ssa::traits::{ExtraBackendMethods, WriteBackendMethods};
use rustc_codegen_ssa::{CompiledModule, ModuleCodegen};
use rustc_data_structures::fx::{FxHashMap, FxHashSet};
use rustc_data_structures::marker::IntoDynSyncSend;
use rustc_data_structures::profiling::SelfProfilerRef;
use rustc_data_structures::sync::par_map;
use rustc_errors::DiagCtxt;
use rustc_middle::dep_graph::WorkProduct;
use rustc_middle::ty::TyCtxt;
use rustc_session::Session;
use rustc_session::config::{OptLevel, OutputType};
use rustc_span::Symbol;

pub use self::compile::CguModule;
pub use self::front_end::Ongoing;
use self::front_end::{FrontEndRelease, UnitCount};
use crate::options::BackendOptions;

#[derive(Clone)]
pub struct FastclifDriver {
    options: BackendOptions,
    isa: Arc<OnceLock<IntoDynSyncSend<Arc<dyn TargetIsa>>>>,
    /// With `-Zthreads=N`, units are translated in batches on rustc's thread pool; the
    /// scheduler's later requests take their unit from here.
    translated_ahead: Arc<Mutex<Option<TranslatedUnits>>>,
    /// Released when rustc drops its front end; the last unit's huge functions wait for it
    /// (`front_end`).
    front_end: Arc<FrontEndRelease>,
    units_handed_out: Arc<UnitCount>,
}

type TranslatedUnit = IntoDynSyncSend<(ModuleCodegen<CguModule>, u64)>;

/// Units translated ahead of the scheduler's request (`translate_batch_ahead`).
struct TranslatedUnits {
    /// The units in the order the scheduler asks for them (largest first).
    schedule: Vec<Symbol>,
    /// Translated, waiting for the scheduler to ask for them.
    ready: FxHashMap<Symbol, TranslatedUnit>,
    /// Every unit a batch has taken, so that no other batch translates it again.
    claimed: FxHashSet<Symbol>,
}

impl FastclifDriver {
    pub fn new(options: BackendOptions) -> Self {
        FastclifDriver {
            options,
            isa: Arc::new(OnceLock::new()),
            translated_ahead: Arc::new(Mutex::new(None)),
            front_end: Arc::new(FrontEndRelease::default()),
            units_handed_out: Arc::new(UnitCount::default()),
        }
    }

    /// What `join_codegen` or dropping the running codegen releases.
    pub fn front_end_release(&self) -> Arc<FrontEndRelease> {
        self.front_end.clone()
    }

    /// Translates one unit inside its dep-graph task; returns it with its cost (translation
    /// time, which the scheduler uses to order units).
    fn translate_unit(&self, tcx: TyCtxt<'_>, cgu_name: Symbol) -> (ModuleCodegen<CguModule>, u64) {
        let started = Instant::now();
        let dep_node = tcx.codegen_unit(cgu_name).codegen_dep_node(tcx);
        let (module, _) = tcx.dep_graph.with_task(
            dep_node,
            tcx,
            || {
                read_tracked_env(tcx);
                let module = compile::translate_cgu(tcx, self.isa(tcx.sess), cgu_name);
                ModuleCodegen::new_regular(cgu_name.as_str().to_owned(), module)
            },
            Some(rustc_middle::dep_graph::hash_result),
        );
        (module, started.elapsed().as_nanos() as u64)
    }

    /// rustc_codegen_ssa translates only its first batch of units in parallel and the rest one
    /// by one on the main thread, each when its coordinator wants more work. With several
    /// threads, a request for a unit that is not ready translates it together with the next
    /// units of the same order (largest first, as the scheduler asks for them) that cannot be
    /// reused, one per thread, in parallel. Translating every unit up front would hold the
    /// whole crate's CLIF at once (+80 MB on regex-automata); a batch per thread keeps memory
    /// near the serial schedule's.
    fn translate_batch_ahead(&self, tcx: TyCtxt<'_>, requested: Symbol) {
        let mut ahead = self.translated_ahead.lock().unwrap_or_else(|e| e.into_inner());
        let ahead = ahead.get_or_insert_with(|| {
            let mut units: Vec<_> = tcx.collect_and_partition_mono_items(()).codegen_units.iter().collect();
            units.sort_by_key(|cgu| std::cmp::Reverse(cgu.size_estimate()));
            TranslatedUnits {
                schedule: units.iter().map(|cgu| cgu.name()).collect(),
                ready: FxHashMap::default(),
                claimed: FxHashSet::default(),
            }
        });
        if ahead.ready.contains_key(&requested) {
            return;
        }
        let threads = tcx.sess.threads().unwrap_or(1).max(1);
        let start = ahead.schedule.iter().position(|&name| name == requested).unwrap_or(0);
        let mut batch = vec![requested];
        for &name in &ahead.schedule[start..] {
            if batch.len() >= threads {
                break;
            }
            if name != requested
                && !ahead.claimed.contains(&name)
                && rustc_codegen_ssa::base::determine_cgu_reuse(tcx, tcx.codegen_unit(name)) == CguReuse::No
            {
                batch.push(name);
            }
        }
        ahead.claimed.extend(batch.iter().copied());
        let done: Vec<(Symbol, TranslatedUnit)> =
            par_map(batch, |name| (name, IntoDynSyncSend(self.translate_unit(tcx, name))));
        ahead.ready.extend(done);
    }

    fn take_translated(&self, cgu_name: Symbol) -> Option<(ModuleCodegen<CguModule>, u64)> {
        let mut ahead = self.translated_ahead.lock().unwrap_or_else(|e| e.into_inner());
        ahead.as_mut()?.ready.remove(&cgu_name).map(|unit| unit.0)
    }

    fn isa(&self, sess: &Session) -> Arc<dyn TargetIsa> {
        self.isa.get_or_init(|| IntoDynSyncSend(crate::isa::build_isa(sess, &self.options))).0.clone()
    }
}

/// The backend's environment variables change the code, so every unit's task reads them: a
/// changed value makes incremental compilation redo the units instead of reusing their objects.
/// `env_var_os` is an always-evaluated query whose key cannot be rebuilt from its dep node, so
/// rustc can only judge a unit reusable when the query already ran in this session: call this
/// once before the scheduler asks which units to reuse, or no unit is ever reused.
pub fn read_tracked_env(tcx: TyCtxt<'_>) {
    for var in crate::options::ENV_VARS {
        let _ = tcx.env_var_os(std::ffi::OsStr::new(var));
    }
}

impl ExtraBackendMethods for FastclifDriver {
    type Module = CguModule;

    fn codegen_allocator<'tcx>(
        &self,
        tcx: TyCtxt<'tcx>,
        module_name: &str,
        methods: &[AllocatorMethod],
    ) -> CguModule {
        let mut module = CguModule::new(tcx.sess, self.isa(tcx.sess), module_name);
        crate::shims::allocator::define_allocator_shim(tcx, &mut module.object, methods);
        module
    }

    fn compile_codegen_unit(&self, tcx: TyCtxt<'_>, cgu_name: Symbol) -> (ModuleCodegen<CguModule>, u64) {
        let unit = if tcx.sess.threads().is_some_and(|n| n > 1) {
            self.translate_batch_ahead(tcx, cgu_name);
            self.take_translated(cgu_name)
        } else {
            None
        };
        let mut unit = unit.unwrap_or_else(|| self.translate_unit(tcx, cgu_name));
        // Unsupported constructs were reported as errors while translating; stop cleanly.
        tcx.dcx().abort_if_errors();
        // With `-Zthreads`, units are translated before the scheduler's loop asks for them, so
        // the count says nothing about where the loop is.
        if tcx.sess.threads().is_none() {
            let module = &mut unit.0.module_llvm;
            module.front_end = Some(self.front_end.clone());
            module.waits_for_front_end =
                self.units_handed_out.is_last(tcx.collect_and_partition_mono_items(()).codegen_units.len());
        }
        unit
    }
}

impl WriteBackendMethods for FastclifDriver {
    type Module = CguModule;
    type ModuleBuffer = Infallible;
    type TargetMachine = ();
    type ThinData = Infallible;

    fn target_machine_factory(
        &self,
        _sess: &Session,
        _opt_level: OptLevel,
        _target_features: &[String],
    ) -> TargetMachineFactoryFn<Self> {
        Arc::new(|_, _| ())
    }

    fn optimize_and_codegen_fat_lto(
        _sess: &Session,
        _cgcx: &CodegenContext,
        _shared_emitter: &SharedEmitter,
        _tm_factory: TargetMachineFactoryFn<Self>,
        _exported_symbols_for_lto: &[String],
        _each_linked_rlib_for_lto: &[PathBuf],
        modules: Vec<FatLtoInput<Self>>,
    ) -> CompiledModule {
        // `init` rejects -Clto, so rustc never schedules LTO work for this backend.
        match modules.into_iter().next() {
            None => rustc_middle::bug!("fastclif: fat LTO requested without modules"),
            Some(_) => rustc_middle::bug!("fastclif: fat LTO requested although init rejects -Clto"),
        }
    }

    fn run_thin_lto(
        _cgcx: &CodegenContext,
        _prof: &SelfProfilerRef,
        _dcx: rustc_errors::DiagCtxtHandle<'_>,
        _exported_symbols_for_lto: &[String],
        _each_linked_rlib_for_lto: &[PathBuf],
        _modules: Vec<ThinLtoInput<Self>>,
    ) -> (Vec<ThinModule<Self>>, Vec<WorkProduct>) {
        rustc_middle::bug!("fastclif: thin LTO requested although thin_lto_supported is false")
    }

    fn optimize(
        _cgcx: &CodegenContext,
        _prof: &SelfProfilerRef,
        _shared_emitter: &SharedEmitter,
        _module: &mut ModuleCodegen<CguModule>,
        _config: &ModuleConfig,
    ) {
        // Cranelift optimizes while compiling each function in `codegen`.
    }

    fn optimize_and_codegen_thin(
        _cgcx: &CodegenContext,
        _prof: &SelfProfilerRef,
        _shared_emitter: &SharedEmitter,
        _tm_factory: TargetMachineFactoryFn<Self>,
        _thin: ThinModule<Self>,
    ) -> CompiledModule {
        rustc_middle::bug!("fastclif: thin LTO requested although thin_lto_supported is false")
    }

    fn codegen(
        cgcx: &CodegenContext,
        prof: &SelfProfilerRef,
        shared_emitter: &SharedEmitter,
        module: ModuleCodegen<CguModule>,
        config: &ModuleConfig,
    ) -> CompiledModule {
        let dcx = DiagCtxt::new(Box::new(shared_emitter.clone()));
        let name = module.name.clone();
        let kind = module.kind;
        let cgu = module.module_llvm;
        // Until this unit is written: a fatal error below unwinds through here.
        let _release_on_failure = cgu.front_end.clone().map(front_end::ReleaseOnFailure);
        // rustc only wants an object when something links or keeps it (`--emit=asm` alone, or
        // the allocator shim of a crate that is not linked, needs none).
        let want_object = !matches!(config.emit_obj, EmitObj::None);
        compile::compile_cgu(prof, dcx.handle(), cgu, config.emit_asm)
            .and_then(|compiled| {
                emit::write_object(&cgcx.output_filenames, prof, compiled, name, kind, want_object)
            })
            .and_then(|module| settle_asm_object(cgcx, module))
            .unwrap_or_else(|err| dcx.handle().fatal(err))
    }

    fn serialize_module(module: CguModule, _is_thin: bool) -> Infallible {
        let _ = module;
        rustc_middle::bug!("fastclif: module serialization is only used by LTO")
    }
}

/// The unit's assembly object (`asm_object`, `<cgu>.rcgu.asm.o`, assembled from
/// `<cgu>.rcgu.asm.s`) as rustc should see it: the source is not left behind (unless
/// `-Csave-temps`); and when the user asked for objects (`--emit=obj`), the assembly object is
/// linked into the unit's object with `ld -r`, as LLVM's objects contain `asm!` and
/// `global_asm!` code too (rustc only hands over the unit's object).
fn settle_asm_object(cgcx: &CodegenContext, mut module: CompiledModule) -> Result<CompiledModule, String> {
    let Some(asm_object) = module.global_asm_object.clone() else { return Ok(module) };
    if !cgcx.save_temps {
        let _ = std::fs::remove_file(asm_object.with_extension("s"));
    }
    let Some(object) = module.object.clone() else { return Ok(module) };
    if !cgcx.output_filenames.outputs.contains_key(&OutputType::Object) {
        return Ok(module);
    }
    let merged = object.with_extension("merged.o");
    let mut ld = std::process::Command::new("ld");
    ld.arg("-r").arg("-o").arg(&merged).arg(&object).arg(&asm_object);
    match ld.output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            return Err(format!(
                "`ld -r` could not add the assembly object to {}: {}",
                object.display(),
                stderr.trim()
            ));
        }
        Err(e) => return Err(format!("cannot run `ld -r` for {}: {e}", object.display())),
    }
    std::fs::rename(&merged, &object)
        .map_err(|e| format!("cannot move {} to {}: {e}", merged.display(), object.display()))?;
    let _ = std::fs::remove_file(&asm_object);
    module.global_asm_object = None;
    Ok(module)
}
