//! The per-function translation context shared by all MIR lowering modules.

use cranelift_codegen::ir::{
    AbiParam, Block, ExtFuncData, ExternalName, FuncRef, InstBuilder, SigRef, Signature, StackSlotData,
    StackSlotKind, TrapCode, Type, Value,
};
use cranelift_frontend::FunctionBuilder;
use cranelift_frontend::Variable;
use cranelift_module::{FuncId, Module};
use cranelift_object::ObjectModule;
use rustc_abi::{HasDataLayout, TargetDataLayout};
use rustc_data_structures::fx::FxHashMap;
use rustc_hir::LangItem;
use rustc_index::IndexVec;
use rustc_index::bit_set::DenseBitSet;
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
use crate::debuginfo::{SourcePos, UnitDebug};
use crate::error::{CgResult, Unsupported};
use crate::layout_cx::MonoCx;
use crate::symbols::ImportCache;

/// A function's references to other functions: each callee, and each distinct callee signature,
/// is imported into it once (a function calling thousands of functions of one type keeps one
/// signature, not thousands).
#[derive(Default)]
pub struct CalleeRefs {
    by_id: FxHashMap<FuncId, FuncRef>,
    signatures: FxHashMap<Signature, SigRef>,
}

pub struct FnCx<'m, 'b, 'tcx> {
    pub tcx: TyCtxt<'tcx>,
    pub module: &'m mut ObjectModule,
    pub data: &'m mut DataCx,
    /// The unit's imported functions, by instance.
    pub imports: &'m mut ImportCache<'tcx>,
    pub callees: CalleeRefs,
    pub bcx: FunctionBuilder<'b>,
    pub instance: Instance<'tcx>,
    pub mir: &'tcx Body<'tcx>,
    pub fn_abi: &'tcx FnAbi<'tcx, Ty<'tcx>>,
    pub ptr_ty: Type,
    pub blocks: IndexVec<BasicBlock, Block>,
    pub locals: IndexVec<Local, Place<'tcx>>,
    /// The CLIF values of the locals that live as their single assignment, once assigned.
    pub assigned: IndexVec<Local, [Option<Value>; 2]>,
    /// The locals that live in the memory of the constant assigned to them
    /// (`analyze::ConstantWrites`); their assignment is not translated.
    pub constant_backed: DenseBitSet<Local>,
    /// The implicit `#[track_caller]` location argument, if this function takes one.
    pub caller_location: Option<Val<'tcx>>,
    /// Span of the statement or terminator being translated, for error reports.
    pub span: Span,
    /// Present when the session asks for debug info.
    pub debug: Option<&'m mut UnitDebug<'tcx>>,
    /// The MIR source scope of the statement being translated (for debug info).
    pub scope: u32,
    /// Source positions; CLIF `SourceLoc` n refers to `positions[n]`.
    pub positions: &'m mut Vec<SourcePos>,
    pub landing: LandingPads,
    /// This codegen unit's assembly text (inline assembly wrappers).
    pub asm: &'m mut crate::asm_object::AsmText,
    /// The MIR block being translated.
    pub mir_block: BasicBlock,
    /// The body's single-assignment locals, computed when a lowering first asks.
    pub single_defs: Option<std::rc::Rc<super::single_defs::SingleDefs>>,
}

impl<'tcx> FnCx<'_, '_, 'tcx> {
    /// Makes `span` the current position for errors and for the instructions emitted next.
    pub fn set_span(&mut self, span: Span) {
        self.span = span;
        let Some(debug) = self.debug.as_deref_mut() else { return };
        let pos = debug.position(self.tcx, self.mir.span, span, self.scope);
        if self.positions.last() != Some(&pos) {
            self.positions.push(pos);
        }
        let index = self.positions.len() as u32 - 1;
        self.bcx.set_srcloc(cranelift_codegen::ir::SourceLoc::new(index));
    }

    pub fn unsupported(&self, what: impl Into<String>) -> Unsupported {
        Unsupported { span: self.span, what: what.into() }
    }

    /// Gives an error raised away from the function body (a signature, a symbol) the span of
    /// the code being translated.
    pub fn at_span(&self, mut err: Unsupported) -> Unsupported {
        if err.span.is_dummy() {
            err.span = self.span;
        }
        err
    }

    /// The body's single-assignment locals (computed once per function, on first use).
    pub fn single_defs(&mut self) -> std::rc::Rc<super::single_defs::SingleDefs> {
        let mir = self.mir;
        self.single_defs
            .get_or_insert_with(|| std::rc::Rc::new(super::single_defs::SingleDefs::of(mir)))
            .clone()
    }

    /// Whether target feature `name` (as rustc spells it) is on in this function: enabled for
    /// the whole compilation or by the function's `#[target_feature]` (implications included).
    pub fn enables_feature(&self, name: &str) -> bool {
        let name = rustc_span::Symbol::intern(name);
        self.tcx.sess.unstable_target_features.contains(&name)
            || self
                .tcx
                .codegen_fn_attrs(self.instance.def_id())
                .target_features
                .iter()
                .any(|f| f.name == name)
    }

    /// `instance` as a callee of this function.
    pub fn import_instance(&mut self, instance: Instance<'tcx>) -> CgResult<FuncRef> {
        let id = self.imports.instance(self.tcx, self.module, instance).map_err(|e| self.at_span(e))?;
        Ok(self.callee(id))
    }

    /// The function named `name` with signature `sig`, as a callee of this function.
    pub fn import_function(&mut self, name: &str, sig: &Signature) -> CgResult<FuncRef> {
        let id = crate::symbols::import_function(self.module, name, sig).map_err(|e| self.at_span(e))?;
        Ok(self.callee(id))
    }

    /// `id` as the target of direct calls: a `call rel32` whatever the callee's linkage. The
    /// object gets PLT-relative relocations for them (`driver::compile`), which the linker
    /// resolves to the callee itself when it is in the same output and through the PLT when
    /// it is in a shared library — where going through the GOT would cost a load and an
    /// indirect call on every call.
    fn callee(&mut self, id: FuncId) -> FuncRef {
        if let Some(func) = self.callees.by_id.get(&id) {
            return *func;
        }
        let declared = &self.module.declarations().get_function_decl(id).signature;
        let signature = match self.callees.signatures.get(declared) {
            Some(signature) => *signature,
            None => {
                let signature = self.bcx.import_signature(declared.clone());
                self.callees.signatures.insert(declared.clone(), signature);
                signature
            }
        };
        let name = self.bcx.func.declare_imported_user_function(crate::symbols::clif_function_name(id));
        let func = self.bcx.import_function(ExtFuncData {
            name: ExternalName::user(name),
            signature,
            colocated: true,
            patchable: false,
        });
        self.callees.by_id.insert(id, func);
        func
    }

    /// The address of `instance`'s code. Unlike a call, an address of a function that may live
    /// in another shared object must come from the GOT, so the module's own rule applies.
    pub fn fn_addr(&mut self, instance: Instance<'tcx>) -> CgResult<Value> {
        let id = self.imports.instance(self.tcx, self.module, instance).map_err(|e| self.at_span(e))?;
        let func = self.module.declare_func_in_func(id, self.bcx.func);
        Ok(self.bcx.ins().func_addr(self.ptr_ty, func))
    }

    /// Calls a runtime function (compiler-builtins, libm, libc) by its C name.
    pub fn lib_call(
        &mut self,
        name: &str,
        params: &[Type],
        returns: &[Type],
        args: &[Value],
    ) -> CgResult<Vec<Value>> {
        let sig = Signature {
            params: params.iter().map(|t| AbiParam::new(*t)).collect(),
            returns: returns.iter().map(|t| AbiParam::new(*t)).collect(),
            call_conv: self.module.target_config().default_call_conv,
        };
        let func = self.import_function(name, &sig)?;
        let call = self.bcx.ins().call(func, args);
        Ok(self.bcx.inst_results(call).to_vec())
    }

    /// Continues at MIR block `target`, or traps where MIR says control cannot continue.
    pub fn jump_or_trap(&mut self, target: Option<BasicBlock>) {
        match target {
            Some(bb) => {
                let block = self.blocks[bb];
                self.bcx.ins().jump(block, &[]);
            }
            None => {
                self.bcx.ins().trap(TrapCode::unwrap_user(1));
            }
        }
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

/// What a landing pad does once the exception object is in hand.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum PadKind {
    /// Run the MIR cleanup block (drops), which ends by resuming the unwind.
    Cleanup(BasicBlock),
    /// Unwinding must stop here: call the given nounwind panic lang item (which aborts).
    Terminate(LangItem),
}

/// The landing pads of the function being translated (see `super::landing`).
#[derive(Default)]
pub struct LandingPads {
    /// Holds the exception object between a pad and the `UnwindResume` that passes it on.
    pub exception: Option<Variable>,
    /// Pads in creation order (which is their layout order), filled after the body.
    pub pads: Vec<(PadKind, Block)>,
    pub index: FxHashMap<PadKind, Block>,
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

impl FnCx<'_, '_, '_> {
    pub fn module_config(&self) -> cranelift_codegen::isa::TargetFrontendConfig {
        use cranelift_module::Module;
        self.module.target_config()
    }
}
