//! Portable SIMD intrinsics (`simd_*`), lowered lane by lane on vectors kept in memory.
//!
//! Correct rather than fast: std reaches these through `core::simd` helpers (for example
//! substring search); debug builds do not need vector registers for them.

mod compare;
mod convert;
mod lanes;
mod lanewise;
mod reduce;
mod shuffle;

use super::call::{Handled, IntrinsicCall};
use crate::mir::fx::FnCx;

/// Lowers the call when it is a supported portable-SIMD intrinsic; `Ok(false)` otherwise.
pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    Ok(lanewise::lower(fx, call)?
        || compare::lower(fx, call)?
        || reduce::lower(fx, call)?
        || shuffle::lower(fx, call)?
        || convert::lower(fx, call)?)
}
