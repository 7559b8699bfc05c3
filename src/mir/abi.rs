//! Arguments and return values crossing a call boundary, as `crate::signature` lays them out:
//! rebuilding incoming parameters, producing outgoing ones, and returning.

use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_middle::mir;
use rustc_middle::ty::Ty;
use rustc_target::callconv::{ArgAbi, PassMode};
use smallvec::{SmallVec, smallvec};

use super::fx::FnCx;
use super::value::{MemAddr, Val, ValRepr};
use crate::error::CgResult;
use crate::signature::{arg_params, cast_parts};

/// Rebuilds an argument value from the CLIF parameters it arrived in.
pub fn incoming_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    arg: &ArgAbi<'tcx, Ty<'tcx>>,
    params: &mut impl Iterator<Item = Value>,
) -> CgResult<Option<Val<'tcx>>> {
    let count = arg_params(fx.tcx, arg)?.len();
    let values: SmallVec<[Value; 2]> = params.take(count).collect();
    Ok(match &arg.mode {
        PassMode::Ignore => None,
        PassMode::Direct(_) => Some(Val::scalar(values[0], arg.layout)),
        PassMode::Pair(..) => Some(Val::pair(values[0], values[1], arg.layout)),
        PassMode::Cast { cast, .. } => {
            let parts = cast_parts(cast);
            let parts_size: u64 = parts.iter().map(|(_, p)| p.value_type.bytes() as u64).sum();
            let slot = fx.stack_slot(parts_size.max(arg.layout.size.bytes()), arg.layout.align.abi.bytes());
            for ((offset, _), v) in parts.iter().zip(values) {
                slot.offset(fx, offset.bytes() as i64).store(fx, v);
            }
            Some(Val::mem(slot, arg.layout))
        }
        PassMode::Indirect { meta_attrs: None, .. } => Some(Val::mem(MemAddr::value(values[0]), arg.layout)),
        PassMode::Indirect { meta_attrs: Some(_), .. } => Some(Val {
            repr: super::value::ValRepr::Mem(MemAddr::value(values[0]), Some(values[1])),
            layout: arg.layout,
        }),
    })
}

/// The CLIF values that pass `val` as an argument of mode `arg.mode`.
pub fn outgoing_arg<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    val: Val<'tcx>,
    arg: &ArgAbi<'tcx, Ty<'tcx>>,
    moved: bool,
) -> CgResult<SmallVec<[Value; 2]>> {
    Ok(match &arg.mode {
        PassMode::Ignore => smallvec![],
        PassMode::Direct(_) => {
            let v = val.load_scalar(fx);
            let want = arg_params(fx.tcx, arg)?[0].value_type;
            smallvec![super::value::bitcast_to(fx, want, v)]
        }
        PassMode::Pair(..) => {
            let (a, b) = val.load_pair(fx);
            smallvec![a, b]
        }
        PassMode::Cast { cast, .. } => {
            let (addr, _) = val.to_mem(fx);
            // Reading whole registers may run past the value; copy into a big-enough slot.
            let parts = cast_parts(cast);
            let parts_size: u64 =
                parts.iter().map(|(o, p)| o.bytes() + p.value_type.bytes() as u64).max().unwrap_or(0);
            let addr = if parts_size > val.layout.size.bytes() {
                let slot = fx.stack_slot(parts_size, val.layout.align.abi.bytes().max(8));
                super::value::copy_value(fx, slot, addr, val.layout);
                slot
            } else {
                addr
            };
            parts
                .iter()
                .map(|(offset, p)| addr.offset(fx, offset.bytes() as i64).load(fx, p.value_type))
                .collect()
        }
        // The callee owns (and may modify) the argument's memory. A value moved out of a place
        // in memory is dead there after the call, so that memory can be handed over; any
        // other value is copied first.
        PassMode::Indirect { meta_attrs: None, .. } if moved && let ValRepr::Mem(addr, None) = val.repr => {
            smallvec![addr.addr(fx)]
        }
        PassMode::Indirect { meta_attrs: None, .. } => {
            let copy = super::value::Place::new_stack(fx, val.layout);
            copy.write(fx, val);
            let addr = copy.mem_addr();
            smallvec![addr.addr(fx)]
        }
        PassMode::Indirect { meta_attrs: Some(_), .. } => {
            let (addr, meta) = val.to_mem(fx);
            let meta = meta.ok_or_else(|| fx.unsupported("unsized argument without metadata"))?;
            smallvec![addr.addr(fx), meta]
        }
    })
}

/// `Return`: hands the return place to the caller as the ABI says.
pub fn lower_return(fx: &mut FnCx<'_, '_, '_>) -> CgResult<()> {
    let ret_place = fx.locals[mir::RETURN_PLACE];
    let ret_abi = &fx.fn_abi.ret;
    let values: SmallVec<[_; 2]> = match &ret_abi.mode {
        PassMode::Ignore | PassMode::Indirect { .. } => SmallVec::new(),
        PassMode::Direct(_) => {
            let v = ret_place.to_val(fx).load_scalar(fx);
            let want = fx.bcx.func.signature.returns[0].value_type;
            [super::value::bitcast_to(fx, want, v)].into_iter().collect()
        }
        PassMode::Pair(..) => {
            let (a, b) = ret_place.to_val(fx).load_pair(fx);
            [a, b].into_iter().collect()
        }
        PassMode::Cast { .. } => {
            let val = ret_place.to_val(fx);
            outgoing_arg(fx, val, ret_abi, false)?
        }
    };
    fx.bcx.ins().return_(&values);
    Ok(())
}
