//! Builds the Cranelift target ISA from the rustc session, once per compilation: its flags
//! follow the codegen options, and its x86 extensions are the target features rustc enabled
//! (`target_features::target_config`), so Cranelift may use exactly the instructions
//! `cfg(target_feature)` promises.

use std::sync::Arc;

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use rustc_session::Session;
use rustc_session::config::OptLevel;
use rustc_span::Symbol;

use crate::options::BackendOptions;

/// Cranelift's x86 extension settings and the Rust target feature each stands for. Cranelift's
/// `has_apx` stays off: Cranelift does not use it, and the allocator models 16 GPRs.
const X86_EXTENSIONS: &[(&str, &str)] = &[
    ("has_sse3", "sse3"),
    ("has_ssse3", "ssse3"),
    ("has_cmpxchg16b", "cmpxchg16b"),
    ("has_sse41", "sse4.1"),
    ("has_sse42", "sse4.2"),
    ("has_avx", "avx"),
    ("has_avx2", "avx2"),
    ("has_fma", "fma"),
    ("has_avx_vnni", "avxvnni"),
    ("has_avx512bitalg", "avx512bitalg"),
    ("has_avx512dq", "avx512dq"),
    ("has_avx512vl", "avx512vl"),
    ("has_avx512vbmi", "avx512vbmi"),
    ("has_avx512f", "avx512f"),
    ("has_avx512vnni", "avx512vnni"),
    ("has_popcnt", "popcnt"),
    ("has_bmi1", "bmi1"),
    ("has_bmi2", "bmi2"),
    ("has_lzcnt", "lzcnt"),
];

/// `-Copt-level` for Cranelift; `-Cno-prepopulate-passes` (LLVM: run no passes) means no
/// Cranelift optimizations either.
fn cranelift_opt_level(sess: &Session) -> &'static str {
    match sess.opts.optimize {
        _ if sess.opts.cg.no_prepopulate_passes => "none",
        OptLevel::No => "none",
        OptLevel::Less | OptLevel::More | OptLevel::Aggressive => "speed",
        OptLevel::Size | OptLevel::SizeMin => "speed_and_size",
    }
}

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
    // Cranelift never writes below the stack pointer, so -Cno-redzone needs no setting.
    let frame_ptr = { sess.target.options.frame_pointer }.ratchet(sess.opts.cg.force_frame_pointers);
    set(
        "preserve_frame_pointers",
        if frame_ptr != rustc_target::spec::FramePointer::MayOmit { "true" } else { "false" },
    );
    set("tls_model", "elf_gd");
    set("enable_llvm_abi_extensions", "true");
    set("enable_probestack", "true");
    set("probestack_strategy", "inline");
    // `must_emit_unwind_tables` is only false for -Cforce-unwind-tables=no, which `init`
    // accepts with -Cpanic=abort only: then nothing unwinds and no function needs tables.
    let unwind_tables = sess.must_emit_unwind_tables() || sess.panic_strategy().unwinds();
    set("unwind_info", if unwind_tables { "true" } else { "false" });
    set("opt_level", cranelift_opt_level(sess));
    if let Some(align) = sess.opts.unstable_opts.min_function_alignment {
        set("log2_min_function_alignment", &align.bytes().ilog2().to_string());
    }
    set("regalloc_algorithm", opts.regalloc.cranelift_setting());
    set("regalloc_checker", if opts.check_regalloc { "true" } else { "false" });
    set("enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" });
    let flags = settings::Flags::new(flags);

    let mut builder = match cranelift_codegen::isa::lookup(triple.clone()) {
        Ok(b) => b,
        Err(err) => sess.dcx().fatal(format!("fastclif cannot compile for {triple}: {err}")),
    };
    for (setting, feature) in X86_EXTENSIONS {
        if sess.unstable_target_features.contains(&Symbol::intern(feature)) {
            builder.enable(setting).unwrap_or_else(|err| {
                sess.dcx().fatal(format!("fastclif: bad Cranelift setting {setting}: {err}"))
            });
        }
    }
    match builder.finish(flags) {
        Ok(isa) => isa,
        Err(err) => sess.dcx().fatal(format!("fastclif: failed to build the target ISA: {err}")),
    }
}
