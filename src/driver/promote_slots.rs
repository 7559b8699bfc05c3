//! Optimized builds: stack slots whose address never leaves the function's own loads and stores
//! become SSA values.
//!
//! Translation keeps every borrowed local in a stack slot, and inlining (`driver::inline`)
//! copies callees that reach their `&self`/`&mut self` through the caller's slot: after it, a
//! loop over an iterator or a SIMD searcher reads and writes its state through memory on every
//! iteration, and Cranelift has neither dead-store elimination nor promotion of slots to
//! registers. Once the calls are gone, many such slots are only loaded and stored at fixed
//! offsets; each (offset, type) of such a slot is then a variable, renamed into SSA form over
//! the dominator tree with block parameters where definitions meet (pruned by liveness), and
//! its loads and stores disappear.
//!
//! A slot is left alone when anything else sees its address (a call, a store of the address, a
//! block argument, an address computation other than adding a constant), when an access has a
//! type other than an integer up to 64 bits, `f32`, `f64` or a 128-bit vector, when accesses
//! overlap and are not all integers within 8 bytes of each other (those share one integer
//! variable, see `merged_ranges`), and when debug info describes it. A
//! variable is left in memory when it would need a parameter on a block that cannot take one
//! (a `br_table` target, the entry block). A load that no store reaches reads zero: the memory
//! was never written on that path, so any value is what the source could observe.

use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::dominator_tree::DominatorTree;
use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::{
    Block, ConstantData, Function, Inst, InstBuilder, InstructionData, Opcode, StackSlot, Type, Value, types,
};
use rustc_data_structures::fx::{FxHashMap, FxHashSet};

use crate::mir::int_constant;

/// The longest chain of constant additions followed from an address back to its `stack_addr`.
const LONGEST_ADDRESS_CHAIN: usize = 16;

/// One load or store of a slot, in layout order.
struct Access {
    inst: Inst,
    block: Block,
    slot: StackSlot,
    offset: i64,
    ty: Type,
    /// The stored value, for a store.
    stored: Option<Value>,
}

/// Promotes what it can in `func`; `pinned` are the slots debug info describes. Returns the
/// number of loads and stores removed.
pub fn promote_stack_slots(func: &mut Function, pinned: &FxHashSet<StackSlot>) -> usize {
    if func.sized_stack_slots.is_empty() {
        return 0;
    }
    let (accesses, escaped) = collect_accesses(func);
    let mut fields = assign_fields(func, &accesses, &escaped, pinned);
    if fields.types.is_empty() {
        return 0;
    }
    let blocks = BlocksOfFields::of(&accesses, &fields);
    if blocks.exposed_in.iter().all(Vec::is_empty) {
        // Every load follows a store of its variable in its own block: no value crosses a block
        // boundary, and neither the flow graph nor the dominator tree is needed.
        return rename_within_blocks(func, &accesses, &fields);
    }
    let cfg = ControlFlowGraph::with_function(func);
    let domtree = DominatorTree::with_function(func, &cfg);
    let params = place_parameters(func, &cfg, &domtree, &blocks, &mut fields);
    rename(func, &domtree, &accesses, &fields, params)
}

/// The slot and constant offset `value` addresses, when it is a `stack_addr` plus constants.
fn slot_address(func: &Function, value: Value) -> Option<(StackSlot, i64)> {
    let mut value = func.dfg.resolve_aliases(value);
    let mut offset = 0i64;
    for _ in 0..LONGEST_ADDRESS_CHAIN {
        let inst = func.dfg.value_def(value).inst()?;
        match func.dfg.insts[inst] {
            InstructionData::StackAddr { opcode: Opcode::StackAddr, stack_slot, offset: base } => {
                return Some((stack_slot, offset.checked_add(i64::from(base))?));
            }
            InstructionData::Binary { opcode: Opcode::Iadd, args } => {
                let [a, b] = args.map(|v| func.dfg.resolve_aliases(v));
                // Addresses are 64-bit: the zero-extended bits are the signed offset.
                let constant = |v| int_constant(&func.dfg, v).map(|bits| bits as i64);
                let (next, constant) = match (constant(a), constant(b)) {
                    (None, Some(c)) => (a, c),
                    (Some(c), None) => (b, c),
                    _ => return None,
                };
                offset = offset.checked_add(constant)?;
                value = next;
            }
            _ => return None,
        }
    }
    None
}

fn promotable_type(ty: Type) -> bool {
    (ty.is_int() && ty.bits() <= 64)
        || ty == types::F32
        || ty == types::F64
        || (ty.is_vector() && ty.bits() == 128)
}

/// Every load and store through a slot address, and the slots whose address is used in any
/// other way.
fn collect_accesses(func: &Function) -> (Vec<Access>, FxHashSet<StackSlot>) {
    let mut accesses = Vec::new();
    let mut escaped = FxHashSet::default();
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            let data = &func.dfg.insts[inst];
            // An address computation is not a use: its result is classified where it is used.
            if matches!(data, InstructionData::Binary { opcode: Opcode::Iadd, .. })
                && slot_address(func, func.dfg.first_result(inst)).is_some()
            {
                continue;
            }
            let access = match *data {
                InstructionData::Load { opcode: Opcode::Load, arg, offset, .. } => slot_address(func, arg)
                    .map(|(slot, base)| Access {
                        inst,
                        block,
                        slot,
                        offset: base + i64::from(offset),
                        ty: func.dfg.value_type(func.dfg.first_result(inst)),
                        stored: None,
                    }),
                InstructionData::Store { opcode: Opcode::Store, args: [value, addr], offset, .. }
                    if slot_address(func, value).is_none() =>
                {
                    slot_address(func, addr).map(|(slot, base)| Access {
                        inst,
                        block,
                        slot,
                        offset: base + i64::from(offset),
                        ty: func.dfg.value_type(value),
                        stored: Some(value),
                    })
                }
                _ => None,
            };
            match access {
                Some(access) => accesses.push(access),
                None => {
                    for arg in func.dfg.inst_values(inst) {
                        if let Some((slot, _)) = slot_address(func, arg) {
                            escaped.insert(slot);
                        }
                    }
                }
            }
        }
    }
    (accesses, escaped)
}

/// The promoted variables: one per (slot, offset, type) of the slots that qualify.
struct Fields {
    /// Field of each access, or `None` when its slot stays in memory.
    of_access: Vec<Option<u32>>,
    /// Where each access sits in its field, in bytes from the field's start: non-zero, or a
    /// type other than the field's, only for the integer ranges described at [`merged_ranges`].
    shift_of_access: Vec<u8>,
    types: Vec<Type>,
}

impl Fields {
    /// Whether access `i` reads or writes its whole field: a store then defines the field
    /// without reading it, a load is the field's value itself.
    fn is_whole(&self, i: usize, access: &Access) -> bool {
        self.shift_of_access[i] == 0 && self.of_access[i].is_some_and(|f| self.types[f as usize] == access.ty)
    }
}

/// The smallest integer type holding `bytes` bytes, up to 8.
fn int_type_for(bytes: i64) -> Option<Type> {
    match bytes {
        1 => Some(types::I8),
        2 => Some(types::I16),
        3..=4 => Some(types::I32),
        5..=8 => Some(types::I64),
        _ => None,
    }
}

/// A slot whose accesses overlap (bytes written one by one and copied as one wider integer,
/// an enum's tag read on its own) is still promoted when every access is an integer: each
/// group of overlapping accesses becomes one integer variable covering the group's bytes (at
/// most 8), little-endian, which narrower accesses read by shifting and write by masking in.
/// `None` when some access is not an integer or some group spans more than 8 bytes.
fn merged_ranges(keys: &[(i64, Type)]) -> Option<MergedRanges> {
    if !keys.iter().all(|&(_, ty)| ty.is_int() && ty.bits() <= 64) {
        return None;
    }
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    let mut group_of_key = Vec::with_capacity(keys.len());
    for &(offset, ty) in keys {
        let end = offset + i64::from(ty.bytes());
        match ranges.last_mut() {
            Some(last) if offset < last.1 => last.1 = last.1.max(end),
            _ => ranges.push((offset, end)),
        }
        group_of_key.push(ranges.len() - 1);
    }
    let ranges = ranges
        .iter()
        .map(|&(start, end)| int_type_for(end - start).map(|ty| (start, ty)))
        .collect::<Option<Vec<_>>>()?;
    Some(MergedRanges { ranges, group_of_key })
}

/// The groups of overlapping integer accesses of one slot (sorted keys).
struct MergedRanges {
    /// Each group's first byte and the integer type covering it.
    ranges: Vec<(i64, Type)>,
    /// The group of each key.
    group_of_key: Vec<usize>,
}

fn assign_fields(
    func: &Function,
    accesses: &[Access],
    escaped: &FxHashSet<StackSlot>,
    pinned: &FxHashSet<StackSlot>,
) -> Fields {
    let mut keys_by_slot: FxHashMap<StackSlot, Vec<(i64, Type)>> = FxHashMap::default();
    for access in accesses {
        keys_by_slot.entry(access.slot).or_default().push((access.offset, access.ty));
    }
    let mut field_of_key: FxHashMap<(StackSlot, i64, Type), (u32, u8)> = FxHashMap::default();
    let mut types = Vec::new();
    for (slot, mut keys) in keys_by_slot {
        if escaped.contains(&slot) || pinned.contains(&slot) {
            continue;
        }
        keys.sort_unstable_by_key(|&(offset, ty)| (offset, ty.bits()));
        keys.dedup();
        let size = i64::from(func.sized_stack_slots[slot].size);
        let in_bounds =
            keys.iter().all(|&(offset, ty)| offset >= 0 && offset + i64::from(ty.bytes()) <= size);
        let disjoint = keys.windows(2).all(|w| w[0].0 + i64::from(w[0].1.bytes()) <= w[1].0);
        if !in_bounds || !keys.iter().all(|&(_, ty)| promotable_type(ty)) {
            continue;
        }
        if disjoint {
            for (offset, ty) in keys {
                field_of_key.insert((slot, offset, ty), (types.len() as u32, 0));
                types.push(ty);
            }
        } else if let Some(MergedRanges { ranges, group_of_key }) = merged_ranges(&keys) {
            let first = types.len() as u32;
            types.extend(ranges.iter().map(|&(_, ty)| ty));
            for (&(offset, ty), group) in keys.iter().zip(group_of_key) {
                let shift = (offset - ranges[group].0) as u8;
                field_of_key.insert((slot, offset, ty), (first + group as u32, shift));
            }
        }
    }
    let placed: Vec<Option<(u32, u8)>> =
        accesses.iter().map(|a| field_of_key.get(&(a.slot, a.offset, a.ty)).copied()).collect();
    Fields {
        of_access: placed.iter().map(|p| p.map(|(field, _)| field)).collect(),
        shift_of_access: placed.iter().map(|p| p.map_or(0, |(_, shift)| shift)).collect(),
        types,
    }
}

/// Per variable, the blocks that store it and the blocks that load it before storing it.
struct BlocksOfFields {
    stores_in: Vec<Vec<Block>>,
    exposed_in: Vec<Vec<Block>>,
}

impl BlocksOfFields {
    fn of(accesses: &[Access], fields: &Fields) -> Self {
        let count = fields.types.len();
        let mut stores_in: Vec<Vec<Block>> = vec![Vec::new(); count];
        let mut exposed_in: Vec<Vec<Block>> = vec![Vec::new(); count];
        // Per field, the last block that stored it so far (accesses come in layout order).
        let mut stored_in: Vec<Option<Block>> = vec![None; count];
        for (i, (access, field)) in accesses.iter().zip(&fields.of_access).enumerate() {
            let Some(field) = field.map(|f| f as usize) else { continue };
            // A store into part of a field reads the rest of it first.
            let reads = access.stored.is_none() || !fields.is_whole(i, access);
            if reads
                && stored_in[field] != Some(access.block)
                && exposed_in[field].last() != Some(&access.block)
            {
                exposed_in[field].push(access.block);
            }
            if access.stored.is_some() && stored_in[field] != Some(access.block) {
                stores_in[field].push(access.block);
                stored_in[field] = Some(access.block);
            }
        }
        BlocksOfFields { stores_in, exposed_in }
    }
}

/// [`rename`] when no variable is live into any block: in layout order, each load takes the
/// value of the last store of its variable before it in its block.
fn rename_within_blocks(func: &mut Function, accesses: &[Access], fields: &Fields) -> usize {
    let mut last_store: Vec<Option<(Block, Value)>> = vec![None; fields.types.len()];
    let mut removed = 0;
    for (i, access) in accesses.iter().enumerate() {
        let Some(field) = fields.of_access[i].map(|f| f as usize) else { continue };
        let current = last_store[field].filter(|&(block, _)| block == access.block).map(|(_, value)| value);
        // Only a store of the whole field can come first in its block: a load or a partial
        // store there would be an exposed use, which takes the other path.
        let Some(current) = current.or(access.stored.filter(|_| fields.is_whole(i, access))) else {
            unreachable!("an exposed use of a promoted slot variable in a function without any");
        };
        if let Some(value) = replace_access(func, fields, i, access, current) {
            last_store[field] = Some((access.block, value));
        }
        removed += 1;
    }
    removed
}

/// Replaces access `i` by operations on its field's value `current`, and removes it. Returns
/// the field's new value for a store. `current` is only read by loads and partial stores.
fn replace_access(
    func: &mut Function,
    fields: &Fields,
    i: usize,
    access: &Access,
    current: Value,
) -> Option<Value> {
    let field_ty = fields.types[fields.of_access[i].expect("a promoted access") as usize];
    let whole = fields.is_whole(i, access);
    let shift = i64::from(fields.shift_of_access[i]) * 8;
    let srcloc = func.srcloc(access.inst);
    let mut pos = FuncCursor::new(func).at_inst(access.inst);
    pos.set_srcloc(srcloc);
    let stored = match access.stored {
        Some(value) if whole => Some(value),
        Some(value) => {
            let wide = if access.ty == field_ty { value } else { pos.ins().uextend(field_ty, value) };
            let placed = if shift > 0 { pos.ins().ishl_imm_u(wide, shift) } else { wide };
            let field_bits = u64::MAX >> (64 - field_ty.bits());
            let access_bits = u64::MAX >> (64 - access.ty.bits());
            let kept_bits = !(access_bits << shift) & field_bits;
            let kept_mask = pos.ins().iconst(field_ty, kept_bits as i64);
            let kept = pos.ins().band(current, kept_mask);
            Some(pos.ins().bor(kept, placed))
        }
        None => {
            let value = if whole {
                current
            } else {
                let moved = if shift > 0 { pos.ins().ushr_imm_u(current, shift) } else { current };
                if access.ty == field_ty { moved } else { pos.ins().ireduce(access.ty, moved) }
            };
            let result = pos.func.dfg.first_result(access.inst);
            pos.func.dfg.detach_inst_results(access.inst);
            pos.func.dfg.change_to_alias(result, value);
            None
        }
    };
    func.layout.remove_inst(access.inst);
    stored
}

/// Block parameters of the promoted variables, per block: (field, parameter) in order.
type BlockParams = FxHashMap<Block, Vec<(u32, Value)>>;

/// Decides where each variable needs a block parameter (the iterated dominance frontier of its
/// stores, restricted to the blocks where it is live on entry) and adds them. A variable that
/// would need one on a block that cannot take parameters stays in memory: its accesses leave
/// `fields`.
fn place_parameters(
    func: &mut Function,
    cfg: &ControlFlowGraph,
    domtree: &DominatorTree,
    blocks: &BlocksOfFields,
    fields: &mut Fields,
) -> BlockParams {
    let count = fields.types.len();
    let (stores_in, exposed_in) = (&blocks.stores_in, &blocks.exposed_in);
    let frontiers = dominance_frontiers(func, cfg, domtree);
    let no_params = blocks_without_parameters(func);
    let mut placements: Vec<(u32, Vec<Block>)> = Vec::new();
    let mut kept_in_memory: FxHashSet<u32> = FxHashSet::default();
    for field in 0..count {
        if exposed_in[field].is_empty() {
            continue; // every load follows a store in its own block
        }
        let live_in = live_in_blocks(cfg, &exposed_in[field], &stores_in[field]);
        let mut placed: FxHashSet<Block> = FxHashSet::default();
        let mut work = stores_in[field].clone();
        while let Some(block) = work.pop() {
            for &frontier in frontiers.get(&block).map(Vec::as_slice).unwrap_or(&[]) {
                if live_in.contains(&frontier) && placed.insert(frontier) {
                    work.push(frontier);
                }
            }
        }
        if placed.iter().any(|b| no_params.contains(b)) {
            kept_in_memory.insert(field as u32);
            continue;
        }
        let mut placed: Vec<Block> = placed.into_iter().collect();
        placed.sort_unstable();
        placements.push((field as u32, placed));
    }
    for field in &mut fields.of_access {
        if field.is_some_and(|f| kept_in_memory.contains(&f)) {
            *field = None;
        }
    }
    let mut params = BlockParams::default();
    for (field, blocks) in placements {
        for block in blocks {
            let param = func.dfg.append_block_param(block, fields.types[field as usize]);
            params.entry(block).or_default().push((field, param));
        }
    }
    params
}

/// For each block, the blocks at which its dominance ends (Cooper, Harvey and Kennedy).
fn dominance_frontiers(
    func: &Function,
    cfg: &ControlFlowGraph,
    domtree: &DominatorTree,
) -> FxHashMap<Block, Vec<Block>> {
    let mut frontiers: FxHashMap<Block, Vec<Block>> = FxHashMap::default();
    for block in func.layout.blocks() {
        if !domtree.is_reachable(block) {
            continue;
        }
        let preds: Vec<Block> =
            cfg.pred_iter(block).map(|p| p.block).filter(|&p| domtree.is_reachable(p)).collect();
        if preds.len() < 2 {
            continue;
        }
        let idom = domtree.idom(block);
        for pred in preds {
            let mut runner = Some(pred);
            while let Some(r) = runner.filter(|&r| Some(r) != idom) {
                let list = frontiers.entry(r).or_default();
                if list.last() != Some(&block) {
                    list.push(block);
                }
                runner = domtree.idom(r);
            }
        }
    }
    frontiers
}

/// Targets of jump tables (their blocks may take no parameters) and the entry block.
fn blocks_without_parameters(func: &Function) -> FxHashSet<Block> {
    let mut blocks: FxHashSet<Block> = func.layout.entry_block().into_iter().collect();
    for table in func.dfg.jump_tables.values() {
        blocks.extend(table.all_branches().iter().map(|call| call.block(&func.dfg.value_lists)));
    }
    blocks
}

/// The blocks a variable is live on entry to: from each block that loads it before storing it,
/// backwards through predecessors that do not store it.
fn live_in_blocks(cfg: &ControlFlowGraph, exposed: &[Block], stores: &[Block]) -> FxHashSet<Block> {
    let stores: FxHashSet<Block> = stores.iter().copied().collect();
    let mut live: FxHashSet<Block> = exposed.iter().copied().collect();
    let mut work: Vec<Block> = exposed.to_vec();
    while let Some(block) = work.pop() {
        for pred in cfg.pred_iter(block) {
            if !stores.contains(&pred.block) && live.insert(pred.block) {
                work.push(pred.block);
            }
        }
    }
    live
}

/// Walks the dominator tree from the entry with each variable's current value on a stack:
/// stores push, loads become their variable's current value, branches pass the current values
/// to their targets' parameters. Returns the number of loads and stores removed.
fn rename(
    func: &mut Function,
    domtree: &DominatorTree,
    accesses: &[Access],
    fields: &Fields,
    params: BlockParams,
) -> usize {
    let Some(entry) = func.layout.entry_block() else { return 0 };
    // Accesses are in layout order, so each block's are contiguous.
    let mut by_block: FxHashMap<Block, (usize, usize)> = FxHashMap::default();
    for (i, access) in accesses.iter().enumerate() {
        by_block.entry(access.block).and_modify(|range| range.1 = i + 1).or_insert((i, i + 1));
    }
    let mut current: Vec<Vec<Value>> = vec![Vec::new(); fields.types.len()];
    let mut pushed: Vec<u32> = Vec::new();
    let mut zeros: FxHashMap<Type, Value> = FxHashMap::default();
    let mut removed = 0;
    enum Step {
        Enter(Block),
        Leave(usize),
    }
    let mut walk = vec![Step::Enter(entry)];
    while let Some(step) = walk.pop() {
        let block = match step {
            Step::Enter(block) => block,
            Step::Leave(mark) => {
                for field in pushed.drain(mark..) {
                    current[field as usize].pop();
                }
                continue;
            }
        };
        walk.push(Step::Leave(pushed.len()));
        for &(field, param) in params.get(&block).map(Vec::as_slice).unwrap_or(&[]) {
            current[field as usize].push(param);
            pushed.push(field);
        }
        if let Some(&(start, end)) = by_block.get(&block) {
            for (i, access) in accesses.iter().enumerate().take(end).skip(start) {
                let Some(field) = fields.of_access[i] else { continue };
                let value = match current[field as usize].last() {
                    Some(&value) => value,
                    None => zero(func, &mut zeros, entry, fields.types[field as usize]),
                };
                if let Some(stored) = replace_access(func, fields, i, access, value) {
                    current[field as usize].push(stored);
                    pushed.push(field);
                }
                removed += 1;
            }
        }
        if let Some(branch) = func.layout.last_inst(block) {
            pass_to_successors(func, branch, &params, &current, &mut zeros, entry, fields);
        }
        walk.extend(domtree.children(block).map(Step::Enter));
    }
    // Blocks no path reaches still name their successors: they pass zeros.
    let nothing: Vec<Vec<Value>> = vec![Vec::new(); fields.types.len()];
    let unreachable: Vec<Block> = func.layout.blocks().filter(|&b| !domtree.is_reachable(b)).collect();
    for block in unreachable {
        if let Some(branch) = func.layout.last_inst(block) {
            pass_to_successors(func, branch, &params, &nothing, &mut zeros, entry, fields);
        }
    }
    removed
}

/// Appends to every branch of `branch` the current value of each variable its target takes.
fn pass_to_successors(
    func: &mut Function,
    branch: Inst,
    params: &BlockParams,
    current: &[Vec<Value>],
    zeros: &mut FxHashMap<Type, Value>,
    entry: Block,
    fields: &Fields,
) {
    let targets: Vec<Block> = func.dfg.insts[branch]
        .branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables)
        .iter()
        .map(|call| call.block(&func.dfg.value_lists))
        .collect();
    if targets.iter().all(|target| !params.contains_key(target)) {
        return;
    }
    let mut values: Vec<Vec<Value>> = Vec::with_capacity(targets.len());
    for target in &targets {
        let wanted = params.get(target).map(Vec::as_slice).unwrap_or(&[]);
        let mut args = Vec::with_capacity(wanted.len());
        for &(field, _) in wanted {
            let value = match current[field as usize].last() {
                Some(&value) => value,
                None => zero(func, zeros, entry, fields.types[field as usize]),
            };
            args.push(value);
        }
        values.push(args);
    }
    let dfg = &mut func.dfg;
    let calls = dfg.insts[branch].branch_destination_mut(&mut dfg.jump_tables, &mut dfg.exception_tables);
    for (call, args) in calls.iter_mut().zip(values) {
        for value in args {
            call.append_argument(value, &mut dfg.value_lists);
        }
    }
}

/// The value a load reads where no store reached it: zero of its type, made once at the top of
/// the entry block.
fn zero(func: &mut Function, zeros: &mut FxHashMap<Type, Value>, entry: Block, ty: Type) -> Value {
    if let Some(&value) = zeros.get(&ty) {
        return value;
    }
    let mut pos = FuncCursor::new(func).at_first_insertion_point(entry);
    let value = if ty.is_vector() {
        let constant = pos.func.dfg.constants.insert(ConstantData::from(vec![0u8; ty.bytes() as usize]));
        pos.ins().vconst(ty, constant)
    } else if ty == types::F32 {
        pos.ins().f32const(0.0)
    } else if ty == types::F64 {
        pos.ins().f64const(0.0)
    } else {
        pos.ins().iconst(ty, 0)
    };
    zeros.insert(ty, value);
    value
}
