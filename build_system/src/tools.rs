//! `./y.sh test tools`: two real applications from crates.io, built by fastclif (dev profile,
//! their published Cargo.lock) and then used:
//! - ripgrep: the fastclif `rg` and an LLVM `rg` run the same query script over ripgrep's own
//!   sources; every query must give identical stdout, stderr and exit code.
//! - cargo: the fastclif `cargo` prints its version, creates a binary and a library package,
//!   builds and runs the binary, runs the library's tests, reads metadata, and drives a build
//!   whose rustc uses fastclif too.
//!
//! Layout under `target/`:
//!   tools/NAME-VERSION/                  published source (kept between runs)
//!   tools/NAME-VERSION/target/fastclif   rebuilt when the installed backend changes
//!   tools/NAME-VERSION/target/llvm       the LLVM build (ripgrep only), kept
//!   tools-logs/NAME.{fastclif,llvm}.log  build output
//! The cargo smoke test's packages live in a temporary directory, removed when it passes.
//! With `keep_test_builds = false` (CI), a tool's `target/` goes as soon as its test passed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::crate_source::{self, Lockfile};
use crate::ctx::Ctx;
use crate::install;
use crate::tally::Tally;
use crate::util::{self, Captured, Result, step};

const RIPGREP_VERSION: &str = "14.1.1";
const CARGO_VERSION: &str = "0.87.1";
/// What `.comment` holds in every object fastclif writes (after a NUL separator).
const PRODUCER_MARK: &[u8] = b"\0fastclif ";
const BACKEND_STAMP: &str = ".fastclif-backend-stamp";
/// Changes whenever the way the tools are built changes, so old builds are redone.
const BUILD_KEY: &str = "tools build 2: sources outside git";

/// Part of `./y.sh prepare`: cargo links OpenSSL and zlib (through openssl-sys, libz-sys and
/// curl-sys), found with pkg-config. Installed from Debian's packages when missing; a failure
/// is only a warning, as it matters for `test tools` alone.
pub fn prepare() {
    let has =
        |lib: &str| Command::new("pkg-config").args(["--exists", lib]).status().is_ok_and(|s| s.success());
    if has("openssl") && has("zlib") {
        return;
    }
    step("C libraries for building cargo (./y.sh test tools)");
    let installed = Command::new("apt-get")
        .args(["install", "-y", "pkg-config", "libssl-dev", "zlib1g-dev"])
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        println!(
            "warning: pkg-config, libssl-dev or zlib1g-dev is missing; `./y.sh test tools` needs them to build cargo"
        );
    }
}

pub fn run(ctx: &Ctx, tally: &mut Tally) -> Result {
    let stamp = install::backend_stamp(ctx)?;
    step(format!("ripgrep {RIPGREP_VERSION}"));
    let label = format!("ripgrep {RIPGREP_VERSION}: fastclif `rg` vs LLVM `rg`");
    match ripgrep(ctx, &stamp) {
        Ok(summary) => {
            tally.pass(&format!("{label}: {summary}"));
            discard_builds(ctx, "ripgrep", RIPGREP_VERSION);
        }
        Err(e) => tally.fail(&label, &e),
    }
    step(format!("cargo {CARGO_VERSION}"));
    let label = format!("cargo {CARGO_VERSION} built by fastclif");
    match cargo(ctx, &stamp) {
        Ok(summary) => {
            tally.pass(&format!("{label}: {summary}"));
            discard_builds(ctx, "cargo", CARGO_VERSION);
        }
        Err(e) => tally.fail(&label, &e),
    }
    Ok(())
}

/// A tool that passed leaves its builds behind only when the settings keep test builds.
fn discard_builds(ctx: &Ctx, name: &str, version: &str) {
    if ctx.config.keep_test_builds {
        return;
    }
    if let Ok(src) = source(ctx, name, version) {
        ctx.discard_test_outputs(&[&src.join("target")]);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Llvm,
    Fastclif,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Backend::Llvm => "llvm",
            Backend::Fastclif => "fastclif",
        }
    }
}

/// `cargo build --locked --bin BIN` of a published application; returns the executable.
fn build_bin(ctx: &Ctx, src: &Path, bin: &str, backend: Backend, stamp: &str) -> Result<PathBuf> {
    let target = src.join("target").join(backend.name());
    let exe = target.join("debug").join(bin);
    // Cargo does not notice a changed backend dylib, nor a changed way of building: the
    // stamp names both, and a mismatch starts the build over.
    let stamp = match backend {
        Backend::Fastclif => format!("{BUILD_KEY}\n{stamp}"),
        Backend::Llvm => format!("{BUILD_KEY}\nllvm\n"),
    };
    util::restamp_dir(&target, BACKEND_STAMP, &stamp)?;
    let mut cmd = ctx.toolchain.cargo();
    // Build scripts that ask git for a revision (ripgrep's) must not find this repository,
    // whose commit changes between the LLVM and the fastclif build.
    let ceiling = src.parent().unwrap_or(src);
    cmd.current_dir(src).env("CARGO_TERM_COLOR", "never").env("GIT_CEILING_DIRECTORIES", ceiling);
    if backend == Backend::Fastclif {
        cmd.arg("-Zcodegen-backend").env("CARGO_PROFILE_DEV_CODEGEN_BACKEND", "fastclif");
    }
    cmd.args(["build", "--locked", "--bin", bin, "--target-dir"]).arg(&target);
    let log = ctx.target_dir().join("tools-logs").join(format!("{bin}.{}.log", backend.name()));
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    let status = util::run_logged(&mut cmd, &log, ctx.config.crate_timeout)?;
    if !status.is_some_and(|s| s.success()) {
        let text = fs::read_to_string(&log).unwrap_or_default();
        let first_error = text
            .lines()
            .find(|l| l.starts_with("error") || l.contains("panicked"))
            .unwrap_or("(no error line)");
        return Err(format!(
            "{} build of `{bin}` failed: {}\n      log: {}",
            backend.name(),
            first_error.trim(),
            log.display()
        ));
    }
    if backend == Backend::Fastclif && !built_by_fastclif(&exe)? {
        return Err(format!("{} has no fastclif `.comment`: the backend was not used", exe.display()));
    }
    Ok(exe)
}

fn built_by_fastclif(exe: &Path) -> Result<bool> {
    let bytes = fs::read(exe).map_err(|e| format!("cannot read {}: {e}", exe.display()))?;
    Ok(bytes.windows(PRODUCER_MARK.len()).any(|w| w == PRODUCER_MARK))
}

fn source(ctx: &Ctx, name: &str, version: &str) -> Result<PathBuf> {
    crate_source::published(ctx, name, version, &ctx.target_dir().join("tools"), Lockfile::Keep)
}

/// Queries over ripgrep's own sources (`crates/`, `tests/`). Sorted output keeps the
/// multi-threaded searcher deterministic; timing statistics (`--stats`, `--json`) are left out.
const RG_QUERIES: &[&[&str]] = &[
    &["--version"],
    &["-n", "--sort", "path", r"fn\s+main", "crates", "tests"],
    &["-c", "--sort", "path", "-i", "hyperlink", "crates"],
    &["-l", "--sort", "path", "-w", "Searcher", "crates"],
    &["-F", "-o", "--sort", "path", "unwrap()", "crates/core"],
    &["-U", "-n", "--sort", "path", r"fn\s+new\(\s*\)", "crates"],
    &["--sort", "path", "-t", "rust", "--count-matches", r"impl\b", "crates"],
    &["-n", "--sort", "path", "-g", "*.rs", "-g", "!crates/core/**", "TODO|FIXME", "crates", "tests"],
    &["-n", "-C", "2", "--sort", "path", "panic!", "crates/core"],
    &["-o", "--sort", "path", "-r", "[$1]", r"use (\w+)::", "crates/core"],
    &["--files", "--sort", "path", "crates/searcher"],
    &["-i", "-n", "--sort", "path", "--max-count", "1", "ÄÖÜ|unicode", "crates/regex"],
    &["xyzzy-not-anywhere-42", "crates"],
    &["(unclosed", "crates"],
];

fn ripgrep(ctx: &Ctx, stamp: &str) -> Result<String> {
    let src = source(ctx, "ripgrep", RIPGREP_VERSION)?;
    let llvm = build_bin(ctx, &src, "rg", Backend::Llvm, stamp)?;
    let fast = build_bin(ctx, &src, "rg", Backend::Fastclif, stamp)?;
    let mut lines = 0;
    for query in RG_QUERIES {
        let run = |exe: &Path| -> Result<Captured> {
            let mut cmd = Command::new(exe);
            cmd.current_dir(&src).args(*query);
            util::run_captured(&mut cmd, ctx.config.test_timeout)
        };
        let (expected, got) = (run(&llvm)?, run(&fast)?);
        let shown = query.join(" ");
        if got.status_text() != expected.status_text() {
            return Err(format!(
                "`rg {shown}`: fastclif {}, LLVM {}",
                got.status_text(),
                expected.status_text()
            ));
        }
        if got.stdout != expected.stdout || got.stderr != expected.stderr {
            return Err(format!(
                "`rg {shown}`: output differs (fastclif {} bytes, LLVM {} bytes)",
                got.stdout.len() + got.stderr.len(),
                expected.stdout.len() + expected.stderr.len()
            ));
        }
        lines += expected.stdout.iter().filter(|&&b| b == b'\n').count();
    }
    Ok(format!(
        "{} queries, {lines} output lines identical (incl. no-match exit 1, bad-regex exit 2)",
        RG_QUERIES.len()
    ))
}

fn cargo(ctx: &Ctx, stamp: &str) -> Result<String> {
    let src = source(ctx, "cargo", CARGO_VERSION)?;
    let exe = build_bin(ctx, &src, "cargo", Backend::Fastclif, stamp)?;
    // Outside this repository: a package created under it would join our workspace.
    let scratch = std::env::temp_dir().join(format!("fastclif-cargo-smoke-{}", std::process::id()));
    util::remove_dir(&scratch)?;
    let result = cargo_smoke(ctx, &exe, &scratch);
    if result.is_ok() {
        util::remove_dir(&scratch)?;
    }
    result.map_err(|e| format!("{e}\n      scratch packages kept in {}", scratch.display()))
}

fn cargo_smoke(ctx: &Ctx, exe: &Path, scratch: &Path) -> Result<String> {
    let home = scratch.join("cargo-home");
    fs::create_dir_all(&home).map_err(|e| format!("cannot create {}: {e}", home.display()))?;
    let rustc = ctx.toolchain.sysroot()?.join("bin/rustc");
    // The fastclif-built cargo, isolated from the user's cargo configuration and network.
    let cargo = |dir: &Path, args: &[&str], rustflags: Option<&str>| -> Result<Captured> {
        let mut cmd = Command::new(exe);
        cmd.current_dir(dir)
            .args(args)
            .env("CARGO_HOME", &home)
            .env("RUSTC", &rustc)
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTUP_TOOLCHAIN");
        if let Some(flags) = rustflags {
            cmd.env("RUSTFLAGS", flags);
        }
        let res = util::run_captured(&mut cmd, ctx.config.crate_timeout)?;
        if !res.success() {
            return Err(format!(
                "`cargo {}` ({}) failed ({}):\n{}",
                args.join(" "),
                dir.display(),
                res.status_text(),
                res.stderr_text().trim_end()
            ));
        }
        Ok(res)
    };

    let version = cargo(scratch, &["--version"], None)?.stdout_text();
    if !version.starts_with("cargo 1.") {
        return Err(format!("`cargo --version` printed {version:?}"));
    }
    cargo(scratch, &["new", "--vcs", "none", "hello"], None)?;
    let hello = scratch.join("hello");
    cargo(&hello, &["build"], None)?;
    let greeting = run_exe(ctx, &hello.join("target/debug/hello"))?;
    if greeting != "Hello, world!\n" {
        return Err(format!("the new package printed {greeting:?}"));
    }
    let metadata = cargo(&hello, &["metadata", "--format-version", "1", "--no-deps"], None)?.stdout_text();
    if !metadata.contains("\"name\":\"hello\"") {
        return Err("`cargo metadata` does not name the package `hello`".into());
    }

    cargo(scratch, &["new", "--vcs", "none", "--lib", "greet"], None)?;
    let tests = cargo(&scratch.join("greet"), &["test"], None)?.stdout_text();
    if !tests.contains("test tests::it_works ... ok") || !tests.contains("test result: ok. 1 passed") {
        return Err(format!("`cargo test` of the new library printed:\n{tests}"));
    }

    // The fastclif-built cargo driving a fastclif rustc.
    cargo(&hello, &["build", "--target-dir", "target-fastclif"], Some("-Zcodegen-backend=fastclif"))?;
    let nested = hello.join("target-fastclif/debug/hello");
    if !built_by_fastclif(&nested)? || run_exe(ctx, &nested)? != "Hello, world!\n" {
        return Err("the hello package built with RUSTFLAGS=-Zcodegen-backend=fastclif is wrong".into());
    }
    Ok(format!(
        "{}; new + build + run, new --lib + test, metadata, build with fastclif rustc",
        version.trim()
    ))
}

fn run_exe(ctx: &Ctx, exe: &Path) -> Result<String> {
    let res = util::run_captured(&mut Command::new(exe), ctx.config.test_timeout)?;
    if !res.success() {
        return Err(format!("{} ended with {}", exe.display(), res.status_text()));
    }
    Ok(res.stdout_text())
}
