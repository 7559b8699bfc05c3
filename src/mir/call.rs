//! Calls: direct, through function pointers, through vtables; drops; panics.

use cranelift_codegen::ir::{InstBuilder, Signature, Value};
use cranelift_module::Module;
use rustc_abi::ExternAbi;
use rustc_middle::mir::{self, BasicBlock, Operand};
use rustc_middle::ty::layout::FnAbiOf;
use rustc_middle::ty::{self, Instance, InstanceKind, Ty};
use rustc_span::Spanned;
use rustc_target::callconv::{FnAbi, PassMode};
use smallvec::SmallVec;

use super::fx::FnCx;
use super::landing::{self, CallTarget};
use super::operand::{operand, operand_ty, place};
use super::value::{MemAddr, Place, PlaceRepr, Val, ValRepr};
use crate::error::CgResult;

enum Callee<'tcx> {
    Direct(Instance<'tcx>),
    Pointer(Value),
}

/// Address of a stub that sets %al (the SysV upper bound on vector registers carrying
/// variadic arguments, which Cranelift cannot set itself) and tail-jumps to `inst`.
fn variadic_trampoline<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, inst: Instance<'tcx>) -> CgResult<Value> {
    use cranelift_codegen::binemit::Reloc;
    use cranelift_module::{FuncOrDataId, Linkage, ModuleReloc, ModuleRelocTarget};
    let target = crate::symbols::import_instance(fx.tcx, fx.module, inst).map_err(|e| fx.at_span(e))?;
    let name = format!("__fastclif_varargs.{}", crate::symbols::object_symbol(fx.tcx, inst));
    let id = match fx.module.get_name(&name) {
        Some(FuncOrDataId::Func(id)) => id,
        _ => {
            let sig = Signature::new(fx.module.target_config().default_call_conv);
            let id = fx.module.declare_function(&name, Linkage::Local, &sig).expect("trampoline name clash");
            // mov al, 8 ; jmp target
            let code = [0xb0, 0x08, 0xe9, 0, 0, 0, 0];
            let reloc = ModuleReloc {
                offset: 3,
                kind: Reloc::X86CallPLTRel4,
                name: ModuleRelocTarget::User { namespace: 0, index: target.as_u32() },
                addend: -4,
            };
            fx.module.define_function_bytes(id, 16, &code, &[reloc]).expect("trampoline definition");
            id
        }
    };
    let func = fx.module.declare_func_in_func(id, fx.bcx.func);
    Ok(fx.bcx.ins().func_addr(fx.ptr_ty, func))
}

/// What happens after a call returns.
#[derive(Clone, Copy)]
pub enum AfterCall {
    Jump(Option<BasicBlock>),
    /// `become`: the callee's result is this function's result.
    Return,
}

pub fn lower_call<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    source_info: mir::SourceInfo,
    func: &Operand<'tcx>,
    args: &[Spanned<Operand<'tcx>>],
    destination: mir::Place<'tcx>,
    after: AfterCall,
    unwind: mir::UnwindAction,
) -> CgResult<()> {
    let target = match after {
        AfterCall::Jump(target) => target,
        AfterCall::Return => None,
    };
    let fn_ty = operand_ty(fx, func);
    let fn_sig = fx
        .tcx
        .normalize_erasing_late_bound_regions(ty::TypingEnv::fully_monomorphized(), fn_ty.fn_sig(fx.tcx));
    let extra_tys: Vec<Ty<'tcx>> = if fn_sig.c_variadic() {
        args[fn_sig.inputs().len()..].iter().map(|a| operand_ty(fx, &a.node)).collect()
    } else {
        vec![]
    };
    let extra = fx.tcx.mk_type_list(&extra_tys);

    let mut instance = None;
    if let ty::FnDef(def_id, generic_args) = *fn_ty.kind() {
        let resolved = Instance::expect_resolve(
            fx.tcx,
            ty::TypingEnv::fully_monomorphized(),
            def_id,
            generic_args.no_bound_vars().expect("late-bound args in codegen"),
            source_info.span,
        );
        match resolved.def {
            InstanceKind::Intrinsic(_) => {
                if matches!(after, AfterCall::Return) {
                    return Err(fx.unsupported("tail calls to intrinsics"));
                }
                match super::intrinsics::lower_intrinsic(
                    fx,
                    resolved,
                    args,
                    destination,
                    target,
                    source_info,
                )? {
                    None => return Ok(()),
                    Some(fallback) => instance = Some(fallback),
                }
            }
            InstanceKind::Shim(ty::ShimKind::DropGlue(_, None)) => {
                // Dropping a type without drop glue does nothing.
                finish_call(fx, after)?;
                return Ok(());
            }
            InstanceKind::LlvmIntrinsic(_) => {
                let symbol = fx.tcx.symbol_name(resolved).name;
                let dest = super::operand::place(fx, destination)?;
                if !super::intrinsics::fused_fma::lower_llvm(fx, symbol, args, dest)? {
                    super::llvm_intrinsics::lower_llvm_intrinsic(fx, symbol, args, dest)?;
                }
                finish_call(fx, after)?;
                return Ok(());
            }
            _ => instance = Some(resolved),
        }
    }

    let fn_abi: &FnAbi<'tcx, Ty<'tcx>> = match instance {
        Some(inst) => fx.fn_abi_of_instance(inst, extra),
        None => fx.fn_abi_of_fn_ptr(fn_ty.fn_sig(fx.tcx), extra),
    };

    // Evaluate the arguments, spreading a "rust-call" tuple into its fields.
    let mut vals: SmallVec<[Val<'tcx>; 8]> = SmallVec::new();
    let mut moved: SmallVec<[bool; 8]> = SmallVec::new();
    for (i, arg) in args.iter().enumerate() {
        let val = operand(fx, &arg.node)?;
        let is_move = matches!(arg.node, Operand::Move(_));
        if fn_sig.abi() == ExternAbi::RustCall
            && i + 1 == args.len()
            && !args.is_empty()
            && let ty::Tuple(fields) = val.layout.ty.kind()
        {
            for f in 0..fields.len() {
                vals.push(val.field(fx, rustc_abi::FieldIdx::from_usize(f)));
                moved.push(is_move);
            }
            continue;
        }
        vals.push(val);
        moved.push(is_move);
    }

    let callee = match instance {
        Some(inst) => match inst.def {
            InstanceKind::Virtual(_, index) => {
                let (data, vtable) = receiver_parts(fx, vals[0])?;
                vals[0] = Val::scalar(data, fn_abi.args[0].layout);
                Callee::Pointer(super::unsize::vtable_entry(fx, vtable, index))
            }
            _ => Callee::Direct(inst),
        },
        None => Callee::Pointer(operand(fx, func)?.load_scalar(fx)),
    };
    if let Some(inst) = instance
        && inst.def.requires_caller_location(fx.tcx)
    {
        vals.push(super::panic::caller_location(fx, source_info)?);
    }
    let dest = place(fx, destination)?;
    let pad = landing::pad_for(fx, unwind);
    // As rustc_codegen_ssa: the callee and the arguments are computed at the terminator's
    // position, the call itself at the call's (`fn_span`; a method call's starts at its name).
    fx.set_span(source_info.span);
    emit_call(fx, callee, fn_abi, &vals, &moved, dest, pad)?;
    finish_call(fx, after)
}

fn finish_call(fx: &mut FnCx<'_, '_, '_>, after: AfterCall) -> CgResult<()> {
    match after {
        AfterCall::Jump(target) => {
            fx.jump_or_trap(target);
            Ok(())
        }
        AfterCall::Return => super::abi::lower_return(fx),
    }
}

/// Splits a `dyn` receiver (possibly wrapped, e.g. `Pin<&mut dyn Trait>`) into data and vtable.
fn receiver_parts<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, mut val: Val<'tcx>) -> CgResult<(Value, Value)> {
    loop {
        // A `dyn` value passed by move (e.g. calling a `Box<dyn FnOnce()>`): its address is the
        // data pointer.
        if let (ty::Dynamic(..), ValRepr::Mem(addr, Some(vtable))) = (val.layout.ty.kind(), val.repr) {
            return Ok((addr.addr(fx), vtable));
        }
        if (val.layout.ty.is_ref()
            || val.layout.ty.is_raw_ptr()
            || val.layout.ty.is_box() && matches!(val.repr, ValRepr::Pair(..)))
            && let rustc_abi::BackendRepr::ScalarPair { .. } = val.layout.backend_repr
        {
            return Ok(val.load_pair(fx));
        }
        let mut next = None;
        for i in 0..val.layout.fields.count() {
            let f = val.field(fx, rustc_abi::FieldIdx::from_usize(i));
            if !f.layout.is_zst() {
                next = Some(f);
                break;
            }
        }
        match next {
            Some(f) if val.layout.fields.count() > 0 => val = f,
            _ => return Err(fx.unsupported(format!("dynamic dispatch on receiver `{}`", val.layout.ty))),
        }
    }
}

fn emit_call<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    callee: Callee<'tcx>,
    fn_abi: &FnAbi<'tcx, Ty<'tcx>>,
    vals: &[Val<'tcx>],
    // Per argument: moved out of its place by the call (MIR `move`); absent means no.
    moved: &[bool],
    dest: Place<'tcx>,
    pad: Option<cranelift_codegen::ir::Block>,
) -> CgResult<()> {
    if fn_abi.c_variadic && fx.tcx.sess.target.arch != rustc_target::spec::Arch::X86_64 {
        return Err(fx.unsupported("C-variadic calls on this target"));
    }
    let mut clif_args: SmallVec<[Value; 8]> = SmallVec::new();
    // The hidden return pointer comes first.
    let mut ret_tmp = None;
    if let PassMode::Indirect { .. } = fn_abi.ret.mode {
        match dest.repr {
            PlaceRepr::Mem(addr, None) => clif_args.push(addr.addr(fx)),
            _ => {
                let tmp = Place::new_stack(fx, fn_abi.ret.layout);
                clif_args.push(tmp.mem_addr().addr(fx));
                ret_tmp = Some(tmp);
            }
        }
    }
    if vals.len() != fn_abi.args.len() {
        rustc_middle::bug!("call with {} arguments to an ABI with {}", vals.len(), fn_abi.args.len());
    }
    for (k, (val, arg)) in vals.iter().zip(fn_abi.args.iter()).enumerate() {
        let moved = moved.get(k).copied().unwrap_or(false);
        clif_args.extend(super::abi::outgoing_arg(fx, *val, arg, moved)?);
    }
    // A variadic callee is declared with its fixed parameters only; call it through its
    // address with a signature that lists the actual arguments.
    let callee = match callee {
        Callee::Direct(inst) if fn_abi.c_variadic => Callee::Pointer(variadic_trampoline(fx, inst)?),
        other => other,
    };
    let target = match callee {
        Callee::Direct(inst) => CallTarget::Direct(fx.import_instance(inst)?),
        Callee::Pointer(ptr) => {
            // Direct callees carry their signature in their declaration; only indirect
            // calls (and variadic ones, whose signature lists the actual arguments) need it here.
            let sig =
                crate::signature::signature(fx.tcx, fx.module.target_config().default_call_conv, fn_abi)
                    .map_err(|e| fx.at_span(e))?;
            CallTarget::Indirect(fx.bcx.import_signature(sig), ptr)
        }
    };
    let results = landing::emit_call_inst(fx, target, &clif_args, pad)?;
    let ret_layout = fn_abi.ret.layout;
    match &fn_abi.ret.mode {
        PassMode::Ignore => {}
        PassMode::Direct(_) => dest.write(fx, Val::scalar(results[0], ret_layout)),
        PassMode::Pair(..) => dest.write(fx, Val::pair(results[0], results[1], ret_layout)),
        PassMode::Cast { cast, .. } => {
            let parts = crate::signature::cast_parts(cast);
            let size: u64 =
                parts.iter().map(|(o, p)| o.bytes() + p.value_type.bytes() as u64).max().unwrap_or(0);
            let slot = fx.stack_slot(size.max(ret_layout.size.bytes()), ret_layout.align.abi.bytes().max(8));
            for ((offset, _), v) in parts.iter().zip(results) {
                slot.offset(fx, offset.bytes() as i64).store(fx, v);
            }
            dest.write(fx, Val::mem(slot, ret_layout));
        }
        PassMode::Indirect { .. } => {
            if let Some(tmp) = ret_tmp {
                let v = tmp.to_val(fx);
                dest.write(fx, v);
            }
        }
    }
    Ok(())
}

pub fn lower_drop<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    p: mir::Place<'tcx>,
    target: BasicBlock,
    unwind: mir::UnwindAction,
) -> CgResult<()> {
    let dropped = place(fx, p)?;
    let ty = dropped.layout.ty;
    let drop_instance = Instance::resolve_drop_glue(fx.tcx, ty);
    if let InstanceKind::Shim(ty::ShimKind::DropGlue(_, None)) = drop_instance.def {
        fx.jump_or_trap(Some(target));
        return Ok(());
    }
    let (addr, meta) = dropped.mem_addr_meta();
    let ptr = addr.addr(fx);
    let pad = landing::pad_for(fx, unwind);
    match ty.kind() {
        ty::Dynamic(..) => {
            let vtable = meta.ok_or_else(|| fx.unsupported("dropping a trait object without vtable"))?;
            let drop_fn = super::unsize::vtable_entry(fx, vtable, 0);
            // Types without drop glue leave the vtable's drop slot null.
            let call_block = fx.bcx.create_block();
            let done = fx.blocks[target];
            fx.bcx.ins().brif(drop_fn, call_block, &[], done, &[]);
            fx.bcx.switch_to_block(call_block);
            let virtual_drop =
                Instance { def: InstanceKind::Virtual(drop_instance.def_id(), 0), args: drop_instance.args };
            let fn_abi = fx.fn_abi_of_instance(virtual_drop, ty::List::empty());
            let arg = Val::scalar(ptr, fn_abi.args[0].layout);
            let dest = Place::in_mem(MemAddr::dangling(1), None, fn_abi.ret.layout);
            emit_call(fx, Callee::Pointer(drop_fn), fn_abi, &[arg], &[], dest, pad)?;
        }
        _ => {
            let fn_abi = fx.fn_abi_of_instance(drop_instance, ty::List::empty());
            let arg = match meta {
                Some(m) => Val::pair(ptr, m, fn_abi.args[0].layout),
                None => Val::scalar(ptr, fn_abi.args[0].layout),
            };
            let dest = Place::in_mem(MemAddr::dangling(1), None, fn_abi.ret.layout);
            emit_call(fx, Callee::Direct(drop_instance), fn_abi, &[arg], &[], dest, pad)?;
        }
    }
    fx.jump_or_trap(Some(target));
    Ok(())
}
