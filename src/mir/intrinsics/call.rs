//! The view of one intrinsic call that every family of `super` works from.

use cranelift_codegen::ir::{InstBuilder, Type, Value};
use rustc_middle::mir::{self, Operand};
use rustc_middle::ty::Instance;
use rustc_span::{Spanned, Symbol};

use crate::error::CgResult;
use crate::mir::fx::FnCx;
use crate::mir::operand::operand;
use crate::mir::value::{Place, RegShape, Val, reg_shape};

/// One intrinsic call being lowered: what every family needs to see of it.
pub struct IntrinsicCall<'a, 'tcx> {
    pub name: Symbol,
    pub instance: Instance<'tcx>,
    pub args: &'a [Spanned<Operand<'tcx>>],
    pub dest: Place<'tcx>,
    pub source_info: mir::SourceInfo,
}

impl<'tcx> IntrinsicCall<'_, 'tcx> {
    pub fn arg(&self, fx: &mut FnCx<'_, '_, 'tcx>, i: usize) -> CgResult<Val<'tcx>> {
        operand(fx, &self.args[i].node)
    }

    pub fn scalar(&self, fx: &mut FnCx<'_, '_, 'tcx>, i: usize) -> CgResult<Value> {
        Ok(self.arg(fx, i)?.load_scalar(fx))
    }

    /// Writes a scalar result, adjusting integer width to the destination (intrinsics such as
    /// `ctpop` compute in the operand's width but return `u32`).
    pub fn write_scalar(&self, fx: &mut FnCx<'_, '_, 'tcx>, v: Value) {
        let want = match reg_shape(fx.tcx, self.dest.layout) {
            Some(RegShape::One(t)) => t,
            _ => fx.bcx.func.dfg.value_type(v),
        };
        let v = adjust_int(fx, v, want);
        self.dest.write(fx, Val::scalar(v, self.dest.layout));
    }
}

pub fn adjust_int(fx: &mut FnCx<'_, '_, '_>, v: Value, want: Type) -> Value {
    let have = fx.bcx.func.dfg.value_type(v);
    if have == want || !have.is_int() || !want.is_int() {
        return v;
    }
    if have.bits() > want.bits() { fx.bcx.ins().ireduce(want, v) } else { fx.bcx.ins().uextend(want, v) }
}

/// A family's answer: whether the call was one of its intrinsics.
pub type Handled = CgResult<bool>;
