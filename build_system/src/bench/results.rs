//! What a `./y.sh bench` run measured, in the form the report and the charts read. Kept out
//! of `mod.rs` so that the measuring modules, which fill these in, need not import the module
//! that calls them.

use super::scaling::growth::Point;
use super::stats;

/// Results of one benchmark × configuration.
#[derive(Debug, Clone)]
pub struct Cell {
    pub bench: String,
    pub config: String,
    /// Seconds, one per successful repetition.
    pub times: Vec<f64>,
    /// Peak RSS in KiB (compile: the largest rustc of the build).
    pub rss_kb: Option<u64>,
    /// Set when the configuration failed; later repetitions are skipped.
    pub error: Option<String>,
    /// Program output (runtime benchmarks).
    pub output: Option<String>,
}

impl Cell {
    pub fn new(bench: &str, config: &str) -> Cell {
        Cell {
            bench: bench.to_string(),
            config: config.to_string(),
            times: Vec::new(),
            rss_kb: None,
            error: None,
            output: None,
        }
    }
    pub fn summary(&self) -> Option<stats::Summary> {
        if self.error.is_some() { None } else { stats::summarize(&self.times) }
    }
    pub fn median(&self) -> Option<f64> {
        self.summary().map(|s| s.median)
    }
}

/// Everything one `./y.sh bench` run measured.
#[derive(Debug, Default)]
pub struct Results {
    pub configs: Vec<String>,
    pub compile: Vec<Cell>,
    pub runtime: Vec<Cell>,
    pub callgrind: Vec<CgResult>,
    /// `bench scaling`: one point per shape and size.
    pub scaling: Vec<Point>,
    /// Free-form lines for the report's header (machine, commit, ...).
    pub notes: Vec<(String, String)>,
}

/// Instruction counts of one crate's final rustc under one configuration (`callgrind.rs`).
#[derive(Debug, Clone)]
pub struct CgResult {
    pub krate: String,
    pub config: String,
    /// Instructions of the whole rustc process.
    pub total: Option<u64>,
    /// Inclusive instructions per entry of [`super::callgrind::PHASES`].
    pub phases: Vec<Option<u64>>,
    pub error: Option<String>,
}

impl CgResult {
    pub fn regalloc_share(&self) -> Option<f64> {
        let ra = *self.phases.last()?;
        Some(ra? as f64 / self.total? as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_summary_ignores_failed() {
        let mut c = Cell::new("a", "b");
        c.times = vec![1.0, 3.0, 2.0];
        assert_eq!(c.median(), Some(2.0));
        c.error = Some("x".into());
        assert_eq!(c.median(), None);
    }
}
