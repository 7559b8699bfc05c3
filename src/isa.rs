//! Builds the Cranelift target ISA from the rustc session, once per compilation.

use std::sync::Arc;

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use rustc_session::Session;
use rustc_session::config::OptLevel;

use crate::options::BackendOptions;

pub fn build_isa(sess: &Session, opts: &BackendOptions) -> Arc<dyn TargetIsa> {
    let triple: target_lexicon::Triple = match sess.target.llvm_target.parse() {
        Ok(t) => t,
        Err(err) => sess.dcx().fatal(format!("fastclif: unknown target triple: {err}")),
    };
    let mut flags = settings::builder();
    let mut set = |name: &str, value: &str| {
        flags.set(name, value).unwrap_or_else(|err| {
            sess.dcx().fatal(format!("fastclif: bad Cranelift setting {name}={value}: {err}"))
        })
    };
    set(
        "is_pic",
        if sess.relocation_model() == rustc_target::spec::RelocModel::Static { "false" } else { "true" },
    );
    let frame_ptr = { sess.target.options.frame_pointer }.ratchet(sess.opts.cg.force_frame_pointers);
    set(
        "preserve_frame_pointers",
        if frame_ptr != rustc_target::spec::FramePointer::MayOmit { "true" } else { "false" },
    );
    set("tls_model", "elf_gd");
    set("enable_llvm_abi_extensions", "true");
    set("enable_probestack", "true");
    set("probestack_strategy", "inline");
    set("unwind_info", "true");
    set("opt_level", if sess.opts.optimize == OptLevel::No { "none" } else { "speed" });
    set("regalloc_algorithm", opts.regalloc.cranelift_setting());
    set("regalloc_checker", if opts.check_regalloc { "true" } else { "false" });
    set("enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" });
    let flags = settings::Flags::new(flags);

    let mut builder = match cranelift_codegen::isa::lookup(triple.clone()) {
        Ok(b) => b,
        Err(err) => sess.dcx().fatal(format!("fastclif cannot compile for {triple}: {err}")),
    };
    if triple.architecture == target_lexicon::Architecture::X86_64 {
        let cpu = sess.opts.cg.target_cpu.as_deref().unwrap_or(sess.target.cpu.as_ref());
        if cpu == "native" {
            builder = cranelift_native::builder_with_options(true)
                .unwrap_or_else(|msg| sess.dcx().fatal(format!("fastclif: {msg}")));
        } else if builder.enable(cpu).is_err() {
            sess.dcx().fatal(format!("fastclif: target cpu `{cpu}` is not known to Cranelift"));
        }
    }
    match builder.finish(flags) {
        Ok(isa) => isa,
        Err(err) => sess.dcx().fatal(format!("fastclif: failed to build the target ISA: {err}")),
    }
}
