//! Crate test suites under each backend (part of `./y.sh bench runtime`): the published test
//! suites of SIMD-heavy crates, run the way `./y.sh test crates` runs them (`cargo test` with the
//! entry's features and arguments from `tests/crates.toml`), from an empty target directory, so
//! that what a user waits for is measured: building the tests, then running them. The crate's
//! own profile settings apply to both backends (memchr builds its tests at `opt-level = 3`).
//! Repetitions interleave the backends; the report gives medians per phase.

use std::fs;
use std::path::Path;
use std::time::Instant;

use super::stats::summarize;
use crate::crate_list::{self, CrateSpec};
use crate::crates::{self, Backend};
use crate::ctx::Ctx;
use crate::util::{self, Result};

/// The suites and their goals (fastclif's total time over LLVM's, issue 11).
const SUITES: &[(&str, f64)] = &[("memchr", 1.3), ("hashbrown", 1.2)];

/// One backend's samples for one crate.
#[derive(Default)]
struct Samples {
    build: Vec<f64>,
    run: Vec<f64>,
    error: Option<String>,
}

/// The median of samples that were taken (0 without any: only shown next to an error).
fn median(samples: &[f64]) -> f64 {
    summarize(samples).map_or(0.0, |s| s.median)
}

impl Samples {
    fn total(&self) -> Option<f64> {
        if self.error.is_some() || self.build.is_empty() {
            return None;
        }
        Some(median(&self.build) + median(&self.run))
    }
}

/// Runs every suite `reps` times per backend and returns the report (markdown), also written
/// to `suites.md` in `report_dir`.
pub fn run(ctx: &Ctx, work: &Path, report_dir: &Path, reps: usize) -> Result<String> {
    let specs = crate_list::load(&ctx.root)?;
    let mut rows = Vec::new();
    for &(name, goal) in SUITES {
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("`{name}` is not in tests/crates.toml"))?;
        let src = crates::source_dir(ctx, spec)?;
        let mut llvm = Samples::default();
        let mut fastclif = Samples::default();
        for rep in 1..=reps {
            for (label, backend, samples) in [
                ("llvm", Backend::Llvm, &mut llvm),
                ("fastclif", Backend::Fastclif { host_llvm: false }, &mut fastclif),
            ] {
                if samples.error.is_some() {
                    continue;
                }
                let target = work.join(format!("{name}-{label}"));
                print!("  {name} {label} rep {rep}: ");
                match measure(ctx, spec, &src, &target, backend) {
                    Ok((build, run)) => {
                        println!("build {build:.1}s, tests {run:.1}s");
                        samples.build.push(build);
                        samples.run.push(run);
                    }
                    Err(e) => {
                        println!("FAILED");
                        samples.error = Some(e);
                    }
                }
            }
        }
        rows.push(row(spec, goal, &llvm, &fastclif));
    }
    let report = format!(
        "Crate test suites (`cargo test` as `./y.sh test crates` runs it, from an empty target \
         directory; medians of {reps} interleaved repetitions)\n\n\
         | crate | LLVM build | LLVM tests | LLVM total | fastclif build | fastclif tests | fastclif total | \
         total fastclif/LLVM | goal |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n{}\n",
        rows.join("\n")
    );
    let path = report_dir.join("suites.md");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(report)
}

/// Builds the tests into an emptied `target`, then runs them: the two durations in seconds.
fn measure(ctx: &Ctx, spec: &CrateSpec, src: &Path, target: &Path, backend: Backend) -> Result<(f64, f64)> {
    if target.exists() {
        fs::remove_dir_all(target).map_err(|e| format!("cannot empty {}: {e}", target.display()))?;
    }
    let timeout = ctx.config.crate_timeout;
    let mut phases = [0.0; 2];
    for (i, args) in [&["--no-run"][..], &["--no-fail-fast"][..]].into_iter().enumerate() {
        let mut cmd = crates::cargo_test_command(ctx, spec, src, target, backend, args)?;
        let start = Instant::now();
        let out = util::run_captured(&mut cmd, timeout)?;
        phases[i] = start.elapsed().as_secs_f64();
        if !out.success() {
            let tail: Vec<String> = out.stderr_text().lines().rev().take(6).map(str::to_string).collect();
            return Err(format!(
                "`{}` ended with {}: {}",
                util::display_cmd(&cmd),
                out.status_text(),
                tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    Ok((phases[0], phases[1]))
}

fn row(spec: &CrateSpec, goal: f64, llvm: &Samples, fastclif: &Samples) -> String {
    let cells = |s: &Samples| match (&s.error, s.total()) {
        (Some(e), _) => format!("failed: {e} | | "),
        (None, Some(total)) => format!("{:.1}s | {:.1}s | {total:.1}s", median(&s.build), median(&s.run)),
        (None, None) => "– | – | –".to_string(),
    };
    let (ratio, verdict) = match (llvm.total(), fastclif.total()) {
        (Some(l), Some(f)) if l > 0.0 => {
            let r = f / l;
            (
                format!("{r:.2}×"),
                if r <= goal { format!("≤ {goal}× met") } else { format!("≤ {goal}× not met") },
            )
        }
        _ => ("–".to_string(), format!("≤ {goal}×")),
    };
    format!(
        "| {} {} | {} | {} | {ratio} | {verdict} |",
        spec.name,
        spec.version,
        cells(llvm),
        cells(fastclif)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> CrateSpec {
        crate_list::parse("[memchr]\nversion = \"2.8.3\"\n").unwrap().remove(0)
    }

    #[test]
    fn row_compares_median_totals_with_the_goal() {
        let llvm = Samples { build: vec![20.0, 22.0, 21.0], run: vec![5.0, 6.0, 7.0], error: None };
        let fast = Samples { build: vec![4.0, 5.0, 6.0], run: vec![30.0, 29.0, 28.0], error: None };
        let row = row(&spec(), 1.3, &llvm, &fast);
        assert!(row.contains("| 21.0s | 6.0s | 27.0s |"), "{row}");
        assert!(row.contains("| 1.26× | ≤ 1.3× met |"), "{row}");
        let slow = Samples { build: vec![4.0], run: vec![40.0], error: None };
        assert!(super::row(&spec(), 1.3, &llvm, &slow).contains("1.63× | ≤ 1.3× not met"));
    }

    #[test]
    fn a_failed_backend_has_no_ratio() {
        let llvm = Samples { build: vec![20.0], run: vec![5.0], error: None };
        let failed = Samples { error: Some("build failed".into()), ..Samples::default() };
        let row = row(&spec(), 1.2, &llvm, &failed);
        assert!(row.contains("failed: build failed"), "{row}");
        assert!(row.ends_with("| – | ≤ 1.2× |"), "{row}");
    }
}
