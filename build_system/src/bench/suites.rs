//! Crate test suites under each backend (part of `./y.sh bench runtime`): the published test
//! suites of SIMD-heavy crates, run the way `./y.sh test crates` runs them (`cargo test` with the
//! entry's features and arguments from `tests/crates.toml`), from an empty target directory, so
//! that what a user waits for is measured: building the tests, then running them. The crate's
//! own profile settings apply to both backends (memchr builds its tests at `opt-level = 3`).
//! Repetitions interleave the backends; the report gives medians per phase.
//!
//! A second table (`run_time`) is about the code each backend generates rather than the time to
//! generate it: the suites of regex and serde_json, ordinary debug-build test code, are built
//! once by LLVM, by fastclif and by fastclif with Cranelift's own register allocator (Ion), and
//! only their runs are timed.

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

/// The suites whose test runs compare generated code (issue 15).
const RUN_TIME_SUITES: &[&str] = &["regex", "serde_json"];

/// The builds `run_time` compares, with their labels.
const RUN_TIME_BACKENDS: [(&str, Backend); 3] = [
    ("llvm", Backend::Llvm),
    ("fastclif", Backend::Fastclif { host_llvm: false, regalloc: None }),
    ("fastclif-ion", Backend::Fastclif { host_llvm: false, regalloc: Some("ion") }),
];

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
                ("fastclif", Backend::Fastclif { host_llvm: false, regalloc: None }, &mut fastclif),
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
    empty(target)?;
    let build = cargo_phase(ctx, spec, src, target, backend, BUILD_TESTS)?;
    let run = cargo_phase(ctx, spec, src, target, backend, RUN_TESTS)?;
    Ok((build, run))
}

const BUILD_TESTS: &[&str] = &["--no-run"];
const RUN_TESTS: &[&str] = &["--no-fail-fast"];

fn empty(target: &Path) -> Result<()> {
    if target.exists() {
        fs::remove_dir_all(target).map_err(|e| format!("cannot empty {}: {e}", target.display()))?;
    }
    Ok(())
}

/// One `cargo test` with `args` (building or running the tests): its duration in seconds, or
/// the end of its error output.
fn cargo_phase(
    ctx: &Ctx,
    spec: &CrateSpec,
    src: &Path,
    target: &Path,
    backend: Backend,
    args: &[&str],
) -> Result<f64> {
    let mut cmd = crates::cargo_test_command(ctx, spec, src, target, backend, args)?;
    let start = Instant::now();
    let out = util::run_captured(&mut cmd, ctx.config.crate_timeout)?;
    let seconds = start.elapsed().as_secs_f64();
    if !out.success() {
        let tail: Vec<String> = out.stderr_text().lines().rev().take(6).map(str::to_string).collect();
        return Err(format!(
            "`{}` ended with {}: {}",
            util::display_cmd(&cmd),
            out.status_text(),
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ));
    }
    Ok(seconds)
}

/// Times the test runs of `RUN_TIME_SUITES` as built by each of `RUN_TIME_BACKENDS`: built once
/// each, then run `reps` times with the builds taking turns. Returns the report (markdown), also
/// written to `suites-runtime.md` in `report_dir`.
pub fn run_time(ctx: &Ctx, work: &Path, report_dir: &Path, reps: usize) -> Result<String> {
    let specs = crate_list::load(&ctx.root)?;
    let mut rows = Vec::new();
    for &name in RUN_TIME_SUITES {
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("`{name}` is not in tests/crates.toml"))?;
        let src = crates::source_dir(ctx, spec)?;
        let mut runs: [Samples; 3] = Default::default();
        let target = |label: &str| work.join(format!("{name}-{label}"));
        for (k, (label, backend)) in RUN_TIME_BACKENDS.into_iter().enumerate() {
            print!("  {name} {label} build: ");
            let built = empty(&target(label))
                .and_then(|()| cargo_phase(ctx, spec, &src, &target(label), backend, BUILD_TESTS));
            match built {
                Ok(seconds) => println!("{seconds:.1}s"),
                Err(e) => {
                    println!("FAILED");
                    runs[k].error = Some(e);
                }
            }
        }
        for rep in 1..=reps {
            for (k, (label, backend)) in RUN_TIME_BACKENDS.into_iter().enumerate() {
                if runs[k].error.is_some() {
                    continue;
                }
                print!("  {name} {label} tests, rep {rep}: ");
                match cargo_phase(ctx, spec, &src, &target(label), backend, RUN_TESTS) {
                    Ok(seconds) => {
                        println!("{seconds:.2}s");
                        runs[k].run.push(seconds);
                    }
                    Err(e) => {
                        println!("FAILED");
                        runs[k].error = Some(e);
                    }
                }
            }
        }
        rows.push(run_time_row(spec, &runs));
    }
    let report = format!(
        "Generated code: test suites run (`cargo test` as `./y.sh test crates` runs it, tests built \
         beforehand; medians of {reps} interleaved runs)\n\n\
         | crate | LLVM | fastclif | fastclif + Ion | fastclif/LLVM | fastclif/Ion |\n\
         | --- | --- | --- | --- | --- | --- |\n{}\n",
        rows.join("\n")
    );
    let path = report_dir.join("suites-runtime.md");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(report)
}

fn run_time_row(spec: &CrateSpec, runs: &[Samples; 3]) -> String {
    let time = |s: &Samples| match &s.error {
        Some(e) => format!("failed: {e}"),
        None if s.run.is_empty() => "–".to_string(),
        None => format!("{:.2}s", median(&s.run)),
    };
    let ratio = |a: &Samples, b: &Samples| {
        if a.error.is_some() || b.error.is_some() || a.run.is_empty() || b.run.is_empty() {
            return "–".to_string();
        }
        format!("{:.2}×", median(&a.run) / median(&b.run))
    };
    let [llvm, fastclif, ion] = runs;
    format!(
        "| {} {} | {} | {} | {} | {} | {} |",
        spec.name,
        spec.version,
        time(llvm),
        time(fastclif),
        time(ion),
        ratio(fastclif, llvm),
        ratio(fastclif, ion)
    )
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
    fn run_time_row_compares_medians_of_the_runs() {
        let runs = |v: &[f64]| Samples { run: v.to_vec(), ..Samples::default() };
        let row =
            run_time_row(&spec(), &[runs(&[2.0, 4.0, 3.0]), runs(&[3.3, 3.0, 2.7]), runs(&[2.0, 2.5, 9.0])]);
        assert_eq!(row, "| memchr 2.8.3 | 3.00s | 3.00s | 2.50s | 1.00× | 1.20× |");
        let failed = Samples { error: Some("no".into()), ..Samples::default() };
        let row = run_time_row(&spec(), &[runs(&[2.0]), runs(&[3.0]), failed]);
        assert!(row.ends_with("| failed: no | 1.50× | – |"), "{row}");
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
