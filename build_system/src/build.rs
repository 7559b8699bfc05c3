//! `./y.sh build`: compiles the backend dylib and copies it to `dist/`.

use std::path::PathBuf;

use crate::ctx::Ctx;
use crate::util::{self, Result, step};

pub const DYLIB_NAME: &str = "librustc_codegen_fastclif.so";

/// Path of the `-Zcodegen-backend=<path>` copy.
pub fn dist_dylib(ctx: &Ctx) -> PathBuf {
    ctx.dist_dir().join(DYLIB_NAME)
}

/// Builds (cargo makes this a no-op when nothing changed) and returns the `dist/` copy.
pub fn build(ctx: &Ctx) -> Result<PathBuf> {
    let profile = ctx.config.backend_profile.name();
    step(format!("Building the backend (cargo build --profile {profile})"));
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(&ctx.root)
        .args(["build", "--profile", profile, "-p", "rustc_codegen_fastclif", "--target-dir"])
        .arg(ctx.target_dir());
    util::run(&mut cmd)?;
    let built = ctx.target_dir().join(profile).join(DYLIB_NAME);
    if !built.is_file() {
        return Err(format!("cargo succeeded but {} does not exist", built.display()));
    }
    let dist = dist_dylib(ctx);
    let changed = util::copy_if_changed(&built, &dist)?;
    println!("backend: {}{}", dist.display(), if changed { "" } else { " (unchanged)" });
    if let Some((placed, listed)) = crate::link_order::placed(ctx, &dist) {
        println!(
            "link order: {placed} of the {listed} functions in {} placed first{}",
            crate::link_order::ORDER_FILE,
            if placed * 2 < listed { " (list stale or from another profile: ./y.sh hot-code)" } else { "" }
        );
    }
    Ok(dist)
}
