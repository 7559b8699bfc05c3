//! `./y.sh bench edit`: the edit-compile loop a user waits on. ripgrep 14.1.1 is built once
//! per configuration (dev profile, its published lockfile); then, repetition by repetition and
//! configuration by configuration (interleaved), one string literal in the binary crate's
//! `main.rs` changes and `cargo build` runs again (`cargo check` for the floor). The wall time
//! of that command is the sample: cargo's fingerprinting, rustc's incremental front end, the
//! backend's work on the units the edit touched, and the link. Each build must contain the
//! new string, so a build that silently reused stale objects fails the bench.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::configs::BenchConfig;
use super::stats::{self, Summary, summarize};
use crate::crate_source::{self, Lockfile};
use crate::ctx::Ctx;
use crate::util::{self, Result};

const CRATE: &str = "ripgrep";
const VERSION: &str = "14.1.1";
const EDITED_FILE: &str = "crates/core/main.rs";
/// Text inside a string literal of `EDITED_FILE`; each edit appends a marker after it.
const ANCHOR: &str = "which means ripgrep probably";
/// The floor's name in the report: `cargo check` after the same edit.
const FLOOR: &str = "cargo check";

/// The goals of issue 16 for fastclif's rebuild wall time.
const GOAL_VS_LLVM: f64 = 0.6;
const GOAL_VS_CG_CLIF: f64 = 0.65;

/// One row of the report: a configuration (or the floor) and its rebuild times.
struct Row {
    name: String,
    samples: Vec<f64>,
    error: Option<String>,
}

impl Row {
    fn median(&self) -> Option<f64> {
        if self.error.is_some() { None } else { summarize(&self.samples).map(|s| s.median) }
    }
}

/// Runs the bench and returns its report (markdown), also written to `edit.md`.
pub fn run(
    ctx: &Ctx,
    work: &Path,
    report_dir: &Path,
    configs: &[BenchConfig],
    reps: usize,
) -> Result<String> {
    let src = crate_source::published(ctx, CRATE, VERSION, &work.join("sources"), Lockfile::Keep)?;
    let file = src.join(EDITED_FILE);
    let pristine = fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if !pristine.contains(ANCHOR) {
        return Err(format!("{} no longer contains `{ANCHOR}`", file.display()));
    }
    let mut rows: Vec<Row> = std::iter::once(FLOOR.to_string())
        .chain(configs.iter().map(|c| c.name.clone()))
        .map(|name| Row { name, samples: Vec::new(), error: None })
        .collect();
    let result = measure_all(ctx, &src, &file, &pristine, configs, reps, &mut rows);
    // Leave the published source as it came, whatever happened.
    fs::write(&file, &pristine).map_err(|e| format!("cannot restore {}: {e}", file.display()))?;
    result?;
    let report = report(&rows, reps);
    let path = report_dir.join("edit.md");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(report)
}

fn measure_all(
    ctx: &Ctx,
    src: &Path,
    file: &Path,
    pristine: &str,
    configs: &[BenchConfig],
    reps: usize,
    rows: &mut [Row],
) -> Result {
    let config_of = |row: &Row| configs.iter().find(|c| c.name == row.name);
    // Round 0 builds everything once and makes one unmeasured edit, so that each target
    // directory holds an incremental state from an edited build like the measured ones.
    for round in 0..=reps {
        for row in rows.iter_mut() {
            if row.error.is_some() {
                continue;
            }
            let config = config_of(row);
            let target = src.join("target").join(row.name.replace(' ', "-"));
            let mut markers = vec![format!("[edit {round} {}]", row.name)];
            if round == 0 {
                markers.push(format!("[edit warm-up {}]", row.name));
            }
            let mut last = 0.0;
            for marker in &markers {
                let edited = pristine.replacen(ANCHOR, &format!("{ANCHOR} {marker}"), 1);
                fs::write(file, edited).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
                match rebuild(ctx, src, &target, config, marker) {
                    Ok(secs) => last = secs,
                    Err(e) => {
                        row.error = Some(e);
                        break;
                    }
                }
            }
            match (&row.error, round) {
                (Some(_), _) => println!("  {} round {round}: FAILED", row.name),
                (None, 0) => println!("  {}: built, warmed up", row.name),
                (None, _) => {
                    println!("  {} rep {round}: {}", row.name, stats::secs(last));
                    row.samples.push(last);
                }
            }
        }
    }
    Ok(())
}

/// `cargo build` (or `cargo check` without a configuration) of `rg`; its wall time. A build
/// must produce an `rg` that contains `marker`.
fn rebuild(ctx: &Ctx, src: &Path, target: &Path, config: Option<&BenchConfig>, marker: &str) -> Result<f64> {
    let mut cmd = ctx.toolchain.cargo();
    // ripgrep's build script asks git for a revision: it must not find this repository.
    let ceiling = src.parent().unwrap_or(src);
    cmd.current_dir(src).env("CARGO_TERM_COLOR", "never").env("GIT_CEILING_DIRECTORIES", ceiling);
    if let Some(config) = config {
        config.apply_to_cargo(&mut cmd);
    }
    cmd.arg(if config.is_some() { "build" } else { "check" });
    cmd.args(["--locked", "--bin", "rg", "--target-dir"]).arg(target);
    let start = Instant::now();
    let out = util::run_captured(&mut cmd, ctx.config.crate_timeout)?;
    let secs = start.elapsed().as_secs_f64();
    if !out.success() {
        let stderr = out.stderr_text();
        let first_error = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(no error line)");
        return Err(format!("`{}` failed: {first_error}", util::display_cmd(&cmd)));
    }
    if config.is_some() {
        let exe: PathBuf = target.join("debug").join("rg");
        let bytes = fs::read(&exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
        if !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()) {
            return Err(format!("{} does not contain the edit `{marker}`: stale objects", exe.display()));
        }
    }
    Ok(secs)
}

fn report(rows: &[Row], reps: usize) -> String {
    let median_of = |name: &str| rows.iter().find(|r| r.name == name).and_then(Row::median);
    let floor = median_of(FLOOR);
    let llvm = median_of("llvm");
    let cg_clif = median_of("cg_clif");
    let above = |m: Option<f64>| m.zip(floor).map(|(m, f)| m - f);
    let mut out = format!(
        "One-line edit in ripgrep {VERSION}'s binary crate (`{EDITED_FILE}`), then `cargo build` \
         (`{FLOOR}` for the floor); wall time, median (min–max) of {reps} interleaved repetitions\n\n\
         | configuration | rebuild | vs LLVM | vs cg_clif | above the floor | above the floor vs LLVM |\n\
         | --- | --- | --- | --- | --- | --- |\n"
    );
    for row in rows {
        let cells = match (&row.error, summarize(&row.samples)) {
            (Some(e), _) => format!("failed: {e} | | | |"),
            (None, Some(s)) => {
                cells(&s, llvm, cg_clif, above(Some(s.median)), above(llvm), row.name == FLOOR)
            }
            (None, None) => "– | | | |".to_string(),
        };
        out.push_str(&format!("| {} | {cells} |\n", row.name));
    }
    let fastclif = median_of("fastclif-fast");
    if let Some(f) = fastclif {
        let verdict = |r: Option<f64>, goal: f64| match r {
            Some(r) if r <= goal => format!("{r:.2}× (goal ≤ {goal}×: met)"),
            Some(r) => format!("{r:.2}× (goal ≤ {goal}×: not met)"),
            None => "–".to_string(),
        };
        out.push_str(&format!(
            "\nfastclif (our allocator) vs LLVM: {}; vs cg_clif: {}\n",
            verdict(stats::ratio(Some(f), llvm), GOAL_VS_LLVM),
            verdict(stats::ratio(Some(f), cg_clif), GOAL_VS_CG_CLIF)
        ));
    }
    out
}

fn cells(
    s: &Summary,
    llvm: Option<f64>,
    cg_clif: Option<f64>,
    above: Option<f64>,
    llvm_above: Option<f64>,
    is_floor: bool,
) -> String {
    if is_floor {
        return format!("{} | | | |", stats::secs_range(s));
    }
    format!(
        "{} | {} | {} | {} | {}",
        stats::secs_range(s),
        stats::ratio_text(stats::ratio(Some(s.median), llvm)),
        stats::ratio_text(stats::ratio(Some(s.median), cg_clif)),
        above.map_or("–".to_string(), stats::secs),
        stats::ratio_text(stats::ratio(above, llvm_above))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, samples: &[f64]) -> Row {
        Row { name: name.into(), samples: samples.to_vec(), error: None }
    }

    #[test]
    fn report_compares_medians_and_time_above_the_floor() {
        let rows = [
            row(FLOOR, &[0.3, 0.2, 0.25]),
            row("llvm", &[0.8, 0.75, 0.9]),
            row("fastclif-fast", &[0.45, 0.5, 0.4]),
        ];
        let text = report(&rows, 3);
        assert!(text.contains("| cargo check | 0.25s (0.20s–0.30s) | | | | |"), "{text}");
        // 0.45 / 0.80 and (0.45 - 0.25) / (0.80 - 0.25).
        assert!(
            text.contains("| fastclif-fast | 0.45s (0.40s–0.50s) | 0.56× | – | 0.20s | 0.36× |"),
            "{text}"
        );
        assert!(text.contains("vs LLVM: 0.56× (goal ≤ 0.6×: met)"), "{text}");
    }

    #[test]
    fn a_failed_configuration_has_no_ratios() {
        let failed = Row { name: "llvm".into(), samples: vec![], error: Some("boom".into()) };
        let text = report(&[row(FLOOR, &[0.2]), failed, row("fastclif-fast", &[0.9])], 1);
        assert!(text.contains("| llvm | failed: boom | | | | |"), "{text}");
        assert!(text.contains("| fastclif-fast | 0.90s | – | – | 0.70s | – |"), "{text}");
    }
}
