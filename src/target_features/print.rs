//! `--print target-cpus` and `--print target-features`: what `-Ctarget-cpu` and
//! `-Ctarget-feature` accept, in the LLVM backend's format (fastclif has no features of its own
//! besides Rust's, so LLVM's second list, its code-generation-only features, has no counterpart).

use std::fmt::Write;

use rustc_session::Session;
use rustc_session::config::{NATIVE_CPU, PrintKind, PrintRequest};

use super::{cpus, host_cpu_name, host_features};

/// Handles the two print requests this module owns; returns false for any other.
pub fn print(req: &PrintRequest, out: &mut String, sess: &Session) -> bool {
    match req.kind {
        PrintKind::TargetCPUs => print_target_cpus(sess, out),
        PrintKind::TargetFeatures => print_target_features(sess, out),
        _ => return false,
    }
    true
}

fn print_target_cpus(sess: &Session, out: &mut String) {
    let default_remark = format!(
        " - This is the default target CPU for the current build target (currently {}).",
        sess.target.llvm_target
    );
    let mut cpus: Vec<(&str, String)> = cpus::CPUS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !sess.target.unsupported_cpus.iter().any(|u| u == name))
        .map(|name| (name, if *sess.target.cpu == *name { default_remark.clone() } else { String::new() }))
        .collect();
    // As with LLVM: only when this machine could run the code, and the target allows it.
    if sess.host.arch == sess.target.arch && !sess.target.requires_consistent_cpu {
        let host = host_cpu_name::llvm_cpu_name(&host_features::detect());
        cpus.insert(0, (NATIVE_CPU, format!(" - Select the CPU of the current host (currently {host}).")));
    }
    let width = cpus.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    writeln!(out, "Available CPUs for this target:").unwrap();
    for (name, remark) in cpus {
        // Names are padded only when a remark follows.
        let width = if remark.is_empty() { 0 } else { width };
        writeln!(out, "    {name:<width$}{remark}").unwrap();
    }
}

fn print_target_features(sess: &Session, out: &mut String) {
    let mut features: Vec<(&str, &str)> = sess
        .target
        .rust_target_features()
        .iter()
        .filter(|(_, stability, _)| stability.in_cfg())
        .map(|(name, _, _)| (*name, description(name)))
        .collect();
    features.push(("crt-static", "Enables C Run-time Libraries to be statically linked"));
    features.sort();
    let width = features.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    writeln!(out, "Features supported by rustc for this target:").unwrap();
    for (name, desc) in &features {
        writeln!(out, "    {name:width$} - {desc}.").unwrap();
    }
    writeln!(out, "\nUse +feature to enable a feature, or -feature to disable it.").unwrap();
    writeln!(out, "For example, rustc -C target-cpu=mycpu -C target-feature=+feature1,-feature2\n").unwrap();
    writeln!(out, "fastclif has no code-generation-only features (LLVM's second list).\n").unwrap();
}

/// LLVM's description of the feature a Rust feature name stands for (X86.td).
fn description(rust_feature: &str) -> &'static str {
    DESCRIPTIONS.iter().find(|(name, _)| *name == rust_feature).map_or("", |(_, desc)| desc)
}

const DESCRIPTIONS: &[(&str, &str)] = &[
    ("adx", "Support ADX instructions"),
    ("aes", "Enable AES instructions"),
    ("amx-avx512", "Support AMX-AVX512 instructions"),
    ("amx-bf16", "Support AMX-BF16 instructions"),
    ("amx-complex", "Support AMX-COMPLEX instructions"),
    ("amx-fp8", "Support AMX-FP8 instructions"),
    ("amx-fp16", "Support AMX amx-fp16 instructions"),
    ("amx-int8", "Support AMX-INT8 instructions"),
    ("amx-movrs", "Support AMX-MOVRS instructions"),
    ("amx-tile", "Support AMX-TILE instructions"),
    ("apxf", "Support extended general purpose register"),
    ("avx", "Enable AVX instructions"),
    ("avx2", "Enable AVX2 instructions"),
    ("avx10.1", "Support AVX10.1 instruction"),
    ("avx10.2", "Support AVX10.2 instruction"),
    ("avx512bf16", "Support bfloat16 floating point"),
    ("avx512bitalg", "Enable AVX-512 Bit Algorithms"),
    ("avx512bw", "Enable AVX-512 Byte and Word Instructions"),
    ("avx512cd", "Enable AVX-512 Conflict Detection Instructions"),
    ("avx512dq", "Enable AVX-512 Doubleword and Quadword Instructions"),
    ("avx512f", "Enable AVX-512 instructions"),
    ("avx512fp16", "Support 16-bit floating point"),
    ("avx512ifma", "Enable AVX-512 Integer Fused Multiple-Add"),
    ("avx512vbmi", "Enable AVX-512 Vector Byte Manipulation Instructions"),
    ("avx512vbmi2", "Enable AVX-512 further Vector Byte Manipulation Instructions"),
    ("avx512vl", "Enable AVX-512 Vector Length eXtensions"),
    ("avx512vnni", "Enable AVX-512 Vector Neural Network Instructions"),
    ("avx512vp2intersect", "Enable AVX-512 vp2intersect"),
    ("avx512vpopcntdq", "Enable AVX-512 Population Count Instructions"),
    ("avxifma", "Enable AVX-IFMA"),
    ("avxneconvert", "Support AVX-NE-CONVERT instructions"),
    ("avxvnni", "Support AVX_VNNI encoding"),
    ("avxvnniint8", "Enable AVX-VNNI-INT8"),
    ("avxvnniint16", "Enable AVX-VNNI-INT16"),
    ("bmi1", "Support BMI instructions"),
    ("bmi2", "Support BMI2 instructions"),
    ("clflushopt", "Flush A Cache Line Optimized"),
    (
        "cmpxchg16b",
        "64-bit with cmpxchg16b (this is true for most x86-64 chips, but not the first AMD chips)",
    ),
    ("ermsb", "REP MOVS/STOS are fast"),
    ("f16c", "Support 16-bit floating point conversion instructions"),
    ("fma", "Enable three-operand fused multiple-add"),
    ("fma4", "Enable four-operand fused multiple-add"),
    ("fxsr", "Support fxsave/fxrestore instructions"),
    ("gfni", "Enable Galois Field Arithmetic Instructions"),
    ("kl", "Support Key Locker kl Instructions"),
    ("lahfsahf", "Support LAHF and SAHF instructions in 64-bit mode"),
    ("lzcnt", "Support LZCNT instruction"),
    ("movbe", "Support MOVBE instruction"),
    ("movrs", "Enable MOVRS"),
    ("pclmulqdq", "Enable packed carry-less multiplication instructions"),
    ("popcnt", "Support POPCNT instruction"),
    ("prfchw", "Support PRFCHW instructions"),
    ("rdrand", "Support RDRAND instruction"),
    ("rdseed", "Support RDSEED instruction"),
    ("rtm", "Support RTM instructions"),
    ("sha", "Enable SHA instructions"),
    ("sha512", "Support SHA512 instructions"),
    ("sm3", "Support SM3 instructions"),
    ("sm4", "Support SM4 instructions"),
    ("sse", "Enable SSE instructions"),
    ("sse2", "Enable SSE2 instructions"),
    ("sse3", "Enable SSE3 instructions"),
    ("sse4.1", "Enable SSE 4.1 instructions"),
    ("sse4.2", "Enable SSE 4.2 instructions"),
    ("sse4a", "Support SSE 4a instructions"),
    ("ssse3", "Enable SSSE3 instructions"),
    ("tbm", "Enable TBM instructions"),
    ("vaes", "Promote selected AES instructions to AVX512/AVX registers"),
    ("vpclmulqdq", "Enable vpclmulqdq instructions"),
    ("widekl", "Support Key Locker wide Instructions"),
    ("x87", "Enable X87 float instructions"),
    ("xop", "Enable XOP instructions"),
    ("xsave", "Support xsave instructions"),
    ("xsavec", "Support xsavec instructions"),
    ("xsaveopt", "Support xsaveopt instructions"),
    ("xsaves", "Support xsaves instructions"),
];
