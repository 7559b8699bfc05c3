//! `./y.sh test cargo-forms`: every way README.md ("Using fastclif in a Cargo project") gives
//! for using fastclif from Cargo runs on a copy of `tests/cargo-project` (without its opt-in,
//! or with it and a `rust-toolchain.toml`) and must build with the backend it says (the
//! binaries' `.comment`): `cargo fastclif` (unit, integration and doc tests compiled by fastclif;
//! `run`, `check`, `doc`; `--release` and `bench` on LLVM; one sentence when the toolchain or the
//! backend is missing or stale), the profile opt-in, `-Zcodegen-backend` with the profile key on
//! the command line or in Cargo.toml, `CARGO_PROFILE_DEV_CODEGEN_BACKEND`, `RUSTFLAGS`. The forms
//! Cargo rejects (`cargo build -Zcodegen-backend=fastclif`, the profile key without the unstable
//! feature) must fail with their error.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::artifacts;
use crate::cargo_fastclif::{self, Paths};
use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{Captured, Result};

const BIN: &str = "fastclif-cargo-test";
const LIB: &str = "fastclif_cargo_test";

pub fn run(ctx: &Ctx, installed_backend: &Path, tally: &mut Tally) -> Result {
    let work = ctx.target_dir().join("test-cargo-forms");
    let prepared = artifacts::fresh_dir(&work).and_then(|()| {
        copy_project(ctx, &work.join("plain"), false)?;
        copy_project(ctx, &work.join("keyed"), true)?;
        opted_in_project(ctx, &work.join("opted-in"))
    });
    if let Err(e) = prepared {
        tally.fail("cargo-forms project copies", &e);
        return Ok(());
    }
    let plain = work.join("plain");
    tally.record(
        "cargo fastclif test: unit, integration and doc tests by fastclif",
        fastclif_test(ctx, &plain, &work),
    );
    tally.record("cargo fastclif run, check, doc", fastclif_run_check_doc(ctx, &plain, &work));
    tally.record(
        "cargo fastclif build --release and bench stay on LLVM",
        fastclif_release(ctx, &plain, &work),
    );
    explanations(ctx, installed_backend, &work, tally);
    let channel = ctx.toolchain.channel.clone();
    for (i, form) in forms(ctx, &work, &channel).iter().enumerate() {
        tally.record(
            &format!("cargo form: {}", form.name),
            check_form(ctx, form, &work.join(format!("form{i}"))),
        );
    }
    Ok(())
}

/// Copies `tests/cargo-project` to `to` without `.cargo/config.toml` (no `[unstable]`
/// opt-in), and without the `[profile.dev]` table of its Cargo.toml unless `keep_profile`.
fn copy_project(ctx: &Ctx, to: &Path, keep_profile: bool) -> Result {
    let from = ctx.root.join("tests/cargo-project");
    for dir in ["src", "tests"] {
        crate::util::copy_dir(&from.join(dir), &to.join(dir))?;
    }
    artifacts::copy_file(&from.join("Cargo.lock"), &to.join("Cargo.lock"))?;
    let manifest =
        fs::read_to_string(from.join("Cargo.toml")).map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let manifest = if keep_profile { manifest } else { without_table(&manifest, "[profile.dev]") };
    fs::write(to.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write {}: {e}", to.display()))
}

/// A copy with the whole opt-in of `tests/cargo-project` (`.cargo/config.toml` and the profile
/// key) and a `rust-toolchain.toml` naming the pinned toolchain, for a plain `cargo build`.
fn opted_in_project(ctx: &Ctx, to: &Path) -> Result {
    copy_project(ctx, to, true)?;
    crate::util::copy_dir(&ctx.root.join("tests/cargo-project/.cargo"), &to.join(".cargo"))?;
    let toolchain = format!("[toolchain]\nchannel = \"{}\"\n", ctx.toolchain.channel);
    fs::write(to.join("rust-toolchain.toml"), toolchain)
        .map_err(|e| format!("cannot write rust-toolchain.toml: {e}"))
}

/// `toml` without the table whose header line is `header`.
fn without_table(toml: &str, header: &str) -> String {
    let mut skipping = false;
    let mut out = String::new();
    for line in toml.lines() {
        if line.trim_start().starts_with('[') {
            skipping = line.trim() == header;
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `cargo fastclif <args>` in `project`, as a user runs it: through the `cargo` on `PATH`,
/// which finds the installed `cargo-fastclif`.
fn cargo_fastclif(ctx: &Ctx, project: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<Captured> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(project).arg("fastclif").args(args);
    clean_env(&mut cmd);
    cmd.envs(env.iter().copied());
    artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)
}

/// The forms are tested as written: no flags from the environment of `./y.sh`.
fn clean_env(cmd: &mut Command) {
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTDOCFLAGS",
        "CARGO_ENCODED_RUSTDOCFLAGS",
        "CARGO_TARGET_DIR",
    ] {
        cmd.env_remove(var);
    }
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_PROFILE_") || key.starts_with("CARGO_UNSTABLE_") {
            cmd.env_remove(key.as_ref());
        }
    }
}

fn target_arg(target: &Path) -> String {
    format!("--target-dir={}", target.display())
}

/// The test binary cargo names in a `Running <what> (<path>)` line.
fn test_binary(stderr: &str, what: &str) -> Result<PathBuf> {
    named_path(stderr, &format!("Running {what} ("))
}

/// The executable `cargo bench --no-run` names in an `Executable <what> (<path>)` line.
fn executable(stderr: &str, what: &str) -> Result<PathBuf> {
    named_path(stderr, &format!("Executable {what} ("))
}

fn named_path(stderr: &str, prefix: &str) -> Result<PathBuf> {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix(prefix)?.strip_suffix(')'))
        .map(PathBuf::from)
        .ok_or_else(|| format!("cargo printed no `{prefix}...)` line"))
}

/// `cargo fastclif test` runs unit, integration and doc tests, all compiled by fastclif. The
/// doctest binaries are kept (`--persist-doctests`) through rustdoc flags of the user's own,
/// which `cargo fastclif` must keep: from a config file (merged with its `--config`), and from
/// `RUSTDOCFLAGS` (which it appends to).
fn fastclif_test(ctx: &Ctx, project: &Path, work: &Path) -> Result {
    let target = work.join("test");
    let (from_config, from_env) = (target.join("doctests-config"), target.join("doctests-env"));
    let persist = |dir: &Path| format!("-Zunstable-options --persist-doctests {}", dir.display());
    let config_dir = project.join(".cargo");
    fs::create_dir_all(&config_dir).map_err(|e| format!("cannot create {}: {e}", config_dir.display()))?;
    let flags: Vec<String> = persist(&from_config).split(' ').map(|f| format!("{f:?}")).collect();
    let config = format!("[build]\nrustdocflags = [{}]\n", flags.join(", "));
    fs::write(config_dir.join("config.toml"), config).map_err(|e| format!("cannot write the config: {e}"))?;

    let res = cargo_fastclif(ctx, project, &["test", &target_arg(&target)], &[]);
    let _ = fs::remove_dir_all(&config_dir);
    let res = res?;
    let (stdout, stderr) = (res.stdout_text(), res.stderr_text());
    let summary = crate::libtest::summarize(&stdout);
    if summary.failed > 0 {
        return Err(format!("{} tests failed: {:?}", summary.failed, summary.failing_tests));
    }
    for (what, expected) in [
        ("unit tests", "test tests::totals_add_up ... ok"),
        ("integration tests", "test basket_through_the_public_api ... ok"),
        ("doctests", "src/lib.rs - largest (line"),
    ] {
        if !stdout.contains(expected) {
            return Err(format!("no {what} ran (`{expected}` missing from the output)"));
        }
    }
    let mut binaries = vec![
        project.join(test_binary(&stderr, "unittests src/lib.rs")?),
        project.join(test_binary(&stderr, "tests/integration.rs")?),
    ];
    binaries.extend(doctest_binaries(&from_config)?);
    let doc = cargo_fastclif(
        ctx,
        project,
        &["test", "--doc", &target_arg(&target)],
        &[("RUSTDOCFLAGS", &persist(&from_env))],
    )?;
    if !doc.stdout_text().contains("src/lib.rs - largest (line") {
        return Err("with RUSTDOCFLAGS set, no doctest ran".into());
    }
    binaries.extend(doctest_binaries(&from_env)?);
    for binary in &binaries {
        artifacts::check_fastclif_comment(ctx, binary)?;
    }
    Ok(())
}

/// The doctest programs rustdoc kept in `dir` (`--persist-doctests`).
fn doctest_binaries(dir: &Path) -> Result<Vec<PathBuf>> {
    let found: Vec<PathBuf> = artifacts::files_under(dir)
        .map_err(|e| format!("no doctest was kept: {e}"))?
        .into_iter()
        .filter(|f| f.ends_with("rust_out"))
        .map(|f| dir.join(f))
        .collect();
    if found.is_empty() {
        return Err(format!("no doctest binary in {}", dir.display()));
    }
    Ok(found)
}

fn fastclif_run_check_doc(ctx: &Ctx, project: &Path, work: &Path) -> Result {
    let target = work.join("run");
    let run = cargo_fastclif(ctx, project, &["run", &target_arg(&target)], &[])?;
    if !run.stdout_text().contains("sum = ") {
        return Err(format!("`cargo fastclif run` printed {:?}", run.stdout_text()));
    }
    artifacts::check_fastclif_comment(ctx, &target.join("debug").join(BIN))?;
    cargo_fastclif(ctx, project, &["check", &target_arg(&target)], &[])?;
    cargo_fastclif(ctx, project, &["doc", &target_arg(&target)], &[])?;
    let index = target.join("doc").join(LIB).join("index.html");
    if !index.is_file() {
        return Err(format!("`cargo fastclif doc` wrote no {}", index.display()));
    }
    Ok(())
}

/// `--release` and `bench` builds are LLVM's: the release binary and the bench executables.
fn fastclif_release(ctx: &Ctx, project: &Path, work: &Path) -> Result {
    let target = work.join("release");
    cargo_fastclif(ctx, project, &["build", "--release", &target_arg(&target)], &[])?;
    let bench = cargo_fastclif(ctx, project, &["bench", "--no-run", &target_arg(&target)], &[])?;
    let mut built = vec![target.join("release").join(BIN)];
    built.push(project.join(executable(&bench.stderr_text(), "benches src/lib.rs")?));
    for exe in built {
        if artifacts::built_by_fastclif(ctx, &exe)? {
            return Err(format!("{} was built by fastclif", exe.display()));
        }
    }
    Ok(())
}

/// `cargo-fastclif` written for broken installations stops with one sentence and never runs
/// cargo.
fn explanations(ctx: &Ctx, installed_backend: &Path, work: &Path, tally: &mut Tally) {
    let dir = work.join("broken");
    let cases = [
        ("the toolchain is not installed", "is not installed; run"),
        ("the backend is not installed", "fastclif is not installed in the"),
        ("the backend was built for another rustc", "was built for another rustc"),
        ("the backend is older than dist/", "is older than the last build in"),
    ];
    for (i, (what, expected)) in cases.into_iter().enumerate() {
        let case_dir = dir.join(format!("case{i}"));
        let result = broken_paths(ctx, installed_backend, &case_dir, i).and_then(|paths| {
            let script = case_dir.join(cargo_fastclif::SCRIPT_NAME);
            cargo_fastclif::write(&paths, &script)?;
            explained(ctx, &script, expected)
        });
        tally.record(&format!("cargo fastclif explains that {what}"), result);
    }
}

/// This installation's paths with one thing broken: 0 the toolchain, 1 the backend is missing,
/// 2 it needs another librustc_driver, 3 it is older than `dist/`. Stand-ins for backends are
/// small files naming a librustc_driver (which is all the script reads of them) in `dir`.
fn broken_paths(ctx: &Ctx, installed_backend: &Path, dir: &Path, case: usize) -> Result<Paths> {
    let real = Paths::of(ctx, installed_backend)?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let fake = |name: &str, content: &str| -> Result<PathBuf> {
        let path = dir.join(name);
        fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    };
    Ok(match case {
        0 => {
            Paths { channel: "nightly-1999-01-01".into(), sysroot_lib: dir.join("no-toolchain/lib"), ..real }
        }
        1 => Paths { backend: dir.join("no-backend.so"), ..real },
        2 => Paths { backend: fake("other-rustc.so", "\0librustc_driver-0123456789abcdef.so\0")?, ..real },
        _ => {
            let driver = fs::read_dir(&real.sysroot_lib)
                .map_err(|e| format!("cannot read {}: {e}", real.sysroot_lib.display()))?
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with("librustc_driver-"))
                .ok_or("the sysroot has no librustc_driver")?;
            let backend = fake("old-backend.so", &format!("\0{driver}\0old"))?;
            let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            fs::File::options()
                .write(true)
                .open(&backend)
                .and_then(|f| f.set_modified(an_hour_ago))
                .map_err(|e| format!("cannot date {} back: {e}", backend.display()))?;
            Paths { backend, dist: fake("new-dist.so", &format!("\0{driver}\0new"))?, ..real }
        }
    })
}

/// The script fails with exactly one line naming the problem.
fn explained(ctx: &Ctx, script: &Path, expected: &str) -> Result {
    let mut cmd = Command::new(script);
    cmd.args(["fastclif", "build"]);
    let res = artifacts::run(ctx, &mut cmd, ctx.config.compile_timeout)?;
    let stderr = res.stderr_text();
    if res.status_text() != "exit code 1" || !res.stdout.is_empty() {
        return Err(format!(
            "ended with {} (expected exit code 1 and no output): {stderr}",
            res.status_text()
        ));
    }
    match stderr.lines().collect::<Vec<_>>().as_slice() {
        [line] if line.starts_with("error: cargo fastclif: ") && line.contains(expected) => Ok(()),
        _ => Err(format!("expected one line containing `{expected}`, got: {stderr}")),
    }
}

/// One documented way of running Cargo, and what it must build.
struct Form {
    name: String,
    project: PathBuf,
    /// `cargo +<channel>`, or the `cargo` on `PATH` (the project names the toolchain).
    pinned: bool,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    /// `debug` or `release`: where the binary lands.
    profile: &'static str,
    expect: Expect,
}

enum Expect {
    /// The binary carries fastclif's `.comment`.
    Fastclif,
    /// The binary has no fastclif `.comment`.
    Llvm,
    /// Cargo fails with this error.
    Rejected(&'static str),
}

fn forms(ctx: &Ctx, work: &Path, channel: &str) -> Vec<Form> {
    let (plain, keyed, opted_in) = (work.join("plain"), work.join("keyed"), work.join("opted-in"));
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let form = |name: String, project: &Path, args: &[&str], env: &[(&'static str, String)]| Form {
        name,
        project: project.to_path_buf(),
        pinned: true,
        args: strings(args),
        env: env.to_vec(),
        profile: "debug",
        expect: Expect::Fastclif,
    };
    let rustflags = |value: String| vec![("RUSTFLAGS", value)];
    let dist = crate::build::dist_dylib(ctx);
    vec![
        Form {
            pinned: false,
            ..form("rust-toolchain.toml + the opt-in + cargo build".into(), &opted_in, &["build"], &[])
        },
        Form {
            pinned: false,
            profile: "release",
            expect: Expect::Llvm,
            ..form(
                "rust-toolchain.toml + the opt-in + cargo build --release (LLVM)".into(),
                &opted_in,
                &["build", "--release"],
                &[],
            )
        },
        form(
            format!(
                "cargo +{channel} -Zcodegen-backend build --config 'profile.dev.codegen-backend=\"fastclif\"'"
            ),
            &plain,
            &["-Zcodegen-backend", "build", "--config", "profile.dev.codegen-backend=\"fastclif\""],
            &[],
        ),
        form(
            format!("cargo +{channel} -Zcodegen-backend build (profile key in Cargo.toml)"),
            &keyed,
            &["-Zcodegen-backend", "build"],
            &[],
        ),
        form(
            format!("CARGO_PROFILE_DEV_CODEGEN_BACKEND=fastclif cargo +{channel} -Zcodegen-backend build"),
            &plain,
            &["-Zcodegen-backend", "build"],
            &[("CARGO_PROFILE_DEV_CODEGEN_BACKEND", "fastclif".into())],
        ),
        form(
            format!("RUSTFLAGS=-Zcodegen-backend=fastclif cargo +{channel} build"),
            &plain,
            &["build"],
            &rustflags("-Zcodegen-backend=fastclif".into()),
        ),
        Form {
            profile: "release",
            ..form(
                format!(
                    "RUSTFLAGS=-Zcodegen-backend=fastclif cargo +{channel} build --release (fastclif too)"
                ),
                &plain,
                &["build", "--release"],
                &rustflags("-Zcodegen-backend=fastclif".into()),
            )
        },
        form(
            format!("RUSTFLAGS=-Zcodegen-backend=<dist/ path> cargo +{channel} build"),
            &plain,
            &["build"],
            &rustflags(format!("-Zcodegen-backend={}", dist.display())),
        ),
        // What a user may try first, and the profile key without the unstable feature.
        Form {
            expect: Expect::Rejected("flag -Zcodegen-backend does not take a value"),
            ..form(
                format!("cargo +{channel} build -Zcodegen-backend=fastclif is rejected"),
                &plain,
                &["build", "-Zcodegen-backend=fastclif"],
                &[],
            )
        },
        Form {
            expect: Expect::Rejected("feature `codegen-backend` is required"),
            ..form(
                format!("CARGO_PROFILE_DEV_CODEGEN_BACKEND=fastclif cargo +{channel} build is rejected"),
                &plain,
                &["build"],
                &[("CARGO_PROFILE_DEV_CODEGEN_BACKEND", "fastclif".into())],
            )
        },
    ]
}

/// Runs the form in a fresh target directory: Cargo fails as expected, or the binary runs and
/// was built by the expected backend.
fn check_form(ctx: &Ctx, form: &Form, target: &Path) -> Result {
    crate::util::remove_dir(target)?;
    let mut cmd = if form.pinned { ctx.toolchain.cargo() } else { Command::new("cargo") };
    cmd.current_dir(&form.project).args(&form.args).arg(target_arg(target));
    clean_env(&mut cmd);
    cmd.envs(form.env.iter().map(|(k, v)| (k, v)));
    let by_fastclif = match form.expect {
        Expect::Rejected(expected) => {
            let res = artifacts::run(ctx, &mut cmd, ctx.config.compile_timeout)?;
            if res.success() || !res.stderr_text().contains(expected) {
                return Err(format!(
                    "expected Cargo to fail with `{expected}`; it ended with {}: {}",
                    res.status_text(),
                    artifacts::first_error(&res)
                ));
            }
            return Ok(());
        }
        Expect::Fastclif => true,
        Expect::Llvm => false,
    };
    artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)?;
    let exe = target.join(form.profile).join(BIN);
    if artifacts::built_by_fastclif(ctx, &exe)? != by_fastclif {
        let by = if by_fastclif { "LLVM" } else { "fastclif" };
        return Err(format!("{} was built by {by}", exe.display()));
    }
    artifacts::run_ok(ctx, &mut Command::new(&exe), ctx.config.test_timeout).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_one_table() {
        let toml =
            "[package]\nname = \"x\"\n\n[profile.dev]\ncodegen-backend = \"fastclif\"\n\n[workspace]\n";
        assert_eq!(without_table(toml, "[profile.dev]"), "[package]\nname = \"x\"\n\n[workspace]\n");
    }

    #[test]
    fn finds_test_binaries() {
        let stderr = "   Compiling x\n     Running unittests src/lib.rs (target/debug/deps/x-0a1b)\n";
        assert_eq!(
            test_binary(stderr, "unittests src/lib.rs").unwrap(),
            PathBuf::from("target/debug/deps/x-0a1b")
        );
        assert!(test_binary(stderr, "tests/integration.rs").is_err());
    }
}
