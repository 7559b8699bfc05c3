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
//! unit, small ones, never `#[inline(never)]` ones, and no more per caller than a budget, which
//! also ends recursion.

use cranelift_codegen::inline::{Inline, InlineCommand};
use cranelift_codegen::ir::{self, ExternalName, Function};
use cranelift_module::FuncId;
use rustc_data_structures::fx::FxHashMap;
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
    pub fn collect(functions: &[TranslatedFn]) -> Self {
        let bodies = functions
            .iter()
            // Debug builds mark most functions `Never`: skip them before walking their code.
            .filter(|func| func.inline != InlineHint::Never)
            .filter_map(|func| {
                let size = instruction_count(&func.clif);
                (size <= size_limit(func.inline) && reads_no_frame(&func.clif)).then(|| {
                    let straight = StraightBody::of(&func.clif);
                    (func.id, Candidate { body: (*func.clif).clone(), size, straight })
                })
            })
            .collect();
        InlineCandidates { bodies }
    }

    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// Inlines what the policy allows into `caller`; returns whether anything was inlined.
    pub fn inline_into(
        &self,
        ctx: &mut cranelift_codegen::Context,
        caller: FuncId,
    ) -> cranelift_codegen::CodegenResult<bool> {
        // Most callers import no candidate: looking at the imports is much cheaper than letting
        // Cranelift walk every instruction for calls.
        let imports_a_candidate =
            ctx.func.dfg.ext_funcs.keys().any(|imported| self.is_candidate_for(&ctx.func, caller, imported));
        if !imports_a_candidate {
            return Ok(false);
        }
        let mut budget = (instruction_count(&ctx.func) * GROWTH_FACTOR).max(MIN_GROWTH_BUDGET);
        let (spliced, others_left) = self.splice_straight_calls(&mut ctx.func, caller, &mut budget)?;
        if !others_left {
            return Ok(spliced);
        }
        let mut policy = CallSitePolicy { candidates: self, caller, budget, copied_globals: Vec::new() };
        let inlined = ctx.inline(&mut policy)?;
        for (first, callee) in policy.copied_globals {
            rename_copied_symbols(&mut ctx.func, first, &self.bodies[&callee].body);
        }
        Ok(spliced || inlined)
    }

    /// Splices the plain calls and `try_call`s of straight-path candidates (`splice`), in program
    /// order while the budget lasts. Returns whether it spliced any, and whether calls of other
    /// candidates are left for Cranelift's inliner.
    fn splice_straight_calls(
        &self,
        func: &mut Function,
        caller: FuncId,
        budget: &mut usize,
    ) -> cranelift_codegen::CodegenResult<(bool, bool)> {
        let mut sites = Vec::new();
        let mut others_left = false;
        for block in func.layout.blocks() {
            for inst in func.layout.block_insts(block) {
                let callee = match func.dfg.insts[inst] {
                    ir::InstructionData::Call { opcode: ir::Opcode::Call, func_ref, .. } => func_ref,
                    ir::InstructionData::TryCall { func_ref, exception, .. }
                        if splice::continuation_is_spliceable(func, exception) =>
                    {
                        func_ref
                    }
                    ir::InstructionData::Call { func_ref, .. }
                    | ir::InstructionData::TryCall { func_ref, .. } => {
                        others_left |= self.is_candidate_for(func, caller, func_ref);
                        continue;
                    }
                    _ => continue,
                };
                let Some(id) = callee_id(func, callee).filter(|&id| id != caller) else {
                    continue;
                };
                let Some(candidate) = self.bodies.get(&id) else { continue };
                match &candidate.straight {
                    Some(straight) => sites.push((inst, callee, candidate, straight)),
                    None => others_left = true,
                }
            }
        }
        let mut spliced = false;
        for (call, callee, candidate, straight) in sites {
            let signature = func.dfg.ext_funcs[callee].signature;
            if candidate.size > *budget || func.dfg.signatures[signature] != candidate.body.signature {
                continue;
            }
            *budget -= candidate.size;
            splice::splice_call(func, call, &candidate.body, straight)?;
            spliced = true;
        }
        Ok((spliced, others_left))
    }

    fn is_candidate_for(&self, func: &Function, caller: FuncId, callee: ir::FuncRef) -> bool {
        callee_id(func, callee).is_some_and(|id| id != caller && self.bodies.contains_key(&id))
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

struct CallSitePolicy<'a> {
    candidates: &'a InlineCandidates,
    caller: FuncId,
    /// Instructions the caller may still gain.
    budget: usize,
    /// For every inlined call, where the callee's global values start in the caller, and the
    /// callee.
    copied_globals: Vec<(usize, FuncId)>,
}

impl Inline for CallSitePolicy<'_> {
    fn inline(
        &mut self,
        caller: &Function,
        _call_inst: ir::Inst,
        _call_opcode: ir::Opcode,
        callee: ir::FuncRef,
        _call_args: &[ir::Value],
    ) -> InlineCommand<'_> {
        let Some(id) = callee_id(caller, callee) else { return InlineCommand::KeepCall };
        if id == self.caller {
            return InlineCommand::KeepCall;
        }
        let Some(candidate) = self.candidates.bodies.get(&id) else {
            return InlineCommand::KeepCall;
        };
        if candidate.size > self.budget
            || caller.dfg.signatures[caller.dfg.ext_funcs[callee].signature] != candidate.body.signature
        {
            return InlineCommand::KeepCall;
        }
        self.budget -= candidate.size;
        self.copied_globals.push((caller.global_values.len(), id));
        InlineCommand::Inline { callee: Cow::Borrowed(&candidate.body), visit_callee: true }
    }
}
