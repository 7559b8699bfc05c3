//! `tests/crates.toml`: the crates.io crates whose test suites `./y.sh test crates` runs.
//! One `[name]` section per crate; see the comment at the top of that file for the keys.

use std::path::Path;

use crate::mini_toml::{self, Value};
use crate::util::Result;

/// libtest/cargo arguments used when an entry has no `test_args`.
pub const DEFAULT_TEST_ARGS: &[&str] = &["--tests"];

#[derive(Debug, Clone, PartialEq)]
pub struct CrateSpec {
    pub name: String,
    pub version: String,
    pub features: Vec<String>,
    /// Arguments after `cargo test --no-fail-fast`.
    pub test_args: Vec<String>,
    /// RUSTFLAGS for both the LLVM and the fastclif run (e.g. to tame a new lint).
    pub rustflags: Vec<String>,
    /// `NAME=VALUE` environment settings for both runs (e.g. a Cargo profile override).
    pub env: Vec<(String, String)>,
    pub ci: bool,
    /// Part of the SIMD suite (`./y.sh test crates --simd`): the crate uses vendor intrinsics
    /// or portable SIMD.
    pub simd: bool,
    /// `Some(reason)` when the crate is expected to fail with fastclif.
    pub expect_fail: Option<String>,
}

pub fn load(root: &Path) -> Result<Vec<CrateSpec>> {
    let path = root.join("tests/crates.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Fields of one section while it is being read.
#[derive(Default)]
struct Partial {
    version: Option<String>,
    features: Vec<String>,
    test_args: Option<Vec<String>>,
    rustflags: Vec<String>,
    env: Vec<String>,
    ci: bool,
    simd: bool,
    expect: Option<String>,
    reason: Option<String>,
}

pub fn parse(text: &str) -> Result<Vec<CrateSpec>> {
    let mut sections: Vec<(String, usize, Partial)> = Vec::new();
    for entry in mini_toml::parse(text)? {
        let at = format!("line {}", entry.line);
        if entry.section.is_empty() {
            return Err(format!("{at}: `{}` is outside a [crate] section", entry.key));
        }
        if sections.last().is_none_or(|(name, _, _)| *name != entry.section) {
            if sections.iter().any(|(name, _, _)| *name == entry.section) {
                return Err(format!("{at}: crate `{}` is listed twice", entry.section));
            }
            sections.push((entry.section.clone(), entry.line, Partial::default()));
        }
        let p = &mut sections.last_mut().unwrap().2;
        match (entry.key.as_str(), entry.value) {
            ("version", Value::Str(s)) => p.version = Some(s),
            ("features", Value::StrArray(a)) => p.features = a,
            ("test_args", Value::StrArray(a)) => p.test_args = Some(a),
            ("rustflags", Value::StrArray(a)) => p.rustflags = a,
            ("env", Value::StrArray(a)) => p.env = a,
            ("ci", Value::Bool(b)) => p.ci = b,
            ("simd", Value::Bool(b)) => p.simd = b,
            ("expect", Value::Str(s)) if s == "pass" || s == "fail" => p.expect = Some(s),
            ("reason", Value::Str(s)) => p.reason = Some(s),
            (
                key @ ("version" | "features" | "test_args" | "rustflags" | "ci" | "simd" | "expect"
                | "reason"),
                v,
            ) => {
                return Err(format!("{at}: invalid value {v:?} for `{key}`"));
            }
            (key, _) => {
                return Err(format!(
                    "{at}: unknown key `{key}` (known: version, features, test_args, rustflags, env, ci, simd, expect, reason)"
                ));
            }
        }
    }
    sections
        .into_iter()
        .map(|(name, line, p)| {
            let at = format!("[{name}] (line {line})");
            let version = p.version.ok_or_else(|| format!("{at}: no `version`"))?;
            if version.is_empty() || !version.chars().all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c))
            {
                return Err(format!("{at}: `version` must be one exact version, got `{version}`"));
            }
            let expect_fail = match (p.expect.as_deref(), p.reason) {
                (Some("fail"), Some(reason)) => Some(reason),
                (Some("fail"), None) => {
                    return Err(format!("{at}: expect = \"fail\" needs a `reason`"));
                }
                _ => None,
            };
            let mut env = Vec::with_capacity(p.env.len());
            for setting in &p.env {
                match setting.split_once('=') {
                    Some((key, value)) if !key.is_empty() => env.push((key.to_string(), value.to_string())),
                    _ => return Err(format!("{at}: `env` entries are NAME=VALUE, got `{setting}`")),
                }
            }
            Ok(CrateSpec {
                name,
                version,
                features: p.features,
                test_args: p
                    .test_args
                    .unwrap_or_else(|| DEFAULT_TEST_ARGS.iter().map(|s| s.to_string()).collect()),
                rustflags: p.rustflags,
                env,
                ci: p.ci,
                simd: p.simd,
                expect_fail,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_list_parses() {
        let list = parse(include_str!("../../tests/crates.toml")).unwrap();
        assert!(list.len() >= 20);
        assert!(list.iter().any(|c| c.ci));
        assert!(list.iter().filter(|c| c.simd).count() >= 40);
    }

    #[test]
    fn reads_entries() {
        let list = parse(
            "[itoa]\nversion = \"1.0.11\"\nci = true\n\
             [serde_json]\nversion = \"1.0.128\"\nsimd = true\nenv = [\"A=b=c\"]\ntest_args = [\"--lib\"]\nfeatures = [\"std\"]\nrustflags = [\"-Ax\"]\n\
             expect = \"fail\"\nreason = \"inline asm\"\n",
        )
        .unwrap();
        assert!(list[0].ci);
        assert_eq!(list[0].test_args, DEFAULT_TEST_ARGS);
        assert_eq!(list[1].test_args, ["--lib"]);
        assert_eq!(list[1].features, ["std"]);
        assert_eq!(list[1].rustflags, ["-Ax"]);
        assert!(list[0].rustflags.is_empty());
        assert_eq!(list[1].expect_fail.as_deref(), Some("inline asm"));
        assert!(!list[1].ci);
        assert!(list[1].simd && !list[0].simd);
        assert_eq!(list[1].env, [("A".to_string(), "b=c".to_string())]);
        assert!(parse("[x]\nversion = \"1\"\nenv = [\"novalue\"]\n").is_err());
    }

    #[test]
    fn rejects_bad_entries() {
        assert!(parse("version = \"1\"").is_err());
        assert!(parse("[a]\nci = true").unwrap_err().contains("no `version`"));
        assert!(parse("[a]\nversion = \"^1\"").is_err());
        assert!(parse("[a]\nversion = \"1\"\nexpect = \"fail\"").is_err());
        assert!(parse("[a]\nversion = \"1\"\nexpect = \"maybe\"").is_err());
        assert!(parse("[a]\nversion = \"1\"\nbogus = 1").is_err());
        assert!(parse("[a]\nversion = \"1\"\n[b]\nversion = \"1\"\n[a]\nci = true").is_err());
    }
}
