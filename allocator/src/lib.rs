//! fastclif's register allocation layer.
//!
//! This crate is published to Cranelift under the name `regalloc2` (through
//! `[patch.crates-io]` in the workspace), so every type Cranelift names comes
//! from the real regalloc2 0.15.2, re-exported unchanged. Only the two entry
//! points [`run`] and [`run_with_ctx`] are ours:
//!
//! - [`Algorithm::Ion`] (Cranelift's `regalloc_algorithm=backtracking`) goes to
//!   upstream's backtracking allocator, untouched.
//! - [`Algorithm::Fastalloc`] (`regalloc_algorithm=single_pass`) goes to
//!   fastclif's own single-pass allocator (module `fastclif`), unless the
//!   process selected upstream's single-pass allocator with
//!   [`set_single_pass_engine`].
//!
//! Our allocator keeps its scratch state in a per-thread context, so that
//! after warm-up allocating a function does not touch the heap (except to
//! grow `ctx.output` for a larger function than seen before).

#![allow(clippy::needless_range_loop)]

pub use upstream::*;

mod fastclif;

#[cfg(feature = "capture")]
mod capture;

pub use fastclif::Allocator as FastclifAllocator;

use core::sync::atomic::{AtomicU8, Ordering};

/// Which implementation serves [`Algorithm::Fastalloc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SinglePassEngine {
    /// fastclif's own allocator (the default).
    Fastclif,
    /// regalloc2's upstream `fastalloc`.
    Upstream,
}

static SINGLE_PASS_ENGINE: AtomicU8 = AtomicU8::new(0);

/// Choose, for the whole process, which allocator handles
/// [`Algorithm::Fastalloc`] requests. Takes effect for functions allocated
/// after the call; safe to call from any thread.
pub fn set_single_pass_engine(engine: SinglePassEngine) {
    let v = match engine {
        SinglePassEngine::Fastclif => 0,
        SinglePassEngine::Upstream => 1,
    };
    SINGLE_PASS_ENGINE.store(v, Ordering::Relaxed);
}

/// The engine currently serving [`Algorithm::Fastalloc`].
pub fn single_pass_engine() -> SinglePassEngine {
    match SINGLE_PASS_ENGINE.load(Ordering::Relaxed) {
        0 => SinglePassEngine::Fastclif,
        _ => SinglePassEngine::Upstream,
    }
}

fn use_ours(options: &RegallocOptions) -> bool {
    matches!(options.algorithm, Algorithm::Fastalloc) && single_pass_engine() == SinglePassEngine::Fastclif
}

/// Allocate registers for `func`. Same contract as upstream `regalloc2::run`.
pub fn run<F: Function>(
    func: &F,
    env: &MachineEnv,
    options: &RegallocOptions,
) -> Result<Output, RegAllocError> {
    #[cfg(feature = "capture")]
    capture::record(func, env);
    if use_ours(options) {
        let mut out = Output::default();
        fastclif::allocate_with_thread_context(func, env, &mut out)?;
        Ok(out)
    } else {
        upstream::run(func, env, options)
    }
}

/// Allocate registers for `func`, reusing `ctx` (and, for our allocator, this
/// thread's scratch state). Same contract as upstream
/// `regalloc2::run_with_ctx`: the result lives in `ctx.output`.
pub fn run_with_ctx<'a, F: Function>(
    func: &F,
    env: &MachineEnv,
    options: &RegallocOptions,
    ctx: &'a mut Ctx,
) -> Result<&'a Output, RegAllocError> {
    #[cfg(feature = "capture")]
    capture::record(func, env);
    if use_ours(options) {
        fastclif::allocate_with_thread_context(func, env, &mut ctx.output)?;
        Ok(&ctx.output)
    } else {
        upstream::run_with_ctx(func, env, options, ctx)
    }
}

/// Run fastclif's allocator directly (for tests, benchmarks and tools),
/// regardless of [`set_single_pass_engine`].
pub fn run_fastclif<F: Function>(func: &F, env: &MachineEnv, out: &mut Output) -> Result<(), RegAllocError> {
    fastclif::allocate_with_thread_context(func, env, out)
}
