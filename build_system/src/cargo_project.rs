//! The cargo test: `tests/cargo-project` opts into fastclif through its dev profile exactly as a
//! user project would, is built with plain `cargo build` against the backend installed in the
//! sysroot, and must behave like the same project built with LLVM.

use std::path::Path;
use std::process::Command;

use crate::ctx::Ctx;
use crate::util::{self, Captured, Result};

const BIN_NAME: &str = "fastclif-cargo-test";

fn cargo_build(
    ctx: &Ctx,
    project: &Path,
    target_dir: &Path,
    extra: &[&str],
    rustflags: &[String],
) -> Result<Captured> {
    cargo(ctx, "build", project, target_dir, extra, rustflags)
}

/// Runs `cargo <subcommand> -v` on the project; an unsuccessful run is an `Err` naming the
/// first error line.
fn cargo(
    ctx: &Ctx,
    subcommand: &str,
    project: &Path,
    target_dir: &Path,
    extra: &[&str],
    rustflags: &[String],
) -> Result<Captured> {
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(project).args([subcommand, "-v", "--target-dir"]).arg(target_dir).args(extra);
    // Cargo also passes RUSTFLAGS to LLVM-backed probes, which reject fastclif's
    // `-Cllvm-args`; those travel as the backend's environment variables instead.
    let (backend_opts, rustflags): (Vec<&String>, Vec<&String>) =
        rustflags.iter().partition(|f| f.starts_with("-Cllvm-args=fastclif-"));
    for opt in backend_opts {
        match opt.trim_start_matches("-Cllvm-args=").split_once('=') {
            Some(("fastclif-regalloc", v)) => {
                cmd.env("FASTCLIF_REGALLOC", v);
            }
            _ if opt.ends_with("fastclif-check-regalloc") => {
                cmd.env("FASTCLIF_CHECK_REGALLOC", "1");
            }
            _ => {}
        }
    }
    if !rustflags.is_empty() {
        cmd.env("RUSTFLAGS", rustflags.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "));
    }
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    let res = util::run_captured(&mut cmd, ctx.config.compile_timeout)?;
    if !res.success() {
        let err = res.stderr_text();
        let summary = err.lines().find(|l| l.starts_with("error") || l.contains("panicked")).unwrap_or("");
        if ctx.config.verbose {
            println!("{err}");
        }
        return Err(format!("`cargo {subcommand}` failed ({}): {}", res.status_text(), summary.trim()));
    }
    Ok(res)
}

fn run_bin(ctx: &Ctx, exe: &Path) -> Result<Captured> {
    util::run_captured(Command::new(exe).env("RUST_BACKTRACE", "0"), ctx.config.test_timeout)
}

/// Returns `Err(reason)` when the test fails.
pub fn run(ctx: &Ctx) -> Result {
    let project = ctx.root.join("tests/cargo-project");
    let out = ctx.target_dir().join("test-cargo");
    let fast_dir = out.join("fastclif");
    let llvm_dir = out.join("llvm");
    // Cargo does not notice when the backend dylib changes, so always start from scratch.
    util::remove_dir(&fast_dir)?;

    let fast = cargo_build(ctx, &project, &fast_dir, &[], &ctx.config.test_rustflags)?;
    if !fast.stderr_text().contains("-Z codegen-backend=fastclif") {
        return Err(
            "cargo did not pass `-Z codegen-backend=fastclif` to rustc (profile opt-in broken?)".into()
        );
    }
    cargo_build(ctx, &project, &llvm_dir, &["--config", "profile.dev.codegen-backend=\"llvm\""], &[])?;

    let fast_run = run_bin(ctx, &fast_dir.join("debug").join(BIN_NAME))?;
    let llvm_run = run_bin(ctx, &llvm_dir.join("debug").join(BIN_NAME))?;
    let _ = std::fs::write(out.join("fastclif.stdout"), &fast_run.stdout);
    let _ = std::fs::write(out.join("llvm.stdout"), &llvm_run.stdout);
    if !llvm_run.success() {
        return Err(format!("LLVM build of the project ended with {}", llvm_run.status_text()));
    }
    if fast_run.status_text() != llvm_run.status_text() {
        return Err(format!(
            "fastclif build ended with {} (LLVM build: exit code 0)",
            fast_run.status_text()
        ));
    }
    if fast_run.stdout != llvm_run.stdout {
        return Err(crate::output_diff::first_difference(&fast_run.stdout, &llvm_run.stdout));
    }

    // The unit tests through libtest's standard harness (panic=unwind): `#[should_panic]`
    // tests and drops during unwinding must behave as with LLVM.
    let fast_test = cargo(ctx, "test", &project, &fast_dir, &[], &ctx.config.test_rustflags)?;
    let llvm_test =
        cargo(ctx, "test", &project, &llvm_dir, &["--config", "profile.dev.codegen-backend=\"llvm\""], &[])?;
    let fast_sum = crate::libtest::summarize(&fast_test.stdout_text());
    let llvm_sum = crate::libtest::summarize(&llvm_test.stdout_text());
    let _ = std::fs::write(out.join("fastclif.test-stdout"), &fast_test.stdout);
    if fast_sum.passed == 0 || fast_sum != llvm_sum {
        return Err(format!(
            "`cargo test`: fastclif {} passed, {} failed {:?}; LLVM {} passed, {} failed",
            fast_sum.passed, fast_sum.failed, fast_sum.failing_tests, llvm_sum.passed, llvm_sum.failed
        ));
    }
    Ok(())
}
