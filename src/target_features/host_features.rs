//! What `-Ctarget-cpu=native` means on this machine: the CPUID bits LLVM's host detection reads
//! (`llvm/lib/TargetParser/Host.cpp`, LLVM 22: `sys::getHostCPUFeatures` and, for the CPU name,
//! the vendor, family and model of `sys::getHostCPUName`). As in LLVM, a vector feature only
//! counts when the operating system saves its registers (XCR0), and every feature LLVM checks
//! is reported as on or off, so that an off bit also turns off what the CPU name implies.

/// The four registers `cpuid` returns.
#[derive(Clone, Copy, Default, Debug)]
pub struct Regs {
    pub eax: u32,
    pub ebx: u32,
    pub ecx: u32,
    pub edx: u32,
}

/// The machine as LLVM sees it.
pub struct HostCpu {
    pub vendor: Vendor,
    pub family: u32,
    pub model: u32,
    /// LLVM feature names, each on or off.
    pub features: Vec<(&'static str, bool)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Vendor {
    Intel,
    Amd,
    Other,
}

impl HostCpu {
    pub fn has(&self, feature: &str) -> bool {
        self.features.iter().any(|&(f, on)| on && f == feature)
    }
}

/// Register and leaf a feature bit is read from.
#[derive(Clone, Copy)]
enum Src {
    L1Ecx,
    L1Edx,
    L7Ebx,
    L7Ecx,
    L7Edx,
    L7s1Eax,
    L7s1Edx,
    LdS1Eax,
    L14Ebx,
    L1eS1Eax,
    Ext1Ecx,
    Ext8Ebx,
}

/// The register state the operating system must save for the feature to be usable.
#[derive(Clone, Copy)]
enum Needs {
    Nothing,
    Avx,
    Avx512,
    Amx,
}

use Needs::{Amx, Avx, Avx512, Nothing};
use Src::*;

/// The plain bits of `getHostCPUFeatures`, in its order; the features computed from several
/// bits are in `detect_with`.
const BITS: &[(&str, Src, u32, Needs)] = &[
    ("cx8", L1Edx, 8, Nothing),
    ("cmov", L1Edx, 15, Nothing),
    ("mmx", L1Edx, 23, Nothing),
    ("fxsr", L1Edx, 24, Nothing),
    ("sse", L1Edx, 25, Nothing),
    ("sse2", L1Edx, 26, Nothing),
    ("sse3", L1Ecx, 0, Nothing),
    ("pclmul", L1Ecx, 1, Nothing),
    ("ssse3", L1Ecx, 9, Nothing),
    ("cx16", L1Ecx, 13, Nothing),
    ("sse4.1", L1Ecx, 19, Nothing),
    ("sse4.2", L1Ecx, 20, Nothing),
    ("crc32", L1Ecx, 20, Nothing),
    ("movbe", L1Ecx, 22, Nothing),
    ("popcnt", L1Ecx, 23, Nothing),
    ("aes", L1Ecx, 25, Nothing),
    ("rdrnd", L1Ecx, 30, Nothing),
    ("fma", L1Ecx, 12, Avx),
    ("xsave", L1Ecx, 26, Avx),
    ("f16c", L1Ecx, 29, Avx),
    ("sahf", Ext1Ecx, 0, Nothing),
    ("lzcnt", Ext1Ecx, 5, Nothing),
    ("sse4a", Ext1Ecx, 6, Nothing),
    ("prfchw", Ext1Ecx, 8, Nothing),
    ("xop", Ext1Ecx, 11, Avx),
    ("lwp", Ext1Ecx, 15, Nothing),
    ("fma4", Ext1Ecx, 16, Avx),
    ("tbm", Ext1Ecx, 21, Nothing),
    ("mwaitx", Ext1Ecx, 29, Nothing),
    ("clzero", Ext8Ebx, 0, Nothing),
    ("rdpru", Ext8Ebx, 4, Nothing),
    ("wbnoinvd", Ext8Ebx, 9, Nothing),
    ("fsgsbase", L7Ebx, 0, Nothing),
    ("sgx", L7Ebx, 2, Nothing),
    ("bmi", L7Ebx, 3, Nothing),
    ("avx2", L7Ebx, 5, Avx),
    ("bmi2", L7Ebx, 8, Nothing),
    ("invpcid", L7Ebx, 10, Nothing),
    ("rtm", L7Ebx, 11, Nothing),
    ("avx512f", L7Ebx, 16, Avx512),
    ("avx512dq", L7Ebx, 17, Avx512),
    ("rdseed", L7Ebx, 18, Nothing),
    ("adx", L7Ebx, 19, Nothing),
    ("avx512ifma", L7Ebx, 21, Avx512),
    ("clflushopt", L7Ebx, 23, Nothing),
    ("clwb", L7Ebx, 24, Nothing),
    ("avx512cd", L7Ebx, 28, Avx512),
    ("sha", L7Ebx, 29, Nothing),
    ("avx512bw", L7Ebx, 30, Avx512),
    ("avx512vl", L7Ebx, 31, Avx512),
    ("avx512vbmi", L7Ecx, 1, Avx512),
    ("pku", L7Ecx, 4, Nothing),
    ("waitpkg", L7Ecx, 5, Nothing),
    ("avx512vbmi2", L7Ecx, 6, Avx512),
    ("shstk", L7Ecx, 7, Nothing),
    ("gfni", L7Ecx, 8, Nothing),
    ("vaes", L7Ecx, 9, Avx),
    ("vpclmulqdq", L7Ecx, 10, Avx),
    ("avx512vnni", L7Ecx, 11, Avx512),
    ("avx512bitalg", L7Ecx, 12, Avx512),
    ("avx512vpopcntdq", L7Ecx, 14, Avx512),
    ("rdpid", L7Ecx, 22, Nothing),
    ("kl", L7Ecx, 23, Nothing),
    ("cldemote", L7Ecx, 25, Nothing),
    ("movdiri", L7Ecx, 27, Nothing),
    ("movdir64b", L7Ecx, 28, Nothing),
    ("enqcmd", L7Ecx, 29, Nothing),
    ("uintr", L7Edx, 5, Nothing),
    ("avx512vp2intersect", L7Edx, 8, Avx512),
    ("serialize", L7Edx, 14, Nothing),
    ("tsxldtrk", L7Edx, 16, Nothing),
    ("pconfig", L7Edx, 18, Nothing),
    ("amx-bf16", L7Edx, 22, Amx),
    ("avx512fp16", L7Edx, 23, Avx512),
    ("amx-tile", L7Edx, 24, Amx),
    ("amx-int8", L7Edx, 25, Amx),
    ("sha512", L7s1Eax, 0, Nothing),
    ("sm3", L7s1Eax, 1, Nothing),
    ("sm4", L7s1Eax, 2, Nothing),
    ("raoint", L7s1Eax, 3, Nothing),
    ("avxvnni", L7s1Eax, 4, Avx),
    ("avx512bf16", L7s1Eax, 5, Avx512),
    ("cmpccxadd", L7s1Eax, 7, Nothing),
    ("amx-fp16", L7s1Eax, 21, Amx),
    ("hreset", L7s1Eax, 22, Nothing),
    ("avxifma", L7s1Eax, 23, Avx),
    ("movrs", L7s1Eax, 31, Nothing),
    ("avxvnniint8", L7s1Edx, 4, Avx),
    ("avxneconvert", L7s1Edx, 5, Avx),
    ("amx-complex", L7s1Edx, 8, Amx),
    ("avxvnniint16", L7s1Edx, 10, Avx),
    ("usermsr", L7s1Edx, 15, Nothing),
    ("xsaveopt", LdS1Eax, 0, Avx),
    ("xsavec", LdS1Eax, 1, Avx),
    ("xsaves", LdS1Eax, 3, Avx),
    ("ptwrite", L14Ebx, 4, Nothing),
    ("amx-fp8", L1eS1Eax, 4, Amx),
    ("amx-tf32", L1eS1Eax, 6, Amx),
    ("amx-avx512", L1eS1Eax, 7, Amx),
    ("amx-movrs", L1eS1Eax, 8, Amx),
];

/// APX's parts, all on exactly when the CPU has APX and the OS saves its registers.
const APX: &[&str] = &["egpr", "push2pop2", "ppx", "ndd", "ccmp", "nf", "cf", "zu"];

fn bit(value: u32, n: u32) -> bool {
    (value >> n) & 1 == 1
}

/// Detects the host through `cpuid(leaf, subleaf)` (`None` when the leaf is beyond the
/// highest one the CPU reports in its range) and `xcr0` (`None` when the OS has not enabled
/// XSAVE, so XGETBV may not be executed).
pub fn detect_with(cpuid: &dyn Fn(u32, u32) -> Option<Regs>, xcr0: &dyn Fn() -> u64) -> HostCpu {
    let mut host = HostCpu { vendor: Vendor::Other, family: 0, model: 0, features: Vec::new() };
    let Some(leaf0) = cpuid(0, 0).filter(|r| r.eax >= 1) else { return host };
    host.vendor = match (leaf0.ebx, leaf0.edx, leaf0.ecx) {
        (0x756e_6547, 0x4965_6e69, 0x6c65_746e) => Vendor::Intel, // "GenuineIntel"
        (0x6874_7541, 0x6974_6e65, 0x444d_4163) => Vendor::Amd,   // "AuthenticAMD"
        _ => Vendor::Other,
    };
    let l1 = cpuid(1, 0).unwrap_or_default();
    (host.family, host.model) = family_and_model(l1.eax);

    let xcr0 = if bit(l1.ecx, 27) { Some(xcr0()) } else { None };
    let avx_save = xcr0.is_some_and(|x| bit(l1.ecx, 28) && x & 0x6 == 0x6);
    let avx512_save = avx_save && xcr0.is_some_and(|x| x & 0xe0 == 0xe0);
    let amx_save = xcr0.is_some_and(|x| x & (3 << 17) == 3 << 17);
    let apx_save = xcr0.is_some_and(|x| bit(x as u32, 19));

    let l7 = cpuid(7, 0);
    let l7s1 = l7.filter(|r| r.eax >= 1).and_then(|_| cpuid(7, 1));
    let ext1 = cpuid(0x8000_0001, 0);
    let regs = |src: Src| -> Option<u32> {
        Some(match src {
            L1Ecx => l1.ecx,
            L1Edx => l1.edx,
            L7Ebx => l7?.ebx,
            L7Ecx => l7?.ecx,
            L7Edx => l7?.edx,
            L7s1Eax => l7s1?.eax,
            L7s1Edx => l7s1?.edx,
            LdS1Eax => cpuid(0xd, 1)?.eax,
            L14Ebx => cpuid(0x14, 0)?.ebx,
            L1eS1Eax => cpuid(0x1e, 1)?.eax,
            Ext1Ecx => ext1?.ecx,
            Ext8Ebx => cpuid(0x8000_0008, 0)?.ebx,
        })
    };
    for &(name, src, n, needs) in BITS {
        let saved = match needs {
            Nothing => true,
            Avx => avx_save,
            Avx512 => avx512_save,
            Amx => amx_save,
        };
        host.features.push((name, saved && regs(src).is_some_and(|r| bit(r, n))));
    }
    host.features.push(("avx", avx_save));
    host.features.push(("64bit", ext1.is_some_and(|r| bit(r.edx, 29))));
    // AMD reports PREFETCHI in leaf 0x80000021, Intel in leaf 7.1.
    let amd_prefetchi = cpuid(0x8000_0021, 0).is_some_and(|r| bit(r.eax, 20));
    host.features.push(("prefetchi", amd_prefetchi || l7s1.is_some_and(|r| bit(r.edx, 14))));
    let widekl = l7.is_some() && cpuid(0x19, 0).is_some_and(|r| bit(r.ebx, 2));
    host.features.push(("widekl", widekl));
    let apx = apx_save && l7s1.is_some_and(|r| bit(r.edx, 21));
    host.features.extend(APX.iter().map(|&f| (f, apx)));
    let avx10 = l7s1.is_some_and(|r| bit(r.edx, 19));
    let avx10_version = cpuid(0x24, 0).map_or(0, |r| r.ebx & 0xff);
    host.features.push(("avx10.1", avx10 && avx10_version >= 1));
    host.features.push(("avx10.2", avx10 && avx10_version >= 2));
    host
}

/// Family and model with the extended fields, which only apply to families 6 and 15.
fn family_and_model(eax: u32) -> (u32, u32) {
    let mut family = (eax >> 8) & 0xf;
    let mut model = (eax >> 4) & 0xf;
    if family == 6 || family == 0xf {
        if family == 0xf {
            family += (eax >> 20) & 0xff;
        }
        model += ((eax >> 16) & 0xf) << 4;
    }
    (family, model)
}

/// This machine.
#[cfg(target_arch = "x86_64")]
pub fn detect() -> HostCpu {
    use std::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
    let max_basic = __cpuid(0).eax;
    let max_extended = __cpuid(0x8000_0000).eax;
    let cpuid = |leaf: u32, sub: u32| {
        let max = if leaf >= 0x8000_0000 { max_extended } else { max_basic };
        (leaf <= max).then(|| {
            let r = __cpuid_count(leaf, sub);
            Regs { eax: r.eax, ebx: r.ebx, ecx: r.ecx, edx: r.edx }
        })
    };
    // SAFETY: only called when CPUID.1:ECX.OSXSAVE is set, which makes XGETBV available.
    let xcr0 = || unsafe { _xgetbv(0) };
    detect_with(&cpuid, &xcr0)
}

/// Not an x86-64 host: LLVM reports no features (and the CPU name `generic`).
#[cfg(not(target_arch = "x86_64"))]
pub fn detect() -> HostCpu {
    detect_with(&|_, _| None, &|| 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AVX2 machine (Haswell-like, family 6 model 0x3c) whose OS saves AVX but not AVX-512
    /// state, although the CPU claims AVX512F.
    fn haswell_like(leaf: u32, sub: u32) -> Option<Regs> {
        let r = |eax, ebx, ecx, edx| Some(Regs { eax, ebx, ecx, edx });
        match (leaf, sub) {
            (0, _) => r(0xd, 0x756e_6547, 0x6c65_746e, 0x4965_6e69),
            (1, _) => r(0x0003_06c3, 0, (1 << 27) | (1 << 28) | (1 << 12) | (1 << 20) | 1, 1 << 26),
            (7, 0) => r(0, (1 << 5) | (1 << 8) | (1 << 16), 0, 0),
            (0xd, 1) => r(1, 0, 0, 0),
            (0x8000_0000, _) => r(0x8000_0001, 0, 0, 0),
            (0x8000_0001, _) => r(0, 0, 1 << 5, 1 << 29),
            _ => None,
        }
    }

    #[test]
    fn os_support_gates_vector_features() {
        let host = detect_with(&haswell_like, &|| 0x7);
        assert_eq!(host.vendor, Vendor::Intel);
        assert_eq!((host.family, host.model), (6, 0x3c));
        for f in ["avx", "avx2", "fma", "bmi2", "sse4.2", "crc32", "lzcnt", "64bit", "xsaveopt"] {
            assert!(host.has(f), "{f} should be on");
        }
        assert!(!host.has("avx512f"), "the OS does not save ZMM state");
        assert!(host.features.iter().any(|&(f, on)| f == "avx512f" && !on), "reported as off");
        let no_os_avx = detect_with(&haswell_like, &|| 0x3);
        assert!(!no_os_avx.has("avx") && !no_os_avx.has("avx2") && no_os_avx.has("sse4.2"));
    }
}
