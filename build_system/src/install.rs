//! `./y.sh install`: puts the backend where `rustc -Zcodegen-backend=fastclif` looks for it,
//! and the `cargo fastclif` subcommand on `PATH`.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use crate::ctx::Ctx;
use crate::util::{self, Result, step};
use crate::{build, cargo_fastclif};

/// Builds, then copies the dylib into the toolchain's sysroot. Returns the installed path.
pub fn install(ctx: &Ctx) -> Result<PathBuf> {
    let dist = build::build(ctx)?;
    install_existing(ctx, &dist)
}

/// Copies an already built dylib into the sysroot and writes `cargo-fastclif` (idempotent).
pub fn install_existing(ctx: &Ctx, dist: &std::path::Path) -> Result<PathBuf> {
    step(format!("Installing into the {} sysroot", ctx.toolchain.channel));
    let dest = ctx.toolchain.backend_install_dir()?.join(build::DYLIB_NAME);
    let changed = util::copy_if_changed(dist, &dest)?;
    println!("installed: {}{}", dest.display(), if changed { "" } else { " (unchanged)" });
    println!("by path:   {}", dist.display());
    let subcommand = cargo_fastclif::install(ctx, &dest)?;
    println!("cargo subcommand: {}", subcommand.display());
    println!("use it with: rustc +{} -Zcodegen-backend=fastclif hello.rs", ctx.toolchain.channel);
    println!("         or: cargo fastclif build (or test, run, check, doc)");
    Ok(dest)
}

/// Changes whenever the installed backend or the extra fastclif flags change.
pub fn backend_stamp(ctx: &Ctx) -> Result<String> {
    let dylib = ctx.toolchain.backend_install_dir()?.join(build::DYLIB_NAME);
    let bytes = fs::read(&dylib).map_err(|e| {
        format!("cannot read the installed backend {} ({e}); run `./y.sh install`", dylib.display())
    })?;
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    Ok(format!("backend {:016x} rustflags {:?}\n", h.finish(), ctx.config.test_rustflags))
}
