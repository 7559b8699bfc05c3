//! The CPU name LLVM gives this machine for `-Ctarget-cpu=native` (`sys::getHostCPUName` in
//! LLVM 22's `llvm/lib/TargetParser/Host.cpp`): a table of Intel and AMD families and models,
//! with a feature-based guess for unknown Intel family-6 models. Its features are the base that
//! the detected feature bits then correct.

use super::host_features::{HostCpu, Vendor};

pub fn llvm_cpu_name(host: &HostCpu) -> &'static str {
    let name = match host.vendor {
        Vendor::Intel => intel(host),
        Vendor::Amd => amd(host.family, host.model, |f| host.has(f)),
        Vendor::Other => None,
    };
    name.unwrap_or("generic")
}

fn intel(host: &HostCpu) -> Option<&'static str> {
    let has = |f: &str| host.has(f);
    Some(match host.family {
        3 => "i386",
        4 => "i486",
        5 if has("mmx") => "pentium-mmx",
        5 => "pentium",
        6 if host.model == 0x55 && has("avx512bf16") => "cooperlake",
        6 if host.model == 0x55 && has("avx512vnni") => "cascadelake",
        6 if host.model == 0x55 => "skylake-avx512",
        6 => intel_family_6(host.model).unwrap_or_else(|| intel_guess(has)),
        0xf if has("64bit") => "nocona",
        0xf if has("sse3") => "prescott",
        0xf => "pentium4",
        0x13 if host.model == 0x01 => "diamondrapids",
        0x12 if matches!(host.model, 0x1 | 0x3) => "novalake",
        _ => return None,
    })
}

fn intel_family_6(model: u32) -> Option<&'static str> {
    Some(match model {
        0x0f | 0x16 => "core2",
        0x17 | 0x1d => "penryn",
        0x1a | 0x1e | 0x1f | 0x2e => "nehalem",
        0x25 | 0x2c | 0x2f => "westmere",
        0x2a | 0x2d => "sandybridge",
        0x3a | 0x3e => "ivybridge",
        0x3c | 0x3f | 0x45 | 0x46 => "haswell",
        0x3d | 0x47 | 0x4f | 0x56 => "broadwell",
        0x4e | 0x5e | 0x8e | 0x9e | 0xa5 | 0xa6 => "skylake",
        0xa7 => "rocketlake",
        0x66 => "cannonlake",
        0x7d | 0x7e => "icelake-client",
        0x8c | 0x8d => "tigerlake",
        0x97 | 0x9a => "alderlake",
        0xbe => "gracemont",
        0xb7 | 0xba | 0xbf => "raptorlake",
        0xaa | 0xac => "meteorlake",
        0xc5 | 0xb5 => "arrowlake",
        0xc6 => "arrowlake-s",
        0xbd => "lunarlake",
        0xcc => "pantherlake",
        0xd5 => "wildcatlake",
        0xad => "graniterapids",
        0xae => "graniterapids-d",
        0x6a | 0x6c => "icelake-server",
        0xcf => "emeraldrapids",
        0x8f => "sapphirerapids",
        0x1c | 0x26 | 0x27 | 0x35 | 0x36 => "bonnell",
        0x37 | 0x4a | 0x4d | 0x5a | 0x5d | 0x4c => "silvermont",
        0x5c | 0x5f => "goldmont",
        0x7a => "goldmont-plus",
        0x86 | 0x8a | 0x96 | 0x9c => "tremont",
        0xaf => "sierraforest",
        0xb6 => "grandridge",
        0xdd => "clearwaterforest",
        0x57 => "knl",
        0x85 => "knm",
        _ => return None,
    })
}

/// Unknown family-6 models, named after their newest feature.
fn intel_guess(has: impl Fn(&str) -> bool) -> &'static str {
    const BY_FEATURE: &[(&str, &str)] = &[
        ("avx512vp2intersect", "tigerlake"),
        ("avx512vbmi2", "icelake-client"),
        ("avx512vbmi", "cannonlake"),
        ("avx512bf16", "cooperlake"),
        ("avx512vnni", "cascadelake"),
        ("avx512vl", "skylake-avx512"),
    ];
    if let Some((_, name)) = BY_FEATURE.iter().find(|(f, _)| has(f)) {
        return name;
    }
    match () {
        _ if has("clflushopt") && has("sha") => "goldmont",
        _ if has("clflushopt") => "skylake",
        _ if has("adx") => "broadwell",
        _ if has("avx2") => "haswell",
        _ if has("avx") => "sandybridge",
        _ if has("sse4.2") && has("movbe") => "silvermont",
        _ if has("sse4.2") => "nehalem",
        _ if has("sse4.1") => "penryn",
        _ if has("ssse3") && has("movbe") => "bonnell",
        _ if has("ssse3") || has("64bit") => "core2",
        _ if has("sse3") => "yonah",
        _ if has("sse2") => "pentium-m",
        _ if has("sse") => "pentium3",
        _ if has("mmx") => "pentium2",
        _ => "pentiumpro",
    }
}

fn amd(family: u32, model: u32, has: impl Fn(&str) -> bool) -> Option<&'static str> {
    let in_ranges = |ranges: &[(u32, u32)]| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&model));
    Some(match family {
        4 => "i486",
        5 => match model {
            6 | 7 => "k6",
            8 => "k6-2",
            9 | 13 => "k6-3",
            10 => "geode",
            _ => "pentium",
        },
        6 if has("sse") => "athlon-xp",
        6 => "athlon",
        15 if has("sse3") => "k8-sse3",
        15 => "k8",
        16 | 18 => "amdfam10",
        20 => "btver1",
        21 => match model {
            0x60..=0x7f => "bdver4",
            0x30..=0x3f => "bdver3",
            0x02 | 0x10..=0x1f => "bdver2",
            _ => "bdver1",
        },
        22 => "btver2",
        23 if in_ranges(&[(0x30, 0x3f), (0x47, 0x47), (0x60, 0x7f), (0x84, 0x87), (0x90, 0xaf)]) => "znver2",
        23 => "znver1",
        25 if in_ranges(&[(0x10, 0x1f), (0x60, 0x7f), (0xa0, 0xaf)]) => "znver4",
        25 => "znver3",
        26 => "znver5",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cpu(vendor: Vendor, family: u32, model: u32, features: &[&'static str]) -> HostCpu {
        HostCpu { vendor, family, model, features: features.iter().map(|&f| (f, true)).collect() }
    }

    #[test]
    fn names_follow_llvm() {
        // This machine's kind: an EPYC of family 19h, model 11h (Zen 4, "Stones").
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Amd, 25, 0x11, &[])), "znver4");
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Amd, 25, 0x21, &[])), "znver3");
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Amd, 23, 0x31, &[])), "znver2");
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Intel, 6, 0x55, &["avx512vl", "avx512vnni"])), "cascadelake");
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Intel, 6, 0x99, &["avx2", "avx"])), "haswell");
        assert_eq!(llvm_cpu_name(&cpu(Vendor::Other, 6, 0x3c, &["avx2"])), "generic");
    }
}
