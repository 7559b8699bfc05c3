//! Per-CGU work: translate mono items to CLIF (main thread), then compile them (worker thread).

use std::cell::RefCell;
use std::sync::Arc;

use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::{CodegenError, Context};
use cranelift_module::{FuncId, Module, ModuleError, ModuleReloc};
use cranelift_object::{ObjectBuilder, ObjectModule, ObjectProduct};
use rustc_data_structures::profiling::SelfProfilerRef;
use rustc_errors::DiagCtxtHandle;
use rustc_hir::attrs::Linkage as RLinkage;
use rustc_middle::middle::codegen_fn_attrs::CodegenFnAttrFlags;
use rustc_middle::mono::{MonoItem, MonoItemData, Visibility};
use rustc_middle::ty::TyCtxt;
use rustc_session::Session;
use rustc_span::Symbol;

use super::global_asm::GlobalAsmCx;
use super::inline::InlineCandidates;
use crate::asm_object::AsmText;
use crate::debuginfo::{DebugCx, UnitDebug};
use crate::mir::TranslatedFn;
use crate::unwind::FrameInfo;

/// One codegen unit on its way from CLIF to an object file.
pub struct CguModule {
    pub object: ObjectModule,
    pub functions: Vec<TranslatedFn>,
    pub debug: Option<DebugCx>,
    pub asm: AsmText,
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
        }
    }
}

pub fn translate_cgu(tcx: TyCtxt<'_>, isa: Arc<dyn TargetIsa>, cgu_name: Symbol) -> CguModule {
    let _timer = tcx.prof.generic_activity_with_arg("fastclif: MIR to CLIF", cgu_name.as_str());
    let cgu = tcx.codegen_unit(cgu_name);
    let items = cgu.items_in_deterministic_order(tcx);
    let mut module = CguModule::new(tcx.sess, isa, cgu_name.as_str());
    let mut debug = UnitDebug::new(tcx, cgu.is_primary());

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
            if let Err(err) = declared {
                err.report(tcx, *instance);
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
                    module.functions.push(func);
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
    let CguModule { mut object, functions, mut debug, asm } = cgu;
    let mut listing = want_listing.then(String::new);
    let mut frames = FrameInfo::new(object.isa());
    let _timer = prof.generic_activity("fastclif: compile CLIF");
    let _passes = super::pass_profile::PassProfileScope::install(prof, object.isa());
    let inlinable = InlineCandidates::collect(&functions);
    let inlinable = Some(&inlinable).filter(|candidates| !candidates.is_empty());
    CLIF_CONTEXT.with(|ctx| {
        let mut ctx = ctx.borrow_mut();
        for func in functions {
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
    ctx.func = *func.clif;
    if let Some(candidates) = inlinable {
        candidates
            .inline_into(ctx, func.id)
            .map_err(|err| format!("Cranelift failed to inline into `{}`: {err:?}", func.symbol))?;
    }
    super::fuse_blocks::fuse_sole_entry_jumps(&mut ctx.func);
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
