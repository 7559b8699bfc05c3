//! Operand fields read straight from the operand encoding of the pinned
//! regalloc2 (0.15.2), for the allocator's hottest loops.
//!
//! `Operand`'s own accessors decode the class for every `vreg()` and turn
//! each field into an enum through a match with an unreachable arm; on the
//! real corpus those decodes were 7% of the allocator's instructions. The
//! layout, low bits first: vreg (32 bits), class (2), position (1, late = 1),
//! kind (1, use = 1), constraint (7: `0b1_hhhhhh` fixed register `hhhhhh`,
//! `0b01_xxxxx` tied to input `xxxxx`, `0b001_xxxx` limit, 0 any, 1 reg,
//! 2 stack). The tests below hold every reader to the decoded form.

use upstream::{Operand, OperandConstraint, PReg, RegClass, VReg};

/// Constraint field values.
pub(super) const CONS_REG: u64 = 1;
const FIXED_BIT: u64 = 0x40;
const TIED_BITS: u64 = 0x60;
const TIED: u64 = 0x20;
const LIMIT_BITS: u64 = 0x70;
const LIMIT: u64 = 0x10;

/// The raw constraint field.
#[inline(always)]
pub(super) fn constraint_field(op: Operand) -> u64 {
    (op.bits() >> 36) & 0x7f
}

#[inline(always)]
pub(super) fn is_use(op: Operand) -> bool {
    (op.bits() >> 35) & 1 != 0
}

#[inline(always)]
pub(super) fn is_late(op: Operand) -> bool {
    (op.bits() >> 34) & 1 != 0
}

/// Is the field a tied (`Reuse`) constraint? Its input: `tied_input`.
#[inline(always)]
pub(super) fn is_tied(field: u64) -> bool {
    field & TIED_BITS == TIED
}

/// The input a tied field names.
#[inline(always)]
pub(super) fn tied_input(field: u64) -> usize {
    (field & 0x1f) as usize
}

/// Is the field `Reg` or `Limit`, i.e. any register (of a range)?
#[inline(always)]
pub(super) fn is_reg_or_limit(field: u64) -> bool {
    field == CONS_REG || field & LIMIT_BITS == LIMIT
}

/// An operand's vreg and class, with one decode of the class.
#[inline(always)]
pub(super) fn vreg_and_class(op: Operand) -> (VReg, RegClass) {
    const BY_FIELD: [RegClass; 4] = [RegClass::Int, RegClass::Float, RegClass::Vector, RegClass::Vector];
    let bits = op.bits();
    let field = (bits >> 32) & 3;
    (VReg::from_bits(((bits as u32) << 2) | field as u32), BY_FIELD[field as usize])
}

#[inline(always)]
pub(super) fn vreg(op: Operand) -> VReg {
    vreg_and_class(op).0
}

/// The operand's constraint, decoded without its class unless it is a
/// fixed register.
#[inline(always)]
pub(super) fn constraint(op: Operand) -> OperandConstraint {
    let field = constraint_field(op);
    if field & FIXED_BIT != 0 {
        OperandConstraint::FixedReg(PReg::new((field & 0x3f) as usize, vreg_and_class(op).1))
    } else if is_tied(field) {
        OperandConstraint::Reuse(tied_input(field))
    } else if field & LIMIT_BITS == LIMIT {
        OperandConstraint::Limit(1 << (field & 0xf))
    } else if field == 0 {
        OperandConstraint::Any
    } else if field == CONS_REG {
        OperandConstraint::Reg
    } else {
        OperandConstraint::Stack
    }
}

/// The register of a fixed-register constraint.
#[inline(always)]
pub(super) fn fixed_reg(op: Operand) -> Option<PReg> {
    let field = constraint_field(op);
    (field & FIXED_BIT != 0).then(|| PReg::new((field & 0x3f) as usize, vreg_and_class(op).1))
}

/// A fixed non-allocatable register operand (no vreg behind it)?
#[inline(always)]
pub(super) fn is_nonallocatable(op: Operand) -> bool {
    constraint_field(op) & FIXED_BIT != 0 && op.bits() & 0xffff_ffff == VReg::MAX as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::{OperandConstraint as Con, OperandKind, OperandPos};

    #[test]
    fn raw_fields_match_decoded_operands() {
        for class in [RegClass::Int, RegClass::Float, RegClass::Vector] {
            let constraints = [
                Con::Any,
                Con::Reg,
                Con::Stack,
                Con::FixedReg(PReg::new(3, class)),
                Con::FixedReg(PReg::new(63, class)),
                Con::Reuse(0),
                Con::Reuse(31),
                Con::Limit(1),
                Con::Limit(8),
            ];
            for cons in constraints {
                for kind in [OperandKind::Def, OperandKind::Use] {
                    for pos in [OperandPos::Early, OperandPos::Late] {
                        for v in [0, 300, VReg::MAX] {
                            let op = Operand::new(VReg::new(v, class), cons, kind, pos);
                            assert_eq!(vreg_and_class(op), (op.vreg(), op.class()), "{op:?}");
                            assert_eq!(vreg(op), op.vreg());
                            assert_eq!(constraint(op), op.constraint(), "{op:?}");
                            assert_eq!(is_use(op), op.kind() == OperandKind::Use);
                            assert_eq!(is_late(op), op.pos() == OperandPos::Late);
                            let field = constraint_field(op);
                            assert_eq!(is_tied(field), matches!(op.constraint(), Con::Reuse(_)));
                            assert_eq!(
                                is_reg_or_limit(field),
                                matches!(op.constraint(), Con::Reg | Con::Limit(_))
                            );
                            assert_eq!(field == CONS_REG, op.constraint() == Con::Reg);
                            let fixed = match op.constraint() {
                                Con::FixedReg(r) => Some(r),
                                _ => None,
                            };
                            assert_eq!(fixed_reg(op), fixed, "{op:?}");
                            assert_eq!(
                                is_nonallocatable(op),
                                op.as_fixed_nonallocatable().is_some(),
                                "{op:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
