//! fastclif: a rustc codegen backend that lowers MIR to Cranelift IR for fast debug builds.
//!
//! Layering (each layer only uses the ones below it; ARCHITECTURE.md lists every file):
//! - `lib.rs`: the `CodegenBackend` entry point rustc loads.
//! - `driver`: codegen units, worker-thread compilation, object files.
//! - `shims`: synthesized functions (allocator shim, C `main`).
//! - `mir`: translation of one function body from MIR to CLIF.
//! - `data`, `unwind`: constants, statics and vtables as data objects; unwind tables.
//! - `symbols`, `debuginfo`: function declarations and imports; DWARF.
//! - `signature`, `layout_cx`, `dwarf_sections`, `asm_object`, `isa`, `llvm_helpers`, `options`,
//!   `error`, `target_features`, `codegen_flags`: leaf services with no knowledge of MIR.
#![feature(rustc_private)]
#![warn(rust_2018_idioms)]
#![warn(unused_lifetimes)]

extern crate rustc_abi;
extern crate rustc_ast;
extern crate rustc_codegen_ssa;
extern crate rustc_const_eval;
extern crate rustc_data_structures;
extern crate rustc_errors;
extern crate rustc_hir;
extern crate rustc_index;
extern crate rustc_middle;
extern crate rustc_session;
extern crate rustc_span;
extern crate rustc_symbol_mangling;
extern crate rustc_target;

// Link against the rustc_driver dylib instead of statically duplicating rustc's crates.
#[allow(unused_extern_crates)]
extern crate rustc_driver;

mod asm_object;
mod codegen_flags;
mod data;
mod debuginfo;
mod driver;
mod dwarf_sections;
mod error;
mod isa;
mod layout_cx;
mod llvm_helpers;
mod mir;
mod options;
mod shims;
mod signature;
mod stats;
mod symbols;
mod target_features;
mod unwind;

use std::any::Any;
use std::sync::OnceLock;

use rustc_codegen_ssa::traits::CodegenBackend;
use rustc_codegen_ssa::{CompiledModules, CrateInfo, TargetConfig};
use rustc_middle::dep_graph::WorkProductMap;
use rustc_middle::ty::TyCtxt;
use rustc_session::Session;
use rustc_session::config::{OutputFilenames, PrintRequest};
use rustc_span::{Symbol, sym};

pub use crate::options::{BackendOptions, RegallocChoice};

pub struct FastclifBackend {
    options: OnceLock<BackendOptions>,
}

impl CodegenBackend for FastclifBackend {
    fn name(&self) -> &'static str {
        "fastclif"
    }

    /// Runs before rustc prints or compiles anything, so an unsupported target, codegen flag
    /// or option value is the first thing the user sees.
    fn init(&self, sess: &Session) {
        if let Some(msg) = codegen_flags::unsupported_target(sess) {
            sess.dcx().fatal(msg);
        }
        options::record_env_dependencies(sess);
        let mut unsupported = codegen_flags::unsupported_flags(sess);
        if let Some(last) = unsupported.pop() {
            for msg in unsupported {
                sess.dcx().err(msg);
            }
            sess.dcx().fatal(last);
        }
        let opts = BackendOptions::from_llvm_args(&sess.opts.cg.llvm_args, sess.opts.optimize)
            .unwrap_or_else(|msg| sess.dcx().fatal(msg));
        opts.apply_to_allocator();
        let _ = self.options.set(opts);
        if sess.print_llvm_stats() || sess.print_llvm_stats_json().is_some() {
            stats::enable();
        }
    }

    fn thin_lto_supported(&self) -> bool {
        false
    }

    fn target_config(&self, sess: &Session) -> TargetConfig {
        target_features::target_config(sess)
    }

    /// `--print target-cpus|target-features|relocation-models|code-models|tls-models|
    /// stack-protector-strategies`: what fastclif accepts.
    fn print(&self, req: &PrintRequest, out: &mut String, sess: &Session) {
        if !target_features::print(req, out, sess) && !codegen_flags::print(req, out) {
            sess.dcx().fatal(format!("fastclif cannot print {:?}", req.kind));
        }
    }

    fn print_version(&self) {
        println!("fastclif {} (Cranelift {})", env!("CARGO_PKG_VERSION"), cranelift_codegen::VERSION);
    }

    fn target_cpu(&self, sess: &Session) -> String {
        target_features::target_cpu(sess)
    }

    fn codegen_crate(&self, tcx: TyCtxt<'_>) -> Box<dyn Any> {
        let opts = self.options.get().cloned().unwrap_or_default();
        driver::read_tracked_env(tcx);
        let driver = driver::FastclifDriver::new(opts);
        let front_end = driver.front_end_release();
        Box::new(driver::Ongoing::new(rustc_codegen_ssa::base::codegen_crate(driver, tcx), front_end))
    }

    fn join_codegen(
        &self,
        ongoing: Box<dyn Any>,
        sess: &Session,
        _outputs: &OutputFilenames,
        crate_info: &CrateInfo,
    ) -> (CompiledModules, WorkProductMap) {
        let joined = ongoing
            .downcast::<driver::Ongoing<rustc_codegen_ssa::back::write::OngoingCodegen<driver::FastclifDriver>>>()
            .expect("join_codegen got a value that codegen_crate did not produce")
            .into_codegen()
            .join(sess, crate_info);
        // Every unit is compiled now: report the intrinsics LLVM could not compile, once.
        let strict = self.options.get().is_some_and(|o| o.strict_intrinsics);
        llvm_helpers::report_failures(sess, strict);
        joined
    }

    /// `-Zprint-codegen-stats`, after every unit is joined.
    fn print_statistics(&self) {
        print!("{}", stats::text());
    }

    /// `-Zprint-codegen-stats-json=FILE`: rustc writes what this returns.
    fn print_statistics_json(&self) -> String {
        stats::json()
    }

    fn fallback_intrinsics(&self) -> Vec<Symbol> {
        vec![sym::type_id_eq]
    }
}

/// Entry point rustc looks up after loading the dylib.
#[unsafe(no_mangle)]
pub fn __rustc_codegen_backend() -> Box<dyn CodegenBackend> {
    Box::new(FastclifBackend { options: OnceLock::new() })
}
