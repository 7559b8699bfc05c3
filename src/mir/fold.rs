//! Integer operations whose operands are constants, computed during translation.
//!
//! Debug builds compile CLIF without Cranelift's optimizer, and MIR at `-Copt-level=0` is full
//! of such operations: the overflow check of `x >> 1` asks whether `1 < 64`, the one of `x % 3`
//! whether `3 == 0`, an array literal indexes with constants. Left alone, each is a register
//! load, a compare and a branch at run time. Only operations that cannot trap are folded, and
//! only on values of at most 64 bits.

use cranelift_codegen::ir::{DataFlowGraph, InstructionData, Opcode, Type, Value, types};
use rustc_middle::mir::BinOp;

/// The bits of `value`, zero-extended, if it is an integer constant of at most 64 bits.
pub fn int_constant(dfg: &DataFlowGraph, value: Value) -> Option<u64> {
    let ty = dfg.value_type(value);
    if !ty.is_int() || ty.bits() > 64 {
        return None;
    }
    let inst = dfg.value_def(value).inst()?;
    match dfg.insts[inst] {
        InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => Some(imm.bits() as u64 & width_mask(ty)),
        _ => None,
    }
}

fn width_mask(ty: Type) -> u64 {
    u64::MAX >> (64 - ty.bits())
}

fn sign_extend(bits: u64, ty: Type) -> i64 {
    let unused = 64 - ty.bits();
    ((bits << unused) as i64) >> unused
}

/// `a op b` for constants `a` and `b` of type `ty`, with the meaning `num::int_binop` gives
/// the operator: its result type (`I8` for comparisons, `ty` otherwise) and its bits, or `None`
/// when the operation is not folded (division by zero or overflowing signed division, which
/// must trap as the instruction would, and operators this does not know).
pub fn int_binop(op: BinOp, signed: bool, ty: Type, a: u64, b: u64) -> Option<(Type, u64)> {
    use std::cmp::Ordering::{Greater, Less};
    let (sa, sb) = (sign_extend(a, ty), sign_extend(b, ty));
    let ordering = if signed { sa.cmp(&sb) } else { a.cmp(&b) };
    let flag = |cond: bool| Some((types::I8, u64::from(cond)));
    let shift = (b & u64::from(ty.bits() - 1)) as u32;
    let bits = match op {
        BinOp::Eq => return flag(a == b),
        BinOp::Ne => return flag(a != b),
        BinOp::Lt => return flag(ordering == Less),
        BinOp::Gt => return flag(ordering == Greater),
        BinOp::Le => return flag(ordering != Greater),
        BinOp::Ge => return flag(ordering != Less),
        BinOp::Cmp => return Some((types::I8, ordering as i8 as u8 as u64)),
        BinOp::Add | BinOp::AddUnchecked => a.wrapping_add(b),
        BinOp::Sub | BinOp::SubUnchecked => a.wrapping_sub(b),
        BinOp::Mul | BinOp::MulUnchecked => a.wrapping_mul(b),
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::Shl | BinOp::ShlUnchecked => a << shift,
        BinOp::Shr | BinOp::ShrUnchecked if signed => (sa >> shift) as u64,
        BinOp::Shr | BinOp::ShrUnchecked => a >> shift,
        BinOp::Div | BinOp::Rem if b == 0 => return None,
        BinOp::Div | BinOp::Rem if signed && sb == -1 && sa == sign_extend(1 << (ty.bits() - 1), ty) => {
            return None;
        }
        BinOp::Div if signed => (sa / sb) as u64,
        BinOp::Div => a / b,
        BinOp::Rem if signed => (sa % sb) as u64,
        BinOp::Rem => a % b,
        _ => return None,
    };
    Some((ty, bits & width_mask(ty)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_read_the_sign_only_when_signed() {
        assert_eq!(int_binop(BinOp::Lt, false, types::I8, 0xff, 1), Some((types::I8, 0)));
        assert_eq!(int_binop(BinOp::Lt, true, types::I8, 0xff, 1), Some((types::I8, 1)));
        assert_eq!(int_binop(BinOp::Ge, true, types::I32, 5, 5), Some((types::I8, 1)));
        assert_eq!(int_binop(BinOp::Cmp, true, types::I16, 0x8000, 0), Some((types::I8, 0xff)));
    }

    #[test]
    fn results_wrap_and_shifts_mask_their_amount() {
        assert_eq!(int_binop(BinOp::Add, false, types::I8, 0xf0, 0x20), Some((types::I8, 0x10)));
        assert_eq!(int_binop(BinOp::Shl, false, types::I32, 1, 33), Some((types::I32, 2)));
        assert_eq!(int_binop(BinOp::Shr, true, types::I16, 0x8000, 15), Some((types::I16, 0xffff)));
        assert_eq!(
            int_binop(BinOp::Rem, true, types::I64, (-7i64) as u64, 3),
            Some((types::I64, (-1i64) as u64))
        );
    }

    #[test]
    fn trapping_divisions_are_left_to_the_instruction() {
        assert_eq!(int_binop(BinOp::Div, false, types::I32, 1, 0), None);
        assert_eq!(int_binop(BinOp::Div, true, types::I8, 0x80, 0xff), None);
        assert_eq!(int_binop(BinOp::Rem, true, types::I8, 0x80, 0xff), None);
        assert_eq!(int_binop(BinOp::Div, false, types::I8, 0x80, 0xff), Some((types::I8, 0)));
    }
}
