//! Decides where each MIR local lives: in memory (a stack slot), as the CLIF value of its one
//! assignment, or in a Cranelift variable.
//!
//! A local can leave memory when its layout is one or two scalars, its address is never taken,
//! and every projection applied to it maps onto whole scalars. Among those:
//! - a local assigned exactly once, as a whole, at a point that dominates every use, is that
//!   assignment's value ([`LocalHome::Value`]): no SSA construction at all. Most MIR locals
//!   (temporaries, call results, `let` bindings) are of this kind.
//! - any other is a Cranelift variable ([`LocalHome::Variable`]), whose SSA construction costs
//!   memory proportional to the number of blocks for each variable (cranelift-frontend keeps a
//!   block-indexed map per variable). A huge function could not afford that for thousands of
//!   variables, so past [`VARIABLE_BUDGET`] the variables with the fewest uses stay in memory,
//!   the way LLVM -O0 keeps every local: the cost of a function stays linear in its size.
//!
//! With full debug info (`-Cdebuginfo=2`) a local a user variable names keeps its home and gains a
//! stack slot that mirrors its writes ([`debug_shadowed`]): the debugger reads the slot, the code
//! reads the register value, so debug info adds stores but no loads.

use rustc_abi::Size;
use rustc_index::IndexVec;
use rustc_index::bit_set::DenseBitSet;
use rustc_middle::mir::visit::{MutatingUseContext, NonMutatingUseContext, PlaceContext, Visitor};
use rustc_middle::mir::{
    BasicBlock, Local, Location, Operand, Place, ProjectionElem, Rvalue, TerminatorKind, VarDebugInfoContents,
};
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};

use super::fx::FnCx;
use super::single_defs::takes_address;
use super::value::{RegShape, reg_shape};

/// Where a local lives while its function runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LocalHome {
    Memory,
    /// The value of its single assignment.
    Value(RegShape),
    Variable(RegShape),
}

/// Block-map entries (variables x blocks) the variables of one function may cost; at 4 bytes
/// an entry, 64 MiB. Ordinary functions stay far below it.
const VARIABLE_BUDGET: usize = 1 << 24;

/// Where each local lives, and which memory locals can be their constant's memory (see
/// [`ConstantWrites`]), from one walk over the body.
pub struct LocalPlan {
    pub homes: IndexVec<Local, LocalHome>,
    /// Each such local with the location of its one assignment.
    pub constants: Vec<(Local, Location)>,
}

pub fn local_homes(fx: &FnCx<'_, '_, '_>) -> LocalPlan {
    let shapes: IndexVec<Local, Option<RegShape>> = fx
        .mir
        .local_decls
        .iter()
        .map(|decl| {
            let layout = fx.layout_of(fx.monomorphize(decl.ty));
            if layout.is_sized() && !layout.is_zst() { reg_shape(fx.tcx, layout) } else { None }
        })
        .collect();
    let mut survey = Survey {
        fx,
        shapes,
        defs: IndexVec::from_elem_n(Defs::default(), fx.mir.local_decls.len()),
        uses: IndexVec::from_elem_n(Vec::new(), fx.mir.local_decls.len()),
        constant_writes: ConstantWrites::new(fx.mir.local_decls.len()),
    };
    for arg in fx.mir.args_iter() {
        let whole = Some(arg) != fx.mir.spread_arg;
        survey.defs[arg].record(DefSite::Entry, whole);
    }
    survey.visit_body(fx.mir);
    let constant_writes = std::mem::replace(&mut survey.constant_writes, ConstantWrites::new(0));
    let homes = survey.homes();
    let constants = constant_writes.constant_locals(fx.mir.arg_count, &homes);
    LocalPlan { homes, constants }
}

/// The locals that full debug info (`-Cdebuginfo=2`) names and that live outside memory: each
/// gets a stack slot that every write to it also updates, so the debugger finds the value there
/// at every statement after its assignment, as with LLVM at `-O0`, while reads keep using the
/// register value. Arguments are among them: LLVM spills them, so they stay printable after
/// their last use.
pub fn debug_shadowed(fx: &FnCx<'_, '_, '_>, homes: &IndexVec<Local, LocalHome>) -> DenseBitSet<Local> {
    let mut shadowed = DenseBitSet::new_empty(homes.len());
    if !fx.debug.as_deref().is_some_and(|d| d.full()) {
        return shadowed;
    }
    let named = fx.mir.var_debug_info.iter().filter_map(|var| match &var.value {
        VarDebugInfoContents::Place(place) => Some(place.local),
        VarDebugInfoContents::Const(_) => None,
    });
    for local in fx.mir.args_iter().chain(named) {
        if homes[local] != LocalHome::Memory {
            shadowed.insert(local);
        }
    }
    shadowed
}

/// Where a local is assigned: at function entry (arguments), at a statement, or on the edge
/// from a call or `asm!` to the block it returns to.
#[derive(Clone, Copy, Debug)]
enum DefSite {
    Entry,
    At(Location),
    OnEdgeTo(BasicBlock),
}

#[derive(Clone, Copy, Debug, Default)]
struct Defs {
    count: u32,
    /// The first assignment; meaningful when `count == 1`.
    site: Option<DefSite>,
    /// Whether every assignment wrote the whole local (no field projection).
    all_whole: bool,
}

impl Defs {
    fn record(&mut self, site: DefSite, whole: bool) {
        self.all_whole = (self.count == 0 || self.all_whole) && whole;
        self.count += 1;
        self.site.get_or_insert(site);
    }
}

/// One walk over the body: which locals must stay in memory, and where the others are
/// assigned and used.
struct Survey<'f, 'm, 'b, 'tcx> {
    fx: &'f FnCx<'m, 'b, 'tcx>,
    shapes: IndexVec<Local, Option<RegShape>>,
    defs: IndexVec<Local, Defs>,
    uses: IndexVec<Local, Vec<Location>>,
    constant_writes: ConstantWrites,
}

impl<'tcx> Visitor<'tcx> for Survey<'_, '_, '_, 'tcx> {
    fn visit_assign(&mut self, place: &Place<'tcx>, rvalue: &Rvalue<'tcx>, location: Location) {
        if place.projection.is_empty() && matches!(rvalue, Rvalue::Use(Operand::Constant(_), _)) {
            self.constant_writes.constant_write[place.local] = Some(location);
        }
        self.super_assign(place, rvalue, location);
    }

    fn visit_place(&mut self, place: &Place<'tcx>, context: PlaceContext, location: Location) {
        let local = place.local;
        let direct = !place.projection.iter().any(|e| matches!(e, ProjectionElem::Deref));
        if direct {
            self.constant_writes.record(local, context);
        }
        if self.shapes[local].is_some() {
            let borrowed = matches!(
                context,
                PlaceContext::NonMutatingUse(
                    NonMutatingUseContext::SharedBorrow
                        | NonMutatingUseContext::FakeBorrow
                        | NonMutatingUseContext::RawBorrow
                ) | PlaceContext::MutatingUse(
                    MutatingUseContext::Borrow | MutatingUseContext::RawBorrow | MutatingUseContext::Drop
                )
            );
            if (borrowed && direct) || !self.projections_fit(place) {
                self.shapes[local] = None;
            } else if direct && let PlaceContext::MutatingUse(how) = context {
                let site = self.def_site(how, location);
                self.defs[local].record(site, place.projection.is_empty());
            } else if !matches!(context, PlaceContext::NonUse(_)) {
                self.uses[local].push(location);
            }
        }
        self.super_place(place, context, location);
    }

    /// Reads that reach a local without a place of its own: `Return` reading the return
    /// place, and index operands (`a[i]`). Other reads come through `visit_place` too; a
    /// location recorded twice does not matter.
    fn visit_local(&mut self, local: Local, context: PlaceContext, location: Location) {
        if self.shapes[local].is_some() && matches!(context, PlaceContext::NonMutatingUse(_)) {
            self.uses[local].push(location);
        }
    }
}

impl<'tcx> Survey<'_, '_, '_, 'tcx> {
    /// Where an assignment of kind `how` at `location` takes effect.
    fn def_site(&self, how: MutatingUseContext, location: Location) -> DefSite {
        if matches!(how, MutatingUseContext::Call | MutatingUseContext::AsmOutput) {
            let target = match &self.fx.mir[location.block].terminator().kind {
                TerminatorKind::Call { target: Some(target), .. } => Some(*target),
                TerminatorKind::InlineAsm { targets, .. } => targets.first().copied(),
                _ => None,
            };
            // A call's result exists only on the edge into its return block; a return block
            // that other edges reach too is not dominated by it.
            return match target {
                Some(t) if self.fx.mir.basic_blocks.predecessors()[t].len() == 1 => DefSite::OnEdgeTo(t),
                _ => DefSite::At(location),
            };
        }
        DefSite::At(location)
    }

    /// Whether the single assignment `site` comes before every use on every path.
    fn dominates_uses(&self, site: DefSite, uses: &[Location]) -> bool {
        let dominators = self.fx.mir.basic_blocks.dominators();
        let def = match site {
            DefSite::Entry => return true,
            DefSite::At(location) => location,
            DefSite::OnEdgeTo(block) => Location { block, statement_index: 0 },
        };
        let strictly_after_def = |u: &Location| match site {
            // A use in the assigning statement itself reads the old (uninitialized) value.
            DefSite::At(_) => def != *u && def.dominates(*u, dominators),
            _ => def.dominates(*u, dominators),
        };
        uses.iter().all(strictly_after_def)
    }

    fn homes(self) -> IndexVec<Local, LocalHome> {
        let mut homes: IndexVec<Local, LocalHome> = self
            .shapes
            .iter_enumerated()
            .map(|(local, shape)| {
                let Some(shape) = *shape else { return LocalHome::Memory };
                let defs = self.defs[local];
                match defs.site {
                    Some(site)
                        if defs.count == 1
                            && defs.all_whole
                            && self.dominates_uses(site, &self.uses[local]) =>
                    {
                        LocalHome::Value(shape)
                    }
                    _ => LocalHome::Variable(shape),
                }
            })
            .collect();
        self.keep_variables_affordable(&mut homes);
        homes
    }

    /// Sends the least-used variables to memory when there are too many for the function's
    /// size (see the module comment).
    fn keep_variables_affordable(&self, homes: &mut IndexVec<Local, LocalHome>) {
        // Translation adds blocks of its own (call returns, landing pads): estimate generously.
        let blocks = 2 * self.fx.mir.basic_blocks.len() + 16;
        let affordable = VARIABLE_BUDGET / blocks;
        // (local, cranelift variables it takes: a pair takes two)
        let mut variables: Vec<(Local, usize)> = homes
            .iter_enumerated()
            .filter_map(|(l, h)| match h {
                LocalHome::Variable(RegShape::One(_)) => Some((l, 1)),
                LocalHome::Variable(RegShape::Two(..)) => Some((l, 2)),
                _ => None,
            })
            .collect();
        if variables.iter().map(|(_, cost)| cost).sum::<usize>() <= affordable {
            return;
        }
        variables.sort_by_key(|(l, _)| std::cmp::Reverse(self.uses[*l].len() + self.defs[*l].count as usize));
        let mut spent = 0;
        for (local, cost) in variables {
            spent += cost;
            if spent > affordable {
                homes[local] = LocalHome::Memory;
            }
        }
    }

    /// Follows the projections up to the first deref, checking each lands on whole scalars.
    fn projections_fit(&self, place: &Place<'tcx>) -> bool {
        // Most places are a bare local: nothing to check, and no layout to look up.
        if place.projection.is_empty() {
            return true;
        }
        let fx = self.fx;
        let mut layout: TyAndLayout<'tcx> = fx.layout_of(fx.monomorphize(fx.mir.local_decls[place.local].ty));
        let mut offset = Size::ZERO;
        let root = layout;
        for elem in place.projection.iter() {
            match elem {
                ProjectionElem::Deref => return true,
                ProjectionElem::Downcast(_, variant) => layout = layout.for_variant(fx, variant),
                ProjectionElem::Field(idx, _) => {
                    offset += layout.fields.offset(idx.as_usize());
                    layout = layout.field(fx, idx.as_usize());
                    if layout.is_zst() {
                        continue;
                    }
                    if !fits_root(fx, root, layout, offset) {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

fn fits_root<'tcx>(
    fx: &FnCx<'_, '_, 'tcx>,
    root: TyAndLayout<'tcx>,
    part: TyAndLayout<'tcx>,
    offset: Size,
) -> bool {
    match (reg_shape(fx.tcx, root), reg_shape(fx.tcx, part)) {
        (Some(RegShape::One(r)), Some(RegShape::One(p))) => offset == Size::ZERO && r == p,
        (Some(RegShape::Two(a, b, b_off)), Some(RegShape::One(p))) => {
            (offset == Size::ZERO && p == a) || (offset == b_off && p == b)
        }
        (Some(two @ RegShape::Two(..)), Some(part_two @ RegShape::Two(..))) => {
            offset == Size::ZERO && two == part_two
        }
        _ => false,
    }
}

/// The memory locals whose only write is one assignment of a constant (`_5 = const TABLE;`) and
/// that are never borrowed: they can live in the constant's read-only memory instead of a stack
/// copy made at the assignment, which for a lookup table indexed in a loop would copy the whole
/// table on every pass. Gathered during the [`Survey`] walk.
struct ConstantWrites {
    /// Writes to the local itself (not through a pointer it holds), drops included.
    writes: IndexVec<Local, u32>,
    /// Where a whole-local assignment of a constant is.
    constant_write: IndexVec<Local, Option<Location>>,
    borrowed: DenseBitSet<Local>,
}

impl ConstantWrites {
    fn new(locals: usize) -> Self {
        ConstantWrites {
            writes: IndexVec::from_elem_n(0, locals),
            constant_write: IndexVec::from_elem_n(None, locals),
            borrowed: DenseBitSet::new_empty(locals),
        }
    }

    /// A direct use (no dereference) of `local`.
    fn record(&mut self, local: Local, context: PlaceContext) {
        match context {
            _ if takes_address(context) => {
                self.borrowed.insert(local);
            }
            PlaceContext::MutatingUse(_) => self.writes[local] += 1,
            _ => {}
        }
    }

    /// The qualifying locals (never arguments, whose memory is the caller's value).
    fn constant_locals(
        &self,
        arg_count: usize,
        homes: &IndexVec<Local, LocalHome>,
    ) -> Vec<(Local, Location)> {
        homes
            .iter_enumerated()
            .filter(|(local, home)| **home == LocalHome::Memory && local.as_usize() > arg_count)
            .filter_map(|(local, _)| match self.constant_write[local] {
                Some(location) if self.writes[local] == 1 && !self.borrowed.contains(local) => {
                    Some((local, location))
                }
                _ => None,
            })
            .collect()
    }
}
