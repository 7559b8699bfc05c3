//! `./y.sh test flags`, second half: the backend's environment variables (`FASTCLIF_REGALLOC`,
//! `FASTCLIF_CHECK_REGALLOC`, `FASTCLIF_AS`) reject invalid values with the list of valid ones,
//! are recorded in dep-info, make Cargo rebuild a crate when they change (and only then), and
//! make incremental compilation redo the codegen units instead of reusing their objects, while
//! an edit with the variables unchanged still reuses the units it did not touch.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{self, Captured, Result};

const VARS: &[&str] = &["FASTCLIF_REGALLOC", "FASTCLIF_CHECK_REGALLOC", "FASTCLIF_AS"];

/// An invalid value and text the error must contain (from its list of valid values).
const INVALID: &[(&str, &str, &str)] = &[
    ("FASTCLIF_REGALLOC", "nope", "fast, ion, upstream-fast"),
    ("FASTCLIF_CHECK_REGALLOC", "maybe", "1, true, 0, false"),
    ("FASTCLIF_AS", "no-such-assembler", "GNU-compatible x86-64 assembler"),
];

/// The package name of `tests/cargo-project`.
const PACKAGE: &str = "fastclif-cargo-test";

pub fn run(ctx: &Ctx, backend: &Path, installed: &Result<PathBuf>, tally: &mut Tally) -> Result {
    let out = ctx.target_dir().join("test-flags");
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let program = ctx.root.join("tests/flags/cpu_features.rs");
    for (var, value, valid) in INVALID {
        let name = format!("flags {var}={value} is an error listing the valid values");
        tally.record(&name, invalid_value(ctx, backend, &program, &out, var, value, valid));
    }
    tally.record("flags dep-info records every FASTCLIF_* variable", dep_info(ctx, backend, &program, &out));
    tally.record(
        "flags incremental objects follow FASTCLIF_REGALLOC",
        incremental(ctx, backend, &program, &out),
    );
    tally.record(
        "flags incremental reuses the codegen units an edit did not touch",
        incremental_reuse(ctx, backend, out.as_path()),
    );
    let cargo = installed.clone().and_then(|_| cargo_rebuilds(ctx, &out));
    tally.record("flags cargo rebuilds when FASTCLIF_REGALLOC changes", cargo);
    Ok(())
}

/// `rustc` with fastclif, the backend's variables cleared and then set as given.
fn rustc(ctx: &Ctx, backend: &Path, env: &[(&str, &str)], args: &[&str]) -> Result<Captured> {
    let mut cmd = ctx.toolchain.rustc();
    cmd.arg(format!("-Zcodegen-backend={}", backend.display())).args(args);
    clear_vars(&mut cmd);
    cmd.envs(env.iter().copied());
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    util::run_captured(&mut cmd, ctx.config.compile_timeout)
}

fn clear_vars(cmd: &mut Command) {
    for var in VARS {
        cmd.env_remove(var);
    }
}

fn invalid_value(
    ctx: &Ctx,
    backend: &Path,
    program: &Path,
    out: &Path,
    var: &str,
    value: &str,
    valid: &str,
) -> Result {
    let exe = out.join("env-invalid").display().to_string();
    let res = rustc(ctx, backend, &[(var, value)], &[&program.display().to_string(), "-o", &exe])?;
    let stderr = res.stderr_text();
    let first = stderr.lines().next().unwrap_or("");
    if res.status_text() != "exit code 1" {
        return Err(format!("rustc ended with {} (expected exit code 1)", res.status_text()));
    }
    if first.starts_with("error") && first.contains(var) && first.contains(value) && first.contains(valid) {
        Ok(())
    } else {
        Err(format!("first line of stderr is `{first}`"))
    }
}

fn dep_info(ctx: &Ctx, backend: &Path, program: &Path, out: &Path) -> Result {
    let dep_file = out.join("env-deps.d");
    let emit = format!("--emit=dep-info={},metadata", dep_file.display());
    let meta = out.join("env-deps.rmeta").display().to_string();
    let res = rustc(
        ctx,
        backend,
        &[("FASTCLIF_REGALLOC", "ion")],
        &["--crate-type=lib", &emit, "-o", &meta, &program.display().to_string()],
    )?;
    if !res.success() {
        return Err(format!("rustc failed: {}", res.stderr_text().lines().next().unwrap_or("")));
    }
    let deps =
        fs::read_to_string(&dep_file).map_err(|e| format!("cannot read {}: {e}", dep_file.display()))?;
    let expected =
        ["# env-dep:FASTCLIF_REGALLOC=ion", "# env-dep:FASTCLIF_CHECK_REGALLOC", "# env-dep:FASTCLIF_AS"];
    match expected.iter().find(|line| !deps.lines().any(|l| l == **line)) {
        None => Ok(()),
        Some(missing) => Err(format!("dep-info lacks `{missing}`")),
    }
}

/// Builds incrementally with each allocator in turn and returns the objects of the newest
/// session directory, concatenated in name order.
fn incremental(ctx: &Ctx, backend: &Path, program: &Path, out: &Path) -> Result {
    let dir = out.join("incremental");
    util::remove_dir(&dir)?;
    let incr = format!("-Cincremental={}", dir.join("cache").display());
    let exe = dir.join("program").display().to_string();
    let program = program.display().to_string();
    let mut objects = Vec::new();
    for regalloc in ["fast", "ion", "ion"] {
        let args = [program.as_str(), "-o", &exe, &incr, "-Ccodegen-units=4"];
        let res = rustc(ctx, backend, &[("FASTCLIF_REGALLOC", regalloc)], &args)?;
        if !res.success() {
            return Err(format!("build failed: {}", res.stderr_text().lines().next().unwrap_or("")));
        }
        objects.push(session_objects(&dir.join("cache"))?);
    }
    if objects[1] == objects[0] {
        return Err("switching to FASTCLIF_REGALLOC=ion reused the objects built with `fast`".into());
    }
    if objects[2] != objects[1] {
        return Err("rebuilding with the same FASTCLIF_REGALLOC produced different objects".into());
    }
    Ok(())
}

/// Two builds into one cache, the second with one function edited (`--cfg second`): the
/// program's `rustc_partition_reused` attribute makes rustc fail unless the untouched unit's
/// object was reused. The backend's tracked variables must not defeat reuse: rustc can only
/// find a unit reusable when the variables it read are known unchanged.
fn incremental_reuse(ctx: &Ctx, backend: &Path, out: &Path) -> Result {
    let dir = out.join("incremental-reuse");
    util::remove_dir(&dir)?;
    let incr = format!("-Cincremental={}", dir.join("cache").display());
    let exe = dir.join("program");
    let exe_arg = exe.display().to_string();
    let program = ctx.root.join("tests/flags/incremental_reuse.rs").display().to_string();
    for (cfg, expected) in [("first", "first build: 42\n"), ("second", "second build: 42\n")] {
        let args = [program.as_str(), "-o", &exe_arg, &incr, "-Zquery-dep-graph", "--cfg", cfg];
        let res = rustc(ctx, backend, &[("FASTCLIF_REGALLOC", "fast")], &args)?;
        if !res.success() {
            let stderr = res.stderr_text();
            let first_error = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(no error line)");
            return Err(format!("`--cfg {cfg}` build failed: {first_error}"));
        }
        let run = util::run_captured(&mut Command::new(&exe), ctx.config.compile_timeout)?;
        if run.stdout_text() != expected {
            return Err(format!("`--cfg {cfg}` program printed {:?}", run.stdout_text()));
        }
    }
    Ok(())
}

fn session_objects(cache: &Path) -> Result<Vec<u8>> {
    let mut sessions: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for crate_dir in fs::read_dir(cache).map_err(|e| format!("cannot read {}: {e}", cache.display()))? {
        let crate_dir = crate_dir.map_err(|e| e.to_string())?.path();
        for session in fs::read_dir(&crate_dir).map_err(|e| e.to_string())? {
            let session = session.map_err(|e| e.to_string())?.path();
            let is_session = session.file_name().is_some_and(|n| n.to_string_lossy().starts_with("s-"));
            if is_session && session.is_dir() {
                let modified =
                    fs::metadata(&session).and_then(|m| m.modified()).map_err(|e| e.to_string())?;
                sessions.push((modified, session));
            }
        }
    }
    let (_, newest) = sessions.into_iter().max().ok_or("no incremental session directory")?;
    let mut files: Vec<PathBuf> = fs::read_dir(&newest)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "o"))
        .collect();
    files.sort();
    let mut bytes = Vec::new();
    for file in files {
        bytes.extend(fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?);
    }
    Ok(bytes)
}

/// Builds a copy of `tests/cargo-project` (the profile opt-in selects the installed backend):
/// a change of `FASTCLIF_REGALLOC` must recompile the package, the same value again must not,
/// and an invalid value must fail with the valid ones.
fn cargo_rebuilds(ctx: &Ctx, out: &Path) -> Result {
    let project = out.join("cargo-project");
    util::remove_dir(&project)?;
    util::copy_dir(&ctx.root.join("tests/cargo-project"), &project)?;
    let target = project.join("target");
    let build = |regalloc: Option<&str>| -> Result<Captured> {
        let mut cmd = ctx.toolchain.cargo();
        cmd.current_dir(&project).args(["build", "-v", "--target-dir"]).arg(&target);
        clear_vars(&mut cmd);
        if let Some(value) = regalloc {
            cmd.env("FASTCLIF_REGALLOC", value);
        }
        util::run_captured(&mut cmd, ctx.config.compile_timeout)
    };
    let compiled = |res: &Captured| res.stderr_text().contains(&format!("Compiling {PACKAGE}"));
    let first = build(None)?;
    if !first.success() || !compiled(&first) {
        return Err(format!("first build failed: {}", cargo_error(&first)));
    }
    let changed = build(Some("ion"))?;
    if !changed.success() {
        return Err(format!("build with FASTCLIF_REGALLOC=ion failed: {}", cargo_error(&changed)));
    }
    if !compiled(&changed) {
        return Err("FASTCLIF_REGALLOC=ion after a default build left the package Fresh".into());
    }
    let same = build(Some("ion"))?;
    if compiled(&same) || !same.stderr_text().contains(&format!("Fresh {PACKAGE}")) {
        return Err("a second build with the same FASTCLIF_REGALLOC was not Fresh".into());
    }
    let invalid = build(Some("nope"))?;
    if invalid.success() || !invalid.stderr_text().contains("fast, ion, upstream-fast") {
        return Err("FASTCLIF_REGALLOC=nope did not fail with the list of valid values".into());
    }
    Ok(())
}

fn cargo_error(res: &Captured) -> String {
    let stderr = res.stderr_text();
    stderr.lines().find(|l| l.starts_with("error")).unwrap_or(&res.status_text()).to_string()
}
