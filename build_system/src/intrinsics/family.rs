//! Which family an intrinsic belongs to, from its `#[target_feature(enable = "...")]` list
//! (or, for the few without one, its source file).
//!
//! A family is named after the feature that defines the instruction set extension; an AVX-512
//! intrinsic that also needs `avx512vl` (the `_mm_`/`_mm256_` forms) goes to the family's
//! `+VL` row, so `AVX512BW+VL` holds the 128/256-bit forms of AVX512BW. GFNI, VAES and
//! VPCLMULQDQ keep their EVEX forms in their own row: they are one extension whose wider forms
//! happen to need AVX or AVX-512 as well. The rows of issue 11 come first (`REQUIRED`, in the
//! issue's order); the other extensions stdarch has follow in `EXTRA`.

/// The families issue 11 asks for, in its order.
pub const REQUIRED: &[&str] = &[
    "SSE",
    "SSE2",
    "SSE3",
    "SSSE3",
    "SSE4.1",
    "SSE4.2",
    "AVX",
    "AVX2",
    "FMA",
    "F16C",
    "BMI1",
    "BMI2",
    "LZCNT",
    "POPCNT",
    "ADX",
    "AES",
    "VAES",
    "PCLMULQDQ",
    "VPCLMULQDQ",
    "SHA",
    "GFNI",
    "RDRAND/RDSEED",
    "AVX512F",
    "AVX512F+VL",
    "AVX512BW",
    "AVX512BW+VL",
    "AVX512DQ",
    "AVX512DQ+VL",
    "AVX512CD",
    "AVX512CD+VL",
    "AVX512IFMA",
    "AVX512IFMA+VL",
    "AVX512VBMI",
    "AVX512VBMI+VL",
    "AVX512VBMI2",
    "AVX512VBMI2+VL",
    "AVX512VNNI",
    "AVX512VNNI+VL",
    "AVX512BITALG",
    "AVX512BITALG+VL",
    "AVX512VPOPCNTDQ",
    "AVX512VPOPCNTDQ+VL",
    "AVX512BF16",
    "AVX512BF16+VL",
    "AVX512FP16",
    "AVX512FP16+VL",
];

/// The other families of stdarch's x86 modules, tested the same way where that is safe (see
/// `skips.rs` for those that are not called).
pub const EXTRA: &[&str] = &[
    "SSE4A",
    "TBM",
    "AVX-VNNI",
    "AVX-IFMA",
    "AVX-VNNI-INT8",
    "AVX-VNNI-INT16",
    "AVX-NE-CONVERT",
    "SHA512",
    "SM3",
    "SM4",
    "AVX512VP2INTERSECT",
    "AVX512VP2INTERSECT+VL",
    "BT",
    "BSWAP",
    "CPUID",
    "RDTSC",
    "XSAVE",
    "FXSR",
    "RTM",
    "KL",
    "AMX",
    "MOVRS",
    "CLFLUSHOPT",
    "EFLAGS",
];

/// Feature → family, most specific first: an intrinsic is placed by the first entry whose
/// feature it enables (`_mm512_gf2p8mul_epi8` enables `gfni,avx512bw,avx512f`: GFNI).
const BY_FEATURE: &[(&str, &str)] = &[
    ("gfni", "GFNI"),
    ("vaes", "VAES"),
    ("vpclmulqdq", "VPCLMULQDQ"),
    ("avx512vp2intersect", "AVX512VP2INTERSECT"),
    ("avx512bf16", "AVX512BF16"),
    ("avx512fp16", "AVX512FP16"),
    ("avx512bitalg", "AVX512BITALG"),
    ("avx512vpopcntdq", "AVX512VPOPCNTDQ"),
    ("avx512vnni", "AVX512VNNI"),
    ("avx512vbmi2", "AVX512VBMI2"),
    ("avx512vbmi", "AVX512VBMI"),
    ("avx512ifma", "AVX512IFMA"),
    ("avx512cd", "AVX512CD"),
    ("avx512dq", "AVX512DQ"),
    ("avx512bw", "AVX512BW"),
    ("avx512f", "AVX512F"),
    ("sha512", "SHA512"),
    ("sm3", "SM3"),
    ("sm4", "SM4"),
    ("avxneconvert", "AVX-NE-CONVERT"),
    ("avxvnniint8", "AVX-VNNI-INT8"),
    ("avxvnniint16", "AVX-VNNI-INT16"),
    ("avxvnni", "AVX-VNNI"),
    ("avxifma", "AVX-IFMA"),
    ("fma", "FMA"),
    ("f16c", "F16C"),
    ("avx2", "AVX2"),
    ("avx", "AVX"),
    ("sse4a", "SSE4A"),
    ("sse4.2", "SSE4.2"),
    ("sse4.1", "SSE4.1"),
    ("ssse3", "SSSE3"),
    ("sse3", "SSE3"),
    ("sse2", "SSE2"),
    ("sse", "SSE"),
    ("tbm", "TBM"),
    ("bmi1", "BMI1"),
    ("bmi2", "BMI2"),
    ("lzcnt", "LZCNT"),
    ("popcnt", "POPCNT"),
    ("adx", "ADX"),
    ("aes", "AES"),
    ("pclmulqdq", "PCLMULQDQ"),
    ("sha", "SHA"),
    ("rdrand", "RDRAND/RDSEED"),
    ("rdseed", "RDRAND/RDSEED"),
    ("xsave", "XSAVE"),
    ("fxsr", "FXSR"),
    ("rtm", "RTM"),
    ("kl", "KL"),
    ("widekl", "KL"),
    ("movrs", "MOVRS"),
    ("clflushopt", "CLFLUSHOPT"),
];

/// Intrinsics without a `target_feature` attribute (baseline x86-64), by source file.
const BY_FILE: &[(&str, &str)] = &[
    ("adx", "ADX"),
    ("bswap", "BSWAP"),
    ("bt", "BT"),
    ("cpuid", "CPUID"),
    ("eflags", "EFLAGS"),
    ("rdtsc", "RDTSC"),
    ("rtm", "RTM"),
    ("sse", "SSE"),
    ("sse2", "SSE2"),
];

/// The family row of an intrinsic defined in `file` (`x86/avx.rs`) with `features`.
pub fn family_of(file: &str, features: &[String]) -> String {
    if features.iter().any(|f| f.starts_with("amx-")) {
        return "AMX".into();
    }
    for (feature, family) in BY_FEATURE {
        if features.iter().any(|f| f == feature) {
            let vl = family.starts_with("AVX512") && features.iter().any(|f| f == "avx512vl");
            return if vl { format!("{family}+VL") } else { family.to_string() };
        }
    }
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".rs");
    BY_FILE.iter().find(|(f, _)| *f == stem).map_or_else(|| "OTHER".to_string(), |(_, fam)| fam.to_string())
}

/// Position of a family in the report (required ones first, in the order).
pub fn order(family: &str) -> usize {
    REQUIRED.iter().chain(EXTRA).position(|f| *f == family).unwrap_or(REQUIRED.len() + EXTRA.len())
}

pub fn is_required(family: &str) -> bool {
    REQUIRED.contains(&family)
}

/// File-name-friendly form of a family: `AVX512BW+VL` → `avx512bw_vl`, `SSE4.1` → `sse4_1`.
pub fn slug(family: &str) -> String {
    family
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .replace("__", "_")
}

/// Target features whose use in `#[target_feature]` is still unstable in the pinned
/// toolchain, with the gate that allows it.
pub const FEATURE_GATES: &[(&str, &str)] =
    &[("movrs", "movrs_target_feature"), ("clflushopt", "clflushopt_target_feature")];

#[cfg(test)]
mod tests {
    use super::*;

    fn f(list: &str) -> Vec<String> {
        list.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn families() {
        assert_eq!(family_of("x86/avx512bw.rs", &f("avx512bw,avx512vl")), "AVX512BW+VL");
        assert_eq!(family_of("x86/avx512f.rs", &f("avx512f")), "AVX512F");
        assert_eq!(family_of("x86/gfni.rs", &f("gfni,avx512bw,avx512vl")), "GFNI");
        assert_eq!(family_of("x86/sha.rs", &f("sha512,avx")), "SHA512");
        assert_eq!(family_of("x86/sha.rs", &f("sha")), "SHA");
        assert_eq!(family_of("x86/adx.rs", &[]), "ADX");
        assert_eq!(family_of("x86/abm.rs", &f("lzcnt")), "LZCNT");
        assert_eq!(family_of("x86/rdrand.rs", &f("rdseed")), "RDRAND/RDSEED");
        assert_eq!(family_of("x86_64/amx.rs", &f("amx-tile")), "AMX");
        assert_eq!(slug("AVX512BW+VL"), "avx512bw_vl");
        assert_eq!(slug("RDRAND/RDSEED"), "rdrand_rdseed");
        assert!(order("SSE") < order("AVX512FP16+VL") && order("AVX512FP16+VL") < order("SSE4A"));
        for fam in REQUIRED.iter().chain(EXTRA) {
            assert_eq!(REQUIRED.iter().chain(EXTRA).filter(|x| *x == fam).count(), 1, "{fam}");
        }
    }
}
