//! Per-CGU work: translate mono items to CLIF (main thread), then compile them (worker thread).

use std::cell::RefCell;
use std::sync::Arc;

use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::{CodegenError, Context};
use cranelift_module::{FuncId, Module, ModuleError, ModuleReloc};
use cranelift_object::{ObjectBuilder, ObjectModule, ObjectProduct};
use rustc_data_structures::fx::FxHashSet;
use rustc_data_structures::profiling::SelfProfilerRef;
use rustc_errors::DiagCtxtHandle;
use rustc_hir::attrs::Linkage as RLinkage;
use rustc_middle::middle::codegen_fn_attrs::CodegenFnAttrFlags;
use rustc_middle::mono::{MonoItem, MonoItemData, Visibility};
use rustc_middle::ty::TyCtxt;
use rustc_session::Session;
use rustc_span::Symbol;

use super::front_end::{self, FrontEndRelease};
use super::global_asm::GlobalAsmCx;
use super::inline::{InlineCandidates, callee_id};
use crate::asm_object::AsmText;
use crate::debuginfo::{DebugCx, UnitDebug};
use crate::mir::{InlineHint, TranslatedFn};
use crate::unwind::FrameInfo;

/// One codegen unit on its way from CLIF to an object file.
pub struct CguModule {
    pub object: ObjectModule,
    /// The functions still to compile.
    pub functions: Vec<TranslatedFn>,
    pub debug: Option<DebugCx>,
    pub asm: AsmText,
    /// Unwind entries of the functions compiled while the unit was translated.
    pub frames: Option<FrameInfo>,
    /// Released when rustc drops its front end (`front_end`): a failing unit releases it, and
    /// on the crate's last unit (`waits_for_front_end`) huge functions wait for it.
    pub front_end: Option<Arc<FrontEndRelease>>,
    pub waits_for_front_end: bool,
}

impl CguModule {
    pub fn new(sess: &Session, isa: Arc<dyn TargetIsa>, name: &str) -> Self {
        let mut builder =
            ObjectBuilder::new(isa, name.to_owned() + ".o", cranelift_module::default_libcall_names())
                .expect("the host ISA is supported by cranelift-object");
        // One section per function and per data object (LLVM's function and data sections,
        // `-Zfunction-sections`, on by default) lets the linker drop unused code and data
        // (`--gc-sections`).
        let sections = sess.opts.unstable_opts.function_sections.unwrap_or(sess.target.function_sections);
        builder.per_function_section(sections);
        builder.per_data_object_section(sections);
        CguModule {
            object: ObjectModule::new(builder),
            functions: Vec::new(),
            debug: None,
            asm: AsmText::new(name),
            frames: None,
            front_end: None,
            waits_for_front_end: false,
        }
    }
}

/// Whether the unit's functions are compiled on the translating thread as soon as each is
/// translated, instead of all together by a worker afterwards. Worth it only when no other
/// unit's compilation could run beside this unit's translation: a crate of one codegen unit
/// (a small binary, `-Ccodegen-units=1`, one big module). There the worker would start only
/// when translation ends, so compiling early costs no parallelism, and the unit never holds
/// every function's CLIF at once (10,000 small functions: about 15 MB of peak RSS).
/// `--emit=asm` keeps the usual path, which writes the listing.
fn compiles_while_translating(tcx: TyCtxt<'_>) -> bool {
    tcx.collect_and_partition_mono_items(()).codegen_units.len() == 1
        && !tcx.sess.opts.output_types.contains_key(&rustc_session::config::OutputType::Assembly)
}

/// Functions above this many CLIF instructions wait for the worker even when they could be
/// compiled early. Compiling one needs several times its CLIF's memory (machine instructions,
/// allocation state); on the translating thread that comes on top of translation's scratch,
/// which by then is sized for the largest function so far, while the worker compiles after
/// translation has freed it. Measured on `./y.sh bench scaling`'s `calls` shape at 10,000:
/// peak RSS 318 MB with `main` (one huge function) compiled early, 303 MB with it left for
/// the worker; holding every function until the worker, as before, 319 MB.
const LARGEST_EARLY_COMPILE: usize = 1000;

/// What compiling functions during translation needs besides the unit's module.
struct EarlyCompile {
    frames: FrameInfo,
    /// Functions of the unit whose body a caller may copy (`InlineHint::may_inline`): they
    /// wait for the worker, and so do their callers, which need their CLIF to inline it.
    inline_sources: FxHashSet<FuncId>,
    _passes: super::pass_profile::PassProfileScope,
}

impl EarlyCompile {
    /// Compiles `func` now when nothing in the unit may be inlined into it or from it; hands
    /// it back otherwise.
    fn try_compile(
        &mut self,
        tcx: TyCtxt<'_>,
        object: &mut ObjectModule,
        debug: Option<&mut DebugCx>,
        func: TranslatedFn,
    ) -> Option<TranslatedFn> {
        if self.inline_sources.contains(&func.id)
            || self.calls_inline_source(&func.clif)
            || func.clif.dfg.num_insts() > LARGEST_EARLY_COMPILE
        {
            return Some(func);
        }
        let _timer = tcx.prof.generic_activity("fastclif: compile CLIF");
        let unit = UnitCx { frames: &mut self.frames, debug, inlinable: None, dcx: tcx.dcx() };
        let result = CLIF_CONTEXT.with(|ctx| compile_one(object, &mut ctx.borrow_mut(), unit, func, false));
        if let Err(err) = result {
            tcx.dcx().err(err);
        }
        None
    }

    fn calls_inline_source(&self, func: &cranelift_codegen::ir::Function) -> bool {
        !self.inline_sources.is_empty()
            && func
                .dfg
                .ext_funcs
                .keys()
                .filter_map(|callee| callee_id(func, callee))
                .any(|id| self.inline_sources.contains(&id))
    }
}

pub fn translate_cgu(tcx: TyCtxt<'_>, isa: Arc<dyn TargetIsa>, cgu_name: Symbol) -> CguModule {
    let _timer = tcx.prof.generic_activity_with_arg("fastclif: MIR to CLIF", cgu_name.as_str());
    let cgu = tcx.codegen_unit(cgu_name);
    let items = cgu.items_in_deterministic_order(tcx);
    let mut module = CguModule::new(tcx.sess, isa, cgu_name.as_str());
    let mut debug = UnitDebug::new(tcx, cgu.is_primary());
    let mut early = compiles_while_translating(tcx).then(|| EarlyCompile {
        frames: FrameInfo::new(module.object.isa()),
        inline_sources: FxHashSet::default(),
        _passes: super::pass_profile::PassProfileScope::install(&tcx.prof, module.object.isa()),
    });

    // Declare every function first so that calls between them resolve to local definitions.
    for (item, data) in &items {
        if let MonoItem::Fn(instance) = item {
            if tcx.codegen_instance_attrs(instance.def).flags.contains(CodegenFnAttrFlags::NAKED) {
                continue;
            }
            let declared = crate::symbols::declare_instance(
                tcx,
                &mut module.object,
                *instance,
                data.linkage,
                data.visibility,
            );
            match declared {
                Ok(id) => {
                    if let Some(early) = early.as_mut().filter(|_| InlineHint::may_inline(tcx, *instance)) {
                        early.inline_sources.insert(id);
                    }
                }
                Err(err) => err.report(tcx, *instance),
            }
        }
    }
    let mut tables = crate::mir::UnitTables::default();
    for (item, item_data) in items {
        match item {
            MonoItem::Fn(instance)
                if tcx.codegen_instance_attrs(instance.def).flags.contains(CodegenFnAttrFlags::NAKED) =>
            {
                // A private naked function becomes a hidden global: its body lives in the
                // unit's assembly object, which reaches only global symbols.
                let item_data = MonoItemData {
                    linkage: RLinkage::External,
                    visibility: if item_data.linkage == RLinkage::Internal {
                        Visibility::Hidden
                    } else {
                        item_data.visibility
                    },
                    ..item_data
                };
                let mut cx = GlobalAsmCx { tcx, module: &mut module.object, asm: &mut module.asm };
                rustc_codegen_ssa::mir::naked_asm::codegen_naked_asm(&mut cx, instance, item_data);
            }
            MonoItem::Fn(instance) => {
                if let Some(func) = crate::mir::translate_fn(
                    tcx,
                    &mut module.object,
                    &mut tables,
                    debug.as_mut(),
                    &mut module.asm,
                    instance,
                ) {
                    let waiting = match early.as_mut() {
                        Some(early) => early.try_compile(
                            tcx,
                            &mut module.object,
                            debug.as_mut().map(|debug| &mut debug.cx),
                            func,
                        ),
                        None => Some(func),
                    };
                    module.functions.extend(waiting);
                }
            }
            MonoItem::Static(def_id) => {
                if let Err(err) =
                    crate::data::define_static(tcx, &mut module.object, &mut tables.data, def_id)
                {
                    err.report_at(tcx, tcx.def_span(def_id));
                }
            }
            MonoItem::GlobalAsm(item_id) => {
                let mut cx = GlobalAsmCx { tcx, module: &mut module.object, asm: &mut module.asm };
                rustc_codegen_ssa::base::codegen_global_asm(&mut cx, item_id);
            }
        }
    }
    module.debug = debug.map(UnitDebug::into_unit);
    module.frames = early.map(|early| early.frames);
    if let Err(err) = tables.data.define_pending(tcx, &mut module.object) {
        err.report_at(tcx, rustc_span::DUMMY_SP);
    }
    match crate::shims::entry::translate_entry_if_needed(tcx, &mut module.object, cgu.is_primary()) {
        Ok(entry) => module.functions.extend(entry),
        Err(err) => err.report_at(tcx, rustc_span::DUMMY_SP),
    }
    module
}

thread_local! {
    // Cranelift's compilation context keeps its buffers between functions; one per worker thread.
    static CLIF_CONTEXT: RefCell<Context> = RefCell::new(Context::new());
}

/// A codegen unit compiled to machine code, ready to be written out.
pub struct CompiledCgu {
    pub product: ObjectProduct,
    pub asm: AsmText,
    /// The disassembly of every function, when `--emit=asm` asked for it.
    pub listing: Option<String>,
}

pub fn compile_cgu(
    prof: &SelfProfilerRef,
    dcx: DiagCtxtHandle<'_>,
    cgu: CguModule,
    want_listing: bool,
) -> Result<CompiledCgu, String> {
    let CguModule { mut object, functions, mut debug, asm, frames, front_end, waits_for_front_end } = cgu;
    let mut after_front_end = front_end.filter(|_| waits_for_front_end);
    let mut listing = want_listing.then(String::new);
    let mut frames = frames.unwrap_or_else(|| FrameInfo::new(object.isa()));
    let _timer = prof.generic_activity("fastclif: compile CLIF");
    let _passes = super::pass_profile::PassProfileScope::install(prof, object.isa());
    let inlinable = InlineCandidates::collect(&functions)
        .map_err(|err| format!("Cranelift failed to inline within a codegen unit: {err:?}"))?;
    let inlinable = Some(&inlinable).filter(|candidates| !candidates.is_empty());
    CLIF_CONTEXT.with(|ctx| {
        let mut ctx = ctx.borrow_mut();
        for func in functions {
            if let Some(front_end) = after_front_end.as_ref()
                && front_end::waits_for_release(&func.clif)
            {
                let _timer = prof.generic_activity("fastclif: wait for the front end's release");
                front_end.wait();
                after_front_end = None;
            }
            let symbol = func.symbol.clone();
            let unit = UnitCx { frames: &mut frames, debug: debug.as_mut(), inlinable, dcx };
            compile_one(&mut object, &mut ctx, unit, func, want_listing)?;
            if let (Some(listing), Some(code)) = (listing.as_mut(), ctx.compiled_code()) {
                super::listing::add_function(listing, &symbol, code);
            }
        }
        Ok::<(), String>(())
    })?;
    let _timer = prof.generic_activity("fastclif: write object");
    let mut product = object.finish();
    frames.emit(&mut product)?;
    if let Some(debug) = debug {
        debug.emit(&mut product)?;
    }
    Ok(CompiledCgu { product, asm, listing })
}

/// Compiles `ctx.func` and defines it in the object. Direct calls become PLT-relative
/// relocations (`call foo@PLT`, as C compilers emit them): translation marks every callee
/// as near (`FnCx::callee`), and a plain PC-relative relocation to a function that ends up in
/// a shared library, or is exported from one we build, would not link.
fn define(object: &mut ObjectModule, ctx: &mut Context, id: FuncId) -> Result<(), Box<ModuleError>> {
    let isa = object.isa();
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| Box::new(ModuleError::Compilation(e.inner)))?;
    let code = ctx.compiled_code().expect("compiled just now");
    let relocs: Vec<ModuleReloc> = code
        .buffer
        .relocs()
        .iter()
        .map(|reloc| {
            let mut reloc = ModuleReloc::from_mach_reloc(reloc, &ctx.func, id);
            if reloc.kind == Reloc::X86CallPCRel4 {
                reloc.kind = Reloc::X86CallPLTRel4;
            }
            reloc
        })
        .collect();
    let alignment = u64::from(code.buffer.min_alignment);
    object.define_function_bytes(id, alignment, code.buffer.data(), &relocs).map_err(Box::new)
}

/// What `compile_one` shares with the other functions of the unit.
struct UnitCx<'a, 'dcx> {
    frames: &'a mut FrameInfo,
    debug: Option<&'a mut DebugCx>,
    /// Bodies callers may copy (in debug builds only `#[inline(always)]` ones).
    inlinable: Option<&'a InlineCandidates>,
    dcx: DiagCtxtHandle<'dcx>,
}

fn compile_one(
    object: &mut ObjectModule,
    ctx: &mut Context,
    unit: UnitCx<'_, '_>,
    func: TranslatedFn,
    want_listing: bool,
) -> Result<(), String> {
    let UnitCx { frames, debug, inlinable, dcx } = unit;
    ctx.clear();
    ctx.set_disasm(want_listing);
    match inlinable.and_then(|candidates| candidates.flattened(func.id)) {
        // Its calls were inlined when the unit's candidates were flattened.
        Some(flattened) => ctx.func.clone_from(flattened),
        None => {
            ctx.func = *func.clif;
            if let Some(candidates) = inlinable {
                candidates
                    .inline_into(ctx, func.id)
                    .map_err(|err| format!("Cranelift failed to inline into `{}`: {err:?}", func.symbol))?;
            }
        }
    }
    // After fusing: a count that reached an inlined body as a block argument is then the
    // constant itself.
    super::fuse_blocks::fuse_sole_entry_jumps(&mut ctx.func);
    super::small_copies::expand_constant_copies(&mut ctx.func);
    if object.isa().flags().opt_level() != cranelift_codegen::settings::OptLevel::None {
        let pinned = func.debug.as_ref().map(|debug| debug.described_slots()).unwrap_or_default();
        let promoted = super::promote_slots::promote_stack_slots(&mut ctx.func, &pinned);
        super::fold_bits::fold_constant_bit_counts(&mut ctx.func);
        if crate::stats::enabled() {
            crate::stats::add(crate::stats::Counter::SlotAccessesPromoted, promoted);
        }
    }
    if crate::stats::enabled() {
        use crate::stats::{Counter, add_clif_size};
        add_clif_size(&ctx.func, Counter::ClifBlocksCompiled, Counter::ClifInstsCompiled);
    }
    match define(object, ctx, func.id).map_err(|e| *e) {
        Ok(()) => {}
        Err(ModuleError::Compilation(CodegenError::ImplLimitExceeded)) => {
            dcx.err(format!("function `{}` exceeds a Cranelift implementation limit", func.symbol));
            return Ok(());
        }
        Err(err) => {
            return Err(format!("Cranelift failed to compile `{}`: {err:?}", func.symbol));
        }
    }
    if let Some(code) = ctx.compiled_code() {
        if crate::stats::enabled() {
            crate::stats::add(crate::stats::Counter::FunctionsCompiled, 1);
            crate::stats::add(crate::stats::Counter::CodeBytes, code.buffer.total_size() as usize);
        }
        frames.add_function(object, func.id, code);
    }
    if let (Some(debug), Some(info), Some(code)) = (debug, &func.debug, ctx.compiled_code()) {
        let base = ctx.func.params.base_srcloc();
        let (size, srclocs, frame) =
            (code.buffer.total_size(), code.buffer.get_srclocs_sorted(), code.buffer.frame_layout());
        debug.add_function(func.id, size, info, srclocs, base, frame);
    }
    Ok(())
}
