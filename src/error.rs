//! The error every translation step returns: a construct fastclif cannot compile yet.
//!
//! It carries the span of the offending code and a phrase naming the construct; whoever owns
//! the function being translated reports it as one rustc error ("fastclif does not support ...
//! yet") and drops that function, so a missing feature is never a crash.

use rustc_middle::ty::{Instance, TyCtxt};
use rustc_span::{DUMMY_SP, Span};

#[derive(Debug)]
pub struct Unsupported {
    pub span: Span,
    pub what: String,
}

pub type CgResult<T> = Result<T, Unsupported>;

impl Unsupported {
    /// For code that has no span at hand (signatures, symbols); the reporter falls back to
    /// the span of the item being compiled.
    pub fn unspanned(what: impl Into<String>) -> Self {
        Unsupported { span: DUMMY_SP, what: what.into() }
    }

    /// Reports this error against `instance` (its definition span when the error has none).
    pub fn report(self, tcx: TyCtxt<'_>, instance: Instance<'_>) {
        self.report_at(tcx, tcx.def_span(instance.def_id()));
    }

    /// Reports this error at its own span, or at `fallback` when it has none.
    pub fn report_at(self, tcx: TyCtxt<'_>, fallback: Span) {
        let span = if self.span.is_dummy() { fallback } else { self.span };
        tcx.dcx().span_err(span, format!("fastclif does not support {} yet", self.what));
    }
}
