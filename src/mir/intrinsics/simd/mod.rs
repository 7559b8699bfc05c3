//! Portable SIMD intrinsics (`simd_*`), lowered lane by lane.
//!
//! Correct rather than fast: std reaches these through `core::simd` helpers (for example
//! substring search); debug builds do not need vector registers for them. Every family works
//! on the lanes `lanes::Lanes::read` gives and hands its result lanes to `Lanes::write`, so
//! it does not depend on how a vector is represented. The semantics are those of rustc's LLVM
//! backend at `-O0` on x86-64, bit for bit where LLVM's result is defined.

mod bitmask;
mod bits;
mod compare;
mod convert;
mod lanes;
mod lanewise;
mod math;
mod memory;
mod reduce;
mod registers;
pub(super) mod shuffle;

use super::call::{Handled, IntrinsicCall};
use crate::mir::fx::FnCx;

/// Lowers the call when it is a supported portable-SIMD intrinsic; `Ok(false)` otherwise.
pub fn lower<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    if !call.name.as_str().starts_with("simd_") {
        return Ok(false);
    }
    Ok(registers::lower(fx, call)?
        || lanewise::lower(fx, call)?
        || math::lower(fx, call)?
        || bits::lower(fx, call)?
        || compare::lower(fx, call)?
        || bitmask::lower(fx, call)?
        || reduce::lower(fx, call)?
        || shuffle::lower(fx, call)?
        || convert::lower(fx, call)?
        || memory::lower(fx, call)?)
}
