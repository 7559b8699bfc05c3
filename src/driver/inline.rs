//! Inlining: small functions of a codegen unit are copied into their callers in the same unit
//! before Cranelift compiles the callers. Optimized builds (`-Copt-level` 1 and up) inline by
//! size and `#[inline]` hints; debug builds only `#[inline(always)]` functions, which rustc
//! instantiates in every unit that calls them (`mir::InlineHint`). Debug info attributes inlined
//! instructions to the call's line.
//!
//! Why here and not in MIR: rustc's MIR inliner is off in incremental builds (a test profile
//! with `opt-level = 3` is one), and it never sees the glue fastclif writes around calls
//! (arguments through memory, scalar pairs). Bodies that are one straight path are copied in
//! place of the call (`splice`), the others by Cranelift's own inliner; this module decides
//! which calls are inlined: only direct calls to functions defined in the same
//! unit, small ones, never `#[inline(never)]` ones, and no more per caller than a budget.
//!
//! Bottom up: before any caller is compiled, every candidate gets its own calls inlined, callees
//! first (`flatten`), so a candidate's size is what a caller really takes in, and one decision
//! per call site takes a whole chain of wrappers (`movemask` calling `_mm_movemask_epi8`
//! calling `as_i8x16`) or none of it. Top down, the budget ran out on whichever calls came first,
//! and a search loop kept its one-instruction helpers as calls once a large generic body had
//! taken the budget. A cycle of candidates is cut where the walk finds it.

use cranelift_codegen::Context;
use cranelift_codegen::inline::{Inline, InlineCommand};
use cranelift_codegen::ir::{self, ExternalName, Function};
use cranelift_module::FuncId;
use rustc_data_structures::fx::{FxHashMap, FxHashSet};
use std::borrow::Cow;

use super::splice::{self, StraightBody};
use crate::mir::{InlineHint, TranslatedFn};
use crate::stats::instruction_count;

/// The bodies of the unit's functions that may be copied into callers, by function id.
pub struct InlineCandidates {
    bodies: FxHashMap<FuncId, Candidate>,
}

struct Candidate {
    body: Function,
    size: usize,
    /// The body as one straight path, when it is one: spliced without Cranelift's inliner.
    straight: Option<StraightBody>,
}

/// Largest callee, in CLIF instructions, inlined for each hint. fastclif's CLIF spends several
/// instructions per MIR statement (places in memory), so these are larger than they look.
fn size_limit(hint: InlineHint) -> usize {
    match hint {
        InlineHint::Never => 0,
        InlineHint::Default => 60,
        InlineHint::Hint => 150,
        InlineHint::Always => 600,
    }
}

/// How many instructions one caller may grow by through inlining, whatever its own size.
const MIN_GROWTH_BUDGET: usize = 800;
/// ... or this many times its own size, when that is more.
const GROWTH_FACTOR: usize = 3;

fn growth_budget(func: &Function) -> usize {
    (instruction_count(func) * GROWTH_FACTOR).max(MIN_GROWTH_BUDGET)
}

/// Whether `func` never asks for its own frame or return address, which inlining would change.
fn reads_no_frame(func: &Function) -> bool {
    func.layout.blocks().flat_map(|block| func.layout.block_insts(block)).all(|inst| {
        !matches!(
            func.dfg.insts[inst].opcode(),
            ir::Opcode::GetFramePointer | ir::Opcode::GetReturnAddress | ir::Opcode::GetStackPointer
        )
    })
}

impl InlineCandidates {
    /// The unit's candidates, each with its own calls inlined.
    pub fn collect(functions: &[TranslatedFn]) -> cranelift_codegen::CodegenResult<Self> {
        let bodies = functions
            .iter()
            // Debug builds mark most functions `Never`: skip them before walking their code.
            .filter(|func| func.inline != InlineHint::Never)
            .filter_map(|func| {
                let size = instruction_count(&func.clif);
                (size <= size_limit(func.inline) && reads_no_frame(&func.clif)).then(|| {
                    let straight = StraightBody::of(&func.clif);
                    let candidate = Candidate { body: (*func.clif).clone(), size, straight };
                    (func.id, candidate)
                })
            })
            .collect();
        let mut candidates = InlineCandidates { bodies };
        candidates.flatten()?;
        Ok(candidates)
    }

    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// Candidate `id`'s body with its calls inlined, which is also what it compiles to.
    pub fn flattened(&self, id: FuncId) -> Option<&Function> {
        self.bodies.get(&id).map(|candidate| &candidate.body)
    }

    /// Inlines every candidate's calls into it, callees before callers (a depth-first walk of
    /// the calls between candidates, in the order the unit defines them).
    fn flatten(&mut self) -> cranelift_codegen::CodegenResult<()> {
        let mut roots: Vec<FuncId> = self.bodies.keys().copied().collect();
        roots.sort_unstable();
        let mut entered = FxHashSet::default();
        let mut flattened = FxHashSet::default();
        for root in roots {
            if !entered.insert(root) {
                continue;
            }
            // Each entry: a candidate and the candidates it calls not yet walked into.
            let mut stack = vec![(root, self.candidate_callees(root))];
            while let Some((id, callees)) = stack.last_mut() {
                match callees.pop() {
                    Some(callee) => {
                        if entered.insert(callee) {
                            let next = self.candidate_callees(callee);
                            stack.push((callee, next));
                        }
                    }
                    None => {
                        let id = *id;
                        stack.pop();
                        self.flatten_one(id, &flattened)?;
                        flattened.insert(id);
                    }
                }
            }
        }
        Ok(())
    }

    /// The candidates other than `caller` that `func` imports.
    fn imported_candidates<'a>(
        &'a self,
        func: &'a Function,
        caller: FuncId,
    ) -> impl Iterator<Item = FuncId> + 'a {
        func.dfg
            .ext_funcs
            .keys()
            .filter_map(move |imported| callee_id(func, imported))
            .filter(move |id| *id != caller && self.bodies.contains_key(id))
    }

    /// The candidates `id`'s body calls, last call first.
    fn candidate_callees(&self, id: FuncId) -> Vec<FuncId> {
        let mut callees: Vec<FuncId> = self.imported_candidates(&self.bodies[&id].body, id).collect();
        callees.reverse();
        callees
    }

    /// Inlines into candidate `id` its calls of the candidates already flattened, within the
    /// budget any caller of its size gets.
    fn flatten_one(
        &mut self,
        id: FuncId,
        flattened: &FxHashSet<FuncId>,
    ) -> cranelift_codegen::CodegenResult<()> {
        let candidate = self.bodies.remove(&id).expect("walked candidates exist");
        // Most candidates call no other: they stay as they are, without a walk of their code.
        if !self.imported_candidates(&candidate.body, id).any(|callee| flattened.contains(&callee)) {
            self.bodies.insert(id, candidate);
            return Ok(());
        }
        let budget = growth_budget(&candidate.body);
        let mut ctx = Context::for_function(candidate.body);
        let inlined = self.inline_calls(&mut ctx, id, budget, |callee| flattened.contains(&callee))?;
        let candidate = if inlined {
            let body = ctx.func;
            Candidate { size: instruction_count(&body), straight: StraightBody::of(&body), body }
        } else {
            Candidate { body: ctx.func, ..candidate }
        };
        self.bodies.insert(id, candidate);
        Ok(())
    }

    /// Inlines the candidates `caller` calls, as far as its budget goes; returns whether anything
    /// was inlined.
    pub fn inline_into(&self, ctx: &mut Context, caller: FuncId) -> cranelift_codegen::CodegenResult<bool> {
        // Most callers import no candidate: looking at the imports is much cheaper than walking
        // every instruction for calls.
        if self.imported_candidates(&ctx.func, caller).next().is_none() {
            return Ok(false);
        }
        let budget = growth_budget(&ctx.func);
        self.inline_calls(ctx, caller, budget, |_| true)
    }

    /// Inlines into `ctx.func`, the body of `caller`, its calls of the candidates `ready` accepts,
    /// in program order while `budget` lasts. The inlined bodies are already flattened: their
    /// own calls are left as they are. Straight bodies are spliced (`splice`), the others go
    /// through Cranelift's inliner.
    fn inline_calls(
        &self,
        ctx: &mut Context,
        caller: FuncId,
        mut budget: usize,
        ready: impl Fn(FuncId) -> bool,
    ) -> cranelift_codegen::CodegenResult<bool> {
        let mut spliced = Vec::new();
        let mut general = FxHashSet::default();
        let func = &ctx.func;
        for block in func.layout.blocks() {
            for inst in func.layout.block_insts(block) {
                let (callee, spliceable) = match func.dfg.insts[inst] {
                    ir::InstructionData::Call { opcode: ir::Opcode::Call, func_ref, .. } => (func_ref, true),
                    ir::InstructionData::TryCall { func_ref, exception, .. } => {
                        (func_ref, splice::continuation_is_spliceable(func, exception))
                    }
                    // A tail call.
                    ir::InstructionData::Call { func_ref, .. } => (func_ref, false),
                    _ => continue,
                };
                let Some(id) = callee_id(func, callee).filter(|&id| id != caller && ready(id)) else {
                    continue;
                };
                let Some(candidate) = self.bodies.get(&id) else { continue };
                if candidate.size > budget
                    || func.dfg.signatures[func.dfg.ext_funcs[callee].signature] != candidate.body.signature
                {
                    continue;
                }
                budget -= candidate.size;
                match candidate.straight.as_ref().filter(|_| spliceable) {
                    Some(straight) => spliced.push((inst, candidate, straight)),
                    None => {
                        general.insert(inst);
                    }
                }
            }
        }
        let inlined = !spliced.is_empty() || !general.is_empty();
        for (call, candidate, straight) in spliced {
            splice::splice_call(&mut ctx.func, call, &candidate.body, straight)?;
        }
        if !general.is_empty() {
            let mut policy = ChosenCalls { candidates: self, chosen: general, copied_globals: Vec::new() };
            ctx.inline(&mut policy)?;
            for (first, callee) in policy.copied_globals {
                rename_copied_symbols(&mut ctx.func, first, &self.bodies[&callee].body);
            }
        }
        Ok(inlined)
    }
}

/// Cranelift's inliner copies a callee's global values into the caller unchanged, but a symbol's
/// name is an index into the *callee's* table of names: each copied symbol is pointed at the
/// same name in the caller's table. The callee's global values were appended from `first` on.
fn rename_copied_symbols(caller: &mut Function, first: usize, callee: &Function) {
    for (index, data) in callee.global_values.values().enumerate() {
        if let ir::GlobalValueData::Symbol { name: ExternalName::User(callee_ref), .. } = data {
            let name = callee.params.user_named_funcs()[*callee_ref].clone();
            let caller_ref = caller.declare_imported_user_function(name);
            let copied = ir::GlobalValue::from_u32((first + index) as u32);
            if let ir::GlobalValueData::Symbol { name, .. } = &mut caller.global_values[copied] {
                *name = ExternalName::User(caller_ref);
            }
        }
    }
}

/// The unit function `callee` names in `caller`, when it names one (not a library function).
pub fn callee_id(caller: &Function, callee: ir::FuncRef) -> Option<FuncId> {
    let ExternalName::User(name) = caller.dfg.ext_funcs[callee].name else { return None };
    crate::symbols::function_of_clif_name(&caller.params.user_named_funcs()[name])
}

/// Cranelift's inliner asks about every call it walks past: the chosen ones are inlined, and
/// what they bring in is not walked (it is flattened already).
struct ChosenCalls<'a> {
    candidates: &'a InlineCandidates,
    chosen: FxHashSet<ir::Inst>,
    /// For every inlined call, where the callee's global values start in the caller, and the
    /// callee.
    copied_globals: Vec<(usize, FuncId)>,
}

impl Inline for ChosenCalls<'_> {
    fn inline(
        &mut self,
        caller: &Function,
        call_inst: ir::Inst,
        _call_opcode: ir::Opcode,
        callee: ir::FuncRef,
        _call_args: &[ir::Value],
    ) -> InlineCommand<'_> {
        let Some(id) = callee_id(caller, callee).filter(|_| self.chosen.contains(&call_inst)) else {
            return InlineCommand::KeepCall;
        };
        self.copied_globals.push((caller.global_values.len(), id));
        InlineCommand::Inline {
            callee: Cow::Borrowed(&self.candidates.bodies[&id].body),
            visit_callee: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use cranelift_codegen::entity::EntityRef;
    use cranelift_codegen::ir::types::I64;
    use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature, UserFuncName};
    use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
    use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
    use target_lexicon::PointerWidth;

    use super::*;

    fn signature() -> Signature {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        sig
    }

    /// Function `u0:<index>`: `x + 1`, passed through a call of each function in `calls` in turn.
    /// A conditional branch keeps the body from being one straight path when `branchy`.
    fn function(index: u32, calls: &[u32], inline: InlineHint, branchy: bool) -> TranslatedFn {
        let mut func = Function::with_name_signature(UserFuncName::user(0, index), signature());
        let mut cx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut cx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let mut x = b.block_params(entry)[0];
        x = b.ins().iadd_imm_u(x, 1);
        for &callee in calls {
            let sig = b.import_signature(signature());
            let name = b.func.declare_imported_user_function(ir::UserExternalName::new(0, callee));
            let callee = b.import_function(ir::ExtFuncData {
                name: ExternalName::User(name),
                signature: sig,
                colocated: true,
                patchable: false,
            });
            let call = b.ins().call(callee, &[x]);
            x = b.inst_results(call)[0];
        }
        if branchy {
            let (zero, other) = (b.create_block(), b.create_block());
            b.ins().brif(x, other, &[], zero, &[]);
            b.switch_to_block(zero);
            let one = b.ins().iconst(I64, 1);
            b.ins().return_(&[one]);
            b.switch_to_block(other);
        }
        b.ins().return_(&[x]);
        b.seal_all_blocks();
        b.finalize(TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: PointerWidth::U64,
            page_size_align_log2: 12,
        });
        TranslatedFn {
            id: FuncId::new(index as usize),
            symbol: format!("f{index}"),
            clif: Box::new(func),
            debug: None,
            inline,
        }
    }

    fn calls_in(func: &Function) -> Vec<u32> {
        func.layout
            .blocks()
            .flat_map(|block| func.layout.block_insts(block))
            .filter_map(|inst| match func.dfg.insts[inst] {
                ir::InstructionData::Call { func_ref, .. } => callee_id(func, func_ref).map(|id| id.as_u32()),
                _ => None,
            })
            .collect()
    }

    fn verify(func: &Function) {
        let flags = cranelift_codegen::settings::Flags::new(cranelift_codegen::settings::builder());
        cranelift_codegen::verify_function(func, &flags).unwrap_or_else(|errors| panic!("{errors}\n{func}"));
    }

    #[test]
    fn a_chain_of_wrappers_is_inlined_whole() {
        // f0 (not a candidate) -> f1 -> f2 -> f3, with one branchy link for Cranelift's inliner.
        let functions = vec![
            function(0, &[1, 1], InlineHint::Never, false),
            function(1, &[2], InlineHint::Always, false),
            function(2, &[3], InlineHint::Always, true),
            function(3, &[], InlineHint::Always, false),
        ];
        let candidates = InlineCandidates::collect(&functions).unwrap();
        for id in 1..=3 {
            let flattened = candidates.flattened(FuncId::new(id)).expect("a candidate");
            assert_eq!(calls_in(flattened), Vec::<u32>::new(), "f{id}:\n{flattened}");
            verify(flattened);
        }
        assert!(candidates.flattened(FuncId::new(0)).is_none());
        let mut ctx = Context::for_function((*functions[0].clif).clone());
        assert!(candidates.inline_into(&mut ctx, FuncId::new(0)).unwrap());
        assert_eq!(calls_in(&ctx.func), Vec::<u32>::new(), "{}", ctx.func);
        verify(&ctx.func);
    }

    #[test]
    fn a_cycle_of_candidates_keeps_one_call() {
        // f1 -> f2 -> f1, and f2 calls itself.
        let functions = vec![
            function(1, &[2], InlineHint::Always, false),
            function(2, &[1, 2], InlineHint::Always, true),
        ];
        let candidates = InlineCandidates::collect(&functions).unwrap();
        let f1 = candidates.flattened(FuncId::new(1)).unwrap();
        let f2 = candidates.flattened(FuncId::new(2)).unwrap();
        verify(f1);
        verify(f2);
        // The walk starts at f1 and flattens f2 first: f2 keeps its calls (f1 is not flattened yet,
        // and a function never inlines itself), and f1 takes in f2's body with them.
        assert_eq!(calls_in(f2), vec![1, 2], "{f2}");
        assert_eq!(calls_in(f1), vec![1, 2], "{f1}");
    }

    #[test]
    fn the_budget_leaves_large_callees_called() {
        // f1 calls 38 functions of 20 calls each, each call bringing in a few instructions:
        // more than a small function's budget, so some of them stay calls.
        let mut functions = vec![function(0, &[1], InlineHint::Never, false)];
        let chain: Vec<u32> = (2..40).collect();
        functions.push(function(1, &chain, InlineHint::Always, false));
        for id in 2..40 {
            functions.push(function(id, &[40; 20], InlineHint::Always, false));
        }
        functions.push(function(40, &[], InlineHint::Always, false));
        let candidates = InlineCandidates::collect(&functions).unwrap();
        let f1 = candidates.flattened(FuncId::new(1)).unwrap();
        verify(f1);
        assert!(instruction_count(f1) <= instruction_count(&functions[1].clif) + MIN_GROWTH_BUDGET);
        assert!(!calls_in(f1).is_empty(), "the budget let everything in:\n{f1}");
    }
}
