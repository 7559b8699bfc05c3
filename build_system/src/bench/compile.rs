//! Compile-time benchmark: full dev-profile `cargo build` of each benchmark crate (with its
//! dependencies) from an empty target directory, per configuration, repetitions interleaved,
//! and `cargo check` of the same crate as the floor no backend can go below (its cells carry
//! the configuration name [`FLOOR`]). Each rustc runs under the RSS-recording wrapper (see
//! `wrapper.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::configs::{BenchConfig, Kind};
use super::progress::Progress;
use super::results::Cell;
use super::wrapper;
use crate::ctx::Ctx;
use crate::util::{self, Result};

/// The configuration name of the floor's cells: `cargo check`, front end and metadata only.
pub const FLOOR: &str = "cargo-check";

/// Bundled crates that `--quick` keeps (no dependencies, the quickest to build).
const QUICK: &[&str] = &["generics", "bigmatch"];

#[derive(Debug, Clone)]
pub struct BenchCrate {
    /// Short name used in the report: the directory name.
    pub name: String,
    pub dir: PathBuf,
    /// The `--crate-name` of the package's own (last-built) crate.
    pub crate_name: String,
}

/// bench/crates/* plus the extra directories (config `bench_crates`, `--crate`).
pub fn discover(ctx: &Ctx, extra: &[PathBuf], quick: bool) -> Result<Vec<BenchCrate>> {
    let base = ctx.root.join("bench/crates");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&base)
        .map_err(|e| format!("cannot read {}: {e}", base.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    if quick {
        dirs.retain(|d| d.file_name().is_some_and(|n| QUICK.iter().any(|q| n == *q)));
    }
    for d in extra {
        let abs = if d.is_absolute() { d.clone() } else { ctx.root.join(d) };
        if !abs.join("Cargo.toml").is_file() {
            return Err(format!("{}: no Cargo.toml (from bench_crates / --crate)", abs.display()));
        }
        dirs.push(abs);
    }
    let mut crates: Vec<BenchCrate> = Vec::new();
    for dir in dirs {
        let manifest = fs::read_to_string(dir.join("Cargo.toml"))
            .map_err(|e| format!("cannot read {}/Cargo.toml: {e}", dir.display()))?;
        let package = package_name(&manifest)
            .ok_or_else(|| format!("{}/Cargo.toml: no [package] name", dir.display()))?;
        let mut name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if crates.iter().any(|c| c.name == name) {
            name = format!("{name}-{}", crates.len());
        }
        crates.push(BenchCrate { name, dir, crate_name: package.replace('-', "_") });
    }
    Ok(crates)
}

/// The `name` of the `[package]` table (a line scan: manifests may use TOML our parser lacks).
pub fn package_name(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == "name"
        {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// `cargo build` of `krate` with `config` into `target_dir`, through the wrapper.
pub fn build_command(
    ctx: &Ctx,
    krate: &BenchCrate,
    config: &BenchConfig,
    target_dir: &Path,
    script: &Path,
    log: &Path,
) -> Command {
    cargo_command(ctx, krate, config, "build", target_dir, script, log)
}

fn cargo_command(
    ctx: &Ctx,
    krate: &BenchCrate,
    config: &BenchConfig,
    subcommand: &str,
    target_dir: &Path,
    script: &Path,
    log: &Path,
) -> Command {
    let mut cmd = ctx.toolchain.cargo();
    config.apply_to_cargo(&mut cmd);
    cmd.current_dir(&krate.dir)
        .args([subcommand, "--manifest-path"])
        .arg(krate.dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        // Every configuration builds from scratch; incremental state would only add noise.
        .env("CARGO_INCREMENTAL", "0");
    // ICE reports go next to the build's logs, not into the crate's sources.
    if let Some(dir) = target_dir.parent() {
        cmd.env("RUSTC_ICE", dir);
    }
    wrapper::apply(&mut cmd, script, log);
    cmd
}

/// Runs the timed builds. Returns one cell per crate × (floor, then each configuration), in
/// that order.
pub fn run(
    ctx: &Ctx,
    work: &Path,
    crates: &[BenchCrate],
    configs: &[BenchConfig],
    reps: usize,
    script: &Path,
    progress: &mut Progress,
) -> Result<Vec<Cell>> {
    for krate in crates {
        // Downloads happen here, not in the timed builds.
        let mut fetch = ctx.toolchain.cargo();
        fetch.current_dir(&krate.dir).args(["fetch", "--manifest-path"]).arg(krate.dir.join("Cargo.toml"));
        util::output(&mut fetch).map_err(|e| format!("cargo fetch for {} failed: {e}", krate.name))?;
    }
    // The floor is `cargo check` with every backend setting cleared, as LLVM's builds have.
    let floor = BenchConfig { name: FLOOR.to_string(), kind: Kind::Llvm };
    let runs: Vec<(&BenchConfig, &str)> =
        std::iter::once((&floor, "check")).chain(configs.iter().map(|c| (c, "build"))).collect();
    let mut cells: Vec<Cell> =
        crates.iter().flat_map(|k| runs.iter().map(|(c, _)| Cell::new(&k.name, &c.name))).collect();
    for rep in 1..=reps {
        for (ki, krate) in crates.iter().enumerate() {
            for (ci, &(config, subcommand)) in runs.iter().enumerate() {
                let cell = &mut cells[ki * runs.len() + ci];
                let label = format!("{} {} rep {rep}", config.name, krate.name);
                if cell.error.is_some() {
                    progress.skip(&label);
                    continue;
                }
                progress.start(&label);
                let dir = work.join(&krate.name).join(&config.name);
                let target_dir = dir.join("target");
                let log = dir.join("rustc-rss.log");
                if target_dir.exists() {
                    fs::remove_dir_all(&target_dir)
                        .map_err(|e| format!("cannot remove {}: {e}", target_dir.display()))?;
                }
                fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let _ = fs::remove_file(&log);
                let mut cmd = cargo_command(ctx, krate, config, subcommand, &target_dir, script, &log);
                if ctx.config.verbose {
                    println!("$ {}", util::display_cmd(&cmd));
                }
                let start = Instant::now();
                let res = util::run_captured(&mut cmd, ctx.config.bench.timeout)?;
                let secs = start.elapsed().as_secs_f64();
                if res.success() {
                    let runs = wrapper::parse_log(&fs::read_to_string(&log).unwrap_or_default());
                    let peak = runs.iter().map(|r| r.max_rss_kb).max();
                    cell.rss_kb = cell.rss_kb.max(peak);
                    cell.times.push(secs);
                    progress.finish(&format!("{secs:.2}s"));
                } else {
                    let failed_log = dir.join("failed-build.log");
                    let _ = fs::write(&failed_log, &res.stderr);
                    let reason = first_error(&res.stderr_text());
                    progress.finish(&format!("FAILED ({}): {reason}", res.status_text()));
                    cell.error = Some(format!(
                        "build failed ({}): {reason} [log: {}]",
                        res.status_text(),
                        failed_log.display()
                    ));
                }
            }
        }
    }
    Ok(cells)
}

/// The most telling line of a failed build's stderr.
pub fn first_error(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.contains("panicked at") || l.starts_with("error"))
        .or_else(|| stderr.lines().rev().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim()
        .chars()
        .take(200)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_package_name() {
        let m = "[package]\nname = \"bench-generics\"\nversion = \"0.1.0\"\n\n[dependencies]\nname = \"x\"\n";
        assert_eq!(package_name(m).as_deref(), Some("bench-generics"));
        assert_eq!(package_name("[workspace]\nname = \"x\"\n"), None);
    }

    #[test]
    fn error_lines() {
        let e = "   Compiling x\nthread 'rustc' panicked at abi.rs:871:33:\nerror: could not compile\n";
        assert_eq!(first_error(e), "thread 'rustc' panicked at abi.rs:871:33:");
        assert_eq!(first_error("just this\n\n"), "just this");
    }
}
