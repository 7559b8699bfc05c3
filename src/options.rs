//! Backend options: `-Cllvm-args=fastclif-...` and the `FASTCLIF_*` environment variables.
//!
//! The environment exists for Cargo, which also hands `RUSTFLAGS` to LLVM-backed probes that
//! reject fastclif's `-Cllvm-args`. Every variable the backend reads is listed in [`ENV_VARS`]
//! and recorded as an environment dependency (`# env-dep:` in dep-info, as `env!` does), so
//! Cargo rebuilds when one changes; an invalid value is an error listing the valid ones.

use std::ffi::OsStr;
use std::path::Path;

use rustc_session::Session;
use rustc_session::config::OptLevel;
use rustc_span::Symbol;

/// Every environment variable that changes what the backend produces.
pub const ENV_VARS: &[&str] = &["FASTCLIF_REGALLOC", "FASTCLIF_CHECK_REGALLOC", "FASTCLIF_AS"];

const CHECK_REGALLOC_VALID: &str = "1, true, 0, false (empty or unset: off)";
const ASSEMBLER_VALID: &str =
    "the name (found on PATH) or path of a GNU-compatible x86-64 assembler; empty or unset: `as`";

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
    /// An `llvm.*` intrinsic fastclif cannot compile is a compile error instead of a warning
    /// and a helper that aborts when called.
    pub strict_intrinsics: bool,
}

impl Default for BackendOptions {
    fn default() -> Self {
        BackendOptions { regalloc: RegallocChoice::Fast, check_regalloc: false, strict_intrinsics: false }
    }
}

impl BackendOptions {
    /// Reads the `fastclif-*` entries of `-Cllvm-args` and the `FASTCLIF_*` environment; any
    /// other `-Cllvm-args` entry is an error because this backend has no LLVM to forward it to.
    pub fn from_llvm_args(args: &[String], opt: OptLevel) -> Result<Self, String> {
        Self::from_sources(args, opt, env_var)
    }

    /// Flags win over the environment.
    fn from_sources(
        args: &[String],
        opt: OptLevel,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let default_regalloc = if opt == OptLevel::No { RegallocChoice::Fast } else { RegallocChoice::Ion };
        let mut opts =
            BackendOptions { regalloc: default_regalloc, check_regalloc: false, strict_intrinsics: false };
        if let Some(v) = env("FASTCLIF_REGALLOC").filter(|v| !v.is_empty()) {
            opts.regalloc = RegallocChoice::parse(&v).ok_or_else(|| {
                format!("invalid value `{v}` in FASTCLIF_REGALLOC; valid values: {}", RegallocChoice::VALID)
            })?;
        }
        opts.check_regalloc = parse_switch(env("FASTCLIF_CHECK_REGALLOC").as_deref()).ok_or_else(|| {
            format!(
                "invalid value `{}` in FASTCLIF_CHECK_REGALLOC; valid values: {CHECK_REGALLOC_VALID}",
                env("FASTCLIF_CHECK_REGALLOC").unwrap_or_default()
            )
        })?;
        // Only checked here, so that a wrong assembler is reported before anything is compiled.
        parse_assembler(env("FASTCLIF_AS"), std::env::var_os("PATH").as_deref())?;
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
                ("fastclif-strict-intrinsics", None) => opts.strict_intrinsics = true,
                _ => {
                    return Err(format!(
                        "unknown `-Cllvm-args` option `{arg}` for the fastclif backend; valid options: \
                         fastclif-regalloc=<{}>, fastclif-check-regalloc, fastclif-strict-intrinsics",
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

/// A variable's value; one that is not UTF-8 is kept (lossily) so that it fails validation
/// instead of passing for unset.
fn env_var(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

/// `FASTCLIF_CHECK_REGALLOC`: `None` for a value that is not one of the valid ones.
fn parse_switch(value: Option<&str>) -> Option<bool> {
    match value.unwrap_or("") {
        "" | "0" | "false" => Some(false),
        "1" | "true" => Some(true),
        _ => None,
    }
}

/// `FASTCLIF_AS`, checked against the directories of `path` (the `PATH` variable).
fn parse_assembler(value: Option<String>, path: Option<&OsStr>) -> Result<String, String> {
    let value = value.filter(|v| !v.is_empty()).unwrap_or_else(|| "as".to_string());
    let found = if value.contains('/') {
        Path::new(&value).is_file()
    } else {
        path.is_some_and(|path| std::env::split_paths(path).any(|dir| dir.join(&value).is_file()))
    };
    if found {
        Ok(value)
    } else {
        Err(format!("FASTCLIF_AS names `{value}`, which does not exist; valid values: {ASSEMBLER_VALID}"))
    }
}

/// The assembler for inline and global assembly (`FASTCLIF_AS`, default `as`).
pub fn assembler() -> Result<String, String> {
    parse_assembler(env_var("FASTCLIF_AS"), std::env::var_os("PATH").as_deref())
}

/// Adds every variable of [`ENV_VARS`] to the session's environment dependencies, which rustc
/// writes to dep-info as `# env-dep:NAME=VALUE` (or `# env-dep:NAME` when unset) for Cargo.
/// Must run before rustc writes dep-info; `init` does.
pub fn record_env_dependencies(sess: &Session) {
    let mut deps = sess.env_depinfo.borrow_mut();
    for name in ENV_VARS {
        deps.insert((Symbol::intern(name), std::env::var(name).ok().map(|v| Symbol::intern(&v))));
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
        assert!(!opts.strict_intrinsics);
        let strict = vec!["fastclif-strict-intrinsics".to_string()];
        assert!(BackendOptions::from_llvm_args(&strict, OptLevel::No).unwrap().strict_intrinsics);
        let err = BackendOptions::from_llvm_args(&["fastclif-strict-intrinsics=1".into()], OptLevel::No)
            .unwrap_err();
        assert!(err.contains("fastclif-strict-intrinsics"), "{err}");
        let err =
            BackendOptions::from_llvm_args(&["fastclif-regalloc=greedy".into()], OptLevel::No).unwrap_err();
        assert!(err.contains("fast, ion, upstream-fast"), "{err}");
    }

    fn with_env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        |k: &str| vars.iter().find(|(name, _)| *name == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn regalloc_environment_values() {
        for (value, want) in
            [("fast", RegallocChoice::Fast), ("ion", RegallocChoice::Ion), ("", RegallocChoice::Ion)]
        {
            let env = move |k: &str| (k == "FASTCLIF_REGALLOC").then(|| value.to_string());
            assert_eq!(BackendOptions::from_sources(&[], OptLevel::More, env).unwrap().regalloc, want);
        }
        let err = BackendOptions::from_sources(&[], OptLevel::No, with_env(&[("FASTCLIF_REGALLOC", "nope")]))
            .unwrap_err();
        assert!(err.contains("FASTCLIF_REGALLOC") && err.contains("fast, ion, upstream-fast"), "{err}");
    }

    #[test]
    fn check_regalloc_accepts_only_switch_values() {
        for (value, want) in [("1", true), ("true", true), ("0", false), ("false", false), ("", false)] {
            assert_eq!(parse_switch(Some(value)), Some(want), "{value}");
        }
        assert_eq!(parse_switch(None), Some(false));
        for bad in ["maybe", "yes", "2", "TRUE"] {
            assert_eq!(parse_switch(Some(bad)), None, "{bad}");
        }
        let err = BackendOptions::from_sources(
            &[],
            OptLevel::No,
            with_env(&[("FASTCLIF_CHECK_REGALLOC", "maybe")]),
        )
        .unwrap_err();
        assert!(err.contains("`maybe`") && err.contains("1, true, 0, false"), "{err}");
    }

    #[test]
    fn assembler_must_exist() {
        let path = std::env::var_os("PATH");
        assert_eq!(parse_assembler(None, path.as_deref()).unwrap(), "as");
        assert_eq!(parse_assembler(Some(String::new()), path.as_deref()).unwrap(), "as");
        assert_eq!(parse_assembler(Some("sh".into()), path.as_deref()).unwrap(), "sh");
        assert_eq!(parse_assembler(Some("/bin/sh".into()), None).unwrap(), "/bin/sh");
        let err = parse_assembler(Some("no-such-assembler-x".into()), path.as_deref()).unwrap_err();
        assert!(err.contains("no-such-assembler-x") && err.contains("valid values"), "{err}");
        assert!(parse_assembler(Some("as".into()), None).is_err(), "no PATH, no `as`");
    }
}
