//! Fused multiply-adds with negated operands, as LLVM's instruction selection fuses them.
//!
//! stdarch writes `_mm512_mask_fmsub_ps` as `simd_select_bitmask(k, simd_fma(a, b,
//! simd_neg(c)), a)`, `_mm_fmaddsub_ps` as a `simd_shuffle` of `simd_fma(a, b, c)` and
//! `simd_fma(a, b, simd_neg(c))`, `_mm_fnmadd_ss` as a `simd_insert` of `fmaf32(-a, b, c)`.
//! rustc's LLVM backend hands such a block to SelectionDAG even at `-O0` (fast instruction
//! selection gives up on the mask select, the shuffle, the lane insert, and on every `half`
//! operation), which folds the negations into one x86 instruction (`vfmsub`, `vfnmadd`,
//! `vfmaddsub`, ...). That instruction returns a NaN operand with its sign unchanged;
//! negating first, as each call lowered on its own does, flips it. So the call that makes
//! LLVM fuse (the consumer: a `simd_select_bitmask`, `simd_shuffle` or `simd_insert` of a
//! multiply-add, or, on `f16` lanes, the multiply-add itself) is lowered together with the
//! calls feeding it as one helper LLVM compiles (`llvm_helpers::Expr`). The feeding calls
//! are still lowered on their own (their results may have other uses); the helper recomputes
//! from their operands, which it only does when each operand it reads still has the value
//! it had at the feeding call (`single_defs`, or a negation earlier in the consumer's block).
//!
//! Multiply-adds without a negated operand are left alone: unfused, LLVM computes the same.

use rustc_middle::mir::{self, Operand, ProjectionElem, Rvalue, StatementKind, TerminatorKind, UnOp};
use rustc_middle::ty::layout::LayoutOf;
use rustc_middle::ty::{self, Instance};
use rustc_span::{Spanned, Symbol, sym};

use super::call::{Handled, IntrinsicCall};
use super::simd::shuffle::{const_index, const_indices};
use crate::llvm_helpers::{Expr, LlvmType};
use crate::mir::fx::FnCx;
use crate::mir::llc_intrinsics::{immediate_type, lower_expr_via_llc};
use crate::mir::single_defs::{Assignment, SingleDefs};
use crate::mir::value::{Place, PlaceRepr};

/// Lowers an intrinsic call together with the multiply-adds it consumes, when LLVM fuses them.
pub fn lower_intrinsic<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, call: &IntrinsicCall<'_, 'tcx>) -> Handled {
    let consumes = matches!(
        call.name,
        sym::simd_select_bitmask | sym::simd_shuffle | sym::simd_insert | sym::simd_fma | sym::fmaf16
    );
    if !consumes || !any_fma_feature(fx) {
        return Ok(false);
    }
    let what = call.name.to_string();
    lower(fx, Callee::Intrinsic(call.name), call.args, call.dest, &what)
}

/// Lowers a call of the LLVM intrinsic `name` with its negated operands fused, when LLVM does.
pub fn lower_llvm<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> Handled {
    if !is_half_fma(name) || !fx.enables_feature("avx512fp16") {
        return Ok(false);
    }
    lower(fx, Callee::Llvm(name.to_string()), args, dest, name)
}

fn any_fma_feature(fx: &FnCx<'_, '_, '_>) -> bool {
    ["fma", "avx512f", "avx512fp16"].iter().any(|f| fx.enables_feature(f))
}

fn lower<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    callee: Callee,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
    what: &str,
) -> Handled {
    let defs = fx.single_defs();
    let mut matcher = Matcher { defs: &defs, leaves: Vec::new(), negates: false };
    let Some(expr) = matcher.consumer(fx, &callee, args, dest) else { return Ok(false) };
    if !matcher.negates {
        return Ok(false);
    }
    let in_memory =
        if matches!(dest.repr, PlaceRepr::Mem(..)) { dest } else { Place::new_stack(fx, dest.layout) };
    let leaves: Vec<&Operand<'tcx>> = matcher.leaves.iter().collect();
    lower_expr_via_llc(fx, &format!("{what} with a fused multiply-add"), &leaves, expr, in_memory)?;
    if !matches!(dest.repr, PlaceRepr::Mem(..)) {
        let result = in_memory.to_val(fx);
        dest.write(fx, result);
    }
    Ok(true)
}

struct Matcher<'d, 'tcx> {
    defs: &'d SingleDefs,
    /// The operands the expression reads, in `Expr::Arg` order.
    leaves: Vec<Operand<'tcx>>,
    /// Whether some multiply-add of the expression has a negated operand.
    negates: bool,
}

enum Callee {
    Intrinsic(Symbol),
    /// An `extern` function linked to the LLVM intrinsic of this name.
    Llvm(String),
}

/// Whether an operand is read by the consumer itself (its value there is the one the helper
/// gets) or by a call feeding it (it must not have changed since).
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    Direct,
    Fed,
}

type CallArgs<'tcx> = [Spanned<Operand<'tcx>>];

impl<'d, 'tcx> Matcher<'d, 'tcx> {
    fn consumer(
        &mut self,
        fx: &mut FnCx<'_, '_, 'tcx>,
        callee: &Callee,
        args: &CallArgs<'tcx>,
        dest: Place<'tcx>,
    ) -> Option<Expr> {
        match callee {
            Callee::Intrinsic(sym::simd_select_bitmask) => {
                let mask = self.leaf(&args[0].node, Reach::Direct)?;
                let on = self.fused(fx, &args[1].node)?;
                let off =
                    self.fused(fx, &args[2].node).or_else(|| self.leaf(&args[2].node, Reach::Direct))?;
                Some(Expr::SelectBits { mask: Box::new(mask), on: Box::new(on), off: Box::new(off) })
            }
            Callee::Intrinsic(sym::simd_shuffle) => {
                let a = self.fma(fx, &args[0].node)?;
                let b = self.fma(fx, &args[1].node)?;
                let (count, _) = dest.layout.ty.simd_size_and_type(fx.tcx);
                let lanes = const_indices(fx, &args[2].node, count as usize)?;
                Some(Expr::Shuffle { a: Box::new(a), b: Box::new(b), lanes })
            }
            Callee::Intrinsic(sym::simd_insert) => {
                let vector = self.leaf(&args[0].node, Reach::Direct)?;
                let lane = u32::try_from(const_index(fx, &args[1].node)?).ok()?;
                let element = self.fma(fx, &args[2].node)?;
                Some(Expr::Insert { vector: Box::new(vector), lane, element: Box::new(element) })
            }
            // Every block with `half` arithmetic goes through SelectionDAG: a multiply-add on
            // `f16` fuses the negations of its own operands.
            _ => {
                let ret = immediate_type(fx, dest.layout)?;
                if !has_half_lanes(&ret) {
                    return None;
                }
                self.fma_call(fx, callee, args, ret, Reach::Direct)
            }
        }
    }

    /// A multiply-add, or a shuffle of two (`fmaddsub`), assigned to the operand's local.
    fn fused(&mut self, fx: &mut FnCx<'_, '_, 'tcx>, op: &Operand<'tcx>) -> Option<Expr> {
        let saved = (self.leaves.len(), self.negates);
        if let Some(fma) = self.fma(fx, op) {
            return Some(fma);
        }
        let (callee, args) = self.feeding_call(fx, op)?;
        if !matches!(callee, Callee::Intrinsic(sym::simd_shuffle)) {
            return None;
        }
        let n = fx.monomorphize(op.ty(fx.mir, fx.tcx)).simd_size_and_type(fx.tcx).0;
        let shuffle = (|| {
            let a = self.fma(fx, &args[0].node)?;
            let b = self.fma(fx, &args[1].node)?;
            let lanes = const_indices(fx, &args[2].node, n as usize)?;
            Some(Expr::Shuffle { a: Box::new(a), b: Box::new(b), lanes })
        })();
        if shuffle.is_none() {
            self.leaves.truncate(saved.0);
            self.negates = saved.1;
        }
        shuffle
    }

    /// The multiply-add assigned to the operand's local.
    fn fma(&mut self, fx: &mut FnCx<'_, '_, 'tcx>, op: &Operand<'tcx>) -> Option<Expr> {
        let (callee, args) = self.feeding_call(fx, op)?;
        let ty = fx.monomorphize(op.ty(fx.mir, fx.tcx));
        let ret = immediate_type(fx, fx.layout_of(ty))?;
        self.fma_call(fx, &callee, args, ret, Reach::Fed)
    }

    /// A call of `callee` on `args` returning `ret`, if it is a multiply-add LLVM fuses with
    /// negations: `simd_fma`, `fmaf16/32/64`, or one of AVX-512's rounding forms.
    fn fma_call(
        &mut self,
        fx: &mut FnCx<'_, '_, 'tcx>,
        callee: &Callee,
        args: &CallArgs<'tcx>,
        ret: LlvmType,
        reach: Reach,
    ) -> Option<Expr> {
        let name = match callee {
            Callee::Intrinsic(sym::simd_fma) => {
                let LlvmType::Vector(n, lane) = &ret else { return None };
                format!("llvm.fma.v{n}{}", float_suffix(lane)?)
            }
            Callee::Intrinsic(sym::fmaf16 | sym::fmaf32 | sym::fmaf64) => {
                format!("llvm.fma.{}", float_suffix(&ret)?)
            }
            Callee::Llvm(name) if is_fma(name) => name.clone(),
            _ => return None,
        };
        let needed = if has_half_lanes(&ret) { "avx512fp16" } else { "fma" };
        if !(fx.enables_feature(needed) || (needed == "fma" && fx.enables_feature("avx512f"))) {
            return None;
        }
        let saved = (self.leaves.len(), self.negates);
        let mut operands = Vec::with_capacity(args.len());
        for arg in args {
            let operand =
                self.negated(fx, &arg.node, reach).or_else(|| self.lane_or_leaf(fx, &arg.node, reach));
            let Some(operand) = operand else {
                self.leaves.truncate(saved.0);
                self.negates = saved.1;
                return None;
            };
            operands.push(operand);
        }
        Some(Expr::Call { name, ret, args: operands })
    }

    /// `-x` for an operand assigned `simd_neg(x)` or the float negation `-x`.
    fn negated(&mut self, fx: &mut FnCx<'_, '_, 'tcx>, op: &Operand<'tcx>, reach: Reach) -> Option<Expr> {
        let local = whole_local(op)?;
        if reach == Reach::Direct
            && let Some(x) = negation_in_this_block(fx, self.defs, local)
        {
            let x = self.negated(fx, x, Reach::Fed).or_else(|| self.lane_or_leaf(fx, x, Reach::Direct))?;
            self.negates = true;
            return Some(Expr::Neg(Box::new(x)));
        }
        let x = match self.defs.assignment(local)? {
            Assignment::Statement(at) => {
                let mir: &'tcx mir::Body<'tcx> = fx.mir;
                float_negation(fx, &mir.basic_blocks[at.block].statements[at.statement_index])?
            }
            Assignment::Call(_) => {
                let (callee, args) = self.feeding_call(fx, op)?;
                let ty = fx.monomorphize(op.ty(fx.mir, fx.tcx));
                if !matches!(callee, Callee::Intrinsic(sym::simd_neg))
                    || !ty.is_simd()
                    || !ty.simd_size_and_type(fx.tcx).1.is_floating_point()
                {
                    return None;
                }
                &args[0].node
            }
            Assignment::Entry => return None,
        };
        // A negation of a negation: LLVM folds the pair away, so it must see both.
        let x = self.negated(fx, x, Reach::Fed).or_else(|| self.lane_or_leaf(fx, x, Reach::Fed))?;
        self.negates = true;
        Some(Expr::Neg(Box::new(x)))
    }

    /// A lane taken out of a vector by `simd_extract` as that extraction (LLVM's registers, and
    /// so which operand an x86 multiply-add overwrites, follow the vector), else `leaf`.
    fn lane_or_leaf(
        &mut self,
        fx: &mut FnCx<'_, '_, 'tcx>,
        op: &Operand<'tcx>,
        reach: Reach,
    ) -> Option<Expr> {
        if let Some((Callee::Intrinsic(sym::simd_extract), args)) = self.feeding_call(fx, op)
            && let Some(lane) = const_index(fx, &args[1].node).and_then(|i| u32::try_from(i).ok())
            && let Some(vector) = self.leaf(&args[0].node, Reach::Fed)
        {
            return Some(Expr::Extract { vector: Box::new(vector), lane });
        }
        self.leaf(op, reach)
    }

    /// The operand as an argument of the helper, when the helper reading it at the consumer
    /// sees the value the feeding call saw: read by the consumer itself, a constant, or a
    /// local with one value for the whole run, read without a dereference or an index.
    fn leaf(&mut self, op: &Operand<'tcx>, reach: Reach) -> Option<Expr> {
        let usable = match op {
            Operand::Constant(_) => true,
            Operand::Copy(place) | Operand::Move(place) => {
                reach == Reach::Direct
                    || (reads_only_the_local(place) && self.defs.assignment(place.local).is_some())
            }
            _ => false,
        };
        if !usable {
            return None;
        }
        // One argument per place: LLVM then sees one vector where stdarch reads one twice (a
        // lane taken out and the vector the result goes back into), as in its own IR, where
        // both loads come from the same address.
        let place = |op: &Operand<'tcx>| op.place();
        let known = place(op).and_then(|p| self.leaves.iter().position(|l| place(l) == Some(p)));
        Some(Expr::Arg(known.unwrap_or_else(|| {
            self.leaves.push(op.clone());
            self.leaves.len() - 1
        })))
    }

    /// The call whose result is the operand's local, when that is its one assignment.
    fn feeding_call(
        &self,
        fx: &FnCx<'_, '_, 'tcx>,
        op: &Operand<'tcx>,
    ) -> Option<(Callee, &'tcx CallArgs<'tcx>)> {
        let local = whole_local(op)?;
        let Assignment::Call(block) = self.defs.assignment(local)? else { return None };
        let mir: &'tcx mir::Body<'tcx> = fx.mir;
        let TerminatorKind::Call { func, args, destination, .. } = &mir.basic_blocks[block].terminator().kind
        else {
            return None;
        };
        if destination.local != local || !destination.projection.is_empty() {
            return None;
        }
        let ty::FnDef(def_id, _) = *fx.monomorphize(func.ty(mir, fx.tcx)).kind() else { return None };
        let callee = if let Some(intrinsic) = fx.tcx.intrinsic(def_id) {
            Callee::Intrinsic(intrinsic.name)
        } else if fx.tcx.is_foreign_item(def_id) {
            let symbol = fx.tcx.symbol_name(Instance::mono(fx.tcx, def_id)).name;
            if !symbol.starts_with("llvm.") {
                return None;
            }
            Callee::Llvm(symbol.to_string())
        } else {
            return None;
        };
        Some((callee, &args[..]))
    }
}

/// For a local last assigned, in the block being translated, by a float negation `-x` whose
/// operand is not written after it in the block (nor anywhere through a pointer): `x`, whose
/// value at the block's terminator is then the one negated.
fn negation_in_this_block<'tcx>(
    fx: &FnCx<'_, '_, 'tcx>,
    defs: &SingleDefs,
    local: mir::Local,
) -> Option<&'tcx Operand<'tcx>> {
    let mir: &'tcx mir::Body<'tcx> = fx.mir;
    let statements = &mir.basic_blocks[fx.mir_block].statements;
    let at = statements.iter().rposition(|s| writes(s, local))?;
    let x = float_negation(fx, &statements[at])?;
    let (Operand::Copy(place) | Operand::Move(place)) = x else { return Some(x) };
    let stable = reads_only_the_local(place)
        && !defs.is_borrowed(place.local)
        && !statements[at + 1..].iter().any(|s| writes(s, place.local));
    stable.then_some(x)
}

/// Whether the statement writes to `local` (or ends its storage).
fn writes(statement: &mir::Statement<'_>, local: mir::Local) -> bool {
    match &statement.kind {
        StatementKind::Assign(assign) => assign.0.local == local,
        StatementKind::SetDiscriminant { place, .. } => place.local == local,
        StatementKind::StorageLive(l) | StatementKind::StorageDead(l) => *l == local,
        _ => false,
    }
}

/// `x` for a statement `_ = -x` on floats.
fn float_negation<'tcx>(
    fx: &FnCx<'_, '_, 'tcx>,
    statement: &'tcx mir::Statement<'tcx>,
) -> Option<&'tcx Operand<'tcx>> {
    let StatementKind::Assign(assign) = &statement.kind else { return None };
    let Rvalue::UnaryOp(UnOp::Neg, x) = &assign.1 else { return None };
    fx.monomorphize(x.ty(fx.mir, fx.tcx)).is_floating_point().then_some(x)
}

/// Whether reading the place reads nothing but its local: no dereference (memory that may have
/// changed) and no index (another local that may have).
fn reads_only_the_local(place: &mir::Place<'_>) -> bool {
    !place.projection.iter().any(|p| matches!(p, ProjectionElem::Deref | ProjectionElem::Index(_)))
}

fn whole_local(op: &Operand<'_>) -> Option<mir::Local> {
    match op {
        Operand::Copy(place) | Operand::Move(place) if place.projection.is_empty() => Some(place.local),
        _ => None,
    }
}

/// LLVM's multiply-adds with a rounding operand, which stdarch calls with negated operands.
fn is_fma(name: &str) -> bool {
    matches!(
        name,
        "llvm.x86.avx512.vfmadd.ps.512"
            | "llvm.x86.avx512.vfmadd.pd.512"
            | "llvm.x86.avx512.vfmaddsub.ps.512"
            | "llvm.x86.avx512.vfmaddsub.pd.512"
            | "llvm.x86.avx512.vfmadd.f32"
            | "llvm.x86.avx512.vfmadd.f64"
    ) || is_half_fma(name)
}

fn is_half_fma(name: &str) -> bool {
    matches!(
        name,
        "llvm.x86.avx512fp16.vfmadd.ph.512"
            | "llvm.x86.avx512fp16.vfmaddsub.ph.512"
            | "llvm.x86.avx512fp16.vfmadd.f16"
    )
}

fn has_half_lanes(ty: &LlvmType) -> bool {
    match ty {
        LlvmType::Half => true,
        LlvmType::Vector(_, lane) => **lane == LlvmType::Half,
        _ => false,
    }
}

/// `f16`/`f32`/`f64` as LLVM's intrinsic names spell a float type.
fn float_suffix(ty: &LlvmType) -> Option<&'static str> {
    match ty {
        LlvmType::Half => Some("f16"),
        LlvmType::Float => Some("f32"),
        LlvmType::Double => Some("f64"),
        _ => None,
    }
}
