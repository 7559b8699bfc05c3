//! `./y.sh clean`: removes everything the build system produced.
//! (The backend copy installed in the toolchain sysroot is left alone.)

use crate::ctx::Ctx;
use crate::util::{Result, remove_dir};

pub fn clean(ctx: &Ctx) -> Result {
    for dir in ["target", "dist", "tests/cargo-project/target", "tests/out"] {
        remove_dir(&ctx.root.join(dir))?;
    }
    println!("clean done");
    Ok(())
}
