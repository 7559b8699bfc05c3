//! The features of every CPU name LLVM accepts for x86-64 (`-Ctarget-cpu=NAME`), as facts
//! from LLVM 22's X86 target definition (`llvm/lib/Target/X86/X86.td`: the `ProcessorFeatures`
//! lists and the `Proc`/`ProcModel` definitions; tuning flags left out, they change no feature).
//! Lists are in LLVM's feature names and before LLVM's implications are applied.

use super::llvm_model::{self, LlvmFeatures};

/// One `ProcessorFeatures` list: its base list (`!listconcat(BASE, ...)`), the features it
/// adds and the ones it takes out again (`!listremove`).
pub struct FeatureList {
    base: Option<&'static FeatureList>,
    add: &'static [&'static str],
    remove: &'static [&'static str],
}

impl FeatureList {
    fn listed(&self, out: &mut LlvmFeatures) {
        if let Some(base) = self.base {
            base.listed(out);
        }
        out.extend(self.add);
        for feature in self.remove {
            out.remove(feature);
        }
    }

    /// The list with LLVM's implications applied: what a target machine for this CPU has.
    pub fn features(&self) -> LlvmFeatures {
        let mut listed = LlvmFeatures::new();
        self.listed(&mut listed);
        let mut features = LlvmFeatures::new();
        for feature in listed {
            llvm_model::enable(&mut features, feature);
        }
        features
    }
}

// The named lists of X86.td's `ProcessorFeatures`, in its order (`NHM` is `X86_64V2`).
static X86_64_V1: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "mmx", "sse2", "fxsr", "nopl", "64bit"],
    remove: &[],
};
static X86_64_V2: FeatureList =
    FeatureList { base: Some(&X86_64_V1), add: &["cx16", "sahf", "crc32", "popcnt", "sse4.2"], remove: &[] };
static X86_64_V3: FeatureList = FeatureList {
    base: Some(&X86_64_V2),
    add: &["avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave"],
    remove: &[],
};
static X86_64_V4: FeatureList = FeatureList {
    base: Some(&X86_64_V3),
    add: &["avx512bw", "avx512cd", "avx512dq", "avx512vl"],
    remove: &[],
};
static NHM: FeatureList = FeatureList { base: Some(&X86_64_V2), add: &[], remove: &[] };
static WSM: FeatureList = FeatureList { base: Some(&NHM), add: &["pclmul"], remove: &[] };
static SNB: FeatureList = FeatureList { base: Some(&WSM), add: &["avx", "xsave", "xsaveopt"], remove: &[] };
static IVB: FeatureList = FeatureList { base: Some(&SNB), add: &["rdrnd", "f16c", "fsgsbase"], remove: &[] };
static HSW: FeatureList = FeatureList {
    base: Some(&IVB),
    add: &["avx2", "bmi", "bmi2", "ermsb", "fma", "invpcid", "lzcnt", "movbe"],
    remove: &[],
};
static BDW: FeatureList = FeatureList { base: Some(&HSW), add: &["adx", "rdseed", "prfchw"], remove: &[] };
static SKL: FeatureList =
    FeatureList { base: Some(&BDW), add: &["aes", "xsavec", "xsaves", "clflushopt"], remove: &[] };
static SKX: FeatureList = FeatureList {
    base: Some(&BDW),
    add: &[
        "aes",
        "xsavec",
        "xsaves",
        "clflushopt",
        "avx512f",
        "avx512cd",
        "avx512dq",
        "avx512bw",
        "avx512vl",
        "pku",
        "clwb",
    ],
    remove: &[],
};
static CLX: FeatureList = FeatureList { base: Some(&SKX), add: &["avx512vnni"], remove: &[] };
static CPX: FeatureList = FeatureList { base: Some(&CLX), add: &["avx512bf16"], remove: &[] };
static CNL: FeatureList = FeatureList {
    base: Some(&SKL),
    add: &[
        "avx512f",
        "avx512cd",
        "avx512dq",
        "avx512bw",
        "avx512vl",
        "pku",
        "avx512vbmi",
        "avx512ifma",
        "sha",
    ],
    remove: &[],
};
static ICL: FeatureList = FeatureList {
    base: Some(&CNL),
    add: &[
        "avx512bitalg",
        "vaes",
        "avx512vbmi2",
        "avx512vnni",
        "vpclmulqdq",
        "avx512vpopcntdq",
        "gfni",
        "rdpid",
        "fsrm",
    ],
    remove: &[],
};
static ICX: FeatureList =
    FeatureList { base: Some(&ICL), add: &["pconfig", "clwb", "wbnoinvd"], remove: &[] };
static TGL: FeatureList = FeatureList {
    base: Some(&ICL),
    add: &["avx512vp2intersect", "clwb", "movdiri", "movdir64b", "shstk"],
    remove: &[],
};
static SPR: FeatureList = FeatureList {
    base: Some(&ICX),
    add: &[
        "amx-tile",
        "amx-int8",
        "amx-bf16",
        "avx512bf16",
        "serialize",
        "cldemote",
        "waitpkg",
        "ptwrite",
        "avx512fp16",
        "avxvnni",
        "tsxldtrk",
        "enqcmd",
        "shstk",
        "movdiri",
        "movdir64b",
        "uintr",
    ],
    remove: &[],
};
static GNR: FeatureList = FeatureList { base: Some(&SPR), add: &["amx-fp16", "prefetchi"], remove: &[] };
static GNRD: FeatureList = FeatureList { base: Some(&GNR), add: &["amx-complex"], remove: &[] };
static DMR: FeatureList = FeatureList {
    base: Some(&GNRD),
    add: &[
        "avx10.2",
        "sm4",
        "cmpccxadd",
        "avxifma",
        "avxneconvert",
        "avxvnniint8",
        "avxvnniint16",
        "sha512",
        "sm3",
        "egpr",
        "zu",
        "ccmp",
        "push2pop2",
        "ppx",
        "ndd",
        "nf",
        "movrs",
        "amx-movrs",
        "amx-avx512",
        "amx-fp8",
        "amx-tf32",
    ],
    remove: &[],
};
static ATOM: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "mmx", "ssse3", "fxsr", "nopl", "64bit", "cx16", "movbe", "sahf"],
    remove: &[],
};
static SLM: FeatureList = FeatureList {
    base: Some(&ATOM),
    add: &["sse4.2", "crc32", "popcnt", "pclmul", "prfchw", "rdrnd"],
    remove: &[],
};
static GLM: FeatureList = FeatureList {
    base: Some(&SLM),
    add: &["aes", "sha", "rdseed", "xsave", "xsaveopt", "xsavec", "xsaves", "clflushopt", "fsgsbase"],
    remove: &[],
};
static GLP: FeatureList = FeatureList { base: Some(&GLM), add: &["ptwrite", "rdpid"], remove: &[] };
static TRM: FeatureList = FeatureList { base: Some(&GLP), add: &["clwb", "gfni"], remove: &[] };
static ADL: FeatureList = FeatureList {
    base: Some(&TRM),
    add: &[
        "serialize",
        "pconfig",
        "shstk",
        "widekl",
        "invpcid",
        "adx",
        "fma",
        "vaes",
        "vpclmulqdq",
        "f16c",
        "bmi",
        "bmi2",
        "lzcnt",
        "avxvnni",
        "pku",
        "hreset",
        "movdiri",
        "movdir64b",
        "waitpkg",
    ],
    remove: &[],
};
static ARL: FeatureList = FeatureList {
    base: Some(&ADL),
    add: &["cmpccxadd", "avxifma", "avxneconvert", "enqcmd", "uintr", "avxvnniint8"],
    remove: &[],
};
static SRF: FeatureList = FeatureList { base: Some(&ARL), add: &["cldemote"], remove: &[] };
static ARLS: FeatureList =
    FeatureList { base: Some(&ARL), add: &["avxvnniint16", "sha512", "sm3", "sm4"], remove: &[] };
static PTL: FeatureList = FeatureList { base: Some(&ARLS), add: &[], remove: &["widekl"] };
static NVL: FeatureList = FeatureList {
    base: Some(&PTL),
    add: &["avx10.2", "movrs", "egpr", "push2pop2", "ppx", "nf", "ndd", "zu", "ccmp", "prefetchi"],
    remove: &[],
};
static CWF: FeatureList = FeatureList {
    base: Some(&SRF),
    add: &["prefetchi", "avxvnniint16", "sha512", "sm3", "sm4", "usermsr"],
    remove: &["widekl"],
};
static KNL: FeatureList = FeatureList {
    base: None,
    add: &[
        "x87", "cx8", "cmov", "mmx", "fxsr", "nopl", "64bit", "cx16", "crc32", "popcnt", "pclmul", "xsave",
        "xsaveopt", "sahf", "aes", "rdrnd", "f16c", "fsgsbase", "avx512f", "avx512cd", "adx", "rdseed",
        "movbe", "lzcnt", "bmi", "bmi2", "fma", "prfchw",
    ],
    remove: &[],
};
static KNM: FeatureList = FeatureList { base: Some(&KNL), add: &["avx512vpopcntdq"], remove: &[] };
static BARCELONA: FeatureList = FeatureList {
    base: None,
    add: &[
        "x87", "cx8", "sse4a", "fxsr", "nopl", "cx16", "prfchw", "lzcnt", "popcnt", "sahf", "cmov", "64bit",
    ],
    remove: &[],
};
static BTVER1: FeatureList = FeatureList {
    base: None,
    add: &[
        "x87", "cx8", "cmov", "mmx", "ssse3", "sse4a", "fxsr", "nopl", "64bit", "cx16", "prfchw", "lzcnt",
        "popcnt", "sahf",
    ],
    remove: &[],
};
static BTVER2: FeatureList = FeatureList {
    base: Some(&BTVER1),
    add: &["avx", "aes", "crc32", "pclmul", "bmi", "f16c", "movbe", "xsave", "xsaveopt"],
    remove: &[],
};
static BDVER1: FeatureList = FeatureList {
    base: None,
    add: &[
        "x87", "cx8", "cmov", "xop", "64bit", "cx16", "aes", "crc32", "prfchw", "pclmul", "mmx", "fxsr",
        "nopl", "lzcnt", "popcnt", "xsave", "lwp", "sahf",
    ],
    remove: &[],
};
static BDVER2: FeatureList =
    FeatureList { base: Some(&BDVER1), add: &["f16c", "bmi", "tbm", "fma"], remove: &[] };
static BDVER3: FeatureList = FeatureList { base: Some(&BDVER2), add: &["xsaveopt", "fsgsbase"], remove: &[] };
static BDVER4: FeatureList =
    FeatureList { base: Some(&BDVER3), add: &["avx2", "bmi2", "movbe", "rdrnd", "mwaitx"], remove: &[] };
static ZN: FeatureList = FeatureList {
    base: None,
    add: &[
        "adx",
        "aes",
        "avx2",
        "bmi",
        "bmi2",
        "clflushopt",
        "clzero",
        "cmov",
        "64bit",
        "cx16",
        "crc32",
        "f16c",
        "fma",
        "fsgsbase",
        "fxsr",
        "nopl",
        "sahf",
        "lzcnt",
        "mmx",
        "movbe",
        "mwaitx",
        "pclmul",
        "popcnt",
        "prfchw",
        "rdrnd",
        "rdseed",
        "sha",
        "sse4a",
        "x87",
        "xsave",
        "xsavec",
        "xsaveopt",
        "xsaves",
    ],
    remove: &[],
};
static ZN2: FeatureList =
    FeatureList { base: Some(&ZN), add: &["clwb", "rdpid", "rdpru", "wbnoinvd"], remove: &[] };
static ZN3: FeatureList =
    FeatureList { base: Some(&ZN2), add: &["fsrm", "invpcid", "pku", "vaes", "vpclmulqdq"], remove: &[] };
static ZN4: FeatureList = FeatureList {
    base: Some(&ZN3),
    add: &[
        "avx512f",
        "avx512cd",
        "avx512dq",
        "avx512bw",
        "avx512vl",
        "avx512vbmi",
        "avx512vbmi2",
        "avx512ifma",
        "avx512vnni",
        "avx512bitalg",
        "gfni",
        "avx512bf16",
        "shstk",
        "avx512vpopcntdq",
    ],
    remove: &[],
};
static ZN5: FeatureList = FeatureList {
    base: Some(&ZN4),
    add: &["movdiri", "movdir64b", "avx512vp2intersect", "prefetchi", "avxvnni"],
    remove: &[],
};

// Lists written out in a single `Proc` definition; CPUs whose lists are identical share one.
static PENTIUM_MMX: FeatureList = FeatureList { base: None, add: &["x87", "cx8", "mmx"], remove: &[] };
static PENTIUMPRO: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "cmov", "nopl"], remove: &[] };
static PENTIUM2: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "mmx", "cmov", "fxsr", "nopl"], remove: &[] };
static PENTIUM3: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "mmx", "sse", "fxsr", "nopl", "cmov"], remove: &[] };
static PENTIUM_M: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "mmx", "sse2", "fxsr", "nopl", "cmov"], remove: &[] };
static PRESCOTT: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "mmx", "sse3", "fxsr", "nopl", "cmov"], remove: &[] };
static CORE2: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "mmx", "ssse3", "fxsr", "nopl", "64bit", "cx16", "sahf"],
    remove: &[],
};
static PENRYN: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "mmx", "sse4.1", "fxsr", "nopl", "64bit", "cx16", "sahf"],
    remove: &[],
};
static ATHLON: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "cmov", "mmx", "prfchw", "nopl"], remove: &[] };
static ATHLON_4: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "sse", "mmx", "prfchw", "fxsr", "nopl"],
    remove: &[],
};
static K8: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "sse2", "mmx", "prfchw", "fxsr", "nopl", "64bit", "cmov"],
    remove: &[],
};
static K8_SSE3: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "sse3", "mmx", "prfchw", "fxsr", "nopl", "cx16", "cmov", "64bit"],
    remove: &[],
};
static GENERIC: FeatureList = FeatureList { base: None, add: &["x87", "cx8", "64bit"], remove: &[] };
static I386: FeatureList = FeatureList { base: None, add: &["x87"], remove: &[] };
static I586: FeatureList = FeatureList { base: None, add: &["x87", "cx8"], remove: &[] };
static I686: FeatureList = FeatureList { base: None, add: &["x87", "cx8", "cmov"], remove: &[] };
static LAKEMONT: FeatureList = FeatureList { base: None, add: &["cx8"], remove: &[] };
static NOCONA: FeatureList = FeatureList {
    base: None,
    add: &["x87", "cx8", "cmov", "mmx", "sse3", "fxsr", "nopl", "64bit", "cx16"],
    remove: &[],
};
static K6_2: FeatureList = FeatureList { base: None, add: &["x87", "cx8", "mmx", "prfchw"], remove: &[] };
static WINCHIP_C6: FeatureList = FeatureList { base: None, add: &["x87", "mmx"], remove: &[] };
static WINCHIP2: FeatureList = FeatureList { base: None, add: &["x87", "mmx", "prfchw"], remove: &[] };
static C3_2: FeatureList =
    FeatureList { base: None, add: &["x87", "cx8", "mmx", "sse", "fxsr", "cmov"], remove: &[] };

/// Every CPU name LLVM accepts for x86-64, sorted by name as `--print target-cpus` lists them.
pub static CPUS: &[(&str, &FeatureList)] = &[
    ("alderlake", &ADL),
    ("amdfam10", &BARCELONA),
    ("arrowlake", &ARL),
    ("arrowlake-s", &ARLS),
    ("arrowlake_s", &ARLS),
    ("athlon", &ATHLON),
    ("athlon-4", &ATHLON_4),
    ("athlon-fx", &K8),
    ("athlon-mp", &ATHLON_4),
    ("athlon-tbird", &ATHLON),
    ("athlon-xp", &ATHLON_4),
    ("athlon64", &K8),
    ("athlon64-sse3", &K8_SSE3),
    ("atom", &ATOM),
    ("atom_sse4_2", &SLM),
    ("atom_sse4_2_movbe", &GLM),
    ("barcelona", &BARCELONA),
    ("bdver1", &BDVER1),
    ("bdver2", &BDVER2),
    ("bdver3", &BDVER3),
    ("bdver4", &BDVER4),
    ("bonnell", &ATOM),
    ("broadwell", &BDW),
    ("btver1", &BTVER1),
    ("btver2", &BTVER2),
    ("c3", &WINCHIP2),
    ("c3-2", &C3_2),
    ("cannonlake", &CNL),
    ("cascadelake", &CLX),
    ("clearwaterforest", &CWF),
    ("cooperlake", &CPX),
    ("core-avx-i", &IVB),
    ("core-avx2", &HSW),
    ("core2", &CORE2),
    ("core_2_duo_sse4_1", &PENRYN),
    ("core_2_duo_ssse3", &CORE2),
    ("core_2nd_gen_avx", &SNB),
    ("core_3rd_gen_avx", &IVB),
    ("core_4th_gen_avx", &HSW),
    ("core_4th_gen_avx_tsx", &HSW),
    ("core_5th_gen_avx", &BDW),
    ("core_5th_gen_avx_tsx", &BDW),
    ("core_aes_pclmulqdq", &WSM),
    ("core_i7_sse4_2", &NHM),
    ("corei7", &NHM),
    ("corei7-avx", &SNB),
    ("diamondrapids", &DMR),
    ("emeraldrapids", &SPR),
    ("generic", &GENERIC),
    ("geode", &K6_2),
    ("goldmont", &GLM),
    ("goldmont-plus", &GLP),
    ("goldmont_plus", &GLP),
    ("gracemont", &ADL),
    ("grandridge", &SRF),
    ("graniterapids", &GNR),
    ("graniterapids-d", &GNRD),
    ("graniterapids_d", &GNRD),
    ("haswell", &HSW),
    ("i386", &I386),
    ("i486", &I386),
    ("i586", &I586),
    ("i686", &I686),
    ("icelake-client", &ICL),
    ("icelake-server", &ICX),
    ("icelake_client", &ICL),
    ("icelake_server", &ICX),
    ("ivybridge", &IVB),
    ("k6", &PENTIUM_MMX),
    ("k6-2", &K6_2),
    ("k6-3", &K6_2),
    ("k8", &K8),
    ("k8-sse3", &K8_SSE3),
    ("knl", &KNL),
    ("knm", &KNM),
    ("lakemont", &LAKEMONT),
    ("lunarlake", &ARLS),
    ("meteorlake", &ADL),
    ("mic_avx512", &KNL),
    ("nehalem", &NHM),
    ("nocona", &NOCONA),
    ("novalake", &NVL),
    ("opteron", &K8),
    ("opteron-sse3", &K8_SSE3),
    ("pantherlake", &PTL),
    ("penryn", &PENRYN),
    ("pentium", &I586),
    ("pentium-m", &PENTIUM_M),
    ("pentium-mmx", &PENTIUM_MMX),
    ("pentium2", &PENTIUM2),
    ("pentium3", &PENTIUM3),
    ("pentium3m", &PENTIUM3),
    ("pentium4", &PENTIUM_M),
    ("pentium4m", &PENTIUM_M),
    ("pentium_4", &PENTIUM_M),
    ("pentium_4_sse3", &PRESCOTT),
    ("pentium_ii", &PENTIUM2),
    ("pentium_iii", &PENTIUM3),
    ("pentium_iii_no_xmm_regs", &PENTIUM3),
    ("pentium_m", &PENTIUM_M),
    ("pentium_mmx", &PENTIUM_MMX),
    ("pentium_pro", &PENTIUMPRO),
    ("pentiumpro", &PENTIUMPRO),
    ("prescott", &PRESCOTT),
    ("raptorlake", &ADL),
    ("rocketlake", &ICL),
    ("sandybridge", &SNB),
    ("sapphirerapids", &SPR),
    ("sierraforest", &SRF),
    ("silvermont", &SLM),
    ("skx", &SKX),
    ("skylake", &SKL),
    ("skylake-avx512", &SKX),
    ("skylake_avx512", &SKX),
    ("slm", &SLM),
    ("tigerlake", &TGL),
    ("tremont", &TRM),
    ("westmere", &WSM),
    ("wildcatlake", &PTL),
    ("winchip-c6", &WINCHIP_C6),
    ("winchip2", &WINCHIP2),
    ("x86-64", &X86_64_V1),
    ("x86-64-v2", &X86_64_V2),
    ("x86-64-v3", &X86_64_V3),
    ("x86-64-v4", &X86_64_V4),
    ("yonah", &PRESCOTT),
    ("znver1", &ZN),
    ("znver2", &ZN2),
    ("znver3", &ZN3),
    ("znver4", &ZN4),
    ("znver5", &ZN5),
];

/// The CPU `name` LLVM knows, if any.
pub fn lookup(name: &str) -> Option<&'static FeatureList> {
    CPUS.iter().find(|(cpu, _)| *cpu == name).map(|(_, list)| *list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_complete() {
        assert!(CPUS.windows(2).all(|w| w[0].0 < w[1].0));
        // LLVM 22 lists 131 x86 CPU names besides `native`.
        assert_eq!(CPUS.len(), 131);
    }

    #[test]
    fn lists_follow_their_bases() {
        let v3 = lookup("x86-64-v3").unwrap().features();
        for f in ["avx2", "avx", "sse4.2", "crc32", "popcnt", "cx16", "bmi", "fma", "x87"] {
            assert!(v3.contains(f), "x86-64-v3 lacks {f}");
        }
        let ptl = lookup("pantherlake").unwrap().features();
        assert!(!ptl.contains("widekl") && !ptl.contains("kl") && ptl.contains("sha512"));
        assert!(lookup("znver4").unwrap().features().contains("avx512vbmi2"));
        assert!(lookup("no-such-cpu").is_none());
    }
}
