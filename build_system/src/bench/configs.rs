//! The compiler configurations a benchmark compares: LLVM, fastclif with each register
//! allocator, and optionally upstream cg_clif loaded by path.

use std::path::PathBuf;
use std::process::Command;

use crate::util::Result;

/// Names of the built-in configurations, in report order.
pub const ALL: &[&str] = &["llvm", "fastclif-ion", "fastclif-upstream-fast", "fastclif-fast"];

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// rustc's default backend.
    Llvm,
    /// Our backend (installed in the sysroot) with this `fastclif-regalloc` value.
    Fastclif(&'static str),
    /// Another backend dylib, loaded with `-Zcodegen-backend=<path>` (cg_clif).
    Dylib(PathBuf),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BenchConfig {
    pub name: String,
    pub kind: Kind,
}

impl BenchConfig {
    /// `wanted` filters by name (empty = all); `cg_clif` adds the `cg_clif` configuration.
    pub fn select(wanted: &[String], cg_clif: Option<&PathBuf>) -> Result<Vec<BenchConfig>> {
        let mut all: Vec<BenchConfig> = ALL
            .iter()
            .map(|name| BenchConfig {
                name: name.to_string(),
                kind: match name.strip_prefix("fastclif-") {
                    None => Kind::Llvm,
                    Some(r) => Kind::Fastclif(regalloc_name(r)),
                },
            })
            .collect();
        if let Some(path) = cg_clif {
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            all.push(BenchConfig { name: "cg_clif".into(), kind: Kind::Dylib(path) });
        }
        for w in wanted {
            if !all.iter().any(|c| &c.name == w) {
                let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
                let hint = if w == "cg_clif" { " (set cg_clif_dylib in config.toml)" } else { "" };
                return Err(format!("unknown configuration `{w}`{hint}; known: {}", known.join(", ")));
            }
        }
        if !wanted.is_empty() {
            all.retain(|c| wanted.contains(&c.name));
        }
        Ok(all)
    }

    pub fn uses_fastclif(&self) -> bool {
        matches!(self.kind, Kind::Fastclif(_))
    }

    /// Prepares `cargo +<toolchain>` for a build with this configuration. Must be called
    /// before the subcommand is added: it may add the `-Zcodegen-backend` cargo flag.
    /// Cargo passes RUSTFLAGS to LLVM probes too, so fastclif's options travel as its
    /// environment variables and the backend is selected through the profile.
    pub fn apply_to_cargo(&self, cmd: &mut Command) {
        cmd.env_remove("FASTCLIF_REGALLOC")
            .env_remove("FASTCLIF_CHECK_REGALLOC")
            .env_remove("CARGO_PROFILE_DEV_CODEGEN_BACKEND")
            .env_remove("RUSTFLAGS");
        match &self.kind {
            Kind::Llvm => {}
            Kind::Fastclif(regalloc) => {
                cmd.arg("-Zcodegen-backend")
                    .env("CARGO_PROFILE_DEV_CODEGEN_BACKEND", "fastclif")
                    .env("FASTCLIF_REGALLOC", regalloc);
            }
            Kind::Dylib(path) => {
                cmd.env("RUSTFLAGS", format!("-Zcodegen-backend={}", path.display()));
            }
        }
    }

    /// Flags for a direct `rustc` invocation.
    pub fn rustc_args(&self) -> Vec<String> {
        match &self.kind {
            Kind::Llvm => Vec::new(),
            Kind::Fastclif(regalloc) => {
                vec!["-Zcodegen-backend=fastclif".into(), format!("-Cllvm-args=fastclif-regalloc={regalloc}")]
            }
            Kind::Dylib(path) => vec![format!("-Zcodegen-backend={}", path.display())],
        }
    }
}

fn regalloc_name(suffix: &str) -> &'static str {
    match suffix {
        "ion" => "ion",
        "upstream-fast" => "upstream-fast",
        _ => "fast",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_and_flags() {
        let all = BenchConfig::select(&[], None).unwrap();
        assert_eq!(all.len(), ALL.len());
        assert_eq!(all[3].kind, Kind::Fastclif("fast"));
        let some = BenchConfig::select(&["fastclif-ion".into()], None).unwrap();
        assert_eq!(some[0].rustc_args(), ["-Zcodegen-backend=fastclif", "-Cllvm-args=fastclif-regalloc=ion"]);
        assert!(BenchConfig::select(&["cg_clif".into()], None).is_err());
        let lib = PathBuf::from("/opt/cg/librustc_codegen_cranelift.so");
        let with = BenchConfig::select(&["cg_clif".into()], Some(&lib)).unwrap();
        assert_eq!(with[0].rustc_args(), [format!("-Zcodegen-backend={}", lib.display())]);

        let mut cmd = Command::new("cargo");
        some[0].apply_to_cargo(&mut cmd);
        let args: Vec<_> = cmd.get_args().collect();
        assert_eq!(args, ["-Zcodegen-backend"]);
        let env: Vec<_> = cmd.get_envs().filter(|(_, v)| v.is_some()).collect();
        assert_eq!(env.len(), 2);
    }
}
