//! Backend options passed by users through `-Cllvm-args=fastclif-...`.

use rustc_session::config::OptLevel;

/// Which register allocator Cranelift uses for this compilation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegallocChoice {
    /// fastclif's own single-pass allocator.
    Fast,
    /// regalloc2's backtracking allocator (Ion).
    Ion,
    /// regalloc2's own single-pass allocator (fastalloc).
    UpstreamFast,
}

impl RegallocChoice {
    pub const VALID: &'static str = "fast, ion, upstream-fast";

    fn parse(text: &str) -> Option<Self> {
        match text {
            "fast" => Some(Self::Fast),
            "ion" => Some(Self::Ion),
            "upstream-fast" => Some(Self::UpstreamFast),
            _ => None,
        }
    }

    /// Value of Cranelift's `regalloc_algorithm` setting for this choice.
    pub fn cranelift_setting(self) -> &'static str {
        match self {
            Self::Ion => "backtracking",
            Self::Fast | Self::UpstreamFast => "single_pass",
        }
    }
}

#[derive(Clone, Debug)]
pub struct BackendOptions {
    pub regalloc: RegallocChoice,
    /// Run regalloc2's symbolic checker on every allocated function.
    pub check_regalloc: bool,
}

impl Default for BackendOptions {
    fn default() -> Self {
        BackendOptions { regalloc: RegallocChoice::Fast, check_regalloc: false }
    }
}

impl BackendOptions {
    /// Reads the `fastclif-*` entries of `-Cllvm-args`; any other entry is an error because
    /// this backend has no LLVM to forward it to.
    pub fn from_llvm_args(args: &[String], opt: OptLevel) -> Result<Self, String> {
        Self::from_sources(args, opt, |key| std::env::var(key).ok())
    }

    /// Flags win over the environment (`FASTCLIF_REGALLOC`, `FASTCLIF_CHECK_REGALLOC`), which
    /// exists because cargo also hands `RUSTFLAGS` to LLVM-backed probes that reject our flags.
    fn from_sources(
        args: &[String],
        opt: OptLevel,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let default_regalloc = if opt == OptLevel::No { RegallocChoice::Fast } else { RegallocChoice::Ion };
        let mut opts = BackendOptions { regalloc: default_regalloc, check_regalloc: false };
        if let Some(v) = env("FASTCLIF_REGALLOC").filter(|v| !v.is_empty()) {
            opts.regalloc = RegallocChoice::parse(&v).ok_or_else(|| {
                format!("invalid value `{v}` in FASTCLIF_REGALLOC; valid values: {}", RegallocChoice::VALID)
            })?;
        }
        if env("FASTCLIF_CHECK_REGALLOC").is_some_and(|v| !v.is_empty() && v != "0") {
            opts.check_regalloc = true;
        }
        for arg in args.iter().flat_map(|a| a.split_whitespace()) {
            let (key, value) = match arg.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (arg, None),
            };
            match (key, value) {
                ("fastclif-regalloc", Some(v)) => {
                    opts.regalloc = RegallocChoice::parse(v).ok_or_else(|| {
                        format!(
                            "invalid value `{v}` for `-Cllvm-args=fastclif-regalloc`; valid values: {}",
                            RegallocChoice::VALID
                        )
                    })?;
                }
                ("fastclif-regalloc", None) => {
                    return Err(format!(
                        "`-Cllvm-args=fastclif-regalloc` needs a value; valid values: {}",
                        RegallocChoice::VALID
                    ));
                }
                ("fastclif-check-regalloc", None) => opts.check_regalloc = true,
                _ => {
                    return Err(format!(
                        "unknown `-Cllvm-args` option `{arg}` for the fastclif backend; valid options: \
                         fastclif-regalloc=<{}>, fastclif-check-regalloc",
                        RegallocChoice::VALID.replace(", ", "|")
                    ));
                }
            }
        }
        Ok(opts)
    }

    /// Tells the patched `regalloc2` crate which single-pass engine answers
    /// `Algorithm::Fastalloc` requests from Cranelift.
    pub fn apply_to_allocator(&self) {
        regalloc2::set_single_pass_engine(match self.regalloc {
            RegallocChoice::UpstreamFast => regalloc2::SinglePassEngine::Upstream,
            RegallocChoice::Fast | RegallocChoice::Ion => regalloc2::SinglePassEngine::Fastclif,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_opt_level() {
        assert_eq!(BackendOptions::from_llvm_args(&[], OptLevel::No).unwrap().regalloc, RegallocChoice::Fast);
        assert_eq!(
            BackendOptions::from_llvm_args(&[], OptLevel::More).unwrap().regalloc,
            RegallocChoice::Ion
        );
    }

    #[test]
    fn environment_is_overridden_by_flags() {
        let env = |k: &str| match k {
            "FASTCLIF_REGALLOC" => Some("ion".to_string()),
            "FASTCLIF_CHECK_REGALLOC" => Some("1".to_string()),
            _ => None,
        };
        let opts = BackendOptions::from_sources(&[], OptLevel::No, env).unwrap();
        assert_eq!(opts.regalloc, RegallocChoice::Ion);
        assert!(opts.check_regalloc);
        let flags = vec!["fastclif-regalloc=fast".to_string()];
        let opts = BackendOptions::from_sources(&flags, OptLevel::No, env).unwrap();
        assert_eq!(opts.regalloc, RegallocChoice::Fast);
        let bad = |k: &str| (k == "FASTCLIF_REGALLOC").then(|| "x".to_string());
        assert!(BackendOptions::from_sources(&[], OptLevel::No, bad).unwrap_err().contains("valid values"));
    }

    #[test]
    fn explicit_choice_and_errors() {
        let args = vec!["fastclif-regalloc=upstream-fast fastclif-check-regalloc".to_string()];
        let opts = BackendOptions::from_llvm_args(&args, OptLevel::No).unwrap();
        assert_eq!(opts.regalloc, RegallocChoice::UpstreamFast);
        assert!(opts.check_regalloc);
        let err =
            BackendOptions::from_llvm_args(&["fastclif-regalloc=greedy".into()], OptLevel::No).unwrap_err();
        assert!(err.contains("fast, ion, upstream-fast"), "{err}");
    }
}
