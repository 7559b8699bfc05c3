//! A Bevy-style Cargo workspace (`tests/outputs/dylib-workspace`): a `dylib` crate re-exporting
//! an rlib dependency, and a binary using it, built with `RUSTFLAGS=-Cprefer-dynamic` and the
//! dev-profile opt-in. The binary must print what the LLVM build prints, link the dylib and
//! libstd dynamically (`readelf -d`, `ldd`), and the dylib must export what LLVM's exports.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::artifacts;
use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{Captured, Result};

const APP: &str = "dy_app";
const DYLIB: &str = "libdy_engine.so";

pub fn run(ctx: &Ctx, tally: &mut Tally) -> Result {
    let project = ctx.root.join("tests/outputs/dylib-workspace");
    let work = ctx.target_dir().join("test-outputs/dylib");
    let (fast_dir, llvm_dir) = (work.join("fastclif"), work.join("llvm"));
    if let Err(e) = build_both(ctx, &project, &fast_dir, &llvm_dir) {
        tally.fail("outputs dylib workspace build (RUSTFLAGS=-Cprefer-dynamic)", &e);
        return Ok(());
    }
    let sysroot_lib = ctx.toolchain.sysroot()?.join("lib/rustlib").join(ctx.toolchain.host()?).join("lib");
    tally.record(
        "outputs dylib workspace: the binary prints what LLVM's prints",
        same_output(ctx, &sysroot_lib, &fast_dir, &llvm_dir),
    );
    tally.record(
        "outputs dylib workspace: dylib and libstd linked dynamically",
        dynamic_links(ctx, &sysroot_lib, &fast_dir),
    );
    tally.record(
        "outputs dylib workspace: the dylib exports what LLVM's exports (nm -D)",
        same_exports(ctx, &fast_dir, &llvm_dir),
    );
    Ok(())
}

fn build_both(ctx: &Ctx, project: &Path, fast_dir: &Path, llvm_dir: &Path) -> Result {
    // Cargo does not notice a changed backend: start the fastclif build from scratch.
    crate::util::remove_dir(fast_dir)?;
    let fast = cargo_build(ctx, project, fast_dir, &[])?;
    if !fast.stderr_text().contains("-Z codegen-backend=fastclif") {
        return Err(
            "cargo did not pass `-Z codegen-backend=fastclif` to rustc (profile opt-in broken?)".into()
        );
    }
    cargo_build(ctx, project, llvm_dir, &["--config", "profile.dev.codegen-backend=\"llvm\""]).map(|_| ())
}

fn cargo_build(ctx: &Ctx, project: &Path, target_dir: &Path, extra: &[&str]) -> Result<Captured> {
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(project)
        .args(["build", "-v", "--target-dir"])
        .arg(target_dir)
        .args(extra)
        .env("RUSTFLAGS", "-Cprefer-dynamic")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    artifacts::run_ok(ctx, &mut cmd, ctx.config.compile_timeout)
}

fn deps(target_dir: &Path) -> PathBuf {
    target_dir.join("debug/deps")
}

/// `LD_LIBRARY_PATH` for the binary: libstd's directory and the dylib's.
fn library_path(sysroot_lib: &Path, target_dir: &Path) -> String {
    format!("{}:{}", sysroot_lib.display(), deps(target_dir).display())
}

fn same_output(ctx: &Ctx, sysroot_lib: &Path, fast_dir: &Path, llvm_dir: &Path) -> Result {
    let run = |dir: &Path| {
        let mut cmd = Command::new(dir.join("debug").join(APP));
        cmd.env("LD_LIBRARY_PATH", library_path(sysroot_lib, dir)).env("RUST_BACKTRACE", "0");
        artifacts::run(ctx, &mut cmd, ctx.config.test_timeout)
    };
    let (fast, llvm) = (run(fast_dir)?, run(llvm_dir)?);
    artifacts::same_run(APP, &fast, &llvm)?;
    for path in [fast_dir.join("debug").join(APP), deps(fast_dir).join(DYLIB)] {
        artifacts::check_fastclif_comment(ctx, &path)?;
    }
    Ok(())
}

fn dynamic_links(ctx: &Ctx, sysroot_lib: &Path, fast_dir: &Path) -> Result {
    let exe = fast_dir.join("debug").join(APP);
    let dynamic =
        artifacts::run_ok(ctx, Command::new("readelf").arg("-d").arg(&exe), ctx.config.test_timeout)?;
    // ` 0x0000000000000001 (NEEDED)  Shared library: [libstd-1143cdb186b7e82f.so]`
    let needed: Vec<String> = dynamic
        .stdout_text()
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split_once('[')?.1.trim_end_matches(']').to_string()))
        .collect();
    let libstd = needed
        .iter()
        .find(|n| n.starts_with("libstd-"))
        .ok_or(format!("NEEDED has no libstd: {needed:?}"))?;
    if !needed.iter().any(|n| n == DYLIB) {
        return Err(format!("NEEDED has no {DYLIB}: {needed:?}"));
    }
    let mut cmd = Command::new("ldd");
    cmd.arg(&exe).env("LD_LIBRARY_PATH", library_path(sysroot_lib, fast_dir));
    let ldd = artifacts::run_ok(ctx, &mut cmd, ctx.config.test_timeout)?.stdout_text();
    if let Some(line) = ldd.lines().find(|l| l.contains("not found")) {
        return Err(format!("ldd: {}", line.trim()));
    }
    // `libdy_engine.so => /.../deps/libdy_engine.so (0x...)`
    let resolved = |lib: &str| {
        ldd.lines().find_map(|l| l.trim().strip_prefix(&format!("{lib} => "))?.split(" (").next())
    };
    for (lib, dir) in [(DYLIB, deps(fast_dir)), (libstd.as_str(), sysroot_lib.to_path_buf())] {
        let expected = dir.join(lib);
        match resolved(lib) {
            Some(path) if Path::new(path) == expected => {}
            other => return Err(format!("ldd resolves {lib} to {other:?}, not {}", expected.display())),
        }
    }
    Ok(())
}

/// The dylib's exports, with the hash of the metadata symbol removed (Cargo's `-C metadata`
/// differs between the two builds, as the profiles do).
fn same_exports(ctx: &Ctx, fast_dir: &Path, llvm_dir: &Path) -> Result {
    let exports = |dir: &Path| -> Result<Vec<String>> {
        let mut symbols: Vec<String> = artifacts::defined_symbols(ctx, &deps(dir).join(DYLIB), true)?
            .into_iter()
            .map(|s| match s.rsplit_once('_') {
                Some((head, hash))
                    if head.contains("rust_metadata_") && hash.chars().all(|c| c.is_ascii_hexdigit()) =>
                {
                    head.to_string()
                }
                _ => s,
            })
            .collect();
        symbols.sort();
        Ok(symbols)
    };
    let (ours, theirs) = (exports(fast_dir)?, exports(llvm_dir)?);
    if !theirs.iter().any(|s| s.ends_with(" dy_shapes::total_area")) {
        return Err("LLVM's dylib does not export the re-exported `dy_shapes::total_area`".into());
    }
    match artifacts::symbol_difference(&ours, &theirs) {
        None => Ok(()),
        Some(diff) => Err(diff),
    }
}
