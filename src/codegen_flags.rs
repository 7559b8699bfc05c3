//! The target and the codegen flags fastclif accepts. `init` runs these checks before rustc
//! prints anything else, so an unsupported target or flag is one clear error naming it, never
//! output that silently differs from what the flag asks for. Every codegen-relevant `-C`/`-Z`
//! flag is either honoured (by rustc itself, by rustc_codegen_ssa's linking, or by fastclif),
//! irrelevant to the code fastclif writes, or rejected here; README.md's "Codegen flags" table
//! gives each flag's status and reason.

use std::fmt::Write;

use rustc_session::Session;
use rustc_session::config::{
    AnnotateMoves, CFProtection, DebugInfo, DebugInfoCompression, FunctionReturn, InstrumentCoverage,
    InstrumentMcount, Lto, OutputType, Passes, PrintKind, PrintRequest, SwitchWithOptPath,
};
use rustc_target::spec::{
    CodeModel, PanicStrategy, RelocModel, SplitDebuginfo, StackProtector, TargetTuple, TlsModel,
};

/// The one target fastclif compiles for.
pub const SUPPORTED_TARGET: &str = "x86_64-unknown-linux-gnu";

/// Relocation models fastclif can honour: absolute or position-independent code.
const RELOCATION_MODELS: &[RelocModel] = &[RelocModel::Static, RelocModel::Pic, RelocModel::Pie];

/// A target other than [`SUPPORTED_TARGET`] (JSON target files included), as the message of
/// the fatal error `init` reports.
pub fn unsupported_target(sess: &Session) -> Option<String> {
    match &sess.opts.target_triple {
        TargetTuple::TargetTuple(tuple) if tuple == SUPPORTED_TARGET => None,
        other => Some(format!(
            "fastclif cannot compile for the target `{}`: fastclif supports {SUPPORTED_TARGET} only",
            other.tuple()
        )),
    }
}

/// One message per flag the session sets that fastclif cannot honour.
pub fn unsupported_flags(sess: &Session) -> Vec<String> {
    let mut found = Vec::new();
    codegen_options(sess, &mut found);
    unstable_options(sess, &mut found);
    output_types(sess, &mut found);
    found.into_iter().map(|(flag, why)| format!("fastclif does not support `{flag}` ({why})")).collect()
}

type Found = Vec<(String, &'static str)>;

/// `--emit` kinds only an LLVM backend can produce. (`asm` is a listing of fastclif's machine
/// code; `obj`, `link`, `metadata`, `dep-info` and `mir` work as with LLVM.)
fn output_types(sess: &Session, found: &mut Found) {
    let why = "fastclif generates no LLVM IR; `--emit=asm` lists the machine code it generates";
    for (kind, name) in [
        (OutputType::LlvmAssembly, "--emit=llvm-ir"),
        (OutputType::Bitcode, "--emit=llvm-bc"),
        (OutputType::ThinLinkBitcode, "--emit=thin-link-bitcode"),
    ] {
        if sess.opts.output_types.contains_key(&kind) {
            found.push((name.to_string(), why));
        }
    }
}

/// The `-C` flags.
fn codegen_options(sess: &Session, found: &mut Found) {
    let cg = &sess.opts.cg;
    let debuginfo = sess.opts.debuginfo != DebugInfo::None;
    let mut reject = |flag: String, why: &'static str| found.push((flag, why));
    match sess.lto() {
        Lto::No | Lto::ThinLocal => {}
        Lto::Thin | Lto::Fat => reject("-Clto".into(), "LTO needs LLVM; build with the LLVM backend"),
    }
    if cg.linker_plugin_lto.enabled() {
        reject("-Clinker-plugin-lto".into(), "the linker plugin needs LLVM bitcode");
    }
    if cg.instrument_coverage() != InstrumentCoverage::No {
        reject("-Cinstrument-coverage".into(), "coverage instrumentation is done by LLVM");
    }
    if let SwitchWithOptPath::Enabled(_) = cg.profile_generate {
        reject("-Cprofile-generate".into(), "profile instrumentation is done by LLVM");
    }
    if let Some(path) = &cg.profile_use {
        reject(format!("-Cprofile-use={}", path.display()), "profile-guided optimization is LLVM's");
    }
    if !cg.passes.is_empty() {
        reject(format!("-Cpasses={}", cg.passes.join(" ")), "these are LLVM passes");
    }
    match &cg.remark {
        Passes::Some(passes) if passes.is_empty() => {}
        Passes::Some(passes) => {
            reject(format!("-Cremark={}", passes.join(" ")), "remarks come from LLVM passes")
        }
        Passes::All => reject("-Cremark=all".into(), "remarks come from LLVM passes"),
    }
    if let Some(model) = sess.code_model().filter(|m| *m != CodeModel::Small) {
        reject(format!("-Ccode-model={}", model.desc()), "Cranelift generates small-code-model code only");
    }
    let reloc = sess.relocation_model();
    if !RELOCATION_MODELS.contains(&reloc) {
        reject(format!("-Crelocation-model={}", reloc.desc()), "supported: static, pic, pie");
    }
    if !cg.jump_tables {
        reject("-Cjump-tables=no".into(), "Cranelift lowers dense `match`es to jump tables");
    }
    if cg.force_unwind_tables == Some(false) && sess.panic_strategy() == PanicStrategy::Unwind {
        reject(
            "-Cforce-unwind-tables=no".into(),
            "with -Cpanic=unwind every function gets unwind tables; with -Cpanic=abort the flag works",
        );
    }
    if debuginfo && sess.split_debuginfo() != SplitDebuginfo::Off {
        reject(
            format!("-Csplit-debuginfo={}", sess.split_debuginfo().desc()),
            "debug info stays in the object files; use -Csplit-debuginfo=off",
        );
    }
}

/// The `-Z` flags.
fn unstable_options(sess: &Session, found: &mut Found) {
    let z = &sess.opts.unstable_opts;
    let debuginfo = sess.opts.debuginfo != DebugInfo::None;
    let mut reject_if = |set: bool, flag: &str, why: &'static str| {
        if set {
            found.push((flag.to_string(), why));
        }
    };
    const LLVM_ONLY: &str = "it controls LLVM, which fastclif does not use";
    const NO_INSTRUMENTATION: &str = "fastclif inserts no instrumentation";
    reject_if(
        !sess.sanitizers().is_empty(),
        &format!("-Zsanitizer={}", sess.sanitizers()),
        NO_INSTRUMENTATION,
    );
    reject_if(z.instrument_mcount != InstrumentMcount::Disabled, "-Zinstrument-mcount", NO_INSTRUMENTATION);
    reject_if(z.instrument_xray.is_some(), "-Zinstrument-xray", NO_INSTRUMENTATION);
    reject_if(
        z.profile_sample_use.is_some(),
        "-Zprofile-sample-use",
        "profile-guided optimization is LLVM's",
    );
    reject_if(z.debuginfo_for_profiling, "-Zdebuginfo-for-profiling", "no profiling discriminators");
    reject_if(
        z.cf_protection != CFProtection::None,
        "-Zcf-protection",
        "no CET instrumentation such as endbr64",
    );
    let protector = sess.stack_protector();
    reject_if(
        protector != StackProtector::None,
        &format!("-Zstack-protector={}", protector.desc()),
        "no stack canaries; supported: none",
    );
    let patchable = &z.patchable_function_entry;
    reject_if(patchable.prefix() + patchable.entry() > 0, "-Zpatchable-function-entry", "no nop padding");
    reject_if(z.function_return != FunctionReturn::Keep, "-Zfunction-return", "returns are plain `ret`s");
    // -Zretpoline-external-thunk also sets -Zretpoline: name only the flag given.
    reject_if(z.retpoline_external_thunk, "-Zretpoline-external-thunk", "no retpolines");
    reject_if(
        z.retpoline && !z.retpoline_external_thunk,
        "-Zretpoline",
        "indirect calls and jumps are not retpolined",
    );
    reject_if(z.indirect_branch_cs_prefix, "-Zindirect-branch-cs-prefix", "no retpolines");
    reject_if(z.fixed_x18, "-Zfixed-x18", "x18 is an AArch64 register");
    let tls = sess.tls_model();
    reject_if(
        tls != TlsModel::GeneralDynamic,
        &format!("-Ztls-model={}", tls.desc()),
        "thread locals use the global-dynamic model only",
    );
    reject_if(
        z.direct_access_external_data == Some(true),
        "-Zdirect-access-external-data=yes",
        "data of other objects is reached through the GOT",
    );
    reject_if(z.emit_stack_sizes, "-Zemit-stack-sizes", "no .stack_sizes section");
    reject_if(
        z.embed_source && debuginfo && sess.dwarf_version() >= 5,
        "-Zembed-source",
        "the line tables do not carry source text",
    );
    reject_if(
        debuginfo && z.debuginfo_compression != DebugInfoCompression::None,
        "-Zdebuginfo-compression",
        "debug sections are written uncompressed",
    );
    reject_if(z.codegen_emit_retag.is_some(), "-Zcodegen-emit-retag", "MIR retags are not lowered to calls");
    reject_if(z.annotate_moves != AnnotateMoves::Disabled, "-Zannotate-moves", "moves are not annotated");
    reject_if(z.force_intrinsic_fallback, "-Zforce-intrinsic-fallback", "intrinsics are lowered inline");
    reject_if(z.verbose_asm, "-Zverbose-asm", "assembly comments come from LLVM");
    reject_if(!z.autodiff.is_empty(), "-Zautodiff", "automatic differentiation is LLVM's Enzyme plugin");
    reject_if(!z.offload.is_empty(), "-Zoffload", "GPU offloading needs LLVM");
    reject_if(!z.llvm_plugins.is_empty(), "-Zllvm-plugins", LLVM_ONLY);
    reject_if(!z.llvm_module_flag.is_empty(), "-Zllvm-module-flag", LLVM_ONLY);
    reject_if(z.verify_llvm_ir, "-Zverify-llvm-ir", LLVM_ONLY);
    reject_if(z.lint_llvm_ir, "-Zlint-llvm-ir", LLVM_ONLY);
    reject_if(z.print_llvm_passes, "-Zprint-llvm-passes", LLVM_ONLY);
    reject_if(z.time_llvm_passes, "-Ztime-llvm-passes", LLVM_ONLY);
    reject_if(z.llvm_time_trace, "-Zllvm-time-trace", LLVM_ONLY);
}

/// `--print relocation-models`, `code-models`, `tls-models` and `stack-protector-strategies`:
/// what fastclif accepts, in the LLVM backend's format. Returns false for other requests.
pub fn print(req: &PrintRequest, out: &mut String) -> bool {
    let (title, names): (&str, Vec<&str>) = match req.kind {
        PrintKind::RelocationModels => {
            ("relocation models", RELOCATION_MODELS.iter().map(|m| m.desc()).chain(["default"]).collect())
        }
        PrintKind::CodeModels => ("code models", vec![CodeModel::Small.desc()]),
        PrintKind::TlsModels => ("TLS models", vec![TlsModel::GeneralDynamic.desc()]),
        PrintKind::StackProtectorStrategies => {
            writeln!(
                out,
                "Available stack protector strategies:\n    none\n        Do not generate stack canaries.\n"
            )
            .unwrap();
            return true;
        }
        _ => return false,
    };
    writeln!(out, "Available {title}:").unwrap();
    for name in names {
        writeln!(out, "    {name}").unwrap();
    }
    writeln!(out).unwrap();
    true
}
