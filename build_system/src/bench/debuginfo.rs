//! What debug info costs: the callgrind crate's final rustc invocation (saved by the wrapper
//! while the crate builds), rerun under `valgrind --tool=callgrind` with `-Cdebuginfo=0` and with
//! `-Cdebuginfo=2`, for LLVM and for fastclif (our allocator). The difference of the two totals is
//! the cost of debug info; for fastclif the inclusive cost of `rustc_codegen_fastclif::debuginfo`
//! (entries and types on the main thread, line rows and locations on the worker) is shown too.
//! Written to `debuginfo.md` in the report directory.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::callgrind;
use super::compile::BenchCrate;
use super::configs::BenchConfig;
use crate::ctx::Ctx;
use crate::util::{self, Result};

/// The configurations compared.
const CONFIGS: &[&str] = &["llvm", "fastclif-fast"];

/// The entry points of fastclif's own debug info work; their inclusive costs are added up.
const DEBUGINFO_ENTRIES: &[&str] = &[
    "rustc_codegen_fastclif::debuginfo::UnitDebug::new",
    "rustc_codegen_fastclif::debuginfo::UnitDebug::position",
    "rustc_codegen_fastclif::debuginfo::UnitDebug::describe_function",
    "rustc_codegen_fastclif::debuginfo::line::attach_materializations_to_users",
    "rustc_codegen_fastclif::debuginfo::DebugCx::add_function",
    "rustc_codegen_fastclif::debuginfo::DebugCx::emit",
];

struct Row {
    config: String,
    off: u64,
    full: u64,
    /// fastclif only: the inclusive cost of its debug info modules at `-Cdebuginfo=2`.
    own: Option<u64>,
}

pub fn run(ctx: &Ctx, work: &Path, report_dir: &Path, krate: &BenchCrate, script: &Path) -> Result<String> {
    let configs = BenchConfig::select(&CONFIGS.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None)?;
    let mut rows = Vec::new();
    for config in &configs {
        util::step(format!(
            "Debug info cost: {} {} (callgrind, -Cdebuginfo=0 and 2)",
            config.name, krate.name
        ));
        let dir = work.join("debuginfo").join(&config.name);
        let inv = callgrind::captured_build(ctx, &dir, krate, config, script)?;
        let mut totals = [0u64; 2];
        let mut own = None;
        for (i, level) in ["0", "2"].iter().enumerate() {
            let out_file =
                report_dir.join(format!("debuginfo.{}.{}.{level}.callgrind.out", krate.name, config.name));
            let prefix = vec![
                "valgrind".to_string(),
                "--tool=callgrind".to_string(),
                format!("--callgrind-out-file={}", out_file.display()),
            ];
            let mut vg = inv.command(&prefix);
            // The last -C wins over the profile's.
            vg.arg(format!("-Cdebuginfo={level}"));
            let res = util::run_captured(&mut vg, ctx.config.bench.timeout * 4)?;
            if !res.success() {
                return Err(format!("rustc under callgrind failed ({})", res.status_text()));
            }
            let profile = fs::read_to_string(&out_file)
                .map_err(|e| format!("cannot read {}: {e}", out_file.display()))?;
            totals[i] = callgrind::parse_totals(&profile).ok_or("no totals in the callgrind profile")?;
            if config.uses_fastclif() && *level == "2" {
                let annotated = util::output(
                    std::process::Command::new("callgrind_annotate")
                        .args(["--inclusive=yes", "--threshold=100"])
                        .arg(&out_file),
                )?;
                let costs = callgrind::parse_inclusive(&annotated);
                own =
                    Some(DEBUGINFO_ENTRIES.iter().filter_map(|e| callgrind::phase_cost(&costs, &[e])).sum());
            }
        }
        rows.push(Row { config: config.name.clone(), off: totals[0], full: totals[1], own });
    }
    let table = table(&krate.name, &rows);
    let md = report_dir.join("debuginfo.md");
    fs::write(&md, format!("# Debug info cost\n\n{table}"))
        .map_err(|e| format!("cannot write {}: {e}", md.display()))?;
    Ok(table)
}

fn table(krate: &str, rows: &[Row]) -> String {
    let m = |n: u64| format!("{:.1}M", n as f64 / 1e6);
    let mut out = format!(
        "final rustc of `{krate}` (callgrind instructions) | -Cdebuginfo=0 | -Cdebuginfo=2 | debug info cost | \
         share of the -Cdebuginfo=2 total | fastclif's debuginfo modules\n--- | --- | --- | --- | --- | ---\n"
    );
    for r in rows {
        let cost = r.full.saturating_sub(r.off);
        let share = if r.full > 0 { 100.0 * cost as f64 / r.full as f64 } else { 0.0 };
        let own = r.own.map_or("–".to_string(), m);
        let _ =
            writeln!(out, "{} | {} | {} | {} | {share:.1}% | {own}", r.config, m(r.off), m(r.full), m(cost));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_table() {
        let rows = [
            Row { config: "llvm".into(), off: 300_000_000, full: 360_000_000, own: None },
            Row { config: "fastclif-fast".into(), off: 200_000_000, full: 210_000_000, own: Some(6_000_000) },
        ];
        let t = table("bigmatch", &rows);
        assert!(t.contains("llvm | 300.0M | 360.0M | 60.0M | 16.7% | –"));
        assert!(t.contains("fastclif-fast | 200.0M | 210.0M | 10.0M | 4.8% | 6.0M"));
    }
}
