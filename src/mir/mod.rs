//! MIR to CLIF translation of one function.
//!
//! `translate_fn` builds a `FnCx`, binds parameters to locals (`prologue`), then lowers
//! each reachable basic block: statements (`statement`, `rvalue`) and its terminator
//! (`terminator`, `call`). Values and places are modelled in `value`; `analyze` decides
//! which locals become Cranelift variables.

mod abi;
mod analyze;
mod asm_intrinsics;
mod asm_wrapper;
mod call;
mod cast;
mod constant;
mod copies;
mod debug_vars;
mod discr;
mod float_ops;
mod fold;
mod fx;
mod inline_asm;
mod intrinsics;
mod landing;
mod llc_intrinsics;
mod llvm_intrinsics;
mod num;
mod operand;
mod panic;
mod rvalue;
mod single_defs;
mod soft_float;
mod statement;
mod terminator;
mod unsize;
mod value;

use cranelift_codegen::ir::{Function, InstBuilder, TrapCode, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{FuncId, FuncOrDataId, Module};
use cranelift_object::ObjectModule;
use rustc_index::IndexVec;
use rustc_index::bit_set::DenseBitSet;
use rustc_middle::mir::{self, traversal};
use rustc_middle::ty::layout::{FnAbiOf, LayoutOf};
use rustc_middle::ty::{self, Instance, TyCtxt};

use self::analyze::LocalHome;
pub use self::asm_wrapper::sym_stub;
pub use self::copies::copy_pieces;
pub use self::fold::int_constant;
use self::fx::FnCx;
use self::value::{Place, PlaceRepr, RegShape, RegSlot};
use crate::data::DataCx;
use crate::debuginfo::{FnDebugInfo, FnSource, UnitDebug};
use crate::error::CgResult;
use crate::layout_cx::MonoCx;
use crate::symbols::ImportCache;

/// A function translated to CLIF, waiting to be compiled on a worker thread.
pub struct TranslatedFn {
    pub id: FuncId,
    pub symbol: String,
    /// Boxed: a unit keeps all its functions until a worker compiles them, and a `Function`
    /// is over a kilobyte before it holds anything.
    pub clif: Box<Function>,
    pub debug: Option<FnDebugInfo>,
    /// What the source says about copying this function into its callers.
    pub inline: InlineHint,
}

/// A function's `#[inline]` attribute, as the optimizing builds' inliner reads it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InlineHint {
    Never,
    Default,
    Hint,
    Always,
}

impl InlineHint {
    /// Whether `instance`'s body may be copied into its callers, before its signature is known
    /// (a C-variadic one, never inlined, counts as possible).
    pub fn may_inline(tcx: TyCtxt<'_>, instance: Instance<'_>) -> bool {
        Self::of(tcx, instance, false) != InlineHint::Never
    }

    /// A debug build inlines only `#[inline(always)]` functions, as rustc's LLVM backend does at
    /// `-Copt-level=0` (its always-inliner runs there): the many one-line `#[inline(always)]`
    /// helpers of core (`wrapping_add`, `rotate_left`, pointer arithmetic) would otherwise cost
    /// a call each in the loops users run.
    fn of(tcx: TyCtxt<'_>, instance: Instance<'_>, c_variadic: bool) -> Self {
        use rustc_hir::attrs::InlineAttr;
        let attrs = tcx.codegen_instance_attrs(instance.def);
        let debug_build = tcx.sess.opts.optimize == rustc_session::config::OptLevel::No;
        if debug_build && !matches!(attrs.inline, InlineAttr::Always | InlineAttr::Force { .. }) {
            return InlineHint::Never;
        }
        // A C-variadic definition reads its variable arguments from its own frame.
        if c_variadic
            || attrs.flags.contains(rustc_middle::middle::codegen_fn_attrs::CodegenFnAttrFlags::COLD)
        {
            return InlineHint::Never;
        }
        match attrs.inline {
            InlineAttr::Never => InlineHint::Never,
            InlineAttr::None => InlineHint::Default,
            InlineAttr::Hint => InlineHint::Hint,
            InlineAttr::Always | InlineAttr::Force { .. } => InlineHint::Always,
        }
    }
}

/// What the functions of one codegen unit share while they are translated one after another.
#[derive(Default)]
pub struct UnitTables<'tcx> {
    /// Constants, statics and vtables the unit's functions refer to.
    pub data: DataCx,
    /// Functions imported so far, by instance.
    pub imports: ImportCache<'tcx>,
    /// The frontend's scratch memory, reused from function to function.
    pub builder_cx: FunctionBuilderContext,
}

pub fn translate_fn<'tcx>(
    tcx: TyCtxt<'tcx>,
    module: &mut ObjectModule,
    tables: &mut UnitTables<'tcx>,
    debug: Option<&mut UnitDebug<'tcx>>,
    asm: &mut crate::asm_object::AsmText,
    instance: Instance<'tcx>,
) -> Option<TranslatedFn> {
    let symbol = crate::symbols::object_symbol(tcx, instance).to_string();
    let _timer = tcx.prof.generic_activity_with_arg("fastclif: translate function", &*symbol);
    let id = match module.get_name(&symbol) {
        Some(FuncOrDataId::Func(id)) => id,
        _ => return None, // declaration failed and was reported
    };
    // `declare_fn` already computed the signature from the same `FnAbi`.
    let sig = module.declarations().get_function_decl(id).signature.clone();
    let mir = tcx.instance_mir(instance.def);
    let fn_abi = MonoCx(tcx).fn_abi_of_instance(instance, ty::List::empty());
    let mut func = Function::with_name_signature(UserFuncName::user(0, id.as_u32()), sig);
    let mut positions = Vec::new();
    let mut debug = debug;
    // The declaration line (the `fn` line, LLVM's scope line), for the entry's line row.
    let fn_span = tcx.def_span(instance.def_id());
    let decl = debug.as_deref_mut().map(|d| d.position(tcx, mir.span, fn_span, 0));
    let result = {
        let UnitTables { data, imports, builder_cx } = &mut *tables;
        let mut bcx = FunctionBuilder::new(&mut func, builder_cx);
        let blocks: IndexVec<mir::BasicBlock, _> =
            mir.basic_blocks.indices().map(|_| bcx.create_block()).collect();
        let ptr_ty = module.target_config().pointer_type();
        let mut fx = FnCx {
            tcx,
            module,
            data,
            imports,
            callees: Default::default(),
            bcx,
            instance,
            mir,
            fn_abi,
            ptr_ty,
            blocks,
            locals: IndexVec::new(),
            assigned: IndexVec::new(),
            constant_backed: DenseBitSet::new_empty(0),
            caller_location: None,
            span: mir.span,
            debug: debug.as_deref_mut(),
            scope: 0,
            positions: &mut positions,
            landing: Default::default(),
            asm,
            mir_block: mir::START_BLOCK,
            single_defs: None,
        };
        let result = lower_body(&mut fx);
        if result.is_ok() {
            fx.bcx.seal_all_blocks();
            let config = fx.module_config();
            fx.bcx.finalize(config);
        }
        result
    };
    match result {
        Ok(vars) => {
            if crate::stats::enabled() {
                use crate::stats::{Counter, add, add_clif_size};
                add(Counter::FunctionsTranslated, 1);
                add_clif_size(&func, Counter::ClifBlocksTranslated, Counter::ClifInstsTranslated);
            }
            if debug.is_some() {
                crate::debuginfo::attach_materializations_to_users(&mut func);
            }
            let debug = debug.zip(decl).map(|(debug, decl)| {
                let source = fn_source(instance, fn_abi, mir, &symbol, vars);
                debug.describe_function(tcx, source, decl, positions, mir.span)
            });
            Some(TranslatedFn {
                id,
                symbol,
                clif: Box::new(func),
                debug,
                inline: InlineHint::of(tcx, instance, fn_abi.c_variadic),
            })
        }
        Err(err) => {
            err.report(tcx, instance);
            // The abandoned builder left state behind; start the next function clean.
            tables.builder_cx = FunctionBuilderContext::new();
            None
        }
    }
}

/// What debug info needs to know about a translated function.
fn fn_source<'a, 'tcx>(
    instance: Instance<'tcx>,
    fn_abi: &rustc_target::callconv::FnAbi<'tcx, ty::Ty<'tcx>>,
    mir: &mir::Body<'tcx>,
    symbol: &'a str,
    vars: Vec<crate::debuginfo::VarDesc<'tcx>>,
) -> FnSource<'a, 'tcx> {
    FnSource {
        instance,
        symbol,
        ret: (!fn_abi.ret.is_ignore()).then_some(fn_abi.ret.layout.ty),
        noreturn: fn_abi.ret.layout.is_uninhabited(),
        arg_types: fn_abi.args.iter().map(|a| a.layout.ty).collect(),
        scope_parents: mir.source_scopes.iter().map(|s| s.parent_scope.map(|p| p.as_u32())).collect(),
        vars,
    }
}

/// Lowers the body; returns the variables debug info describes.
fn lower_body<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>) -> CgResult<Vec<crate::debuginfo::VarDesc<'tcx>>> {
    if fx.fn_abi.c_variadic {
        return Err(fx.unsupported("defining C-variadic functions (`...` parameters)"));
    }
    let entry = fx.bcx.create_block();
    fx.bcx.append_block_params_for_function_params(entry);
    fx.bcx.switch_to_block(entry);

    let uninhabited_arg = fx.mir.args_iter().any(|arg| {
        let ty = fx.monomorphize(fx.mir.local_decls[arg].ty);
        fx.layout_of(ty).is_uninhabited()
    });
    if uninhabited_arg {
        fx.bcx.ins().trap(TrapCode::unwrap_user(1));
        for bb in fx.blocks.clone() {
            fx.bcx.switch_to_block(bb);
            fx.bcx.ins().trap(TrapCode::unwrap_user(1));
        }
        return Ok(Vec::new());
    }
    let vars = prologue(fx, entry)?;

    // Reverse postorder puts every block after its dominators, so a local that lives as its
    // single assignment (`analyze`) has been assigned wherever it is read.
    // rustc's `mono_reachable_as_bitset` rescans its worklist bitset from the start for every
    // block it visits, quadratic in the number of blocks (a 20,000-arm `match`: 164M
    // instructions); the postorder walk follows the same monomorphized successors in linear time.
    let mut reachable = DenseBitSet::new_empty(fx.mir.basic_blocks.len());
    for bb in traversal::mono_reachable_reverse_postorder(fx.mir, fx.tcx, fx.instance) {
        reachable.insert(bb);
    }
    let mut lowered = DenseBitSet::new_empty(fx.mir.basic_blocks.len());
    for &bb in fx.mir.basic_blocks.reverse_postorder() {
        lowered.insert(bb);
        if reachable.contains(bb) {
            if crate::stats::enabled() {
                crate::stats::add(crate::stats::Counter::MirBlocks, 1);
                crate::stats::add(
                    crate::stats::Counter::MirStatements,
                    fx.mir.basic_blocks[bb].statements.len(),
                );
            }
            lower_block(fx, bb)?;
        } else {
            trap_block(fx, bb);
        }
    }
    // Blocks no path reaches may still be named by the terminators of reachable ones.
    for bb in fx.mir.basic_blocks.indices().filter(|bb| !lowered.contains(*bb)) {
        trap_block(fx, bb);
    }
    panic::fill_pads(fx)?;
    Ok(vars)
}

/// The places of the locals that can live in their constant's memory (see
/// `analyze::ConstantWrites`), addressed once here in the entry block; each is marked in
/// `fx.constant_backed` so that its assignment is skipped. A constant that does not evaluate to
/// memory (or does not evaluate) leaves its local a stack copy, assigned where MIR says.
fn constant_places<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    plan: &analyze::LocalPlan,
) -> rustc_data_structures::fx::FxHashMap<mir::Local, Place<'tcx>> {
    fx.constant_backed = DenseBitSet::new_empty(plan.homes.len());
    let mut places = rustc_data_structures::fx::FxHashMap::default();
    for &(local, location) in &plan.constants {
        let Some(mir::StatementKind::Assign(assign)) = fx.mir.stmt_at(location).left().map(|stmt| &stmt.kind)
        else {
            continue;
        };
        let mir::Rvalue::Use(mir::Operand::Constant(c), _) = &assign.1 else { continue };
        let Ok(val) = constant::const_operand(fx, c) else { continue };
        if let value::ValRepr::Mem(addr, None) = val.repr
            && !val.layout.is_zst()
        {
            places.insert(local, Place::in_mem(addr, None, val.layout));
            fx.constant_backed.insert(local);
        }
    }
    places
}

/// The debugger's mirror of a register local of `shape`: a stack slot of its layout, part `a`
/// at its start and part `b` (of a pair) at its offset in the layout.
fn debug_mirror(
    fx: &mut FnCx<'_, '_, '_>,
    layout: rustc_middle::ty::layout::TyAndLayout<'_>,
    shape: RegShape,
) -> (Option<value::MemAddr>, Option<value::MemAddr>) {
    let slot = fx.stack_slot(layout.size.bytes(), layout.align.abi.bytes());
    let b = match shape {
        RegShape::Two(_, _, b_offset) => Some(slot.offset(fx, b_offset.bytes() as i64)),
        RegShape::One(_) => None,
    };
    (Some(slot), b)
}

fn lower_block(fx: &mut FnCx<'_, '_, '_>, bb: mir::BasicBlock) -> CgResult<()> {
    let data = &fx.mir.basic_blocks[bb];
    let block = fx.blocks[bb];
    fx.mir_block = bb;
    fx.bcx.switch_to_block(block);
    if data.is_cleanup {
        fx.bcx.set_cold_block(block);
    }
    for stmt in &data.statements {
        fx.scope = stmt.source_info.scope.as_u32();
        fx.set_span(stmt.source_info.span);
        statement::lower_statement(fx, stmt)?;
    }
    let term = data.terminator();
    fx.scope = term.source_info.scope.as_u32();
    fx.set_span(term.source_info.span);
    terminator::lower_terminator(fx, bb, term)
}

fn trap_block(fx: &mut FnCx<'_, '_, '_>, bb: mir::BasicBlock) {
    fx.bcx.switch_to_block(fx.blocks[bb]);
    fx.bcx.ins().trap(TrapCode::unwrap_user(1));
}

/// Binds the CLIF parameters to MIR argument locals and allocates the other locals; returns the
/// variables debug info describes.
fn prologue<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    entry: cranelift_codegen::ir::Block,
) -> CgResult<Vec<crate::debuginfo::VarDesc<'tcx>>> {
    let plan = analyze::local_homes(fx);
    let shadowed = analyze::debug_shadowed(fx, &plan.homes);
    let constant_places = constant_places(fx, &plan);
    let homes = plan.homes;
    fx.assigned = IndexVec::from_elem_n([None, None], homes.len());
    let mut params = fx.bcx.block_params(entry).to_vec().into_iter();
    let ret_ptr = match fx.fn_abi.ret.mode {
        rustc_target::callconv::PassMode::Indirect { .. } => params.next(),
        _ => None,
    };

    let mut abi_args = fx.fn_abi.args.iter();
    // Arguments passed by reference already have memory of their own (see below).
    let in_caller_memory = |local: mir::Local| {
        let index = local.as_usize();
        fx.mir.spread_arg.is_none()
            && index >= 1
            && index <= fx.mir.arg_count
            && matches!(
                fx.fn_abi.args.get(index - 1).map(|a| &a.mode),
                Some(rustc_target::callconv::PassMode::Indirect { meta_attrs: None, .. })
            )
    };
    let mut locals = IndexVec::with_capacity(fx.mir.local_decls.len());
    for (local, decl) in fx.mir.local_decls.iter_enumerated() {
        let layout = fx.layout_of(fx.monomorphize(decl.ty));
        let place = if local == mir::RETURN_PLACE
            && let Some(ptr) = ret_ptr
        {
            Place::in_mem(value::MemAddr::value(ptr), None, layout)
        } else if !layout.is_sized() {
            return Err(fx.unsupported(format!("unsized local of type `{}`", layout.ty)));
        } else {
            let (shadow_a, shadow_b) = match (shadowed.contains(local), homes[local]) {
                (true, LocalHome::Value(shape) | LocalHome::Variable(shape)) => {
                    debug_mirror(fx, layout, shape)
                }
                _ => (None, None),
            };
            match homes[local] {
                LocalHome::Value(RegShape::One(ty)) => {
                    Place { repr: PlaceRepr::Reg(RegSlot::Assigned(local, 0, ty, shadow_a)), layout }
                }
                LocalHome::Value(RegShape::Two(a, b, _)) => Place {
                    repr: PlaceRepr::RegPair(
                        RegSlot::Assigned(local, 0, a, shadow_a),
                        RegSlot::Assigned(local, 1, b, shadow_b),
                    ),
                    layout,
                },
                LocalHome::Variable(RegShape::One(ty)) => {
                    Place { repr: PlaceRepr::Reg(RegSlot::Var(fx.bcx.declare_var(ty), shadow_a)), layout }
                }
                LocalHome::Variable(RegShape::Two(a, b, _)) => {
                    let (a, b) = (fx.bcx.declare_var(a), fx.bcx.declare_var(b));
                    Place {
                        repr: PlaceRepr::RegPair(RegSlot::Var(a, shadow_a), RegSlot::Var(b, shadow_b)),
                        layout,
                    }
                }
                // Placeholder address; the prologue points it at the argument's memory.
                LocalHome::Memory if in_caller_memory(local) => {
                    Place::in_mem(value::MemAddr::dangling(1), None, layout)
                }
                LocalHome::Memory => match constant_places.get(&local) {
                    Some(place) => *place,
                    None => Place::new_stack(fx, layout),
                },
            }
        };
        locals.push(place);
    }
    fx.locals = locals;

    for arg_local in fx.mir.args_iter() {
        let place = fx.locals[arg_local];
        if Some(arg_local) == fx.mir.spread_arg {
            // "rust-call": the tuple argument arrives as one ABI argument per field.
            for i in 0..place.layout.fields.count() {
                let arg = abi_args.next().expect("spread argument count");
                if let Some(val) = abi::incoming_arg(fx, arg, &mut params)? {
                    let field = place.field(fx, rustc_abi::FieldIdx::from_usize(i))?;
                    field.write(fx, val);
                }
            }
            continue;
        }
        let arg = abi_args.next().expect("argument count");
        let Some(val) = abi::incoming_arg(fx, arg, &mut params)? else { continue };
        match (place.repr, val.repr) {
            // An indirect argument's memory belongs to us: use it as the local's home.
            (PlaceRepr::Mem(..), value::ValRepr::Mem(addr, meta)) => {
                fx.locals[arg_local] = Place::in_mem(addr, meta, place.layout);
            }
            _ => place.write(fx, val),
        }
    }
    if fx.instance.def.requires_caller_location(fx.tcx) {
        let arg = abi_args.next().expect("caller location argument");
        fx.caller_location = abi::incoming_arg(fx, arg, &mut params)?;
    }
    let start = fx.blocks[mir::START_BLOCK];
    let vars = debug_vars::record(fx)?;
    fx.bcx.ins().jump(start, &[]);
    Ok(vars)
}
