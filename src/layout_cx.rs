//! Layout and call-ABI queries made outside any function body (signatures, statics, shims).

use rustc_abi::{HasDataLayout, TargetDataLayout};
use rustc_middle::ty::layout::{
    FnAbiError, FnAbiOfHelpers, FnAbiRequest, HasTyCtxt, HasTypingEnv, LayoutError, LayoutOfHelpers,
};
use rustc_middle::ty::{self, Ty, TyCtxt};
use rustc_span::Span;
use rustc_target::spec::{HasTargetSpec, Target};

/// A `TyCtxt` seen as a fully monomorphic layout context: layout errors are fatal here,
/// because every type reaching codegen has been checked already.
#[derive(Clone, Copy)]
pub struct MonoCx<'tcx>(pub TyCtxt<'tcx>);

impl<'tcx> LayoutOfHelpers<'tcx> for MonoCx<'tcx> {
    fn handle_layout_err(&self, err: LayoutError<'tcx>, span: Span, ty: Ty<'tcx>) -> ! {
        self.0.sess.dcx().span_fatal(span, format!("cannot compute the layout of `{ty}`: {err}"))
    }
}

impl<'tcx> FnAbiOfHelpers<'tcx> for MonoCx<'tcx> {
    fn handle_fn_abi_err(&self, err: FnAbiError<'tcx>, span: Span, req: FnAbiRequest<'tcx>) -> ! {
        self.0.sess.dcx().span_fatal(span, format!("cannot compute the call ABI of {req:?}: {err:?}"))
    }
}

impl<'tcx> HasTyCtxt<'tcx> for MonoCx<'tcx> {
    fn tcx(&self) -> TyCtxt<'tcx> {
        self.0
    }
}

impl HasDataLayout for MonoCx<'_> {
    fn data_layout(&self) -> &TargetDataLayout {
        &self.0.data_layout
    }
}

impl<'tcx> HasTypingEnv<'tcx> for MonoCx<'tcx> {
    fn typing_env(&self) -> ty::TypingEnv<'tcx> {
        ty::TypingEnv::fully_monomorphized()
    }
}

impl HasTargetSpec for MonoCx<'_> {
    fn target_spec(&self) -> &Target {
        &self.0.sess.target
    }
}
