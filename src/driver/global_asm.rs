//! `global_asm!` items and naked functions. rustc_codegen_ssa resolves their operands and
//! renders naked function bodies; we collect the resulting text into the codegen unit's
//! assembly (`crate::asm_object`).

use rustc_abi::{HasDataLayout, TargetDataLayout};
use rustc_ast::{InlineAsmOptions, InlineAsmTemplatePiece};
use rustc_codegen_ssa::traits::{AsmCodegenMethods, GlobalAsmOperandRef};
use rustc_middle::ty::layout::{
    FnAbiError, FnAbiOfHelpers, FnAbiRequest, HasTyCtxt, HasTypingEnv, LayoutError, LayoutOfHelpers,
};
use rustc_middle::ty::{self, Instance, Ty, TyCtxt};
use rustc_span::Span;

use crate::asm_object::AsmText;
use crate::layout_cx::MonoCx;

pub struct GlobalAsmCx<'a, 'tcx> {
    pub tcx: TyCtxt<'tcx>,
    pub module: &'a mut cranelift_object::ObjectModule,
    pub asm: &'a mut AsmText,
}

impl<'tcx> AsmCodegenMethods<'tcx> for GlobalAsmCx<'_, 'tcx> {
    fn codegen_global_asm(
        &mut self,
        template: &[InlineAsmTemplatePiece],
        operands: &[GlobalAsmOperandRef<'tcx>],
        options: InlineAsmOptions,
        _line_spans: &[Span],
    ) {
        let mut text = String::new();
        let att = options.contains(InlineAsmOptions::ATT_SYNTAX);
        if att {
            text.push_str(".att_syntax\n");
        }
        for piece in template {
            match piece {
                InlineAsmTemplatePiece::String(s) => text.push_str(s),
                InlineAsmTemplatePiece::Placeholder { operand_idx, .. } => match &operands[*operand_idx] {
                    GlobalAsmOperandRef::Const { string } => text.push_str(string),
                    GlobalAsmOperandRef::SymFn { instance } => {
                        // The function may be private to its unit: go through a global stub.
                        match crate::mir::sym_stub(self.tcx, self.module, self.asm, *instance) {
                            Ok(name) => text.push_str(&name),
                            Err(e) => {
                                self.tcx.dcx().err(e);
                            }
                        }
                    }
                    GlobalAsmOperandRef::SymStatic { def_id } => {
                        let name = crate::symbols::object_symbol(self.tcx, Instance::mono(self.tcx, *def_id));
                        text.push_str(&format!("\"{name}\""));
                    }
                },
            }
        }
        text.push('\n');
        // The unit's assembly file is in Intel syntax outside of AT&T pieces.
        if att {
            text.push_str(".intel_syntax noprefix\n");
        }
        self.asm.push(&text);
    }

    fn mangled_name(&self, instance: Instance<'tcx>) -> String {
        crate::symbols::object_symbol(self.tcx, instance).to_owned()
    }
}

impl<'tcx> LayoutOfHelpers<'tcx> for GlobalAsmCx<'_, 'tcx> {
    fn handle_layout_err(&self, err: LayoutError<'tcx>, span: Span, ty: Ty<'tcx>) -> ! {
        MonoCx(self.tcx).handle_layout_err(err, span, ty)
    }
}

impl<'tcx> FnAbiOfHelpers<'tcx> for GlobalAsmCx<'_, 'tcx> {
    fn handle_fn_abi_err(&self, err: FnAbiError<'tcx>, span: Span, req: FnAbiRequest<'tcx>) -> ! {
        MonoCx(self.tcx).handle_fn_abi_err(err, span, req)
    }
}

impl<'tcx> HasTyCtxt<'tcx> for GlobalAsmCx<'_, 'tcx> {
    fn tcx(&self) -> TyCtxt<'tcx> {
        self.tcx
    }
}

impl HasDataLayout for GlobalAsmCx<'_, '_> {
    fn data_layout(&self) -> &TargetDataLayout {
        &self.tcx.data_layout
    }
}

impl<'tcx> HasTypingEnv<'tcx> for GlobalAsmCx<'_, 'tcx> {
    fn typing_env(&self) -> ty::TypingEnv<'tcx> {
        ty::TypingEnv::fully_monomorphized()
    }
}
