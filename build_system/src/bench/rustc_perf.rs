//! `./y.sh bench rustc-perf --checkout PATH`: runs rustc-perf's collector on a few of its
//! benchmarks, once with fastclif's `ion` allocator and once with ours (`fast`), and compares
//! the results it stored in its sqlite database.
//!
//! The user's checkout is never modified: it is cloned (or copied) to
//! target/rustc-perf-work/rustc-perf, where patches/rustc-perf-no-site.patch drops the `site`
//! workspace member (its git dependency cannot be fetched here). The collector selects
//! backends by rustc's built-in names (`-Zcodegen-backend=cranelift`), so it runs a copy of
//! the pinned sysroot whose `librustc_codegen_cranelift.so` is our backend.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, Result, step};
use crate::{Ctx, build};

pub const DEFAULT_BENCHMARKS: &[&str] = &["helloworld", "regex-automata-0.4.8", "ripgrep-14.1.1"];
/// (artifact id in the database, FASTCLIF_REGALLOC value)
pub const RUNS: &[(&str, &str)] = &[("ion", "ion"), ("fastalloc", "fast")];
const METRICS: &[&str] = &["wall-time", "task-clock", "max-rss", "instructions:u", "cycles:u"];

pub fn run(ctx: &Ctx, checkout: &Path, benchmarks: &[String], report_dir: &Path) -> Result<String> {
    let benchmarks: Vec<String> = if benchmarks.is_empty() {
        DEFAULT_BENCHMARKS.iter().map(|s| s.to_string()).collect()
    } else {
        benchmarks.to_vec()
    };
    let work = ctx.target_dir().join("rustc-perf-work");
    let src = prepare_source(ctx, checkout, &work)?;

    step("Building rustc-perf's collector (cargo build --release -p collector)");
    util::run(ctx.toolchain.cargo().current_dir(&src).args(["build", "--release", "-p", "collector"]))?;
    let collector = src.join("target/release/collector");

    let toolchain = prepare_toolchain(ctx, &work.join("toolchain"))?;
    let db = report_dir.join("rustc-perf.db");
    let mut failed = Vec::new();
    for (id, regalloc) in RUNS {
        step(format!("collector bench_local, id `{id}` (FASTCLIF_REGALLOC={regalloc})"));
        let mut cmd = Command::new(&collector);
        cmd.current_dir(&src)
            .arg("bench_local")
            .arg(toolchain.join("bin/rustc"))
            .arg("--cargo")
            .arg(toolchain.join("bin/cargo"))
            .args(["--id", id, "--exact-match", &benchmarks.join(",")])
            .args(["--profiles", "Debug", "--scenarios", "Full", "--backends", "Cranelift", "--db"])
            .arg(&db)
            .env("FASTCLIF_REGALLOC", regalloc)
            .env_remove("FASTCLIF_CHECK_REGALLOC");
        if let Err(e) = util::run(&mut cmd) {
            println!("collector run `{id}` failed: {e}");
            failed.push(id.to_string());
        }
    }
    let tsv = util::output(Command::new("sqlite3").args(["-separator", "\t"]).arg(&db).arg(QUERY))?;
    let table = comparison_table(&aggregate(&tsv), &failed);
    let md = format!(
        "# rustc-perf: fastclif `fast` vs `ion` register allocator\n\n\
         Benchmarks: {}; profile Debug, scenario Full. Minimum over the collector's iterations.\n\
         Database: rustc-perf.db\n\n{table}",
        benchmarks.join(", ")
    );
    let path = report_dir.join("rustc-perf.md");
    fs::write(&path, md).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("rustc-perf report: {}", path.display());
    Ok(table)
}

const QUERY: &str = "SELECT a.name, s.crate, s.metric, p.value FROM pstat p \
    JOIN pstat_series s ON s.id = p.series JOIN artifact a ON a.id = p.aid;";

/// A clone (or copy) of the checkout with the patch applied; reused when it exists.
fn prepare_source(ctx: &Ctx, checkout: &Path, work: &Path) -> Result<PathBuf> {
    let src = work.join("rustc-perf");
    if !checkout.exists() {
        return Err(format!("{}: no such rustc-perf checkout", checkout.display()));
    }
    if src.exists() {
        println!("reusing {} (remove it to start from the checkout again)", src.display());
    } else {
        fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        let is_git =
            util::output(Command::new("git").arg("-C").arg(checkout).args(["rev-parse", "--git-dir"]))
                .is_ok();
        if is_git {
            // Works for a work tree and for a bare repository; leaves the checkout alone.
            util::run(Command::new("git").args(["clone", "--quiet"]).arg(checkout).arg(&src))?;
        } else {
            util::copy_dir(checkout, &src)?;
        }
    }
    let manifest = src.join("Cargo.toml");
    let text =
        fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    if !members_line(&text).is_some_and(|l| l.contains("\"site\"")) {
        return Ok(src); // already patched
    }
    let patch = ctx.root.join("patches/rustc-perf-no-site.patch");
    // The copy lives inside this repository's target/: keep git from treating it as part of
    // our work tree (it would then skip the patch's paths and still succeed).
    let ceiling = src.parent().unwrap_or(&src).to_path_buf();
    let _ = util::output(
        Command::new("git")
            .current_dir(&src)
            .env("GIT_CEILING_DIRECTORIES", &ceiling)
            .arg("apply")
            .arg(&patch),
    );
    let text =
        fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let applied = !members_line(&text).is_some_and(|l| l.contains("\"site\""));
    if !applied {
        // The checkout's Cargo.toml differs from the one the patch was made for.
        let edited = drop_member(&text, "site").ok_or("cannot find the `site` workspace member to remove")?;
        fs::write(&manifest, edited).map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
        println!("patch did not apply; removed `site` from the workspace members directly");
    }
    Ok(src)
}

fn members_line(manifest: &str) -> Option<&str> {
    manifest.lines().find(|l| l.trim_start().starts_with("members"))
}

/// Removes `"name"` from a one-line `members = [...]` array.
pub fn drop_member(manifest: &str, name: &str) -> Option<String> {
    let line = members_line(manifest)?;
    let quoted = format!("\"{name}\"");
    let (head, tail) = line.split_once('[')?;
    let items: Vec<&str> =
        tail.trim_end().strip_suffix(']')?.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if !items.contains(&quoted.as_str()) {
        return None;
    }
    let kept: Vec<&str> = items.into_iter().filter(|i| *i != quoted).collect();
    Some(manifest.replacen(line, &format!("{head}[{}]", kept.join(", ")), 1))
}

/// A copy of the pinned sysroot (hard links where possible) whose cranelift backend is ours.
fn prepare_toolchain(ctx: &Ctx, dir: &Path) -> Result<PathBuf> {
    let sysroot = ctx.toolchain.sysroot()?;
    if !dir.exists() {
        step(format!("Copying the sysroot to {}", dir.display()));
        let linked = Command::new("cp").arg("-al").arg(&sysroot).arg(dir).status().is_ok_and(|s| s.success());
        if !linked {
            let _ = fs::remove_dir_all(dir);
            util::run(Command::new("cp").arg("-a").arg(&sysroot).arg(dir))?;
        }
    }
    let backends = dir.join("lib/rustlib").join(ctx.toolchain.host()?).join("codegen-backends");
    // copy_if_changed writes a new file and renames it, so a hard-linked original is untouched.
    util::copy_if_changed(&build::dist_dylib(ctx), &backends.join("librustc_codegen_cranelift.so"))?;
    Ok(dir.to_path_buf())
}

/// (crate, metric) -> artifact -> minimum value.
pub type Table = BTreeMap<(String, String), BTreeMap<String, f64>>;

pub fn aggregate(tsv: &str) -> Table {
    let mut t = Table::new();
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [artifact, krate, metric, value] = f[..] else {
            continue;
        };
        if !METRICS.contains(&metric) {
            continue;
        }
        let Ok(v) = value.parse::<f64>() else {
            continue;
        };
        let slot = t
            .entry((krate.to_string(), metric.to_string()))
            .or_default()
            .entry(artifact.to_string())
            .or_insert(v);
        *slot = slot.min(v);
    }
    t
}

pub fn comparison_table(t: &Table, failed: &[String]) -> String {
    let mut out = String::from(
        "| benchmark | metric | ion | fastalloc | fastalloc / ion |\n| --- | --- | --- | --- | --- |\n",
    );
    for ((krate, metric), by_artifact) in t {
        let get = |a: &str| by_artifact.get(a).copied();
        let show = |v: Option<f64>| {
            v.map_or("–".to_string(), |v| {
                format!("{v:.4}").trim_end_matches('0').trim_end_matches('.').to_string()
            })
        };
        let (ion, fast) = (get("ion"), get("fastalloc"));
        out.push_str(&format!(
            "| {krate} | {metric} | {} | {} | {} |\n",
            show(ion),
            show(fast),
            super::stats::ratio_text(super::stats::ratio(fast, ion))
        ));
    }
    if t.is_empty() {
        out.push_str("| (no results in the database) | | | | |\n");
    }
    for id in failed {
        out.push_str(&format!("\nThe collector run `{id}` failed; see its output above.\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_site_member() {
        let text = include_str!("../../../patches/rustc-perf-no-site.patch");
        assert!(text.contains("-members") && text.contains("+members"));
        let m = "[workspace]\nmembers = [\"collector\", \"collector/benchlib\", \"site\", \"database\", \"intern\"]\nresolver = \"2\"\n";
        let out = drop_member(m, "site").unwrap();
        assert!(
            out.contains("members = [\"collector\", \"collector/benchlib\", \"database\", \"intern\"]\n")
        );
        assert!(drop_member(&out, "site").is_none());
    }

    #[test]
    fn aggregates_minimum() {
        let tsv = "ion\thelloworld\twall-time\t0.5\nion\thelloworld\twall-time\t0.4\nfastalloc\thelloworld\twall-time\t0.2\nion\thelloworld\tunknown\t1\nbad line\n";
        let t = aggregate(tsv);
        assert_eq!(t.len(), 1);
        let row = &t[&("helloworld".to_string(), "wall-time".to_string())];
        assert_eq!(row["ion"], 0.4);
        let table = comparison_table(&t, &["fastalloc".into()]);
        assert!(table.contains("| helloworld | wall-time | 0.4 | 0.2 | 0.50× |"), "{table}");
        assert!(table.contains("`fastalloc` failed"));
    }
}
