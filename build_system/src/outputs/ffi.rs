//! C-ABI outputs: `tests/outputs/ffi/outputs_ffi.rs` built as a `cdylib` and a `staticlib` by
//! fastclif and by LLVM. The cdylib must export the same symbols as LLVM's (`nm -D`) and behave
//! the same when loaded with `dlopen` by a C host and by Python `ctypes`; the staticlib, linked
//! into a C program with the libraries `--print native-static-libs` names, must too.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::artifacts::{self, Backend};
use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{Captured, Result};

const CRATE: &str = "outputs_ffi";

/// One backend's build of the library.
struct Library {
    cdylib: PathBuf,
    staticlib: PathBuf,
    /// The `-l` arguments of `--print native-static-libs`.
    native_libs: Vec<String>,
}

pub fn run(ctx: &Ctx, fast: &str, tally: &mut Tally) -> Result {
    let sources = ctx.root.join("tests/outputs/ffi");
    let work = ctx.target_dir().join("test-outputs/ffi");
    let built = artifacts::fresh_dir(&work).and_then(|()| {
        let fast = build_library(ctx, Backend::Fastclif(fast), &sources, &work)?;
        let llvm = build_library(ctx, Backend::Llvm, &sources, &work)?;
        artifacts::check_fastclif_comment(ctx, &fast.cdylib)?;
        Ok((fast, llvm))
    });
    let (fast, llvm) = match built {
        Ok(libs) => libs,
        Err(e) => {
            tally.fail("outputs cdylib and staticlib build", &e);
            return Ok(());
        }
    };
    tally
        .record("outputs cdylib exports the same symbols as LLVM's (nm -D)", same_exports(ctx, &fast, &llvm));
    let dlopen_host = compile_host(ctx, &sources.join("host_dlopen.c"), &work.join("host_dlopen"), &["-ldl"]);
    tally.record(
        "outputs cdylib loaded with dlopen by a C host",
        dlopen_host.and_then(|host| {
            let host_cmd = |lib: &Library| command(&host, &[&lib.cdylib]);
            same_host_run(ctx, "the C host", &host_cmd, &fast, &llvm)
        }),
    );
    let host_py = sources.join("host_ctypes.py");
    let python = |lib: &Library| command(Path::new("python3"), &[&host_py, &lib.cdylib]);
    tally.record(
        "outputs cdylib loaded by Python ctypes",
        same_host_run(ctx, "the Python host", &python, &fast, &llvm),
    );
    tally.record("outputs staticlib linked into a C program", staticlib(ctx, &sources, &work, &fast, &llvm));
    Ok(())
}

fn build_library(ctx: &Ctx, backend: Backend<'_>, sources: &Path, work: &Path) -> Result<Library> {
    let dir = work.join(backend.name());
    artifacts::fresh_dir(&dir)?;
    let source = sources.join(format!("{CRATE}.rs"));
    let source = source.display().to_string();
    let args = [
        "--edition=2024",
        "-Copt-level=0",
        "--crate-type=cdylib",
        "--crate-type=staticlib",
        "--print=native-static-libs",
        "--out-dir",
        ".",
        &source,
    ];
    let res = artifacts::rustc(ctx, backend, &dir, &args)?;
    if !res.success() {
        return Err(format!(
            "{}: rustc ended with {}: {}",
            backend.name(),
            res.status_text(),
            artifacts::first_error(&res)
        ));
    }
    let stderr = res.stderr_text();
    let native_libs = stderr
        .lines()
        .find_map(|l| l.split_once("native-static-libs: ").map(|(_, libs)| libs))
        .ok_or("rustc printed no `native-static-libs` note")?
        .split_whitespace()
        .map(str::to_string)
        .collect();
    Ok(Library {
        cdylib: dir.join(format!("lib{CRATE}.so")),
        staticlib: dir.join(format!("lib{CRATE}.a")),
        native_libs,
    })
}

fn same_exports(ctx: &Ctx, fast: &Library, llvm: &Library) -> Result {
    let ours = artifacts::defined_symbols(ctx, &fast.cdylib, true)?;
    let theirs = artifacts::defined_symbols(ctx, &llvm.cdylib, true)?;
    if !theirs.iter().any(|s| s.ends_with(" outputs_checked_div")) {
        return Err(format!("LLVM's cdylib does not export `outputs_checked_div`: {theirs:?}"));
    }
    match artifacts::symbol_difference(&ours, &theirs) {
        None => Ok(()),
        Some(diff) => Err(diff),
    }
}

/// `cc source -o out libs`.
fn compile_host(ctx: &Ctx, source: &Path, out: &Path, libs: &[&str]) -> Result<PathBuf> {
    let mut cmd = Command::new("cc");
    cmd.args(["-Wall", "-o"]).arg(out).arg(source).args(libs);
    artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)?;
    Ok(out.to_path_buf())
}

fn command(program: &Path, args: &[&Path]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args);
    cmd
}

/// Runs the host `command(lib)` for both builds: same stdout, and the panic the library catches
/// was reported on stderr.
fn same_host_run(
    ctx: &Ctx,
    what: &str,
    command: &dyn Fn(&Library) -> Command,
    fast: &Library,
    llvm: &Library,
) -> Result {
    let run = |lib: &Library| -> Result<Captured> {
        artifacts::run(ctx, command(lib).env("RUST_BACKTRACE", "0"), ctx.config.test_timeout)
    };
    let (f, l) = (run(fast)?, run(llvm)?);
    artifacts::same_run(what, &f, &l)?;
    if !f.stdout_text().contains("(panic caught)") {
        return Err(format!("{what} printed no `(panic caught)` line"));
    }
    if !f.stderr_text().contains("attempt to divide by zero") {
        return Err(format!("{what}: the caught panic was not reported on stderr"));
    }
    Ok(())
}

fn staticlib(ctx: &Ctx, sources: &Path, work: &Path, fast: &Library, llvm: &Library) -> Result {
    let object = work.join("host_static.o");
    let mut cmd = Command::new("cc");
    cmd.args(["-Wall", "-c", "-o"]).arg(&object).arg(sources.join("host_static.c"));
    artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)?;
    let link = |lib: &Library, name: &str| -> Result<PathBuf> {
        let exe = work.join(name);
        let mut cmd = Command::new("cc");
        cmd.arg("-o").arg(&exe).arg(&object).arg(&lib.staticlib).args(&lib.native_libs);
        artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)?;
        Ok(exe)
    };
    let (fast_exe, llvm_exe) = (link(fast, "host_static_fastclif")?, link(llvm, "host_static_llvm")?);
    artifacts::check_fastclif_comment(ctx, &fast_exe)?;
    let host_cmd = |lib: &Library| command(if std::ptr::eq(lib, fast) { &fast_exe } else { &llvm_exe }, &[]);
    same_host_run(ctx, "the static C program", &host_cmd, fast, llvm)
}
