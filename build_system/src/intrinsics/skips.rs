//! Every intrinsic the generated programs do not test the ordinary way, with the reason.
//!
//! The ordinary way is: call it with fixed argument patterns and print every result, so that
//! the fastclif and LLVM builds must print the same. That does not work for values that differ
//! from run to run (random numbers, time stamps, CPU state), for state that would leak into
//! the tests after it, and for instructions that fault in user mode or need the OS's
//! cooperation. Those are listed here, and the report prints this list.

/// How the generator treats one intrinsic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// Call with every argument pattern, print every result.
    Normal,
    /// Call, but print neither the result nor memory it writes (the value is not
    /// reproducible); it still counts: it must compile and must not crash.
    CallOnly(&'static str),
    /// Test with the given body instead (a Rust block that may use `o: &mut Out`).
    Custom(&'static str, &'static str),
    /// Not called at all; not counted as implemented or failed.
    NotCalled(&'static str),
}

/// Save MXCSR, run `$body`, restore it: a test that changes the control/status register must
/// not change how the tests after it compute.
macro_rules! with_csr {
    ($body:literal) => {
        concat!(
            "let saved = _mm_getcsr();\n",
            "for (i, v) in [0x1f80u32, 0x9fc0, 0x7fbf, 0x3f80, 0x5f80, 0x1f81].into_iter().enumerate() {\n",
            "    _mm_setcsr(v);\n",
            $body,
            "\n    _mm_setcsr(saved);\n",
            "    o.put(i, \"\", &r);\n",
            "}\n"
        )
    };
}

/// By exact name.
const BY_NAME: &[(&str, Treatment)] = &[
    (
        "_rdrand16_step",
        Treatment::Custom(
            "the random value differs between runs: only the success flag is printed (after up to 1000 tries)",
            RDRAND,
        ),
    ),
    (
        "_rdrand32_step",
        Treatment::Custom("random value: only the success flag is printed (after up to 1000 tries)", RDRAND),
    ),
    (
        "_rdrand64_step",
        Treatment::Custom("random value: only the success flag is printed (after up to 1000 tries)", RDRAND),
    ),
    (
        "_rdseed16_step",
        Treatment::Custom(
            "random value, and RDSEED may fail transiently: only whether one of up to 1000 tries succeeded is printed",
            RDRAND,
        ),
    ),
    (
        "_rdseed32_step",
        Treatment::Custom("random value: only whether one of up to 1000 tries succeeded is printed", RDRAND),
    ),
    (
        "_rdseed64_step",
        Treatment::Custom("random value: only whether one of up to 1000 tries succeeded is printed", RDRAND),
    ),
    ("_rdtsc", Treatment::CallOnly("time stamp counter: differs on every call")),
    ("__rdtscp", Treatment::CallOnly("time stamp counter and the id of the core the thread runs on")),
    ("__readeflags", Treatment::CallOnly("the flags left by whatever instruction ran before")),
    (
        "__writeeflags",
        Treatment::NotCalled("setting TF/AC/DF in user code traps or breaks the surrounding compiled code"),
    ),
    (
        "_mm_getcsr",
        Treatment::Custom(
            "MXCSR's status flags depend on every float operation before: set known values, read back, restore",
            with_csr!("    let r = _mm_getcsr();"),
        ),
    ),
    (
        "_mm_setcsr",
        Treatment::Custom(
            "changes MXCSR for everything after it: set known values, read back, restore",
            with_csr!("    let r = _mm_getcsr();"),
        ),
    ),
    (
        "_MM_GET_EXCEPTION_MASK",
        Treatment::Custom(
            "reads MXCSR: from known values",
            with_csr!("    let r = _MM_GET_EXCEPTION_MASK();"),
        ),
    ),
    (
        "_MM_GET_EXCEPTION_STATE",
        Treatment::Custom(
            "reads MXCSR: from known values",
            with_csr!("    let r = _MM_GET_EXCEPTION_STATE();"),
        ),
    ),
    (
        "_MM_GET_FLUSH_ZERO_MODE",
        Treatment::Custom(
            "reads MXCSR: from known values",
            with_csr!("    let r = _MM_GET_FLUSH_ZERO_MODE();"),
        ),
    ),
    (
        "_MM_GET_ROUNDING_MODE",
        Treatment::Custom(
            "reads MXCSR: from known values",
            with_csr!("    let r = _MM_GET_ROUNDING_MODE();"),
        ),
    ),
    (
        "_MM_SET_EXCEPTION_MASK",
        Treatment::Custom(
            "writes MXCSR: from known values, read back, restored",
            with_csr!("    _MM_SET_EXCEPTION_MASK([0, 0x1f80, 0x0a00][i % 3]);\n    let r = _mm_getcsr();"),
        ),
    ),
    (
        "_MM_SET_EXCEPTION_STATE",
        Treatment::Custom(
            "writes MXCSR: from known values, read back, restored",
            with_csr!("    _MM_SET_EXCEPTION_STATE([0, 0x3f, 0x21][i % 3]);\n    let r = _mm_getcsr();"),
        ),
    ),
    (
        "_MM_SET_FLUSH_ZERO_MODE",
        Treatment::Custom(
            "writes MXCSR: from known values, read back, restored",
            with_csr!("    _MM_SET_FLUSH_ZERO_MODE([0, 0x8000][i % 2]);\n    let r = _mm_getcsr();"),
        ),
    ),
    (
        "_MM_SET_ROUNDING_MODE",
        Treatment::Custom(
            "writes MXCSR: from known values, read back, restored",
            with_csr!(
                "    _MM_SET_ROUNDING_MODE([0, 0x2000, 0x4000, 0x6000][i % 4]);\n    let r = _mm_getcsr();"
            ),
        ),
    ),
    (
        "_xgetbv",
        Treatment::Custom(
            "only XCR0 exists everywhere (another register number faults): called with 0",
            "o.put(0, \"\", &_xgetbv(0));",
        ),
    ),
    (
        "__cpuid",
        Treatment::Custom(
            "leaf 1 and others report the APIC id of the core the thread happens to run on: leaf 0 only",
            "let r = __cpuid(0);\no.put(0, \"\", &[r.eax, r.ebx, r.ecx, r.edx]);",
        ),
    ),
    (
        "__cpuid_count",
        Treatment::Custom(
            "leaves with per-core fields are not reproducible: leaf 7 subleaf 0 (feature flags) only",
            "let r = __cpuid_count(7, 0);\no.put(0, \"\", &[r.eax, r.ebx, r.ecx, r.edx]);",
        ),
    ),
    (
        "__get_cpuid_max",
        Treatment::Custom(
            "returns a tuple: leaves 0 and 0x8000_0000, fields printed separately",
            "for (i, leaf) in [0u32, 0x8000_0000].into_iter().enumerate() {\n    let (a, b) = __get_cpuid_max(leaf);\n    o.put(i, \"\", &[a, b]);\n}",
        ),
    ),
    (
        "_xabort",
        Treatment::NotCalled(
            "RTM: only meaningful inside a transaction, whose aborts depend on interrupts and caches",
        ),
    ),
    (
        "_xbegin",
        Treatment::NotCalled("RTM: a transaction aborts or commits depending on interrupts and caches"),
    ),
    ("_xend", Treatment::NotCalled("RTM: faults outside a transaction")),
    ("_xtest", Treatment::NotCalled("RTM: only meaningful inside a transaction")),
    ("_xsetbv", Treatment::NotCalled("privileged instruction: faults in user mode")),
    ("_mm_loadiwkey", Treatment::NotCalled("privileged instruction (LOADIWKEY): faults in user mode")),
];

/// By name prefix, checked after `BY_NAME`.
const BY_PREFIX: &[(&str, Treatment)] = &[
    (
        "_xsave",
        Treatment::NotCalled(
            "saves the live register state, which differs between two compilers' code (and `_xsaves` is privileged)",
        ),
    ),
    ("_xrstor", Treatment::NotCalled("overwrites the live register state of the compiled code")),
    (
        "_fxsave",
        Treatment::NotCalled("saves the live register state, which differs between two compilers' code"),
    ),
    ("_fxrstor", Treatment::NotCalled("overwrites the live register state of the compiled code")),
];

/// By family: whole extensions that cannot run without the OS or firmware.
const BY_FAMILY: &[(&str, Treatment)] = &[
    (
        "AMX",
        Treatment::NotCalled(
            "AMX tiles need the OS to grant the tile state (arch_prctl ARCH_REQ_XCOMP_PERM) and a tile configuration first",
        ),
    ),
    (
        "KL",
        Treatment::NotCalled("Key Locker needs a wrapping key loaded by the OS (LOADIWKEY is privileged)"),
    ),
];

const RDRAND: &str = "let mut v = 0;\nlet mut ok = 0;\nfor _ in 0..1000 {\n    ok = NAME(&mut v);\n    if ok == 1 {\n        break;\n    }\n}\no.put(0, \"\", &ok);";

pub fn treatment(name: &str, family: &str) -> Treatment {
    if let Some((_, t)) = BY_NAME.iter().find(|(n, _)| *n == name) {
        return *t;
    }
    if let Some((_, t)) = BY_PREFIX.iter().find(|(p, _)| name.starts_with(p)) {
        return *t;
    }
    if let Some((_, t)) = BY_FAMILY.iter().find(|(f, _)| *f == family) {
        return *t;
    }
    Treatment::Normal
}

/// The reason of a treatment other than `Normal`.
pub fn reason(t: Treatment) -> Option<&'static str> {
    match t {
        Treatment::Normal => None,
        Treatment::CallOnly(r) | Treatment::Custom(r, _) | Treatment::NotCalled(r) => Some(r),
    }
}

/// Argument values that must stay in a range for the call to be safe, by (intrinsic name
/// prefix, parameter name): the bit offset of `_bittest*` addresses memory beyond the pointer
/// (`bt [mem], reg` reaches byte `b / 8`), so it stays inside the 512-byte buffer.
pub const SMALL_INDEX_PARAMS: &[(&str, &str)] = &[("_bittest", "b")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(treatment("_mm_add_ps", "SSE"), Treatment::Normal);
        assert!(matches!(treatment("_rdtsc", "RDTSC"), Treatment::CallOnly(_)));
        assert!(matches!(treatment("_xsaveopt64", "XSAVE"), Treatment::NotCalled(_)));
        assert!(matches!(treatment("_tile_loadd", "AMX"), Treatment::NotCalled(_)));
        assert!(matches!(treatment("_xgetbv", "XSAVE"), Treatment::Custom(..)));
        let Treatment::Custom(_, body) = treatment("_mm_setcsr", "SSE") else { panic!() };
        assert!(body.contains("_mm_setcsr(saved)"));
    }
}
