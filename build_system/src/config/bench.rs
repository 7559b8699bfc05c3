//! The `bench_*` settings of `config.toml` (see config.example.toml). `config.rs` hands every
//! key listed in [`KEYS`] to [`Settings::set`]; they live here rather than under `bench/` so
//! that loading the configuration does not depend on the benchmark code.

use std::path::PathBuf;
use std::time::Duration;

use crate::mini_toml::Value;
use crate::util::Result;

pub const KEYS: &[&str] =
    &["bench_reps", "bench_crates", "bench_configs", "bench_timeout", "callgrind_crate", "cg_clif_dylib"];

#[derive(Debug, Clone)]
pub struct Settings {
    /// Repetitions of every measurement (builds and program runs).
    pub reps: usize,
    /// Extra crate directories to benchmark besides bench/crates/*.
    pub extra_crates: Vec<PathBuf>,
    /// Configurations to run (names from `configs::ALL`, plus `cg_clif`); empty = all.
    pub configs: Vec<String>,
    /// Limit for one build or one program run.
    pub timeout: Duration,
    /// Crate whose final rustc invocation is measured under callgrind; empty = none.
    pub callgrind_crate: String,
    /// Path of a cg_clif dylib (`librustc_codegen_cranelift.so`); adds the `cg_clif` config.
    pub cg_clif_dylib: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reps: 3,
            extra_crates: Vec::new(),
            configs: Vec::new(),
            timeout: Duration::from_secs(1200),
            callgrind_crate: "bigmatch".to_string(),
            cg_clif_dylib: None,
        }
    }
}

impl Settings {
    pub fn set(&mut self, key: &str, value: Value) -> Result {
        match (key, value) {
            ("bench_reps", Value::Int(n)) if n > 0 => self.reps = n as usize,
            ("bench_crates", Value::StrArray(v)) => {
                self.extra_crates = v.into_iter().map(PathBuf::from).collect()
            }
            ("bench_configs", Value::StrArray(v)) => self.configs = v,
            ("bench_timeout", Value::Int(n)) if n > 0 => self.timeout = Duration::from_secs(n as u64),
            ("callgrind_crate", Value::Str(s)) => self.callgrind_crate = s,
            ("cg_clif_dylib", Value::Str(s)) => {
                self.cg_clif_dylib = (!s.is_empty()).then(|| PathBuf::from(s))
            }
            (key, v) => return Err(format!("invalid value {v:?} for `{key}`")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_values() {
        let mut s = Settings::default();
        s.set("bench_reps", Value::Int(5)).unwrap();
        s.set("cg_clif_dylib", Value::Str("/x/lib.so".into())).unwrap();
        s.set("bench_configs", Value::StrArray(vec!["llvm".into()])).unwrap();
        assert_eq!(s.reps, 5);
        assert_eq!(s.cg_clif_dylib.as_deref(), Some(std::path::Path::new("/x/lib.so")));
        assert_eq!(s.configs, ["llvm"]);
        assert!(s.set("bench_reps", Value::Int(0)).is_err());
        assert!(s.set("callgrind_crate", Value::Int(1)).is_err());
    }
}
