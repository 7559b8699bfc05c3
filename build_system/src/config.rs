//! Settings read from `config.toml` at the repository root (optional; see
//! `config.example.toml`), plus the environment variables that override them.

pub mod bench;

use std::path::Path;
use std::time::Duration;

use crate::mini_toml::{self, Value};
use crate::util::Result;

#[derive(Debug, Clone)]
pub struct Config {
    /// Seconds a compiled test program may run before it is killed and counted as failed.
    pub test_timeout: Duration,
    /// Seconds one rustc invocation of the test harness may take.
    pub compile_timeout: Duration,
    /// Seconds one `cargo test` of a real crate (build + run) may take.
    pub crate_timeout: Duration,
    /// Test programs handled in parallel; 0 means "number of CPUs".
    pub jobs: usize,
    /// Extra rustc flags for the fastclif side of the program tests and the cargo project.
    pub test_rustflags: Vec<String>,
    /// Print every command and the full output of failing tests.
    pub verbose: bool,
    /// Whether the test suites keep what they built once it has passed (faster reruns) or
    /// delete it as they go (a machine with little disk, such as CI's).
    pub keep_test_builds: bool,
    /// Cargo profile the backend is built with: `dist` (whole-program optimized, what users
    /// get) or `release` (minutes faster to rebuild while working on the backend).
    pub backend_profile: BackendProfile,
    /// `./y.sh bench` settings (the `bench_*` keys, see config/bench.rs).
    pub bench: bench::Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            test_timeout: Duration::from_secs(20),
            compile_timeout: Duration::from_secs(120),
            crate_timeout: Duration::from_secs(1800),
            jobs: 0,
            test_rustflags: Vec::new(),
            verbose: false,
            keep_test_builds: true,
            backend_profile: BackendProfile::Dist,
            bench: Default::default(),
        }
    }
}

impl Config {
    /// Loads `<root>/config.toml` if it exists, then applies environment overrides.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("config.toml");
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        if let Ok(flags) = std::env::var("FASTCLIF_TEST_RUSTFLAGS") {
            config.test_rustflags.extend(flags.split_whitespace().map(str::to_string));
        }
        if std::env::var("FASTCLIF_VERBOSE").is_ok_and(|v| !v.is_empty() && v != "0") {
            config.verbose = true;
        }
        if let Ok(keep) = std::env::var("FASTCLIF_KEEP_TEST_BUILDS") {
            config.keep_test_builds = match keep.as_str() {
                "1" | "true" => true,
                "0" | "false" => false,
                other => {
                    return Err(format!(
                        "FASTCLIF_KEEP_TEST_BUILDS={other}: expected one of 1, true, 0, false"
                    ));
                }
            };
        }
        if let Ok(profile) = std::env::var("FASTCLIF_BACKEND_PROFILE") {
            config.backend_profile = BackendProfile::parse(&profile)
                .map_err(|e| format!("FASTCLIF_BACKEND_PROFILE={profile}: {e}"))?;
        }
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config> {
        let mut config = Config::default();
        for entry in mini_toml::parse(text)? {
            let at = format!("line {}", entry.line);
            if !entry.section.is_empty() {
                return Err(format!(
                    "{at}: sections are not used in config.toml (found [{}])",
                    entry.section
                ));
            }
            match (entry.key.as_str(), entry.value) {
                ("test_timeout", Value::Int(n)) if n > 0 => {
                    config.test_timeout = Duration::from_secs(n as u64)
                }
                ("compile_timeout", Value::Int(n)) if n > 0 => {
                    config.compile_timeout = Duration::from_secs(n as u64)
                }
                ("crate_timeout", Value::Int(n)) if n > 0 => {
                    config.crate_timeout = Duration::from_secs(n as u64)
                }
                ("jobs", Value::Int(n)) if n >= 0 => config.jobs = n as usize,
                ("test_rustflags", Value::StrArray(flags)) => config.test_rustflags = flags,
                ("verbose", Value::Bool(b)) => config.verbose = b,
                ("keep_test_builds", Value::Bool(b)) => config.keep_test_builds = b,
                ("backend_profile", Value::Str(name)) => {
                    config.backend_profile = BackendProfile::parse(&name).map_err(|e| format!("{at}: {e}"))?
                }
                (
                    key @ ("test_timeout" | "compile_timeout" | "crate_timeout" | "jobs" | "test_rustflags"
                    | "verbose" | "keep_test_builds" | "backend_profile"),
                    v,
                ) => {
                    return Err(format!("{at}: invalid value {v:?} for `{key}`"));
                }
                (key, v) if bench::KEYS.contains(&key) => {
                    config.bench.set(key, v).map_err(|e| format!("{at}: {e}"))?
                }
                (key, _) => {
                    return Err(format!(
                        "{at}: unknown setting `{key}` (known: test_timeout, compile_timeout, crate_timeout, jobs, test_rustflags, verbose, keep_test_builds, backend_profile, {})",
                        bench::KEYS.join(", ")
                    ));
                }
            }
        }
        Ok(config)
    }

    /// Number of worker threads for the program tests.
    pub fn effective_jobs(&self) -> usize {
        if self.jobs > 0 { self.jobs } else { std::thread::available_parallelism().map_or(1, |n| n.get()) }
    }
}

/// The Cargo profile of the backend build (`[profile.dist]` in Cargo.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendProfile {
    Dist,
    Release,
}

impl BackendProfile {
    fn parse(name: &str) -> Result<BackendProfile> {
        match name {
            "dist" => Ok(BackendProfile::Dist),
            "release" => Ok(BackendProfile::Release),
            other => Err(format!("unknown backend profile `{other}` (expected `dist` or `release`)")),
        }
    }

    /// The profile's name, which is also its directory under the target directory.
    pub fn name(self) -> &'static str {
        match self {
            BackendProfile::Dist => "dist",
            BackendProfile::Release => "release",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses() {
        let text = include_str!("../../config.example.toml");
        Config::parse(text).expect("config.example.toml must stay valid");
    }

    #[test]
    fn reads_settings() {
        let c = Config::parse(
            "test_timeout = 5\njobs = 1\ntest_rustflags = [\"-Cdebuginfo=2\"]\nverbose = true\nkeep_test_builds = false\nbackend_profile = \"release\"\n",
        )
        .unwrap();
        assert_eq!(c.test_timeout, Duration::from_secs(5));
        assert_eq!(c.jobs, 1);
        assert_eq!(c.test_rustflags, ["-Cdebuginfo=2"]);
        assert!(c.verbose);
        assert!(!c.keep_test_builds);
        assert_eq!(c.backend_profile, BackendProfile::Release);
        assert!(
            Config::parse("backend_profile = \"fast\"\n")
                .unwrap_err()
                .contains("expected `dist` or `release`")
        );
    }

    #[test]
    fn rejects_unknown_and_mistyped() {
        assert!(Config::parse("tset_timeout = 5").unwrap_err().contains("unknown setting"));
        assert!(Config::parse("jobs = \"2\"").unwrap_err().contains("invalid value"));
        assert!(Config::parse("[x]\njobs = 2").is_err());
    }
}
