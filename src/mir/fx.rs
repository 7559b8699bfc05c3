//! The per-function translation context shared by all MIR lowering modules.

use cranelift_codegen::ir::{Block, InstBuilder, StackSlotData, StackSlotKind, Type, Value};
use cranelift_frontend::FunctionBuilder;
use cranelift_object::ObjectModule;
use rustc_abi::{HasDataLayout, TargetDataLayout};
use rustc_index::IndexVec;
use rustc_middle::mir::{BasicBlock, Body, Local};
use rustc_middle::ty::layout::{
    FnAbiError, FnAbiOfHelpers, FnAbiRequest, HasTyCtxt, HasTypingEnv, LayoutError, LayoutOfHelpers,
};
use rustc_middle::ty::{self, Instance, Ty, TyCtxt, TypeFoldable};
use rustc_span::Span;
use rustc_target::callconv::FnAbi;
use rustc_target::spec::{HasTargetSpec, Target};

use super::value::{MemAddr, Place, Val};
use crate::data::DataCx;
use crate::debuginfo::{DebugCx, SourcePos};

/// A construct this backend cannot translate yet; reported as a rustc error at `span`.
#[derive(Debug)]
pub struct Unsupported {
    pub span: Span,
    pub what: String,
}

pub type CgResult<T> = Result<T, Unsupported>;

pub struct FnCx<'m, 'b, 'tcx> {
    pub tcx: TyCtxt<'tcx>,
    pub module: &'m mut ObjectModule,
    pub data: &'m mut DataCx,
    pub bcx: FunctionBuilder<'b>,
    pub instance: Instance<'tcx>,
    pub mir: &'tcx Body<'tcx>,
    pub fn_abi: &'tcx FnAbi<'tcx, Ty<'tcx>>,
    pub ptr_ty: Type,
    pub blocks: IndexVec<BasicBlock, Block>,
    pub locals: IndexVec<Local, Place<'tcx>>,
    /// The implicit `#[track_caller]` location argument, if this function takes one.
    pub caller_location: Option<Val<'tcx>>,
    /// Span of the statement or terminator being translated, for error reports.
    pub span: Span,
    /// Present when the session asks for debug info.
    pub debug: Option<&'m mut DebugCx>,
    /// Source positions; CLIF `SourceLoc` n refers to `positions[n]`.
    pub positions: &'m mut Vec<SourcePos>,
    pub landing: super::landing::LandingPads,
    /// This codegen unit's assembly text (inline assembly wrappers).
    pub asm: &'m mut crate::asm_object::AsmText,
}

impl<'tcx> FnCx<'_, '_, 'tcx> {
    /// Makes `span` the current position for errors and for the instructions emitted next.
    pub fn set_span(&mut self, span: Span) {
        self.span = span;
        let Some(debug) = self.debug.as_deref_mut() else { return };
        let pos = debug.position(self.tcx, self.mir.span, span);
        if self.positions.last() != Some(&pos) {
            self.positions.push(pos);
        }
        let index = self.positions.len() as u32 - 1;
        self.bcx.set_srcloc(cranelift_codegen::ir::SourceLoc::new(index));
    }

    pub fn unsupported(&self, what: impl Into<String>) -> Unsupported {
        Unsupported { span: self.span, what: what.into() }
    }

    pub fn monomorphize<T: TypeFoldable<TyCtxt<'tcx>> + Copy>(&self, value: T) -> T {
        self.instance.instantiate_mir_and_normalize_erasing_regions(
            self.tcx,
            ty::TypingEnv::fully_monomorphized(),
            ty::EarlyBinder::bind(self.tcx, value),
        )
    }

    pub fn iconst_usize(&mut self, value: u64) -> Value {
        self.bcx.ins().iconst(self.ptr_ty, value as i64)
    }

    /// A fresh stack slot; alignments above what the frame guarantees are handled by
    /// over-allocating and rounding the address up.
    pub fn stack_slot(&mut self, size: u64, align: u64) -> MemAddr {
        const FRAME_ALIGN: u64 = 16;
        let align = align.max(1);
        let size = size.next_multiple_of(align) as u32;
        if align <= FRAME_ALIGN {
            let slot = self.bcx.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                size,
                align.ilog2() as u8,
            ));
            MemAddr::stack(slot)
        } else {
            let slot = self.bcx.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                size + align as u32,
                FRAME_ALIGN.ilog2() as u8,
            ));
            let base = self.bcx.ins().stack_addr(self.ptr_ty, slot, 0);
            let bumped = self.bcx.ins().iadd_imm_s(base, (align - 1) as i64);
            let aligned = self.bcx.ins().band_imm_s(bumped, -(align as i64));
            MemAddr::value(aligned)
        }
    }
}

impl<'tcx> LayoutOfHelpers<'tcx> for FnCx<'_, '_, 'tcx> {
    fn handle_layout_err(&self, err: LayoutError<'tcx>, span: Span, ty: Ty<'tcx>) -> ! {
        MonoCx(self.tcx).handle_layout_err(err, span, ty)
    }
}

impl<'tcx> FnAbiOfHelpers<'tcx> for FnCx<'_, '_, 'tcx> {
    fn handle_fn_abi_err(&self, err: FnAbiError<'tcx>, span: Span, req: FnAbiRequest<'tcx>) -> ! {
        MonoCx(self.tcx).handle_fn_abi_err(err, span, req)
    }
}

impl<'tcx> HasTyCtxt<'tcx> for FnCx<'_, '_, 'tcx> {
    fn tcx(&self) -> TyCtxt<'tcx> {
        self.tcx
    }
}

impl HasDataLayout for FnCx<'_, '_, '_> {
    fn data_layout(&self) -> &TargetDataLayout {
        &self.tcx.data_layout
    }
}

impl<'tcx> HasTypingEnv<'tcx> for FnCx<'_, '_, 'tcx> {
    fn typing_env(&self) -> ty::TypingEnv<'tcx> {
        ty::TypingEnv::fully_monomorphized()
    }
}

impl HasTargetSpec for FnCx<'_, '_, '_> {
    fn target_spec(&self) -> &Target {
        &self.tcx.sess.target
    }
}

/// Layout queries outside a function body (signatures, statics, shims).
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

impl FnCx<'_, '_, '_> {
    pub fn module_config(&self) -> cranelift_codegen::isa::TargetFrontendConfig {
        use cranelift_module::Module;
        self.module.target_config()
    }
}
