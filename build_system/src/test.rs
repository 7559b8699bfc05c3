//! `./y.sh test`: runs the test suites and prints one line per test and a final
//! `N passed, N failed` line.

use std::path::PathBuf;
use std::time::Instant;

use crate::architecture;
use crate::ctx::Ctx;
use crate::debugger;
use crate::tally::Tally;
use crate::util::{self, Result, step};
use crate::{
    build, cargo_forms, cargo_project, crates, env_tracking, flags, install, outputs, programs, tools,
};

const SUITES: &[&str] = &[
    "buildsystem",
    "architecture",
    "allocator",
    "programs",
    "cargo",
    "flags",
    "debugger",
    "outputs",
    "cargo-forms",
    "backend-unit",
    "crates",
    "tools",
    "intrinsics",
];
const DEFAULT_SUITES: &[&str] = &[
    "buildsystem",
    "architecture",
    "allocator",
    "programs",
    "cargo",
    "flags",
    "outputs",
    "cargo-forms",
    "debugger",
];

struct Options {
    suites: Vec<&'static str>,
    names: Vec<String>,
    no_build: bool,
    /// Only the crates marked `ci = true` in tests/crates.toml.
    ci: bool,
    /// Crates: build scripts and proc macros with LLVM (see `crates::Options`).
    host_llvm: bool,
    /// Only the crates marked `simd = true` in tests/crates.toml.
    simd: bool,
    /// Intrinsics: every valid immediate instead of a dozen per intrinsic.
    full: bool,
    /// Intrinsics: the words after `intrinsics`, family names.
    families: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Options> {
    let mut suites = Vec::new();
    let mut names = Vec::new();
    let mut no_build = false;
    let mut ci = false;
    let mut host_llvm = false;
    let mut simd = false;
    let mut full = false;
    for arg in args {
        if arg == "--no-build" {
            no_build = true;
        } else if arg == "--ci" {
            ci = true;
        } else if arg == "--host-llvm" {
            host_llvm = true;
        } else if arg == "--simd" {
            simd = true;
        } else if arg == "--full" {
            full = true;
        } else if arg == "--crates" {
            suites.push("crates");
        } else if arg.starts_with('-') {
            return Err(format!("unknown option `{arg}` for `test`"));
        } else if let Some(s) = SUITES.iter().find(|s| **s == arg) {
            suites.push(*s);
        } else {
            names.push(arg.clone());
        }
    }
    // With the intrinsics suite, the other words select its families.
    let families = if suites.contains(&"intrinsics") { std::mem::take(&mut names) } else { Vec::new() };
    if full && !suites.contains(&"intrinsics") {
        return Err("--full only applies to the `intrinsics` suite".into());
    }
    if suites.is_empty() {
        suites = if ci || host_llvm || simd {
            vec!["crates"]
        } else if names.is_empty() {
            DEFAULT_SUITES.to_vec()
        } else {
            vec!["programs"]
        };
    } else if !names.is_empty()
        && !suites.contains(&"programs")
        && !suites.contains(&"crates")
        && !suites.contains(&"debugger")
    {
        return Err(format!(
            "name filters ({}) only apply to the `programs`, `crates` and `debugger` suites",
            names.join(" ")
        ));
    }
    if (ci || host_llvm || simd) && !suites.contains(&"crates") {
        return Err("--ci, --simd and --host-llvm only apply to the `crates` suite".into());
    }
    Ok(Options { suites, names, no_build, ci, host_llvm, simd, full, families })
}

pub fn test(ctx: &Ctx, args: &[String]) -> Result<bool> {
    let opts = parse_args(args)?;
    let start = Instant::now();
    let mut tally = Tally::default();
    let want = |s: &str| opts.suites.contains(&s);

    if want("buildsystem") {
        step("Unit tests of the build system");
        let mut cmd = ctx.toolchain.cargo();
        cmd.current_dir(&ctx.root)
            .args(["test", "-p", "fastclif-build", "--target-dir"])
            .arg(ctx.target_dir().join("build_system"));
        tally.record("buildsystem unit tests", util::run(&mut cmd));
    }
    if want("architecture") {
        step("Architecture: layers, import circles and function length (ARCHITECTURE.md)");
        architecture::run(ctx, &mut tally)?;
    }
    if want("allocator") {
        step("Allocator tests (cargo test --release in allocator/)");
        // Not `-p regalloc2`: that name is ambiguous, as the allocator crate depends on the
        // crates.io regalloc2 of the same name.
        let mut cmd = ctx.toolchain.cargo();
        cmd.current_dir(&ctx.root)
            .args(["test", "--release", "--manifest-path", "allocator/Cargo.toml", "--target-dir"])
            .arg(ctx.target_dir());
        tally.record("allocator tests", util::run(&mut cmd));
    }
    if want("backend-unit") {
        step("Backend unit tests (cargo test -p rustc_codegen_fastclif --lib)");
        // The test binary links librustc_driver, which lives in the sysroot's lib/.
        let sysroot_lib = ctx.toolchain.sysroot()?.join("lib");
        let mut cmd = ctx.toolchain.cargo();
        cmd.current_dir(&ctx.root)
            .env("LD_LIBRARY_PATH", &sysroot_lib)
            .args(["test", "-p", "rustc_codegen_fastclif", "--lib", "--target-dir"])
            .arg(ctx.target_dir());
        tally.record("backend unit tests", util::run(&mut cmd));
    }

    let needs_backend = ["programs", "cargo", "flags", "outputs", "cargo-forms", "crates", "tools"];
    if needs_backend.iter().any(|s| want(s)) {
        let override_backend = std::env::var("FASTCLIF_TEST_BACKEND").ok().filter(|s| !s.is_empty());
        // The suites other than programs always need the built dylib (it is installed into
        // the sysroot, as Cargo selects backends by name).
        let need_install = needs_backend[1..].iter().any(|s| want(s));
        let need_build = !opts.no_build && (need_install || override_backend.is_none());
        let dylib = if need_build { build::build(ctx) } else { existing_dylib(ctx) };
        match dylib {
            Err(e) if override_backend.is_none() || need_install => tally.fail("backend build", &e),
            dylib => {
                if want("programs") {
                    step("Test programs: fastclif vs LLVM");
                    let backend = match (&override_backend, &dylib) {
                        (Some(b), _) => backend_arg(b),
                        (None, Ok(path)) => path.display().to_string(),
                        (None, Err(_)) => unreachable!("handled above"),
                    };
                    programs::run(ctx, &backend, &opts.names, &mut tally)?;
                }
                let installed = if need_install {
                    dylib.clone().and_then(|d| install::install_existing(ctx, &d))
                } else {
                    dylib.clone()
                };
                if want("cargo") {
                    step("Cargo project with the profile opt-in (tests/cargo-project)");
                    let result = installed.clone().and_then(|_| cargo_project::run(ctx));
                    let passed = result.is_ok();
                    tally.record("cargo-project", result);
                    if passed {
                        ctx.discard_test_outputs(&[&ctx.target_dir().join("test-cargo")]);
                    }
                }
                if want("flags") {
                    step("Target features, targets, codegen flags and FASTCLIF_* variables vs LLVM");
                    let failed_before = tally.failed;
                    match &dylib {
                        Ok(path) => {
                            flags::run(ctx, path, &mut tally)?;
                            env_tracking::run(ctx, path, &installed, &mut tally)?;
                        }
                        Err(e) => tally.fail("backend build", e),
                    }
                    discard_if_passed(ctx, &tally, failed_before, "test-flags");
                }
                if want("outputs") {
                    step("Output kinds vs LLVM: --emit, cdylib, staticlib, dylib (tests/outputs)");
                    let failed_before = tally.failed;
                    match (&dylib, &installed) {
                        (Ok(path), Ok(_)) => outputs::run(ctx, path, &mut tally)?,
                        (Err(e), _) | (_, Err(e)) => tally.fail("backend install", e),
                    }
                    discard_if_passed(ctx, &tally, failed_before, "test-outputs");
                }
                if want("cargo-forms") {
                    step("cargo fastclif and the other documented Cargo forms");
                    let failed_before = tally.failed;
                    match &installed {
                        Ok(installed) => cargo_forms::run(ctx, installed, &mut tally)?,
                        Err(e) => tally.fail("backend install", e),
                    }
                    discard_if_passed(ctx, &tally, failed_before, "test-cargo-forms");
                }
                if want("tools") {
                    step("Applications built by fastclif: ripgrep and cargo smoke tests");
                    match &installed {
                        Ok(_) => tools::run(ctx, &mut tally)?,
                        Err(e) => tally.fail("backend install", e),
                    }
                }
                if want("crates") {
                    step("Real crates: their test suites with fastclif vs LLVM (tests/crates.toml)");
                    match installed {
                        Ok(_) => {
                            let crate_opts = crates::Options {
                                names: &opts.names,
                                ci_only: opts.ci,
                                simd_only: opts.simd,
                                host_llvm: opts.host_llvm,
                            };
                            crates::run(ctx, &crate_opts, &mut tally)?
                        }
                        Err(e) => tally.fail("backend install", &e),
                    }
                }
            }
        }
    }

    if want("debugger") {
        step("Debuggers: gdb and lldb on fastclif and LLVM builds (tests/debugger)");
        let dylib = if opts.no_build { existing_dylib(ctx) } else { build::build(ctx) };
        let failed_before = tally.failed;
        match dylib {
            Ok(path) => debugger::run(ctx, &path, &opts.names, &mut tally)?,
            Err(e) => tally.fail("backend build", &e),
        }
        discard_if_passed(ctx, &tally, failed_before, "debugger");
    }

    if want("intrinsics") {
        step("Vendor intrinsics: generated programs, fastclif (strict) vs LLVM (target/intrinsics)");
        // FASTCLIF_TEST_BACKEND (e.g. an older build, or `llvm` to check the harness) as for programs.
        let dylib = match std::env::var("FASTCLIF_TEST_BACKEND").ok().filter(|s| !s.is_empty()) {
            Some(b) => Ok(PathBuf::from(backend_arg(&b))),
            None if opts.no_build => existing_dylib(ctx),
            None => build::build(ctx),
        };
        match dylib {
            Ok(path) => {
                let intrinsics_opts = crate::intrinsics::Options { full: opts.full, filters: &opts.families };
                crate::intrinsics::run(ctx, &path, &intrinsics_opts, &mut tally)?
            }
            Err(e) => tally.fail("backend build", &e),
        }
    }

    println!("(test took {:.1}s)", start.elapsed().as_secs_f64());
    println!("{} passed, {} failed", tally.passed, tally.failed);
    Ok(tally.failed == tally.expected_failures)
}

/// A suite's work directory under `target/` goes once all of its tests passed (see
/// [`Ctx::discard_test_outputs`]).
fn discard_if_passed(ctx: &Ctx, tally: &Tally, failed_before: usize, work_dir: &str) {
    if tally.failed == failed_before {
        ctx.discard_test_outputs(&[&ctx.target_dir().join(work_dir)]);
    }
}

fn existing_dylib(ctx: &Ctx) -> Result<PathBuf> {
    let dist = build::dist_dylib(ctx);
    if dist.is_file() {
        Ok(dist)
    } else {
        Err(format!("{} does not exist; run `./y.sh build` (or drop --no-build)", dist.display()))
    }
}

/// A value for `-Zcodegen-backend=`: built-in names pass through, paths become absolute.
fn backend_arg(spec: &str) -> String {
    if spec.contains('/') || spec.ends_with(".so") {
        std::path::absolute(spec).map_or_else(|_| spec.to_string(), |p| p.display().to_string())
    } else {
        spec.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::util::strings;

    #[test]
    fn argument_parsing() {
        let o = parse_args(&[]).unwrap();
        assert_eq!(o.suites, DEFAULT_SUITES);
        let o = parse_args(&strings(&["hello", "--no-build"])).unwrap();
        assert_eq!(o.suites, ["programs"]);
        assert_eq!(o.names, ["hello"]);
        assert!(o.no_build);
        let o = parse_args(&strings(&["allocator", "cargo"])).unwrap();
        assert_eq!(o.suites, ["allocator", "cargo"]);
        assert!(parse_args(&strings(&["cargo", "hello"])).is_err());
        let o = parse_args(&strings(&["--crates", "itoa"])).unwrap();
        assert_eq!(o.suites, ["crates"]);
        assert_eq!(o.names, ["itoa"]);
        let o = parse_args(&strings(&["crates", "--ci"])).unwrap();
        assert_eq!(o.suites, ["crates"]);
        assert!(o.ci);
        assert!(!DEFAULT_SUITES.contains(&"crates"));
        assert!(parse_args(&strings(&["programs", "--ci"])).is_err());
        let o = parse_args(&strings(&["--simd", "--ci"])).unwrap();
        assert_eq!(o.suites, ["crates"]);
        assert!(o.simd && o.ci);
        assert!(parse_args(&strings(&["programs", "--simd"])).is_err());
        assert!(parse_args(&strings(&["--bogus"])).is_err());
        let o = parse_args(&strings(&["intrinsics", "avx2", "sse4.1", "--full"])).unwrap();
        assert_eq!(o.suites, ["intrinsics"]);
        assert_eq!(o.families, ["avx2", "sse4.1"]);
        assert!(o.names.is_empty() && o.full);
        assert!(parse_args(&strings(&["programs", "--full"])).is_err());
    }
}
