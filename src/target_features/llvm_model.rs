//! LLVM's model of x86 features, which `-Ctarget-cpu` and `native` are expressed in: the
//! feature implications of LLVM's X86 target definition (`llvm/lib/Target/X86/X86.td`, LLVM 22,
//! the LLVM of the pinned nightly) and the LLVM names of Rust's feature names (from
//! rustc_codegen_llvm's `to_llvm_features`). Rust's own feature names and implications are
//! rustc's (`Target::rust_target_features`); LLVM's are only needed to expand a CPU name into
//! features exactly as the LLVM backend does before rustc looks at them.

use std::collections::BTreeSet;

/// A set of LLVM feature names.
pub type LlvmFeatures = BTreeSet<&'static str>;

/// `SubtargetFeature` implications from X86.td: enabling the first feature enables the others.
/// Features that imply nothing are not listed.
const IMPLIES: &[(&str, &[&str])] = &[
    ("xsaveopt", &["xsave"]),
    ("xsavec", &["xsave"]),
    ("xsaves", &["xsave"]),
    ("sse2", &["sse"]),
    ("sse3", &["sse2"]),
    ("ssse3", &["sse3"]),
    ("sse4.1", &["ssse3"]),
    ("sse4.2", &["sse4.1"]),
    ("3dnow", &["mmx"]),
    ("3dnowa", &["3dnow"]),
    ("cx16", &["cx8"]),
    ("sse4a", &["sse3"]),
    ("avx", &["sse4.2"]),
    ("avx2", &["avx"]),
    ("fma", &["avx"]),
    ("f16c", &["avx"]),
    ("avx512f", &["avx2", "fma", "f16c"]),
    ("avx512cd", &["avx512f"]),
    ("avx512vpopcntdq", &["avx512f"]),
    ("avx512dq", &["avx512f"]),
    ("avx512bw", &["avx512f"]),
    ("avx512vl", &["avx512f"]),
    ("avx512vbmi", &["avx512bw"]),
    ("avx512vbmi2", &["avx512bw"]),
    ("avxifma", &["avx2"]),
    ("avx512ifma", &["avx512f"]),
    ("avx512vnni", &["avx512f"]),
    ("avxvnni", &["avx2"]),
    ("avx512bf16", &["avx512bw"]),
    ("avx512bitalg", &["avx512bw"]),
    ("avx512vp2intersect", &["avx512f"]),
    ("avx512fp16", &["avx512bw"]),
    ("avxvnniint8", &["avx2"]),
    ("avxvnniint16", &["avx2"]),
    ("pclmul", &["sse2"]),
    ("gfni", &["sse2"]),
    ("vpclmulqdq", &["avx", "pclmul"]),
    ("fma4", &["avx", "sse4a"]),
    ("xop", &["fma4"]),
    ("aes", &["sse2"]),
    ("vaes", &["avx2", "aes"]),
    ("sha", &["sse2"]),
    ("sha512", &["avx2"]),
    ("sm3", &["avx"]),
    ("sm4", &["avx2"]),
    ("amx-int8", &["amx-tile"]),
    ("amx-bf16", &["amx-tile"]),
    ("amx-fp16", &["amx-tile"]),
    ("amx-complex", &["amx-tile"]),
    ("amx-fp8", &["amx-tile"]),
    ("amx-movrs", &["amx-tile"]),
    ("amx-avx512", &["amx-tile"]),
    ("amx-tf32", &["amx-tile"]),
    ("avxneconvert", &["avx2"]),
    ("kl", &["sse2"]),
    ("widekl", &["kl"]),
    (
        "avx10.1",
        &[
            "avx512cd",
            "avx512vbmi",
            "avx512ifma",
            "avx512vnni",
            "avx512bf16",
            "avx512vpopcntdq",
            "avx512vbmi2",
            "avx512bitalg",
            "avx512fp16",
            "avx512vl",
            "avx512dq",
        ],
    ),
    ("avx10.1-512", &["avx10.1"]),
    ("avx10.2", &["avx10.1"]),
    ("avx10.2-512", &["avx10.2"]),
];

fn implied_by(feature: &str) -> &'static [&'static str] {
    IMPLIES.iter().find(|(f, _)| *f == feature).map_or(&[], |(_, implied)| implied)
}

/// Enables `feature` and everything it implies, as LLVM's `+feature` does.
pub fn enable(set: &mut LlvmFeatures, feature: &'static str) {
    if set.insert(feature) {
        for implied in implied_by(feature) {
            enable(set, implied);
        }
    }
}

/// Disables `feature` and everything that implies it, as LLVM's `-feature` does.
pub fn disable(set: &mut LlvmFeatures, feature: &str) {
    set.remove(feature);
    // Like LLVM's ClearImpliedBits, whether or not `feature` itself was on (the implication
    // graph has no cycles, so this ends).
    for (implier, implied) in IMPLIES {
        if implied.contains(&feature) {
            disable(set, implier);
        }
    }
}

/// The LLVM features a Rust feature stands for; all of them must be on for LLVM to report
/// the Rust feature (rustc_codegen_llvm's `to_llvm_features` for x86).
pub fn llvm_names(rust_feature: &str) -> Vec<&str> {
    match rust_feature {
        "sse4.2" => vec!["sse4.2", "crc32"],
        "pclmulqdq" => vec!["pclmul"],
        "rdrand" => vec!["rdrnd"],
        "bmi1" => vec!["bmi"],
        "cmpxchg16b" => vec!["cx16"],
        "lahfsahf" => vec!["sahf"],
        "apxf" => vec!["egpr", "push2pop2", "ppx", "ndd", "ccmp", "cf", "nf", "zu"],
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implications_are_transitive_both_ways() {
        let mut set = LlvmFeatures::new();
        enable(&mut set, "avx512bw");
        for f in ["avx512f", "avx2", "avx", "sse4.2", "sse", "fma", "f16c"] {
            assert!(set.contains(f), "{f} missing from {set:?}");
        }
        disable(&mut set, "avx");
        assert!(!set.contains("avx512bw") && !set.contains("avx512f") && !set.contains("fma"));
        assert!(set.contains("sse4.2"));
    }
}
