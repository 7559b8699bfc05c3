//! `./y.sh prepare`: everything that needs the network, so later steps can run offline.

use crate::ctx::Ctx;
use crate::util::{self, Result, step};

pub fn prepare(ctx: &Ctx) -> Result {
    step(format!("Checking toolchain {}", ctx.toolchain.channel));
    ctx.toolchain.ensure_installed()?;
    step("Fetching crate dependencies of the workspace");
    util::run(ctx.toolchain.cargo().current_dir(&ctx.root).arg("fetch"))?;
    crate::bench::prepare(ctx)?;
    crate::tools::prepare();
    crate::debugger::prepare()?;
    step("prepare done");
    Ok(())
}
