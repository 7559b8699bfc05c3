//! The real-crates test: the published test suites of the crates in `tests/crates.toml` are
//! run with `cargo test`, once with LLVM (the baseline, cached) and once with fastclif
//! selected for the dev profile, and must pass the same number of tests.
//!
//! Layout under `target/`:
//!   crates/NAME-VERSION/                the published crate (from cargo's registry cache),
//!                                       made its own workspace root; reused when present
//!   crates/.build/llvm                  LLVM builds of every crate (one target directory, so
//!                                       dev-dependencies such as criterion or rand are built
//!                                       once per feature set, not once per crate)
//!   crates/.build/fastclif              fastclif builds; emptied when the backend changes
//!   crates/.build/fastclif-host-llvm    the same for `--host-llvm`
//!   crates/.fetch/NAME-VERSION/         throwaway project that makes cargo download it
//!   crates-logs/NAME.log                output of the fastclif `cargo test`
//!   crates-logs/NAME.llvm.log           output of the LLVM `cargo test`
//! With `keep_test_builds = false` (CI), a crate that passed is cleaned out of both build
//! directories at once, and `crates/.build` goes when every selected crate passed.

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::crate_list::{self, CrateSpec};
use crate::crate_source::{self, Lockfile};
use crate::ctx::Ctx;
use crate::install;
use crate::libtest::{self, Summary};
use crate::tally::Tally;
use crate::util::{self, Result, step};

/// The cached LLVM result, inside the crate source directory.
const BASELINE_FILE: &str = ".fastclif-llvm-baseline";
/// Identifies the backend + flags a fastclif target directory was built with.
const BACKEND_STAMP: &str = ".fastclif-backend-stamp";
/// Error lines shown per failing crate.
const MAX_ERROR_LINES: usize = 8;
/// Failing test names shown per failing crate.
const MAX_FAILING_TESTS: usize = 5;

/// What `./y.sh test crates` was asked for.
pub struct Options<'a> {
    /// Name filters (substrings); empty = all.
    pub names: &'a [String],
    /// Only crates marked `ci = true`.
    pub ci_only: bool,
    /// Only crates marked `simd = true`.
    pub simd_only: bool,
    /// Build scripts and proc macros with LLVM, only the crate and its dependencies' library
    /// and test code with fastclif: a diagnostic mode that gets past backend problems that
    /// break every build script.
    pub host_llvm: bool,
}

pub fn run(ctx: &Ctx, opts: &Options, tally: &mut Tally) -> Result {
    let (names, ci_only) = (opts.names, opts.ci_only);
    let all = crate_list::load(&ctx.root)?;
    let selected: Vec<&CrateSpec> = all
        .iter()
        .filter(|c| !ci_only || c.ci)
        .filter(|c| !opts.simd_only || c.simd)
        .filter(|c| names.is_empty() || names.iter().any(|n| name_matches(&all, &c.name, n)))
        .collect();
    if selected.is_empty() {
        return Err("no crate in tests/crates.toml matches the filters".into());
    }
    let stamp = install::backend_stamp(ctx)?;
    let failed_before = tally.failed;
    for spec in selected {
        step(format!("{} {}", spec.name, spec.version));
        let label = format!("{} {}", spec.name, spec.version);
        let outcome = run_one(ctx, spec, &stamp, opts.host_llvm);
        if outcome.is_ok() {
            discard_crate_builds(ctx, spec);
        }
        match outcome {
            Ok(line) => match &spec.expect_fail {
                None => tally.pass(&format!("{label}: {line}")),
                Some(reason) => tally.pass(&format!(
                    "{label}: {line} (listed as expected to fail: {reason}; update tests/crates.toml)"
                )),
            },
            Err(msg) => match &spec.expect_fail {
                None => tally.fail(&label, &msg),
                Some(reason) => tally.fail_expected(&label, &msg, reason),
            },
        }
    }
    if tally.failed == failed_before {
        ctx.discard_test_outputs(&[&ctx.target_dir().join("crates/.build")]);
    }
    Ok(())
}

/// Once a crate passed, its own test binaries and incremental caches go from both build
/// directories (`cargo clean -p`); the dependencies it built stay for the next crates.
fn discard_crate_builds(ctx: &Ctx, spec: &CrateSpec) {
    if ctx.config.keep_test_builds {
        return;
    }
    let Ok(src) = source_dir(ctx, spec) else { return };
    let build = ctx.target_dir().join("crates/.build");
    for side in ["llvm", "fastclif", "fastclif-host-llvm"] {
        let target = build.join(side);
        if !target.is_dir() {
            continue;
        }
        let mut cmd = ctx.toolchain.cargo();
        cmd.current_dir(&src)
            .env("CARGO_TERM_COLOR", "never")
            .args(["clean", "-p", &spec.name, "--target-dir"])
            .arg(&target);
        if let Err(e) = util::output(&mut cmd) {
            println!("warning: cannot clean {} out of {}: {e}", spec.name, target.display());
        }
    }
}

/// A name filter selects the crate of exactly that name when the list has one (`aes`, not
/// also `aes-gcm`), otherwise every crate whose name contains it.
fn name_matches(all: &[CrateSpec], name: &str, filter: &str) -> bool {
    if all.iter().any(|c| c.name == filter) { name == filter } else { name.contains(filter) }
}

/// The entry's published crate, unpacked under `target/crates/` (see the layout above).
pub fn source_dir(ctx: &Ctx, spec: &CrateSpec) -> Result<std::path::PathBuf> {
    crate_source::published(
        ctx,
        &spec.name,
        &spec.version,
        &ctx.target_dir().join("crates"),
        Lockfile::Resolve,
    )
}

/// `Ok(summary line)` when fastclif passes as many tests as LLVM and fails none.
fn run_one(ctx: &Ctx, spec: &CrateSpec, stamp: &str, host_llvm: bool) -> Result<String> {
    let src = source_dir(ctx, spec)?;
    let logs = ctx.target_dir().join("crates-logs");
    let baseline = llvm_baseline(ctx, spec, &src, &logs.join(format!("{}.llvm.log", spec.name)))?;

    let build = ctx.target_dir().join("crates/.build");
    let target = build.join(if host_llvm { "fastclif-host-llvm" } else { "fastclif" });
    util::restamp_dir(&target, BACKEND_STAMP, stamp)?;
    let log_path = logs.join(format!("{}.log", spec.name));
    let backend = Backend::Fastclif { host_llvm, regalloc: None };
    let run = cargo_test(ctx, spec, &src, &target, backend, &log_path)?;
    let s = &run.summary;
    let line = format!(
        "{} passed, {} failed (llvm: {} passed) [{:.0}s, llvm {:.0}s]",
        s.passed, s.failed, baseline.passed, run.seconds, baseline.seconds
    );
    if run.success && s.failed == 0 && s.passed == baseline.passed {
        return Ok(line);
    }
    let mut msg = line;
    if run.timed_out {
        msg.push_str(&format!("\n      timed out after {}s", ctx.config.crate_timeout.as_secs()));
    } else if s.binaries == 0 {
        msg.push_str("\n      no test binary ran (build failed?)");
    }
    if !s.failing_tests.is_empty() {
        let shown: Vec<&str> = s.failing_tests.iter().take(MAX_FAILING_TESTS).map(String::as_str).collect();
        let more = s.failing_tests.len().saturating_sub(MAX_FAILING_TESTS);
        msg.push_str(&format!(
            "\n      failing tests: {}{}",
            shown.join(", "),
            if more > 0 { format!(" (+{more} more)") } else { String::new() }
        ));
    }
    for err in libtest::first_errors(&run.log, MAX_ERROR_LINES) {
        msg.push_str(&format!("\n      {err}"));
    }
    msg.push_str(&format!("\n      log: {}", log_path.display()));
    Err(msg)
}

/// What one `cargo test` run produced.
struct TestRun {
    success: bool,
    timed_out: bool,
    seconds: f64,
    summary: Summary,
    log: String,
}

#[derive(Clone, Copy)]
pub enum Backend {
    Llvm,
    /// `host_llvm`: see [`Options::host_llvm`]; `regalloc`: a `fastclif-regalloc` value other
    /// than the default (`ion` to compare generated code with Cranelift's own allocator).
    Fastclif {
        host_llvm: bool,
        regalloc: Option<&'static str>,
    },
}

/// `cargo test` of the crate in `src` with `backend`, into `target`: `subcommand_args` come right
/// after `test`, the entry's features and test arguments last.
pub fn cargo_test_command(
    ctx: &Ctx,
    spec: &CrateSpec,
    src: &Path,
    target: &Path,
    backend: Backend,
    subcommand_args: &[&str],
) -> Result<std::process::Command> {
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(src).env("CARGO_TERM_COLOR", "never").env("RUST_BACKTRACE", "0");
    let mut rustflags = spec.rustflags.clone();
    let mut explicit_target = None;
    if let Backend::Fastclif { host_llvm, regalloc } = backend {
        cmd.arg("-Zcodegen-backend").env("CARGO_PROFILE_DEV_CODEGEN_BACKEND", "fastclif");
        if host_llvm {
            cmd.env("CARGO_PROFILE_DEV_BUILD_OVERRIDE_CODEGEN_BACKEND", "llvm");
        }
        let mut backend_flags = ctx.config.test_rustflags.clone();
        if let Some(regalloc) = regalloc {
            backend_flags.push(format!("-Cllvm-args=fastclif-regalloc={regalloc}"));
        }
        if !backend_flags.is_empty() {
            // Cargo also runs a bare `rustc -` to learn about the target, with RUSTFLAGS but
            // without the profile's backend; it must load fastclif too, or LLVM rejects
            // fastclif's `-Cllvm-args` options.
            rustflags.push("-Zcodegen-backend=fastclif".into());
            rustflags.extend(backend_flags);
            if host_llvm {
                // With an explicit --target, RUSTFLAGS no longer reach build scripts and
                // proc macros, which then really are built by LLVM.
                explicit_target = Some(ctx.toolchain.host()?);
            }
        }
    }
    cmd.envs(spec.env.iter().map(|(k, v)| (k, v)));
    if !rustflags.is_empty() {
        cmd.env("RUSTFLAGS", rustflags.join(" "));
    }
    cmd.arg("test").args(subcommand_args).arg("--target-dir").arg(target);
    if let Some(triple) = explicit_target {
        cmd.args(["--target", &triple]);
    }
    if !spec.features.is_empty() {
        cmd.args(["--features", &spec.features.join(",")]);
    }
    cmd.args(&spec.test_args);
    Ok(cmd)
}

fn cargo_test(
    ctx: &Ctx,
    spec: &CrateSpec,
    src: &Path,
    target: &Path,
    backend: Backend,
    log_path: &Path,
) -> Result<TestRun> {
    let mut cmd = cargo_test_command(ctx, spec, src, target, backend, &["--no-fail-fast"])?;
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    let start = Instant::now();
    let status = util::run_logged(&mut cmd, log_path, ctx.config.crate_timeout)?;
    let seconds = start.elapsed().as_secs_f64();
    let log = String::from_utf8_lossy(
        &fs::read(log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?,
    )
    .into_owned();
    Ok(TestRun {
        success: status.is_some_and(|s| s.success()),
        timed_out: status.is_none(),
        seconds,
        summary: libtest::summarize(&log),
        log,
    })
}

/// The LLVM result for this crate with its current features and arguments.
struct Baseline {
    passed: u64,
    seconds: f64,
}

/// Runs the suite with LLVM unless a cached result for the same arguments exists. A
/// baseline with failures is an error in `tests/crates.toml`, not in the backend.
fn llvm_baseline(ctx: &Ctx, spec: &CrateSpec, src: &Path, log_path: &Path) -> Result<Baseline> {
    let mut key =
        format!("features={:?} args={:?} rustflags={:?}", spec.features, spec.test_args, spec.rustflags);
    if !spec.env.is_empty() {
        key += &format!(" env={:?}", spec.env);
    }
    let file = src.join(BASELINE_FILE);
    if let Ok(text) = fs::read_to_string(&file)
        && let Some(b) = parse_baseline(&text, &key)
    {
        return Ok(b);
    }
    let target = ctx.target_dir().join("crates/.build/llvm");
    let run = cargo_test(ctx, spec, src, &target, Backend::Llvm, log_path)?;
    let s = &run.summary;
    if !run.success || s.failed > 0 || s.binaries == 0 {
        let mut msg = format!(
            "the LLVM baseline fails ({} passed, {} failed{}); pick another version or \
             test_args in tests/crates.toml",
            s.passed,
            s.failed,
            if run.timed_out { ", timed out" } else { "" }
        );
        for err in libtest::first_errors(&run.log, MAX_ERROR_LINES) {
            msg.push_str(&format!("\n      {err}"));
        }
        msg.push_str(&format!("\n      log: {}", log_path.display()));
        return Err(msg);
    }
    write(&file, &format!("{key}\npassed {}\nseconds {:.1}\n", s.passed, run.seconds))?;
    Ok(Baseline { passed: s.passed, seconds: run.seconds })
}

fn parse_baseline(text: &str, key: &str) -> Option<Baseline> {
    let mut lines = text.lines();
    if lines.next()? != key {
        return None;
    }
    let mut passed = None;
    let mut seconds = 0.0;
    for line in lines {
        match line.split_once(' ') {
            Some(("passed", n)) => passed = n.parse().ok(),
            Some(("seconds", n)) => seconds = n.parse().unwrap_or(0.0),
            _ => {}
        }
    }
    Some(Baseline { passed: passed?, seconds })
}

fn write(path: &Path, text: &str) -> Result {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_win() {
        let all = crate_list::parse("[aes]\nversion = \"1\"\n[aes-gcm]\nversion = \"1\"\n").unwrap();
        assert!(name_matches(&all, "aes", "aes") && !name_matches(&all, "aes-gcm", "aes"));
        assert!(name_matches(&all, "aes-gcm", "gcm") && name_matches(&all, "aes", "ae"));
    }

    #[test]
    fn baseline_cache_round_trip() {
        let text = "features=[] args=[\"--tests\"]\npassed 25\nseconds 3.5\n";
        let b = parse_baseline(text, "features=[] args=[\"--tests\"]").unwrap();
        assert_eq!((b.passed, b.seconds), (25, 3.5));
        assert!(parse_baseline(text, "features=[] args=[\"--lib\"]").is_none());
        assert!(parse_baseline("features=[] args=[]\n", "features=[] args=[]").is_none());
    }
}
