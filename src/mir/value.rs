//! How MIR values and places live in CLIF: SSA values, Cranelift variables, or memory.

use cranelift_codegen::ir::{Endianness, InstBuilder, MemFlagsData, StackSlot, Type, Value, types};
use cranelift_frontend::Variable;
use rustc_abi::{BackendRepr, FieldIdx, Size, VariantIdx};
use rustc_middle::mir::Local;
use rustc_middle::ty::layout::{LayoutOf, TyAndLayout};
use rustc_middle::ty::{self, ScalarInt, Ty, TyCtxt};

use super::fx::FnCx;
use crate::error::CgResult;
use crate::signature::{scalar_clif_ty, vector_type};

/// The CLIF types a layout is kept in when it is not in memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RegShape {
    One(Type),
    Two(Type, Type, Size),
}

pub fn reg_shape(tcx: TyCtxt<'_>, layout: TyAndLayout<'_>) -> Option<RegShape> {
    match layout.backend_repr {
        BackendRepr::Scalar(s) => Some(RegShape::One(scalar_clif_ty(tcx, s))),
        BackendRepr::ScalarPair { a, b, b_offset } => {
            Some(RegShape::Two(scalar_clif_ty(tcx, a), scalar_clif_ty(tcx, b), b_offset))
        }
        BackendRepr::SimdVector { element, count } => vector_type(tcx, element, count).map(RegShape::One),
        _ => None,
    }
}

fn pair_b_offset(layout: TyAndLayout<'_>) -> Size {
    match layout.backend_repr {
        BackendRepr::ScalarPair { b_offset, .. } => b_offset,
        _ => rustc_middle::bug!("pair value with non-pair layout {:?}", layout.ty),
    }
}

#[derive(Copy, Clone, Debug)]
enum AddrBase {
    Value(Value),
    Stack(StackSlot),
    /// A well-aligned address for zero-sized data; never dereferenced.
    Dangling(u64),
}

/// An address: a base plus a constant offset, kept symbolic so stack accesses stay cheap.
#[derive(Copy, Clone, Debug)]
pub struct MemAddr {
    base: AddrBase,
    offset: i32,
}

impl MemAddr {
    pub fn value(v: Value) -> Self {
        MemAddr { base: AddrBase::Value(v), offset: 0 }
    }
    pub fn stack(slot: StackSlot) -> Self {
        MemAddr { base: AddrBase::Stack(slot), offset: 0 }
    }
    pub fn dangling(align: u64) -> Self {
        MemAddr { base: AddrBase::Dangling(align), offset: 0 }
    }

    /// Where this address points, for debug info: `Some((Some(slot), offset))` into a stack slot,
    /// `Some((None, _))` for a dangling (zero-sized) address, `None` for a computed one.
    pub fn frame_parts(self) -> Option<(Option<StackSlot>, i32)> {
        match self.base {
            AddrBase::Stack(slot) => Some((Some(slot), self.offset)),
            AddrBase::Dangling(_) => Some((None, 0)),
            AddrBase::Value(_) => None,
        }
    }

    pub fn offset(self, fx: &mut FnCx<'_, '_, '_>, by: i64) -> Self {
        match i32::try_from(self.offset as i64 + by) {
            Ok(offset) => MemAddr { offset, ..self },
            Err(_) => {
                let addr = self.addr(fx);
                MemAddr::value(fx.bcx.ins().iadd_imm_s(addr, by))
            }
        }
    }

    pub fn offset_dyn(self, fx: &mut FnCx<'_, '_, '_>, by: Value) -> Self {
        let addr = self.addr(fx);
        MemAddr::value(fx.bcx.ins().iadd(addr, by))
    }

    pub fn addr(self, fx: &mut FnCx<'_, '_, '_>) -> Value {
        match self.base {
            AddrBase::Value(v) if self.offset == 0 => v,
            AddrBase::Value(v) => fx.bcx.ins().iadd_imm_s(v, self.offset as i64),
            AddrBase::Stack(slot) => fx.bcx.ins().stack_addr(fx.ptr_ty, slot, self.offset),
            AddrBase::Dangling(align) => fx.iconst_usize(align.wrapping_add(self.offset as u64)),
        }
    }

    pub fn load(self, fx: &mut FnCx<'_, '_, '_>, ty: Type) -> Value {
        match self.base {
            AddrBase::Value(v) => fx.bcx.ins().load(ty, MemFlagsData::new(), v, self.offset),
            AddrBase::Stack(slot) => fx.bcx.ins().stack_load(fx.ptr_ty, ty, slot, self.offset),
            AddrBase::Dangling(_) => {
                let addr = self.addr(fx);
                fx.bcx.ins().load(ty, MemFlagsData::new(), addr, 0)
            }
        }
    }

    pub fn store(self, fx: &mut FnCx<'_, '_, '_>, value: Value) {
        match self.base {
            AddrBase::Value(v) => {
                fx.bcx.ins().store(MemFlagsData::new(), value, v, self.offset);
            }
            AddrBase::Stack(slot) => {
                fx.bcx.ins().stack_store(fx.ptr_ty, value, slot, self.offset);
            }
            AddrBase::Dangling(_) => {
                let addr = self.addr(fx);
                fx.bcx.ins().store(MemFlagsData::new(), value, addr, 0);
            }
        }
    }
}

#[derive(Copy, Clone, Debug)]
pub enum ValRepr {
    /// In memory; the second part is the metadata of an unsized value.
    Mem(MemAddr, Option<Value>),
    Scalar(Value),
    Pair(Value, Value),
}

/// An rvalue: a MIR operand after translation.
#[derive(Copy, Clone, Debug)]
pub struct Val<'tcx> {
    pub repr: ValRepr,
    pub layout: TyAndLayout<'tcx>,
}

impl<'tcx> Val<'tcx> {
    pub fn scalar(v: Value, layout: TyAndLayout<'tcx>) -> Self {
        Val { repr: ValRepr::Scalar(v), layout }
    }
    pub fn pair(a: Value, b: Value, layout: TyAndLayout<'tcx>) -> Self {
        Val { repr: ValRepr::Pair(a, b), layout }
    }
    pub fn mem(addr: MemAddr, layout: TyAndLayout<'tcx>) -> Self {
        Val { repr: ValRepr::Mem(addr, None), layout }
    }
    pub fn zst(layout: TyAndLayout<'tcx>) -> Self {
        Val { repr: ValRepr::Mem(MemAddr::dangling(layout.align.abi.bytes()), None), layout }
    }

    pub fn const_int(fx: &mut FnCx<'_, '_, 'tcx>, layout: TyAndLayout<'tcx>, int: ScalarInt) -> Self {
        let bits = int.to_bits(int.size());
        match reg_shape(fx.tcx, layout) {
            Some(RegShape::One(ty)) => Val::scalar(const_bits(fx, ty, bits), layout),
            _ => {
                let ty = Type::int(int.size().bits() as u16).expect("scalar constant width");
                let v = const_bits(fx, ty, bits);
                let slot = fx.stack_slot(layout.size.bytes(), layout.align.abi.bytes());
                slot.store(fx, v);
                Val::mem(slot, layout)
            }
        }
    }

    pub fn load_scalar(self, fx: &mut FnCx<'_, '_, 'tcx>) -> Value {
        match self.repr {
            ValRepr::Scalar(v) => v,
            ValRepr::Mem(addr, None) => match reg_shape(fx.tcx, self.layout) {
                Some(RegShape::One(ty)) => addr.load(fx, ty),
                _ => rustc_middle::bug!("load_scalar of non-scalar {:?}", self.layout.ty),
            },
            other => rustc_middle::bug!("load_scalar of {other:?} ({:?})", self.layout.ty),
        }
    }

    pub fn load_pair(self, fx: &mut FnCx<'_, '_, 'tcx>) -> (Value, Value) {
        match self.repr {
            ValRepr::Pair(a, b) => (a, b),
            ValRepr::Mem(addr, None) => match self.layout.backend_repr {
                BackendRepr::ScalarPair { a, b, b_offset } => {
                    let (ta, tb) = (scalar_clif_ty(fx.tcx, a), scalar_clif_ty(fx.tcx, b));
                    let va = addr.load(fx, ta);
                    let vb = addr.offset(fx, b_offset.bytes() as i64).load(fx, tb);
                    (va, vb)
                }
                _ => rustc_middle::bug!("load_pair of non-pair {:?}", self.layout.ty),
            },
            other => rustc_middle::bug!("load_pair of {other:?} ({:?})", self.layout.ty),
        }
    }

    /// The value's address, spilling register values to a fresh stack slot.
    pub fn to_mem(self, fx: &mut FnCx<'_, '_, 'tcx>) -> (MemAddr, Option<Value>) {
        match self.repr {
            ValRepr::Mem(addr, meta) => (addr, meta),
            _ => {
                let place = Place::new_stack(fx, self.layout);
                place.write(fx, self);
                (place.mem_addr(), None)
            }
        }
    }

    pub fn with_layout(self, layout: TyAndLayout<'tcx>) -> Self {
        Val { layout, ..self }
    }

    /// Field `idx` of a sized aggregate value.
    pub fn field(self, fx: &mut FnCx<'_, '_, 'tcx>, idx: FieldIdx) -> Val<'tcx> {
        let field = self.layout.field(fx, idx.as_usize());
        let offset = self.layout.fields.offset(idx.as_usize());
        match self.repr {
            ValRepr::Mem(addr, _) => Val::mem(addr.offset(fx, offset.bytes() as i64), field),
            ValRepr::Scalar(v) if field.is_zst() => {
                let _ = v;
                Val::zst(field)
            }
            ValRepr::Scalar(v) => Val::scalar(v, field),
            ValRepr::Pair(a, b) => {
                if field.is_zst() {
                    Val::zst(field)
                } else if offset == Size::ZERO && field.size == self.layout.size {
                    Val::pair(a, b, field)
                } else if offset == Size::ZERO {
                    Val::scalar(a, field)
                } else {
                    Val::scalar(b, field)
                }
            }
        }
    }
}

pub fn const_bits(fx: &mut FnCx<'_, '_, '_>, ty: Type, bits: u128) -> Value {
    match ty {
        types::F32 => fx.bcx.ins().f32const(f32::from_bits(bits as u32)),
        types::F64 => fx.bcx.ins().f64const(f64::from_bits(bits as u64)),
        types::I128 => {
            let lo = fx.bcx.ins().iconst(types::I64, bits as u64 as i64);
            let hi = fx.bcx.ins().iconst(types::I64, (bits >> 64) as u64 as i64);
            fx.bcx.ins().iconcat(lo, hi)
        }
        ty if ty.is_int() => fx.bcx.ins().iconst(ty, bits as u64 as i64),
        _ => {
            let int_ty = Type::int(ty.bits() as u16).unwrap();
            let v = const_bits(fx, int_ty, bits);
            fx.bcx.ins().bitcast(ty, MemFlagsData::new(), v)
        }
    }
}

/// Reinterprets `v` as `ty` of the same width.
pub fn bitcast_to(fx: &mut FnCx<'_, '_, '_>, ty: Type, v: Value) -> Value {
    let from = fx.bcx.func.dfg.value_type(v);
    if from == ty {
        v
    } else if from.is_vector() && ty.is_vector() && from.bits() == ty.bits() {
        // The lane layout changes: say which lane order the bits are read in.
        fx.bcx.ins().bitcast(ty, MemFlagsData::new().with_endianness(Endianness::Little), v)
    } else if from.is_vector() || ty.is_vector() {
        // Between a vector and a wide integer or float: through memory, which every type has.
        let slot = fx.stack_slot(u64::from(from.bytes()).max(u64::from(ty.bytes())), 16);
        slot.store(fx, v);
        slot.load(fx, ty)
    } else if from.bits() == ty.bits() {
        fx.bcx.ins().bitcast(ty, MemFlagsData::new(), v)
    } else if from.is_int() && ty.is_int() && from.bits() > ty.bits() {
        fx.bcx.ins().ireduce(ty, v)
    } else if from.is_int() && ty.is_int() {
        fx.bcx.ins().uextend(ty, v)
    } else {
        rustc_middle::bug!("bitcast between {from} and {ty}")
    }
}

#[derive(Copy, Clone, Debug)]
pub enum PlaceRepr {
    /// One scalar outside memory.
    Reg(RegSlot),
    /// The two scalars of a scalar-pair layout, outside memory.
    RegPair(RegSlot, RegSlot),
    Mem(MemAddr, Option<Value>),
}

/// Where a scalar that is not in memory is found (see `super::analyze` for who gets which), and
/// the stack memory that mirrors it for the debugger, if any (`analyze::debug_shadowed`).
#[derive(Copy, Clone, Debug)]
pub enum RegSlot {
    /// A Cranelift variable; cranelift-frontend builds its SSA form.
    Var(Variable, Option<MemAddr>),
    /// Part 0 or 1 (of CLIF type `.2`) of the value assigned, once, to a local.
    Assigned(Local, u8, Type, Option<MemAddr>),
}

impl RegSlot {
    fn read(self, fx: &mut FnCx<'_, '_, '_>) -> Value {
        match self {
            RegSlot::Var(var, _) => fx.bcx.use_var(var),
            // A part the assignment left undefined (the payload of an enum variant without
            // one, say) reads as zero, as an undefined cranelift-frontend variable would.
            RegSlot::Assigned(local, part, ty, _) => match fx.assigned[local][part as usize] {
                Some(v) => v,
                None => const_bits(fx, ty, 0),
            },
        }
    }

    fn write(self, fx: &mut FnCx<'_, '_, '_>, v: Value) {
        match self {
            RegSlot::Var(var, _) => fx.bcx.def_var(var, v),
            RegSlot::Assigned(local, part, _, _) => fx.assigned[local][part as usize] = Some(v),
        }
        if let Some(mirror) = self.shadow() {
            mirror.store(fx, v);
        }
    }

    /// The stack memory mirroring this part for the debugger.
    pub fn shadow(self) -> Option<MemAddr> {
        match self {
            RegSlot::Var(_, shadow) | RegSlot::Assigned(.., shadow) => shadow,
        }
    }
}

/// An lvalue: somewhere a MIR place lives.
#[derive(Copy, Clone, Debug)]
pub struct Place<'tcx> {
    pub repr: PlaceRepr,
    pub layout: TyAndLayout<'tcx>,
}

impl<'tcx> Place<'tcx> {
    pub fn new_stack(fx: &mut FnCx<'_, '_, 'tcx>, layout: TyAndLayout<'tcx>) -> Self {
        if layout.is_zst() {
            return Place { repr: PlaceRepr::Mem(MemAddr::dangling(layout.align.abi.bytes()), None), layout };
        }
        let addr = fx.stack_slot(layout.size.bytes(), layout.align.abi.bytes());
        Place { repr: PlaceRepr::Mem(addr, None), layout }
    }

    pub fn in_mem(addr: MemAddr, meta: Option<Value>, layout: TyAndLayout<'tcx>) -> Self {
        Place { repr: PlaceRepr::Mem(addr, meta), layout }
    }

    pub fn mem_addr(self) -> MemAddr {
        match self.repr {
            PlaceRepr::Mem(addr, _) => addr,
            _ => rustc_middle::bug!("address of a register place {:?}", self.layout.ty),
        }
    }

    pub fn mem_addr_meta(self) -> (MemAddr, Option<Value>) {
        match self.repr {
            PlaceRepr::Mem(addr, meta) => (addr, meta),
            _ => rustc_middle::bug!("address of a register place {:?}", self.layout.ty),
        }
    }

    pub fn to_val(self, fx: &mut FnCx<'_, '_, 'tcx>) -> Val<'tcx> {
        match self.repr {
            PlaceRepr::Reg(slot) => Val::scalar(slot.read(fx), self.layout),
            PlaceRepr::RegPair(a, b) => {
                let (va, vb) = (a.read(fx), b.read(fx));
                Val::pair(va, vb, self.layout)
            }
            PlaceRepr::Mem(addr, meta) => Val { repr: ValRepr::Mem(addr, meta), layout: self.layout },
        }
    }

    /// `&place` or `&raw place`, as a value of the reference type `ref_layout`.
    pub fn address_of(self, fx: &mut FnCx<'_, '_, 'tcx>, ref_layout: TyAndLayout<'tcx>) -> Val<'tcx> {
        let (addr, meta) = self.mem_addr_meta();
        let ptr = addr.addr(fx);
        match meta {
            Some(meta) => Val::pair(ptr, meta, ref_layout),
            None => Val::scalar(ptr, ref_layout),
        }
    }

    /// Stores `val` here; the two layouts describe the same type.
    pub fn write(self, fx: &mut FnCx<'_, '_, 'tcx>, val: Val<'tcx>) {
        if self.layout.is_zst() {
            return;
        }
        match self.repr {
            PlaceRepr::Reg(slot) => {
                let v = val.load_scalar(fx);
                let v = match reg_shape(fx.tcx, self.layout) {
                    Some(RegShape::One(ty)) => bitcast_to(fx, ty, v),
                    _ => v,
                };
                slot.write(fx, v);
            }
            PlaceRepr::RegPair(a, b) => {
                let (va, vb) = val.load_pair(fx);
                a.write(fx, va);
                b.write(fx, vb);
            }
            PlaceRepr::Mem(addr, _) => match val.repr {
                ValRepr::Scalar(v) => addr.store(fx, v),
                ValRepr::Pair(a, b) => {
                    addr.store(fx, a);
                    let off = pair_b_offset(val.layout).bytes() as i64;
                    addr.offset(fx, off).store(fx, b);
                }
                ValRepr::Mem(src, _) => copy_value(fx, addr, src, self.layout),
            },
        }
    }

    /// Stores `val` here reinterpreting its bytes (`transmute`); sizes must match.
    pub fn write_transmute(self, fx: &mut FnCx<'_, '_, 'tcx>, val: Val<'tcx>) {
        if val.layout.ty == self.layout.ty {
            return self.write(fx, val);
        }
        let same_shape = match (reg_shape(fx.tcx, val.layout), reg_shape(fx.tcx, self.layout)) {
            (Some(RegShape::One(a)), Some(RegShape::One(b))) => {
                a.bits() == b.bits() && a.is_vector() == b.is_vector()
            }
            (Some(RegShape::Two(a1, a2, ao)), Some(RegShape::Two(b1, b2, bo))) => {
                a1 == b1 && a2 == b2 && ao == bo
            }
            _ => false,
        };
        if same_shape && !matches!(val.repr, ValRepr::Mem(..)) {
            return self.write(fx, val.with_layout(self.layout));
        }
        let (addr, _) = val.to_mem(fx);
        self.write(fx, Val::mem(addr, self.layout));
    }

    pub fn downcast(self, fx: &mut FnCx<'_, '_, 'tcx>, variant: VariantIdx) -> Place<'tcx> {
        Place { repr: self.repr, layout: self.layout.for_variant(fx, variant) }
    }

    /// Field `idx`; for register places only the projections `analyze` allowed reach here.
    pub fn field(self, fx: &mut FnCx<'_, '_, 'tcx>, idx: FieldIdx) -> CgResult<Place<'tcx>> {
        let field = self.layout.field(fx, idx.as_usize());
        let offset = self.layout.fields.offset(idx.as_usize());
        Ok(match self.repr {
            PlaceRepr::Reg(slot) => {
                if field.is_zst() {
                    Place::in_mem(MemAddr::dangling(field.align.abi.bytes()), None, field)
                } else {
                    Place { repr: PlaceRepr::Reg(slot), layout: field }
                }
            }
            PlaceRepr::RegPair(a, b) => {
                if field.is_zst() {
                    Place::in_mem(MemAddr::dangling(field.align.abi.bytes()), None, field)
                } else if offset == Size::ZERO && field.size == self.layout.size {
                    Place { repr: PlaceRepr::RegPair(a, b), layout: field }
                } else if offset == Size::ZERO {
                    Place { repr: PlaceRepr::Reg(a), layout: field }
                } else {
                    Place { repr: PlaceRepr::Reg(b), layout: field }
                }
            }
            PlaceRepr::Mem(addr, meta) => {
                if field.is_sized() {
                    Place::in_mem(addr.offset(fx, offset.bytes() as i64), None, field)
                } else {
                    let offset = unsized_field_offset(fx, self.layout, field, offset, meta)?;
                    let addr = match offset {
                        FieldOffset::Fixed(o) => addr.offset(fx, o as i64),
                        FieldOffset::Dynamic(v) => addr.offset_dyn(fx, v),
                    };
                    Place::in_mem(addr, meta, field)
                }
            }
        })
    }

    /// Element `index` of an array or slice place.
    pub fn index(self, fx: &mut FnCx<'_, '_, 'tcx>, index: Value) -> Place<'tcx> {
        let elem = match self.layout.ty.kind() {
            ty::Array(elem, _) | ty::Slice(elem) => fx.layout_of(*elem),
            ty::Str => fx.layout_of(fx.tcx.types.u8),
            _ => rustc_middle::bug!("indexing into {:?}", self.layout.ty),
        };
        let addr = self.mem_addr();
        let size = elem.size.bytes() as i64;
        if let Some(constant) = super::fold::int_constant(&fx.bcx.func.dfg, index) {
            return Place::in_mem(addr.offset(fx, (constant as i64).wrapping_mul(size)), None, elem);
        }
        let byte_offset = fx.bcx.ins().imul_imm_s(index, size);
        Place::in_mem(addr.offset_dyn(fx, byte_offset), None, elem)
    }

    /// `*place` where this place holds a pointer.
    pub fn deref(self, fx: &mut FnCx<'_, '_, 'tcx>) -> Place<'tcx> {
        let pointee_ty = self
            .layout
            .ty
            .builtin_deref(true)
            .unwrap_or_else(|| rustc_middle::bug!("deref of non-pointer {:?}", self.layout.ty));
        let pointee = fx.layout_of(pointee_ty);
        let val = self.to_val(fx);
        if pointee.is_sized() {
            let ptr = val.load_scalar(fx);
            Place::in_mem(MemAddr::value(ptr), None, pointee)
        } else {
            let (ptr, meta) = val.load_pair(fx);
            Place::in_mem(MemAddr::value(ptr), Some(meta), pointee)
        }
    }
}

enum FieldOffset {
    Fixed(u64),
    Dynamic(Value),
}

/// Offset of the unsized last field: static unless its alignment comes from a vtable.
fn unsized_field_offset<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    parent: TyAndLayout<'tcx>,
    field: TyAndLayout<'tcx>,
    offset: Size,
    meta: Option<Value>,
) -> CgResult<FieldOffset> {
    let tail = fx.tcx.struct_tail_for_codegen(field.ty, ty::TypingEnv::fully_monomorphized());
    let packed = matches!(parent.ty.kind(), ty::Adt(def, _) if def.repr().packed());
    match tail.kind() {
        ty::Slice(..) | ty::Str => Ok(FieldOffset::Fixed(offset.bytes())),
        ty::Dynamic(..) if packed => Ok(FieldOffset::Fixed(offset.bytes())),
        ty::Dynamic(..) => {
            let vtable = meta.ok_or_else(|| fx.unsupported("unsized field without metadata"))?;
            let ptr_size = fx.tcx.data_layout.pointer_size().bytes() as i32;
            let dyn_align = fx.bcx.ins().load(fx.ptr_ty, MemFlagsData::trusted(), vtable, 2 * ptr_size);
            let static_align = fx.iconst_usize(field.align.abi.bytes());
            let is_bigger = fx.bcx.ins().icmp(
                cranelift_codegen::ir::condcodes::IntCC::UnsignedGreaterThan,
                dyn_align,
                static_align,
            );
            let align = fx.bcx.ins().select(is_bigger, dyn_align, static_align);
            let minus_one = fx.bcx.ins().iadd_imm_s(align, -1);
            let unaligned = fx.iconst_usize(offset.bytes());
            let bumped = fx.bcx.ins().iadd(unaligned, minus_one);
            let mask = fx.bcx.ins().ineg(align);
            Ok(FieldOffset::Dynamic(fx.bcx.ins().band(bumped, mask)))
        }
        _ => Err(fx.unsupported(format!("unsized field of type `{}`", field.ty))),
    }
}

/// Copies a `layout` value from `src` to `dst`; the two places do not overlap.
pub fn copy_value<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, dst: MemAddr, src: MemAddr, layout: TyAndLayout<'tcx>) {
    if layout.size.bytes() == 0 {
        return;
    }
    match super::copies::value_copy_pieces(fx.tcx, layout) {
        Some(pieces) => {
            for (ty, offset) in pieces {
                let piece = src.offset(fx, i64::from(offset)).load(fx, ty);
                dst.offset(fx, i64::from(offset)).store(fx, piece);
            }
        }
        None => {
            let align = layout.align.abi.bytes().min(16) as u8;
            let (dst, src) = (dst.addr(fx), src.addr(fx));
            let config = fx.module_config();
            fx.bcx.emit_small_memory_copy(
                config,
                dst,
                src,
                layout.size.bytes(),
                align,
                align,
                true,
                MemFlagsData::new(),
            );
        }
    }
}

/// Size and alignment of a possibly unsized value, from its metadata.
pub fn size_and_align_of<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    layout: TyAndLayout<'tcx>,
    meta: Option<Value>,
) -> CgResult<(Value, Value)> {
    if layout.is_sized() {
        let size = fx.iconst_usize(layout.size.bytes());
        let align = fx.iconst_usize(layout.align.abi.bytes());
        return Ok((size, align));
    }
    let meta = meta.ok_or_else(|| fx.unsupported("unsized value without metadata"))?;
    match layout.ty.kind() {
        ty::Dynamic(..) => {
            let ptr_size = fx.tcx.data_layout.pointer_size().bytes() as i32;
            let size = fx.bcx.ins().load(fx.ptr_ty, MemFlagsData::trusted(), meta, ptr_size);
            let align = fx.bcx.ins().load(fx.ptr_ty, MemFlagsData::trusted(), meta, 2 * ptr_size);
            Ok((size, align))
        }
        ty::Slice(_) | ty::Str => {
            let elem = layout.field(fx, 0);
            let size = fx.bcx.ins().imul_imm_s(meta, elem.size.bytes() as i64);
            let align = fx.iconst_usize(elem.align.abi.bytes());
            Ok((size, align))
        }
        _ => {
            // A struct whose last field is unsized: sized prefix plus the tail, rounded up.
            let last = layout.fields.count() - 1;
            let prefix = layout.fields.offset(last).bytes();
            let tail = layout.field(fx, last);
            let (tail_size, tail_align) = size_and_align_of(fx, tail, Some(meta))?;
            let static_align = fx.iconst_usize(layout.align.abi.bytes());
            let is_bigger = fx.bcx.ins().icmp(
                cranelift_codegen::ir::condcodes::IntCC::UnsignedGreaterThan,
                tail_align,
                static_align,
            );
            let align = fx.bcx.ins().select(is_bigger, tail_align, static_align);
            let unpadded = fx.bcx.ins().iadd_imm_s(tail_size, prefix as i64);
            let minus_one = fx.bcx.ins().iadd_imm_s(align, -1);
            let bumped = fx.bcx.ins().iadd(unpadded, minus_one);
            let mask = fx.bcx.ins().ineg(align);
            let size = fx.bcx.ins().band(bumped, mask);
            Ok((size, align))
        }
    }
}

pub fn is_wide_ptr<'tcx>(tcx: TyCtxt<'tcx>, ty: Ty<'tcx>) -> bool {
    ty.builtin_deref(true)
        .is_some_and(|pointee| tcx.type_has_metadata(pointee, ty::TypingEnv::fully_monomorphized()))
}
