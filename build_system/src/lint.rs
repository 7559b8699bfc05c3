//! `./y.sh lint`: the formatting and lint gate that CI runs before anything is built.
//!
//! `cargo fmt --check` over the workspace, then clippy on every target of every workspace crate
//! with warnings denied. Lints that do not fit this code base are allowed in the crates' own
//! attributes, next to a comment saying why, not here.

use crate::ctx::Ctx;
use crate::util::{self, Result, step};

pub fn lint(ctx: &Ctx) -> Result {
    step("Formatting (cargo fmt --check)");
    util::run(ctx.toolchain.cargo().current_dir(&ctx.root).args(["fmt", "--all", "--check"]))
        .map_err(|e| format!("{e}\nrun `cargo +{} fmt --all` to format", ctx.toolchain.channel))?;
    step("Lints (cargo clippy --workspace --all-targets -- -D warnings)");
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(&ctx.root)
        .args(["clippy", "--workspace", "--all-targets", "--target-dir"])
        .arg(ctx.target_dir().join("clippy"))
        .args(["--", "-D", "warnings"]);
    util::run(&mut cmd)?;
    ctx.discard_test_outputs(&[&ctx.target_dir().join("clippy")]);
    step("lint clean");
    Ok(())
}
