//! The target features of a compilation, computed the way rustc's LLVM backend does, so that
//! `cfg(target_feature)`, `--print cfg` and the code Cranelift may emit agree with an LLVM build:
//!
//! 1. the base machine, in LLVM's feature names: the features of the `-Ctarget-cpu` CPU (the
//!    target's default CPU without the flag; for `native` this machine's CPU name corrected by
//!    the detected feature bits), plus SSE2, which LLVM's 64-bit mode always adds, expanded by
//!    LLVM's implications;
//! 2. each Rust feature is on in the base when all LLVM features it stands for are;
//! 3. `-Ctarget-feature` is applied with Rust's implications by rustc_codegen_ssa's
//!    `cfg_target_feature`, the same function the LLVM backend calls, which also reports unknown,
//!    unstable and forbidden features exactly as with LLVM.

mod cpus;
mod host_cpu_name;
mod host_features;
mod llvm_model;
mod print;

use rustc_codegen_ssa::TargetConfig;
use rustc_session::Session;
use rustc_session::config::NATIVE_CPU;

use self::llvm_model::LlvmFeatures;
pub use self::print::print;

/// The CPU the compilation targets, as the LLVM backend names it: `-Ctarget-cpu` or the
/// target's default, with `native` replaced by this machine's CPU name.
pub fn target_cpu(sess: &Session) -> String {
    match requested_cpu(sess) {
        NATIVE_CPU => host_cpu_name::llvm_cpu_name(&host_features::detect()).to_string(),
        cpu => cpu.to_string(),
    }
}

/// The LLVM feature names of a Rust target feature, for LLVM's `target-features` attribute.
pub fn llvm_feature_names(rust_feature: &str) -> Vec<&str> {
    llvm_model::llvm_names(rust_feature)
}

fn requested_cpu(sess: &Session) -> &str {
    sess.opts.cg.target_cpu.as_deref().unwrap_or(&sess.target.cpu)
}

/// `cfg(target_feature)` and `cfg(target_has_reliable_*)` for the session.
pub fn target_config(sess: &Session) -> TargetConfig {
    let base = base_machine(sess);
    // Which LLVM features a Rust feature stands for; rustc only uses this to suggest the Rust
    // name when `-Ctarget-feature` names an LLVM feature (`+pclmul`: "you might have meant
    // `pclmulqdq`").
    let backend_names = |feature| llvm_model::llvm_names(feature).into_iter().collect();
    let base_has = |feature: &str| llvm_model::llvm_names(feature).iter().all(|f| base.contains(f));
    let (unstable_target_features, target_features) =
        rustc_codegen_ssa::target_features::cfg_target_feature::<2>(sess, backend_names, base_has);
    // What rustc_codegen_llvm reports for x86-64 Linux. fastclif computes `f16` through `f32`
    // and `f128` through compiler-builtins and libm exactly as LLVM legalizes them, so the same
    // symbols, and the same gap, apply: f128 math would need `long double` to be binary128,
    // and on x86-64 it is the 80-bit x87 format.
    TargetConfig {
        target_features,
        unstable_target_features,
        has_reliable_f16: true,
        has_reliable_f16_math: true,
        has_reliable_f128: true,
        has_reliable_f128_math: false,
    }
}

/// The features of the target machine before `-Ctarget-feature`, in LLVM's names.
fn base_machine(sess: &Session) -> LlvmFeatures {
    let cpu = requested_cpu(sess);
    let host = (cpu == NATIVE_CPU).then(host_features::detect);
    let name = match &host {
        Some(host) => host_cpu_name::llvm_cpu_name(host),
        None => cpu,
    };
    let mut features = match cpus::lookup(name) {
        Some(list) => list.features(),
        None => {
            // LLVM's answer to an unknown CPU, which it prints itself: go on without one.
            sess.dcx().warn(format!(
                "`{name}` is not a recognized processor for this target (ignoring processor); \
                 `rustc --print target-cpus` lists the valid names"
            ));
            LlvmFeatures::new()
        }
    };
    // LLVM's x86-64 subtarget always adds `+64bit,+sse2` ahead of the requested features.
    llvm_model::enable(&mut features, "64bit");
    llvm_model::enable(&mut features, "sse2");
    if let Some(host) = host {
        // The detected bits override the CPU name's list both ways (a CPU model sold without
        // AVX-512, an OS that does not save AVX state).
        for &(feature, _) in host.features.iter().filter(|(_, on)| !on) {
            llvm_model::disable(&mut features, feature);
        }
        for &(feature, _) in host.features.iter().filter(|(_, on)| *on) {
            llvm_model::enable(&mut features, feature);
        }
    }
    // The target's own `features` field would come next; it is empty for
    // x86_64-unknown-linux-gnu, the only target `init` accepts.
    features
}
