//! `./y.sh bench`: compile-time and run-time measurements of the configurations in
//! `configs.rs`, written to target/bench/<date-time>/ (report.md, results.json, SVG charts).
//!
//! Modules: `configs` (what is compared), `compile` (cargo builds), `wrapper` (per-rustc peak
//! RSS), `callgrind` (instruction counts), `runtime` (programs), `results`/`progress` (what the
//! measurements produce and print), `report`/`chart`/`json`/`stats` (output), `rustc_perf` (the
//! rustc-perf collector), `scaling` (huge generated functions: time and memory against N),
//! `suites` (SIMD crates' test suites, built and run by each backend), `edit` (the one-line
//! edit rebuild of ripgrep's binary crate). The
//! `bench_*` settings are in `config/bench.rs`.

pub mod callgrind;
pub mod chart;
pub mod compile;
pub mod configs;
pub mod debuginfo;
pub mod edit;
pub mod json;
pub mod progress;
pub mod report;
pub mod results;
pub mod runtime;
pub mod rustc_perf;
pub mod scaling;
pub mod stats;
pub mod suites;
pub mod wrapper;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::ctx::Ctx;
use crate::util::{self, Result, step};
use crate::{build, install};
use configs::BenchConfig;
use progress::Progress;
use results::Results;

pub const USAGE: &str = "  bench [WHAT] [options]
                   measure compile time, peak memory and instruction counts of LLVM and fastclif
                   (ion / upstream-fast / fast regalloc, and cg_clif if `cg_clif_dylib` is set)
                   and the speed of the code they generate; report in target/bench/<date-time>/.
                   WHAT: compile | runtime | suites | suite-runs | regalloc | rustc-perf | scaling
                         | debuginfo | edit
                         (default: compile + runtime; compile includes debuginfo:
                         -Cdebuginfo=2 vs 0 under callgrind, LLVM and fastclif, and edit:
                         a one-line edit in ripgrep's binary crate, then `cargo build` per
                         configuration and `cargo check` as the floor; runtime includes
                         suites: memchr's and hashbrown's `cargo test`, build + run, and
                         suite-runs: the run time of regex's and serde_json's tests built by
                         LLVM, fastclif and fastclif + Ion)
                   --reps N          repetitions (default: config `bench_reps`, 3)
                   --quick           1 repetition, only the smallest crates (scaling: the two
                                     smallest sizes)
                   --config A,B      only these configurations (names as in the report)
                   --crate PATH      also benchmark this crate directory (repeatable)
                   --no-callgrind    skip the instruction counts
                   --no-build        use the existing backend (installed; scaling: dist/) as is
                   rustc-perf: --checkout PATH (a rust-lang/rustc-perf clone)
                               [--benchmarks a,b] (default: helloworld,regex-automata-0.4.8,ripgrep-14.1.1)
                   scaling: huge generated functions, front-end floor vs LLVM vs fastclif
                            [--shapes a,b] (lets, match, chain, literal, calls; default: all)
                            [--sizes N,M]  (instead of each shape's default sizes)
                            [--debuginfo]  all three compilations with -Cdebuginfo=2";

#[derive(Debug, Default, PartialEq)]
struct Options {
    what: Vec<String>,
    reps: Option<usize>,
    quick: bool,
    configs: Vec<String>,
    crates: Vec<PathBuf>,
    no_callgrind: bool,
    no_build: bool,
    checkout: Option<PathBuf>,
    benchmarks: Vec<String>,
    shapes: Vec<String>,
    sizes: Vec<usize>,
    /// `bench scaling --debuginfo`: compile with `-Cdebuginfo=2`.
    debuginfo: bool,
}

const WHATS: &[&str] =
    &["compile", "runtime", "suites", "suite-runs", "regalloc", "rustc-perf", "scaling", "debuginfo", "edit"];

fn parse_args(args: &[String]) -> Result<Options> {
    let mut o = Options::default();
    let mut it = args.iter();
    let list = |v: &str| v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value =
            || inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| format!("`{flag}` needs a value"));
        match flag {
            "--reps" => {
                let v = value()?;
                o.reps = Some(v.parse().ok().filter(|n| *n > 0).ok_or(format!("invalid --reps `{v}`"))?)
            }
            "--quick" => o.quick = true,
            "--config" | "--configs" => o.configs.extend(list(&value()?)),
            "--crate" => o.crates.push(PathBuf::from(value()?)),
            "--no-callgrind" => o.no_callgrind = true,
            "--no-build" => o.no_build = true,
            "--checkout" => o.checkout = Some(PathBuf::from(value()?)),
            "--benchmarks" => o.benchmarks.extend(list(&value()?)),
            "--shapes" => o.shapes.extend(list(&value()?)),
            "--debuginfo" => o.debuginfo = true,
            "--sizes" => {
                for v in list(&value()?) {
                    o.sizes.push(v.parse().ok().filter(|n| *n > 0).ok_or(format!("invalid size `{v}`"))?);
                }
            }
            f if f.starts_with('-') => return Err(format!("unknown option `{f}` for `bench`")),
            w if WHATS.contains(&w) => o.what.push(w.to_string()),
            w => return Err(format!("unknown bench `{w}` (known: {})", WHATS.join(", "))),
        }
    }
    if o.what.is_empty() {
        o.what = vec!["compile".into(), "runtime".into()];
    }
    if o.checkout.is_some() && !o.what.iter().any(|w| w == "rustc-perf") {
        return Err("--checkout only applies to `bench rustc-perf`".into());
    }
    if (!o.shapes.is_empty() || !o.sizes.is_empty() || o.debuginfo) && !o.what.iter().any(|w| w == "scaling")
    {
        return Err("--shapes, --sizes and --debuginfo only apply to `bench scaling`".into());
    }
    Ok(o)
}

pub fn bench(ctx: &Ctx, args: &[String]) -> Result<bool> {
    let opts = parse_args(args)?;
    let settings = &ctx.config.bench;
    let reps = if opts.quick { 1 } else { opts.reps.unwrap_or(settings.reps) };
    let wanted = if opts.configs.is_empty() { settings.configs.clone() } else { opts.configs.clone() };
    let configs = BenchConfig::select(&wanted, settings.cg_clif_dylib.as_ref())?;
    let want = |w: &str| opts.what.iter().any(|x| x == w);

    let stamp = util::output(Command::new("date").args(["-u", "+%Y-%m-%d-%H%M%S"]))?;
    let report_dir = ctx.target_dir().join("bench").join(stamp.trim());
    std::fs::create_dir_all(&report_dir)
        .map_err(|e| format!("cannot create {}: {e}", report_dir.display()))?;
    let work = ctx.target_dir().join("bench-work");
    let start = Instant::now();

    // The compile and runtime benches select fastclif by name, so they need it installed;
    // scaling loads the dist/ dylib by path and needs only the build.
    let install = (want("compile")
        || want("runtime")
        || want("suites")
        || want("suite-runs")
        || want("rustc-perf")
        || want("debuginfo")
        || want("edit"))
        && configs.iter().any(|c| c.uses_fastclif() || want("rustc-perf"));
    if install || want("scaling") {
        if opts.no_build {
            let dist = build::dist_dylib(ctx);
            if !dist.is_file() {
                return Err(format!("{} does not exist; drop --no-build", dist.display()));
            }
        } else {
            let dylib = build::build(ctx)?;
            if install {
                install::install_existing(ctx, &dylib)?;
            }
        }
    }

    let mut ok = true;
    let mut results = Results {
        configs: configs.iter().map(|c| c.name.clone()).collect(),
        notes: report::environment_notes(ctx, reps),
        ..Results::default()
    };

    if want("compile") {
        step("Compile-time benchmarks (full dev builds, bench/crates)");
        let mut extra = settings.extra_crates.clone();
        extra.extend(opts.crates.iter().cloned());
        let crates = compile::discover(ctx, &extra, opts.quick)?;
        let script = wrapper::install(&work)?;
        let cg_crate = crates
            .iter()
            .find(|c| {
                !opts.no_callgrind
                    && !settings.callgrind_crate.is_empty()
                    && c.name == settings.callgrind_crate
            })
            .cloned();
        // Each configuration's build plus the `cargo check` floor.
        let mut progress = Progress::new(reps * crates.len() * (configs.len() + 1));
        results.compile =
            compile::run(ctx, &work.join("compile"), &crates, &configs, reps, &script, &mut progress)?;
        match cg_crate {
            Some(krate) if callgrind::available() => {
                // Only configurations whose build worked.
                let working: Vec<BenchConfig> = configs
                    .iter()
                    .filter(|c| {
                        results
                            .compile
                            .iter()
                            .any(|r| r.bench == krate.name && r.config == c.name && r.error.is_none())
                    })
                    .cloned()
                    .collect();
                progress.add(working.len());
                step(format!("Instruction counts of {}'s final rustc (callgrind)", krate.name));
                results.callgrind =
                    callgrind::run(ctx, &work, &report_dir, &krate, &working, &script, &mut progress)?;
            }
            Some(_) => println!("valgrind / callgrind_annotate not found: no instruction counts"),
            None if !opts.no_callgrind && !settings.callgrind_crate.is_empty() => println!(
                "callgrind_crate `{}` is not among the benchmarked crates: no instruction counts",
                settings.callgrind_crate
            ),
            None => {}
        }
    }
    if want("debuginfo") || (want("compile") && !opts.no_callgrind) {
        debug_info_cost(ctx, &opts, &work, &report_dir, &mut results)?;
    }
    if want("edit") || (want("compile") && !opts.quick) {
        step("Edit-compile loop: one-line edit in ripgrep's binary crate, then cargo build");
        let table = edit::run(ctx, &work.join("edit"), &report_dir, &configs, reps)?;
        println!("{table}");
        results.notes.push(("one-line edit rebuild".into(), "see edit.md".into()));
    }
    if want("runtime") {
        step("Run-time benchmarks (bench/runtime, opt-level 0)");
        let kernels = runtime::kernels(ctx)?;
        let mut progress = Progress::new(kernels.len() * configs.len() * (reps + 1));
        results.runtime = runtime::run(ctx, &work.join("runtime"), &kernels, &configs, reps, &mut progress)?;
    }
    if want("suites") || (want("runtime") && configs.iter().any(|c| c.uses_fastclif())) {
        step("Crate test suites (memchr, hashbrown): LLVM and fastclif, build and run");
        let table = suites::run(ctx, &work.join("suites"), &report_dir, reps)?;
        println!("{table}");
        results.notes.push(("crate test suites".into(), "see suites.md".into()));
    }
    if want("suites") || want("suite-runs") || (want("runtime") && configs.iter().any(|c| c.uses_fastclif()))
    {
        step("Generated code: regex's and serde_json's test suites run (LLVM, fastclif, fastclif + Ion)");
        let table = suites::run_time(ctx, &work.join("suites"), &report_dir, reps)?;
        println!("{table}");
        results.notes.push(("test suites' run time".into(), "see suites-runtime.md".into()));
    }
    if want("scaling") {
        step("Scaling benchmarks (huge generated functions: floor, LLVM, fastclif)");
        let plan = scaling::plan(&opts.shapes, &opts.sizes, opts.quick)?;
        // Apart, since the debug-info run leaves other binaries next to the same sources.
        let scaling_work = work.join(if opts.debuginfo { "scaling-debuginfo" } else { "scaling" });
        let (dylib, backend) = scaling::snapshot_backend(&build::dist_dylib(ctx), &scaling_work)?;
        println!("fastclif backend: {backend}");
        results.scaling = scaling::run(ctx, &plan, reps, opts.debuginfo, &dylib, &scaling_work)?;
        results.notes.push(("fastclif backend (scaling)".into(), backend));
        let debuginfo =
            if opts.debuginfo { "-Cdebuginfo=2 (all three compilations)" } else { "none (rustc's default)" };
        results.notes.push(("debug info (scaling)".into(), debuginfo.into()));
        let md = scaling::table::write(&report_dir, &results.notes, &results.scaling)?;
        println!();
        println!("{}", scaling::table::tables(&results.scaling));
        println!("scaling report: {}", md.display());
    }
    if want("regalloc") {
        ok &= regalloc(ctx, &report_dir)?;
    }
    if want("rustc-perf") {
        let checkout = opts
            .checkout
            .as_deref()
            .ok_or("`bench rustc-perf` needs --checkout PATH (a clone of rust-lang/rustc-perf)")?;
        let table = rustc_perf::run(ctx, checkout, &opts.benchmarks, &report_dir)?;
        results.notes.push(("rustc-perf".into(), "see rustc-perf.md".into()));
        println!("{table}");
    }

    if want("compile") || want("runtime") || want("scaling") {
        let md = report::write(&report_dir, &results)?;
        println!();
        println!("{}", report::summary(&results));
        println!("report: {}", md.display());
    }
    ok &= results.compile.iter().chain(&results.runtime).all(|c| c.error.is_none());
    ok &= results.scaling.iter().all(|p| p.failures().is_empty());
    println!("(bench took {:.0}s; results in {})", start.elapsed().as_secs_f64(), report_dir.display());
    if !ok {
        println!("some configurations failed; see the report");
    }
    Ok(ok)
}

/// The debug info cost of the callgrind crate (see `debuginfo`).
fn debug_info_cost(
    ctx: &Ctx,
    opts: &Options,
    work: &Path,
    report_dir: &Path,
    results: &mut Results,
) -> Result {
    let name = &ctx.config.bench.callgrind_crate;
    if !callgrind::available() {
        println!("valgrind / callgrind_annotate not found: no debug info cost");
        return Ok(());
    }
    let crates = compile::discover(ctx, &opts.crates, false)?;
    let Some(krate) = crates.iter().find(|c| &c.name == name) else {
        println!("callgrind_crate `{name}` is not among the benchmark crates: no debug info cost");
        return Ok(());
    };
    let script = wrapper::install(work)?;
    let table = debuginfo::run(ctx, work, report_dir, krate, &script)?;
    println!("{table}");
    results.notes.push(("debug info cost".into(), "see debuginfo.md".into()));
    Ok(())
}

/// Part of `./y.sh prepare`: GNU time for the memory measurements, and the benchmark
/// crates' dependencies. A missing tool is only a warning: it matters for `bench` alone.
pub fn prepare(ctx: &Ctx) -> Result {
    step("Benchmark tools and crate dependencies (./y.sh bench)");
    if !Path::new(wrapper::TIME).is_file() {
        let installed =
            Command::new("apt-get").args(["install", "-y", "time"]).status().is_ok_and(|s| s.success());
        if !installed {
            println!(
                "warning: {} is missing (apt-get install time); `./y.sh bench compile` needs it",
                wrapper::TIME
            );
        }
    }
    if !callgrind::available() {
        println!("note: valgrind is not installed; `./y.sh bench` will skip instruction counts");
    }
    for krate in compile::discover(ctx, &[], false)? {
        util::run(
            ctx.toolchain
                .cargo()
                .current_dir(&krate.dir)
                .args(["fetch", "--manifest-path"])
                .arg(krate.dir.join("Cargo.toml")),
        )?;
    }
    Ok(())
}

/// `./y.sh bench regalloc`: the allocator's own benchmark, output copied into the report dir.
fn regalloc(ctx: &Ctx, report_dir: &Path) -> Result<bool> {
    step("Allocator micro-benchmark (cargo bench in allocator/)");
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(&ctx.root)
        .args([
            "bench",
            "--manifest-path",
            "allocator/Cargo.toml",
            "--bench",
            "regalloc_bench",
            "--target-dir",
        ])
        .arg(ctx.target_dir());
    println!("$ {}", util::display_cmd(&cmd));
    let res = util::run_captured(&mut cmd, ctx.config.bench.timeout)?;
    let out = report_dir.join("regalloc_bench.txt");
    let mut text = res.stdout.clone();
    text.extend_from_slice(b"\n--- stderr ---\n");
    text.extend_from_slice(&res.stderr);
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("{}", String::from_utf8_lossy(&res.stdout).trim_end());
    println!("regalloc bench output: {}", out.display());
    if !res.success() {
        println!("regalloc bench failed ({})", res.status_text());
    }
    Ok(res.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::util::strings;

    #[test]
    fn argument_parsing() {
        let o = parse_args(&[]).unwrap();
        assert_eq!(o.what, ["compile", "runtime"]);
        let o =
            parse_args(&strings(&["compile", "--reps", "5", "--config=llvm,fastclif-ion", "--crate", "x"]))
                .unwrap();
        assert_eq!(o.what, ["compile"]);
        assert_eq!(o.reps, Some(5));
        assert_eq!(o.configs, ["llvm", "fastclif-ion"]);
        assert_eq!(o.crates, [PathBuf::from("x")]);
        let o = parse_args(&strings(&["rustc-perf", "--checkout", "/p", "--benchmarks", "a,b"])).unwrap();
        assert_eq!(o.checkout, Some(PathBuf::from("/p")));
        assert_eq!(o.benchmarks, ["a", "b"]);
        assert!(parse_args(&strings(&["--reps", "0"])).is_err());
        assert!(parse_args(&strings(&["--reps"])).is_err());
        assert!(parse_args(&strings(&["bogus"])).is_err());
        assert!(parse_args(&strings(&["--checkout", "/p"])).is_err());
        assert!(parse_args(&strings(&["--quick"])).unwrap().quick);
        let o = parse_args(&strings(&["scaling", "--shapes=lets,calls", "--sizes", "100,200", "--quick"]))
            .unwrap();
        assert_eq!(o.what, ["scaling"]);
        assert_eq!(o.shapes, ["lets", "calls"]);
        assert_eq!(o.sizes, [100, 200]);
        assert!(parse_args(&strings(&["scaling", "--sizes", "0"])).is_err());
        assert!(parse_args(&strings(&["scaling", "--sizes", "x"])).is_err());
        assert!(parse_args(&strings(&["compile", "--shapes", "lets"])).is_err());
        assert!(parse_args(&strings(&["scaling", "--debuginfo"])).unwrap().debuginfo);
        assert!(parse_args(&strings(&["compile", "--debuginfo"])).is_err());
    }
}
