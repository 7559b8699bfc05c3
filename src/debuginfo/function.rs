//! One function's entry: the subprogram (in its namespace, or declared in its type for an
//! inherent method, like LLVM), its return type, template parameters, arguments and variables in
//! a `DW_TAG_lexical_block` per MIR source scope.
//!
//! Translation describes the function ([`describe`], main thread: names and types need the
//! `TyCtxt`); after Cranelift compiled it, [`finish`] (worker thread) adds what only the
//! compiled code knows: the code range, the variables' frame offsets and the blocks' ranges.

use cranelift_codegen::MachBufferFrameLayout;
use cranelift_codegen::MachSrcLoc;
use cranelift_codegen::ir::{SourceLoc, StackSlot};
use gimli::write::{Address, AttributeValue, Expression, Range, RangeList, Unit, UnitEntryId};
use rustc_middle::ty::{Instance, Ty};
use rustc_span::{Span, Symbol};

use super::line::{self, SourcePos};
use super::names::{self, FnScope};
use super::types::TypeCx;

/// A variable or argument as translation found it.
pub struct VarDesc<'tcx> {
    pub name: Symbol,
    pub ty: Ty<'tcx>,
    /// Index of its MIR source scope.
    pub scope: u32,
    /// 1-based argument position, for arguments.
    pub arg: Option<u16>,
    pub span: Span,
    /// Where its value lives; `None`: not available (no location).
    pub home: Option<VarHome>,
}

/// A variable's memory: `offset` bytes into a stack slot (or, with no slot, the frame base
/// itself, for zero-sized values), then `ops` applied to that address.
#[derive(Clone, Debug)]
pub struct VarHome {
    pub slot: Option<StackSlot>,
    pub offset: i64,
    pub ops: Vec<LocOp>,
}

#[derive(Clone, Copy, Debug)]
pub enum LocOp {
    /// Load the pointer stored at the address.
    Deref,
    /// Add a field offset.
    Plus(u64),
}

/// What translation hands over about one function's source for its debug info.
pub struct FnSource<'a, 'tcx> {
    pub instance: Instance<'tcx>,
    pub symbol: &'a str,
    /// The ABI's return type, `None` when nothing is returned.
    pub ret: Option<Ty<'tcx>>,
    pub noreturn: bool,
    pub arg_types: Vec<Ty<'tcx>>,
    /// Parent of each MIR source scope.
    pub scope_parents: Vec<Option<u32>>,
    pub vars: Vec<VarDesc<'tcx>>,
}

/// A function's debug info waiting for its compiled code.
pub struct FnDebugInfo {
    pub decl: SourcePos,
    /// Indexed by the `SourceLoc` numbers attached to CLIF instructions.
    pub positions: Vec<SourcePos>,
    subprogram: Option<UnitEntryId>,
    with_frame: bool,
    vars: Vec<(UnitEntryId, VarHome)>,
    /// The lexical block of each source scope that has one.
    blocks: Vec<Option<UnitEntryId>>,
    scope_parents: Vec<Option<u32>>,
}

impl FnDebugInfo {
    /// The stack slots whose memory the debugger reads: they must stay in memory.
    pub fn described_slots(&self) -> rustc_data_structures::fx::FxHashSet<StackSlot> {
        self.vars.iter().filter_map(|(_, home)| home.slot).collect()
    }
}

/// How much of a function to describe.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Line rows only.
    Lines,
    /// Plus the subprogram with its names.
    Names,
    /// Plus types, arguments, variables and scopes.
    Full,
}

pub fn describe<'tcx>(
    cx: &mut TypeCx<'_, 'tcx>,
    detail: Detail,
    source: FnSource<'_, 'tcx>,
    decl: SourcePos,
    positions: Vec<SourcePos>,
    var_decls: &[SourcePos],
) -> FnDebugInfo {
    let mut info = FnDebugInfo {
        decl,
        positions,
        subprogram: None,
        with_frame: detail == Detail::Full,
        vars: Vec::new(),
        blocks: Vec::new(),
        scope_parents: Vec::new(),
    };
    if detail == Detail::Lines {
        return info;
    }
    let full = detail == Detail::Full;
    let tcx = cx.tcx;
    let instance = source.instance;
    let name = names::function_name(tcx, instance);
    let linkage = (name != source.symbol).then_some(source.symbol);
    let root = cx.unit.root();
    let subprogram = match names::function_scope(tcx, instance, full) {
        FnScope::Method(self_ty) => {
            let owner = cx.ty(self_ty);
            let declaration = cx.unit.add(owner, gimli::DW_TAG_subprogram);
            signature_attrs(cx, declaration, &name, linkage, decl, &source);
            cx.set(declaration, gimli::DW_AT_declaration, AttributeValue::Flag(true));
            template_params(cx, declaration, instance);
            for ty in &source.arg_types {
                let ty = cx.ty(*ty);
                let param = cx.unit.add(declaration, gimli::DW_TAG_formal_parameter);
                cx.set(param, gimli::DW_AT_type, AttributeValue::UnitRef(ty));
            }
            let definition = cx.unit.add(root, gimli::DW_TAG_subprogram);
            cx.set(definition, gimli::DW_AT_specification, AttributeValue::UnitRef(declaration));
            definition
        }
        FnScope::Namespace(def_id) => {
            let parent = cx.ns.item(tcx, cx.unit, def_id);
            let definition = cx.unit.add(parent, gimli::DW_TAG_subprogram);
            signature_attrs(cx, definition, &name, linkage, decl, &source);
            definition
        }
    };
    if tcx.entry_fn(()).is_some_and(|(id, _)| id == instance.def_id()) {
        cx.set(subprogram, gimli::DW_AT_main_subprogram, AttributeValue::Flag(true));
    }
    info.subprogram = Some(subprogram);
    if !full {
        return info;
    }
    variables(cx, &mut info, subprogram, &source, var_decls);
    template_params(cx, subprogram, instance);
    info
}

fn signature_attrs<'tcx>(
    cx: &mut TypeCx<'_, 'tcx>,
    id: UnitEntryId,
    name: &str,
    linkage: Option<&str>,
    decl: SourcePos,
    source: &FnSource<'_, 'tcx>,
) {
    if let Some(linkage) = linkage {
        cx.set(id, gimli::DW_AT_linkage_name, super::types::inline_string(linkage));
    }
    cx.name(id, name);
    cx.set(id, gimli::DW_AT_decl_file, AttributeValue::FileIndex(Some(decl.file)));
    cx.set(id, gimli::DW_AT_decl_line, AttributeValue::Udata(decl.line));
    if let Some(ret) = source.ret {
        let ret = cx.ty(ret);
        cx.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(ret));
    }
    if source.noreturn {
        cx.set(id, gimli::DW_AT_noreturn, AttributeValue::Flag(true));
    }
}

/// `DW_TAG_template_type_parameter`s for the function's own (and its impl's) type arguments,
/// with full debug info.
fn template_params<'tcx>(cx: &mut TypeCx<'_, 'tcx>, id: UnitEntryId, instance: Instance<'tcx>) {
    let tcx = cx.tcx;
    let generics = tcx.generics_of(tcx.typeck_root_def_id(instance.def_id()));
    let args = instance.args.truncate_to(tcx, generics);
    if args.types().next().is_none() {
        return;
    }
    let names = names::generic_param_names(tcx, generics);
    cx.generic_args(id, args, &names);
}

/// Arguments (in order) and variables, in the lexical blocks of their scopes.
fn variables<'tcx>(
    cx: &mut TypeCx<'_, 'tcx>,
    info: &mut FnDebugInfo,
    subprogram: UnitEntryId,
    source: &FnSource<'_, 'tcx>,
    var_decls: &[SourcePos],
) {
    let scopes = source.scope_parents.len();
    // A scope gets a block when it or a scope inside it has a variable (LLVM drops the others).
    let mut wanted = vec![false; scopes];
    for var in &source.vars {
        let mut scope = Some(var.scope);
        while let Some(s) = scope.filter(|s| (*s as usize) < scopes && !wanted[*s as usize]) {
            wanted[s as usize] = true;
            scope = source.scope_parents[s as usize];
        }
    }
    let mut blocks: Vec<Option<UnitEntryId>> = vec![None; scopes];
    // Parents come before children in MIR's scope numbering.
    for s in 1..scopes {
        if wanted[s] {
            let parent = parent_entry(&blocks, &source.scope_parents, s as u32, subprogram);
            blocks[s] = Some(cx.unit.add(parent, gimli::DW_TAG_lexical_block));
        }
    }
    let mut order: Vec<usize> = (0..source.vars.len()).collect();
    // Arguments first, by position, then the others in the order given.
    order.sort_by_key(|i| source.vars[*i].arg.map_or((1, 0), |a| (0, a)));
    for i in order {
        let var = &source.vars[i];
        let parent = if var.arg.is_some() {
            subprogram
        } else {
            match blocks.get(var.scope as usize).copied().flatten() {
                Some(block) => block,
                None => parent_entry(&blocks, &source.scope_parents, var.scope, subprogram),
            }
        };
        let tag = if var.arg.is_some() { gimli::DW_TAG_formal_parameter } else { gimli::DW_TAG_variable };
        let id = cx.unit.add(parent, tag);
        if !var.name.as_str().is_empty() {
            cx.name(id, var.name.as_str());
        }
        let pos = var_decls[i];
        cx.set(id, gimli::DW_AT_decl_file, AttributeValue::FileIndex(Some(pos.file)));
        cx.set(id, gimli::DW_AT_decl_line, AttributeValue::Udata(pos.line));
        if var.arg.is_none() {
            let align = cx.layout(var.ty).align.abi.bytes();
            cx.set(id, gimli::DW_AT_alignment, AttributeValue::Udata(align));
        }
        let ty = cx.ty(var.ty);
        cx.set(id, gimli::DW_AT_type, AttributeValue::UnitRef(ty));
        if let Some(home) = &var.home {
            info.vars.push((id, home.clone()));
        }
    }
    info.blocks = blocks;
    info.scope_parents = source.scope_parents.clone();
}

/// The entry of the nearest scope above `scope` (exclusive) that has a block.
fn parent_entry(
    blocks: &[Option<UnitEntryId>],
    parents: &[Option<u32>],
    scope: u32,
    subprogram: UnitEntryId,
) -> UnitEntryId {
    let mut s = parents.get(scope as usize).copied().flatten();
    while let Some(p) = s {
        if let Some(block) = blocks[p as usize] {
            return block;
        }
        s = parents[p as usize];
    }
    subprogram
}

/// Compiled-code facts for [`finish`].
pub struct Compiled<'a> {
    pub start: Address,
    pub code_size: u32,
    pub srclocs: &'a [MachSrcLoc],
    pub base: SourceLoc,
    pub frame: Option<&'a MachBufferFrameLayout>,
}

/// Adds the compiled function: line rows, code range, variable locations, block ranges.
pub fn finish(unit: &mut Unit, info: &FnDebugInfo, code: &Compiled<'_>) {
    let located = || line::code_positions(code.srclocs, code.base, &info.positions);
    line::write_rows(
        &mut unit.line_program,
        code.start,
        code.code_size,
        info.decl,
        located().map(|(o, p)| (o, *p)),
    );
    let Some(subprogram) = info.subprogram else { return };
    let entry = unit.get_mut(subprogram);
    entry.set(gimli::DW_AT_low_pc, AttributeValue::Address(code.start));
    entry.set(gimli::DW_AT_high_pc, AttributeValue::Udata(code.code_size as u64));
    if !info.with_frame {
        return;
    }
    // Cranelift always sets up rbp on x86-64: the frame base, as a register.
    let mut frame_base = Expression::new();
    frame_base.op_reg(gimli::X86_64::RBP);
    unit.get_mut(subprogram).set(gimli::DW_AT_frame_base, AttributeValue::Exprloc(frame_base));
    let fp_above_bottom = code.frame.map_or(0, |f| f.frame_to_fp_offset as i64);
    for (id, home) in &info.vars {
        let slot_offset = match (home.slot, code.frame) {
            (Some(slot), Some(frame)) => frame.stackslots[slot].offset as i64 - fp_above_bottom,
            (Some(_), None) => continue,
            (None, _) => 0,
        };
        let mut expr = Expression::new();
        expr.op_fbreg(slot_offset + home.offset);
        for op in &home.ops {
            match op {
                LocOp::Deref => expr.op_deref(),
                LocOp::Plus(0) => {}
                LocOp::Plus(n) => expr.op_plus_uconst(*n),
            }
        }
        unit.get_mut(*id).set(gimli::DW_AT_location, AttributeValue::Exprloc(expr));
    }
    block_ranges(unit, info, code, located());
}

/// Each block covers the code of its scope and the scopes inside it; code without a position
/// of its own belongs with the code before it.
fn block_ranges<'p>(
    unit: &mut Unit,
    info: &FnDebugInfo,
    code: &Compiled<'_>,
    located: impl Iterator<Item = (u32, &'p SourcePos)>,
) {
    if info.blocks.iter().all(Option::is_none) {
        return;
    }
    let pieces: Vec<(u32, u32)> = located.map(|(offset, pos)| (offset, pos.scope)).collect();
    let ranges = scope_ranges(&pieces, code.code_size, &info.scope_parents);
    for (block, list) in info.blocks.iter().zip(ranges) {
        let Some(block) = *block else { continue };
        let Address::Symbol { symbol, addend } = code.start else { continue };
        let at = |offset: u32| Address::Symbol { symbol, addend: addend + offset as i64 };
        match list.as_slice() {
            [] => {}
            [(start, end)] => {
                let entry = unit.get_mut(block);
                entry.set(gimli::DW_AT_low_pc, AttributeValue::Address(at(*start)));
                entry.set(gimli::DW_AT_high_pc, AttributeValue::Udata((end - start) as u64));
            }
            many => {
                let list = RangeList(
                    many.iter().map(|(s, e)| Range::StartEnd { begin: at(*s), end: at(*e) }).collect(),
                );
                let id = unit.ranges.add(list);
                unit.get_mut(block).set(gimli::DW_AT_ranges, AttributeValue::RangeListRef(id));
            }
        }
    }
}

/// The code ranges of each scope, inner scopes included, from the code's pieces in order,
/// `(start offset, scope)`, each running to the next piece's start or to `code_size`.
///
/// First each scope gets its own pieces, then, innermost scopes first (MIR numbers a scope
/// after its parent), each scope's merged ranges are added to its parent's. Extending every
/// enclosing scope per piece instead cost pieces x depth: quadratic for a generated function
/// whose N `let`s nest N scopes, where this is linear (each of those scopes passes up one
/// range).
fn scope_ranges(pieces: &[(u32, u32)], code_size: u32, parents: &[Option<u32>]) -> Vec<Vec<(u32, u32)>> {
    let scopes = parents.len();
    let mut ranges: Vec<Vec<(u32, u32)>> = vec![Vec::new(); scopes];
    for (i, &(start, scope)) in pieces.iter().enumerate() {
        let end = pieces.get(i + 1).map_or(code_size, |p| p.0);
        if end > start && (scope as usize) < scopes {
            ranges[scope as usize].push((start, end));
        }
    }
    for s in (0..scopes).rev() {
        let mut list = std::mem::take(&mut ranges[s]);
        merge_adjacent(&mut list);
        if let Some(parent) = parents[s] {
            debug_assert!((parent as usize) < s, "scope {s} numbered before its parent {parent}");
            ranges[parent as usize].extend_from_slice(&list);
        }
        ranges[s] = list;
    }
    ranges
}

/// Sorts disjoint code ranges and joins those that touch.
fn merge_adjacent(ranges: &mut Vec<(u32, u32)>) {
    ranges.sort_unstable();
    let mut merged = 0;
    for i in 0..ranges.len() {
        if merged > 0 && ranges[merged - 1].1 >= ranges[i].0 {
            ranges[merged - 1].1 = ranges[merged - 1].1.max(ranges[i].1);
        } else {
            ranges[merged] = ranges[i];
            merged += 1;
        }
    }
    ranges.truncate(merged);
}

#[cfg(test)]
mod tests {
    use super::scope_ranges;

    /// What `scope_ranges` replaced: every piece extends its scope and each enclosing one.
    fn walking_every_ancestor(
        pieces: &[(u32, u32)],
        code_size: u32,
        parents: &[Option<u32>],
    ) -> Vec<Vec<(u32, u32)>> {
        let mut ranges = vec![Vec::new(); parents.len()];
        for (i, &(start, scope)) in pieces.iter().enumerate() {
            let end = pieces.get(i + 1).map_or(code_size, |p| p.0);
            let mut s = (end > start).then_some(scope);
            while let Some(sc) = s.filter(|sc| (*sc as usize) < parents.len()) {
                let list: &mut Vec<(u32, u32)> = &mut ranges[sc as usize];
                match list.last_mut() {
                    Some(last) if last.1 == start => last.1 = end,
                    _ => list.push((start, end)),
                }
                s = parents[sc as usize];
            }
        }
        ranges
    }

    #[test]
    fn nested_lets_get_one_range_each() {
        // Scope k+1 inside scope k; scope k's own code, then everything inside it.
        let parents: Vec<Option<u32>> = (0..5u32).map(|k| k.checked_sub(1)).collect();
        let pieces: Vec<(u32, u32)> = (0..5).map(|k| (10 * k, k)).collect();
        let ranges = scope_ranges(&pieces, 60, &parents);
        assert_eq!(ranges, (0..5).map(|k| vec![(10 * k, 60)]).collect::<Vec<_>>());
    }

    #[test]
    fn same_ranges_as_walking_every_ancestor() {
        // Scope trees and code layouts from a fixed pseudo-random sequence: code that leaves a
        // scope and comes back, pieces of no length, positions in no known scope.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |bound: u32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as u32
        };
        for _ in 0..500 {
            let scopes = 1 + next(12);
            let parents: Vec<Option<u32>> =
                (0..scopes).map(|s| if s == 0 { None } else { Some(next(s)) }).collect();
            let mut offset = 0;
            let pieces: Vec<(u32, u32)> = (0..next(40))
                .map(|_| {
                    offset += next(3) * 4;
                    (offset, next(scopes + 1))
                })
                .collect();
            let code_size = offset + next(8);
            assert_eq!(
                scope_ranges(&pieces, code_size, &parents),
                walking_every_ancestor(&pieces, code_size, &parents),
                "{parents:?} {pieces:?} {code_size}"
            );
        }
    }
}
