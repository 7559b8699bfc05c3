//! Which locals of a body hold one value for the whole run of the function, and where that
//! value comes from. Translation uses it to look through a chain of intrinsic calls (see
//! `intrinsics::simd::fused_fma`): an operand read at one call may then stand for the same
//! value read at an earlier one.

use rustc_index::IndexVec;
use rustc_middle::mir::visit::{MutatingUseContext, NonMutatingUseContext, PlaceContext, Visitor};
use rustc_middle::mir::{BasicBlock, Body, Local, Location, TerminatorKind};

/// Where a local's one assignment is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Assignment {
    /// An argument: assigned by the caller.
    Entry,
    /// A statement (an `Assign`).
    Statement(Location),
    /// The destination of the call that terminates this block.
    Call(BasicBlock),
}

pub struct SingleDefs {
    /// `Some` for a local assigned exactly once, as a whole, and never borrowed.
    assignment: IndexVec<Local, Option<Assignment>>,
    /// Locals whose address is taken somewhere: a write through a pointer may change them.
    borrowed: IndexVec<Local, bool>,
    /// Whether any block can run twice: then one assignment can still give several values.
    cyclic: bool,
}

impl SingleDefs {
    pub fn of(body: &Body<'_>) -> SingleDefs {
        let mut scan = Scan {
            writes: IndexVec::from_elem_n(0u32, body.local_decls.len()),
            site: IndexVec::from_elem_n(None, body.local_decls.len()),
            spoiled: IndexVec::from_elem_n(false, body.local_decls.len()),
            borrowed: IndexVec::from_elem_n(false, body.local_decls.len()),
            body,
        };
        for arg in body.args_iter() {
            scan.writes[arg] = 1;
            scan.site[arg] = Some(Assignment::Entry);
        }
        scan.visit_body(body);
        let assignment = scan
            .site
            .iter_enumerated()
            .map(|(local, site)| if scan.writes[local] == 1 && !scan.spoiled[local] { *site } else { None })
            .collect();
        SingleDefs { assignment, borrowed: scan.borrowed, cyclic: has_cycle(body) }
    }

    pub fn is_borrowed(&self, local: Local) -> bool {
        self.borrowed[local]
    }

    /// Where `local` gets its only value, if it has exactly one for the whole run.
    pub fn assignment(&self, local: Local) -> Option<Assignment> {
        if self.cyclic { None } else { self.assignment[local] }
    }
}

/// Whether a use makes a reference or raw pointer to the place: after it, writes through the
/// pointer may change the local where the body does not name it.
pub fn takes_address(context: PlaceContext) -> bool {
    matches!(
        context,
        PlaceContext::NonMutatingUse(
            NonMutatingUseContext::SharedBorrow
                | NonMutatingUseContext::FakeBorrow
                | NonMutatingUseContext::RawBorrow
        ) | PlaceContext::MutatingUse(MutatingUseContext::Borrow | MutatingUseContext::RawBorrow)
    )
}

/// Whether some block can follow itself: in reverse postorder, an edge that does not go
/// forward closes a cycle (every edge of an acyclic graph goes forward in that order).
fn has_cycle(body: &Body<'_>) -> bool {
    let blocks = &body.basic_blocks;
    let mut position = IndexVec::from_elem_n(usize::MAX, blocks.len());
    for (i, &block) in blocks.reverse_postorder().iter().enumerate() {
        position[block] = i;
    }
    blocks.iter_enumerated().any(|(block, data)| {
        position[block] != usize::MAX
            && data.terminator().successors().any(|next| position[next] <= position[block])
    })
}

struct Scan<'b, 'tcx> {
    writes: IndexVec<Local, u32>,
    site: IndexVec<Local, Option<Assignment>>,
    /// Borrowed, written through a projection, or assigned by something other than a plain
    /// statement or call.
    spoiled: IndexVec<Local, bool>,
    borrowed: IndexVec<Local, bool>,
    body: &'b Body<'tcx>,
}

impl<'tcx> Visitor<'tcx> for Scan<'_, 'tcx> {
    fn visit_place(
        &mut self,
        place: &rustc_middle::mir::Place<'tcx>,
        context: PlaceContext,
        location: Location,
    ) {
        let local = place.local;
        match context {
            _ if takes_address(context) => {
                self.spoiled[local] = true;
                self.borrowed[local] = true;
            }
            PlaceContext::MutatingUse(how) => {
                self.writes[local] += 1;
                let whole = place.projection.is_empty();
                let site = match how {
                    MutatingUseContext::Store if whole => Some(Assignment::Statement(location)),
                    MutatingUseContext::Call if whole => {
                        let terminator = self.body.basic_blocks[location.block].terminator();
                        matches!(terminator.kind, TerminatorKind::Call { .. })
                            .then_some(Assignment::Call(location.block))
                    }
                    _ => None,
                };
                match site {
                    Some(site) => self.site[local] = Some(site),
                    None => self.spoiled[local] = true,
                }
            }
            _ => {}
        }
        self.super_place(place, context, location);
    }
}
