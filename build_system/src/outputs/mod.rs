//! `./y.sh test outputs`: the kinds of output rustc asks a backend for besides executables,
//! each compared with LLVM's: `--emit` combinations (`emit`), a `cdylib` loaded from C and
//! Python and a `staticlib` linked into C (`ffi`), and a `dylib` in a Cargo workspace linked
//! dynamically (`dylib`). Everything is built below `target/test-outputs/`.

mod dylib;
mod emit;
mod ffi;

use std::path::Path;

use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::Result;

/// `backend`: the `-Zcodegen-backend=` value for rustc (the `dist/` dylib); the Cargo workspace
/// uses the backend installed in the sysroot.
pub fn run(ctx: &Ctx, backend: &Path, tally: &mut Tally) -> Result {
    let backend = backend.display().to_string();
    emit::run(ctx, &backend, tally)?;
    ffi::run(ctx, &backend, tally)?;
    dylib::run(ctx, tally)
}
