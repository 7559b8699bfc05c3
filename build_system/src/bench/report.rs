//! report.md, results.json and the summary printed at the end of `./y.sh bench`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::callgrind::PHASES;
use super::chart;
use super::compile::FLOOR;
use super::json::Json;
use super::results::{Cell, CgResult, Results};
use super::scaling;
use super::stats::{mib, ratio, ratio_text, secs_range, thousands};
use crate::ctx::Ctx;
use crate::util::{self, Result};

/// Commit, toolchain, machine: the header of the report.
pub fn environment_notes(ctx: &Ctx, reps: usize) -> Vec<(String, String)> {
    let sh =
        |cmd: &mut Command| util::output(cmd).map(|s| s.trim().to_string()).unwrap_or_else(|_| "?".into());
    let commit = sh(Command::new("git").current_dir(&ctx.root).args(["rev-parse", "--short", "HEAD"]));
    let dirty = !sh(Command::new("git").current_dir(&ctx.root).args([
        "status",
        "--porcelain",
        "--untracked-files=no",
    ]))
    .is_empty();
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "?".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    // Variables that change what cargo or the backend do (e.g. CARGO_PROFILE_DEV_DEBUG=0).
    let mut env: Vec<String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("CARGO_PROFILE_") && k != "CARGO_PROFILE_DEV_CODEGEN_BACKEND")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    env.sort();
    vec![
        ("environment overrides".into(), if env.is_empty() { "none".into() } else { env.join(" ") }),
        ("commit".into(), format!("{commit}{}", if dirty { " (with uncommitted changes)" } else { "" })),
        ("toolchain".into(), ctx.toolchain.channel.clone()),
        ("machine".into(), format!("{cpu}, {cores} cores")),
        ("load average at start".into(), load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")),
        ("repetitions".into(), reps.to_string()),
    ]
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n|{}\n", header.join(" | "), " --- |".repeat(header.len()));
    for r in rows {
        out.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    out
}

fn cell<'a>(cells: &'a [Cell], bench: &str, config: &str) -> Option<&'a Cell> {
    cells.iter().find(|c| c.bench == bench && c.config == config)
}

fn benches(cells: &[Cell]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for c in cells {
        if !v.contains(&c.bench) {
            v.push(c.bench.clone());
        }
    }
    v
}

fn header(first: &str, configs: &[String]) -> Vec<String> {
    std::iter::once(first.to_string()).chain(configs.iter().cloned()).collect()
}

/// Median (min–max) per benchmark × configuration.
fn time_table(cells: &[Cell], configs: &[String], first: &str) -> String {
    let rows: Vec<Vec<String>> = benches(cells)
        .iter()
        .map(|b| {
            std::iter::once(b.clone())
                .chain(configs.iter().map(|c| match cell(cells, b, c) {
                    Some(x) if x.error.is_some() => "FAILED".into(),
                    Some(x) => x.summary().map_or("–".into(), |s| secs_range(&s)),
                    None => "–".into(),
                }))
                .collect()
        })
        .collect();
    table(&header(first, configs), &rows)
}

/// Median of each configuration divided by the baseline's median (lower is faster).
fn ratio_table(cells: &[Cell], configs: &[String], baseline: &str, first: &str) -> Option<String> {
    if !configs.iter().any(|c| c == baseline) {
        return None;
    }
    let others: Vec<String> = configs.iter().filter(|c| *c != baseline).cloned().collect();
    let rows: Vec<Vec<String>> = benches(cells)
        .iter()
        .map(|b| {
            let base = cell(cells, b, baseline).and_then(Cell::median);
            std::iter::once(b.clone())
                .chain(
                    others.iter().map(|c| ratio_text(ratio(cell(cells, b, c).and_then(Cell::median), base))),
                )
                .collect()
        })
        .collect();
    let head: Vec<String> = std::iter::once(first.to_string())
        .chain(others.iter().map(|c| format!("{c} / {baseline}")))
        .collect();
    Some(table(&head, &rows))
}

/// Each configuration's compile cells less the median of the `cargo check` floor of the same
/// crate: the time the backend (and linking) adds to what every build pays.
fn above_floor(cells: &[Cell]) -> Vec<Cell> {
    cells
        .iter()
        .filter(|c| c.config != FLOOR)
        .filter_map(|c| {
            let floor = cell(cells, &c.bench, FLOOR).and_then(Cell::median)?;
            let mut above = c.clone();
            above.times = c.times.iter().map(|t| t - floor).collect();
            Some(above)
        })
        .collect()
}

/// The floor's medians and each configuration's time above it, with its ratios to LLVM's and
/// (when measured) cg_clif's time above the floor.
fn floor_section(cells: &[Cell], configs: &[String]) -> Option<String> {
    if !cells.iter().any(|c| c.config == FLOOR) {
        return None;
    }
    let mut md = String::from("\n### Above the `cargo check` floor\n\n");
    md.push_str(&time_table(cells, &[FLOOR.to_string()], "crate"));
    md.push_str("\nEach build's time less the floor's median:\n\n");
    let above = above_floor(cells);
    md.push_str(&time_table(&above, configs, "crate"));
    for base in ["llvm", "cg_clif"] {
        if let Some(t) = ratio_table(&above, configs, base, "crate") {
            md.push_str(&format!("\nTime above the floor relative to {base}:\n\n{t}"));
        }
    }
    Some(md)
}

fn rss_table(cells: &[Cell], configs: &[String]) -> String {
    let rows: Vec<Vec<String>> = benches(cells)
        .iter()
        .map(|b| {
            std::iter::once(b.clone())
                .chain(configs.iter().map(|c| match cell(cells, b, c) {
                    Some(x) if x.error.is_some() => "FAILED".into(),
                    Some(Cell { rss_kb: Some(kb), .. }) => mib(*kb),
                    _ => "–".into(),
                }))
                .collect()
        })
        .collect();
    table(&header("crate", configs), &rows)
}

fn callgrind_table(results: &[CgResult]) -> String {
    let mut head = vec!["configuration".to_string(), "rustc total".to_string()];
    head.extend(PHASES.iter().map(|(name, _)| name.to_string()));
    head.push("regalloc share".into());
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let mut row = vec![r.config.clone()];
            if r.error.is_some() {
                row.push("FAILED".into());
                row.extend(std::iter::repeat_n("–".to_string(), PHASES.len() + 1));
                return row;
            }
            row.push(r.total.map_or("?".into(), thousands));
            row.extend(r.phases.iter().map(|p| p.map_or("–".into(), thousands)));
            row.push(r.regalloc_share().map_or("–".into(), |s| format!("{:.1}%", s * 100.0)));
            row
        })
        .collect();
    table(&head, &rows)
}

fn failures(results: &Results) -> Vec<String> {
    let cells =
        results.compile.iter().map(|c| ("compile", c)).chain(results.runtime.iter().map(|c| ("runtime", c)));
    let mut out: Vec<String> = cells
        .filter_map(|(kind, c)| c.error.as_ref().map(|e| format!("- {kind} {} / {}: {e}", c.bench, c.config)))
        .collect();
    out.extend(
        results
            .callgrind
            .iter()
            .filter_map(|r| r.error.as_ref().map(|e| format!("- callgrind {} / {}: {e}", r.krate, r.config))),
    );
    out.extend(results.scaling.iter().flat_map(|p| p.failures()).map(|f| format!("- {f}")));
    out
}

/// Writes report.md, results.json and the charts into `dir`; returns the report's path.
pub fn write(dir: &Path, results: &Results) -> Result<PathBuf> {
    let mut md = String::from("# fastclif benchmark report\n\n");
    for (k, v) in &results.notes {
        md.push_str(&format!("- {k}: {v}\n"));
    }
    md.push_str(
        "\nTimes are medians of the repetitions (min–max in parentheses); the configurations' \
         repetitions are interleaved. Wall times are only as good as the machine was quiet: \
         compare them within one report. Instruction counts (callgrind) are deterministic.\n",
    );
    let configs = &results.configs;
    let charts = chart::write_all(dir, results);
    if !results.compile.is_empty() {
        md.push_str(
            "\n## Compile time (full `cargo build`, dev profile, from scratch, CARGO_INCREMENTAL=0)\n\n",
        );
        md.push_str(&time_table(&results.compile, configs, "crate"));
        for base in ["llvm", "fastclif-ion"] {
            if let Some(t) = ratio_table(&results.compile, configs, base, "crate") {
                md.push_str(&format!("\nRelative to {base} (lower is faster):\n\n{t}"));
            }
        }
        if let Some(section) = floor_section(&results.compile, configs) {
            md.push_str(&section);
        }
        md.push_str("\n### Peak memory (largest rustc RSS in the build)\n\n");
        md.push_str(&rss_table(&results.compile, configs));
    }
    if !results.callgrind.is_empty() {
        md.push_str(&format!(
            "\n## Instructions of the final rustc invocation of `{}` (callgrind, inclusive)\n\n",
            results.callgrind[0].krate
        ));
        md.push_str(&callgrind_table(&results.callgrind));
        md.push_str("\nProfiles and the top of `callgrind_annotate --inclusive=yes` are in callgrind/.\n");
    }
    if !results.runtime.is_empty() {
        md.push_str("\n## Run time of the generated code (bench/runtime, opt-level 0)\n\n");
        md.push_str(&time_table(&results.runtime, configs, "program"));
        for base in ["llvm", "fastclif-ion"] {
            if let Some(t) = ratio_table(&results.runtime, configs, base, "program") {
                md.push_str(&format!("\nRelative to {base} (lower is faster):\n\n{t}"));
            }
        }
    }
    if !results.scaling.is_empty() {
        md.push_str("\n## Scaling (huge generated functions)\n\nSee [scaling.md](scaling.md).\n");
    }
    if !charts.is_empty() {
        md.push_str("\n## Charts\n\n");
        for (title, file) in &charts {
            md.push_str(&format!("![{title}]({file})\n\n"));
        }
    }
    let fails = failures(results);
    md.push_str("\n## Failures\n\n");
    md.push_str(&if fails.is_empty() { "none\n".to_string() } else { fails.join("\n") + "\n" });

    let path = dir.join("report.md");
    fs::write(&path, md).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let json_path = dir.join("results.json");
    fs::write(&json_path, to_json(results).render())
        .map_err(|e| format!("cannot write {}: {e}", json_path.display()))?;
    Ok(path)
}

fn cells_json(cells: &[Cell]) -> Json {
    Json::Arr(
        cells
            .iter()
            .map(|c| {
                let s = c.summary();
                Json::obj(vec![
                    ("bench", Json::str(&c.bench)),
                    ("config", Json::str(&c.config)),
                    ("seconds", Json::nums(&c.times)),
                    ("median", Json::opt_num(s.map(|s| s.median))),
                    ("min", Json::opt_num(s.map(|s| s.min))),
                    ("max", Json::opt_num(s.map(|s| s.max))),
                    ("peak_rss_kib", Json::opt_num(c.rss_kb.map(|k| k as f64))),
                    ("failed", Json::Bool(c.error.is_some())),
                    ("error", Json::opt_str(c.error.as_deref())),
                ])
            })
            .collect(),
    )
}

pub fn to_json(results: &Results) -> Json {
    let notes = Json::Obj(results.notes.iter().map(|(k, v)| (k.clone(), Json::str(v))).collect());
    let cg = Json::Arr(
        results
            .callgrind
            .iter()
            .map(|r| {
                let mut fields = vec![
                    ("crate".to_string(), Json::str(&r.krate)),
                    ("config".to_string(), Json::str(&r.config)),
                    ("instructions".to_string(), Json::opt_num(r.total.map(|t| t as f64))),
                ];
                for ((name, _), v) in PHASES.iter().zip(&r.phases) {
                    fields.push((name.to_string(), Json::opt_num(v.map(|t| t as f64))));
                }
                fields.push(("regalloc_share".into(), Json::opt_num(r.regalloc_share())));
                fields.push(("error".into(), Json::opt_str(r.error.as_deref())));
                Json::Obj(fields)
            })
            .collect(),
    );
    Json::obj(vec![
        ("environment", notes),
        ("configs", Json::Arr(results.configs.iter().map(Json::str).collect())),
        ("compile", cells_json(&results.compile)),
        ("runtime", cells_json(&results.runtime)),
        ("callgrind", cg),
        ("scaling", scaling::table::json(&results.scaling)),
    ])
}

/// The tables printed to stdout at the end: medians and ratios against LLVM.
pub fn summary(results: &Results) -> String {
    let configs = &results.configs;
    let mut out = String::new();
    let section = |out: &mut String, title: &str, cells: &[Cell], first: &str| {
        if cells.is_empty() {
            return;
        }
        out.push_str(&format!("{title}\n{}", time_table(cells, configs, first)));
        if let Some(t) = ratio_table(cells, configs, "llvm", first) {
            out.push('\n');
            out.push_str(&t);
        }
        out.push('\n');
    };
    section(&mut out, "Compile time (full dev build):", &results.compile, "crate");
    if let Some(t) = ratio_table(&above_floor(&results.compile), configs, "llvm", "crate") {
        out.push_str(&format!("Compile time above the `cargo check` floor, relative to llvm:\n{t}\n"));
    }
    if !results.callgrind.is_empty() {
        out.push_str(&format!(
            "Instructions, final rustc of {}:\n{}\n",
            results.callgrind[0].krate,
            callgrind_table(&results.callgrind)
        ));
    }
    section(&mut out, "Run time (opt-level 0):", &results.runtime, "program");
    let fails = failures(results);
    if !fails.is_empty() {
        out.push_str(&format!("Failures:\n{}\n", fails.join("\n")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Results {
        let mut a = Cell::new("generics", "llvm");
        a.times = vec![2.0, 2.2, 1.8];
        a.rss_kb = Some(204800);
        let mut b = Cell::new("generics", "fastclif-ion");
        b.times = vec![1.0];
        let mut c = Cell::new("generics", "fastclif-fast");
        c.error = Some("build failed: boom".into());
        Results {
            configs: vec!["llvm".into(), "fastclif-ion".into(), "fastclif-fast".into()],
            compile: vec![a, b, c],
            runtime: Vec::new(),
            scaling: Vec::new(),
            callgrind: vec![CgResult {
                krate: "generics".into(),
                config: "fastclif-ion".into(),
                total: Some(1000),
                phases: vec![Some(300), Some(400), Some(100)],
                error: None,
            }],
            notes: vec![("commit".into(), "abc".into())],
        }
    }

    #[test]
    fn tables() {
        let r = sample();
        let t = time_table(&r.compile, &r.configs, "crate");
        assert!(t.contains("| generics | 2.00s (1.80s–2.20s) | 1.00s | FAILED |"), "{t}");
        let t = ratio_table(&r.compile, &r.configs, "llvm", "crate").unwrap();
        assert!(t.contains("| generics | 0.50× | – |"), "{t}");
        assert!(rss_table(&r.compile, &r.configs).contains("200 MiB"));
        assert!(callgrind_table(&r.callgrind).contains("| fastclif-ion | 1,000 | 300 | 400 | 100 | 10.0% |"));
        assert_eq!(failures(&r).len(), 1);
        assert!(floor_section(&r.compile, &r.configs).is_none());
        let s = summary(&r);
        assert!(s.contains("Failures"));
    }

    #[test]
    fn floor_section_subtracts_the_check_median() {
        let mut r = sample();
        let mut floor = Cell::new("generics", FLOOR);
        floor.times = vec![0.5, 0.7, 0.6];
        r.compile.insert(0, floor);
        let md = floor_section(&r.compile, &r.configs).unwrap();
        assert!(md.contains("| generics | 0.60s (0.50s–0.70s) |"), "{md}");
        // LLVM 1.20–1.60 above the floor (median 1.40), fastclif-ion 0.40: 0.29×.
        assert!(md.contains("| generics | 1.40s (1.20s–1.60s) | 0.40s | FAILED |"), "{md}");
        assert!(md.contains("| generics | 0.29× | – |"), "{md}");
        // The floor is not a configuration of the ordinary tables.
        assert!(!time_table(&r.compile, &r.configs, "crate").contains("0.60s"));
    }

    #[test]
    fn writes_files() {
        let dir = std::env::temp_dir().join(format!("fastclif-report-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let md = write(&dir, &sample()).unwrap();
        let text = fs::read_to_string(md).unwrap();
        assert!(text.contains("## Compile time"));
        assert!(text.contains("](compile.svg)"));
        assert!(dir.join("compile.svg").is_file());
        let json = fs::read_to_string(dir.join("results.json")).unwrap();
        assert!(json.contains("\"regalloc_share\": 0.1"));
        let _ = fs::remove_dir_all(&dir);
    }
}
