//! `./y.sh bench rustc-perf --checkout PATH`: runs rustc-perf's collector on a few of its
//! benchmarks, once with fastclif's `ion` allocator and once with ours (`fast`), and compares
//! the results it stored in its sqlite database.
//!
//! The user's checkout is never modified: it is cloned (or copied) to
//! target/rustc-perf-work/rustc-perf, whose root Cargo.toml then loses the `site` workspace
//! member (its git dependency cannot be fetched here). The collector selects backends by
//! rustc's built-in names (`-Zcodegen-backend=cranelift`), so it runs a copy of the pinned
//! sysroot whose `librustc_codegen_cranelift.so` is our backend.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use toml_edit::DocumentMut;

use crate::build;
use crate::ctx::Ctx;
use crate::util::{self, Result, step};

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
    let src = prepare_source(checkout, &work)?;

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

/// A clone (or copy) of the checkout without the `site` member; reused when it exists.
fn prepare_source(checkout: &Path, work: &Path) -> Result<PathBuf> {
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
    let edited = drop_member(&text, "site").map_err(|e| format!("{}: {e}", manifest.display()))?;
    if let Some(edited) = edited {
        fs::write(&manifest, edited).map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
        println!("removed `site` from the workspace members of {}", manifest.display());
    }
    Ok(src)
}

/// Removes `name` from `workspace.members`, leaving the rest of the manifest as it was written
/// (a format-preserving edit: rustc-perf's layout and comments may change between versions).
/// `None` when there is no such member, e.g. in a copy that was edited before.
pub fn drop_member(manifest: &str, name: &str) -> Result<Option<String>> {
    let mut doc: DocumentMut = manifest.parse().map_err(|e| format!("not valid TOML: {e}"))?;
    let members = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("members"))
        .ok_or("no `workspace.members` list")?
        .as_array_mut()
        .ok_or("`workspace.members` is not an array")?;
    let before = members.len();
    members.retain(|m| m.as_str() != Some(name));
    Ok((members.len() != before).then(|| doc.to_string()))
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
    fn removes_site_member_from_one_line() {
        let m = "[workspace]\nmembers = [\"collector\", \"collector/benchlib\", \"site\", \"database\", \"intern\"]\nexclude = [\"rust/src\"]\nresolver = \"2\"\n";
        let out = drop_member(m, "site").unwrap().unwrap();
        assert_eq!(
            out,
            "[workspace]\nmembers = [\"collector\", \"collector/benchlib\", \"database\", \"intern\"]\nexclude = [\"rust/src\"]\nresolver = \"2\"\n"
        );
        assert_eq!(drop_member(&out, "site").unwrap(), None);
    }

    #[test]
    fn removes_site_member_from_multi_line_array() {
        let m = "# rustc-perf\n[workspace]\nmembers = [\n    \"collector\",\n    # the web UI\n    \"site\",\n    \"database\", # storage\n]\n\n[profile.release]\ndebug = 1 # keep symbols\n";
        let out = drop_member(m, "site").unwrap().unwrap();
        assert!(!out.contains("\"site\""), "{out}");
        assert!(out.contains("    \"collector\",\n"), "{out}");
        assert!(out.contains("\"database\", # storage\n]"), "{out}");
        assert!(out.starts_with("# rustc-perf\n[workspace]\n"), "{out}");
        assert!(out.ends_with("\n\n[profile.release]\ndebug = 1 # keep symbols\n"), "{out}");
        let members: Vec<String> = out.parse::<DocumentMut>().unwrap()["workspace"]["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(members, ["collector", "database"]);
    }

    #[test]
    fn member_edit_errors() {
        assert!(drop_member("[workspace]\nmembers = [", "site").is_err());
        assert!(drop_member("[package]\nname = \"x\"\n", "site").is_err());
        assert!(drop_member("[workspace]\nmembers = \"site\"\n", "site").is_err());
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
