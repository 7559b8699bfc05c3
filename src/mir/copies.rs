//! Copies of values between two places in memory: which loads and stores move a value.
//!
//! Everything here serves one rule of the CPU: a load takes its bytes straight from the store
//! buffer only when one earlier store wrote all of them. A load spanning two recent stores, or
//! wider than the store that wrote its bytes, waits until those stores reach the cache, a dozen
//! cycles or more. Rust moves a value by copying it, often several times in a row (into a
//! temporary, into an `Option`, into the caller's return place), right after building it field
//! by field. So a copy loads each field the way it was stored, and never stores two overlapping
//! pieces that the next copy would read as one.

use cranelift_codegen::ir::{Type, types};
use rustc_abi::{BackendRepr, FieldsShape, Size, Variants};
use rustc_middle::ty::TyCtxt;
use rustc_middle::ty::layout::TyAndLayout;
use smallvec::SmallVec;

use crate::layout_cx::MonoCx;

/// The largest value copied by loads and stores rather than a call of `memcpy`: LLVM expands
/// such copies inline too, also at `-O0`. Moving an iterator or a `Result` by value would
/// otherwise cost a call (and the spills of everything live across it) per move.
const INLINE_COPY_MAX: u64 = 256;

/// A value made of more scalars than this is copied in plain pieces: past it, a typed copy
/// costs more instructions than the waits it avoids.
const MAX_TYPED_PIECES: usize = 32;

/// One load and one store of a copy: the type moved and its offset in the value.
pub type Piece = (Type, i32);

/// The loads and stores, as (type, offset), that copy `bytes` bytes: pieces of `widest` bytes
/// (16 or 8), then the widest integer that fits in what is left. Pieces never overlap: a piece
/// that rewrote part of the one before it would leave two stores behind one range, which the
/// next copy's load of that range would have to wait for.
pub fn copy_pieces(bytes: u64, widest: u64) -> impl Iterator<Item = Piece> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        let (ty, width) = match bytes - offset {
            0 => return None,
            left if left >= 16 && widest >= 16 => (types::I8X16, 16),
            8.. => (types::I64, 8),
            4.. => (types::I32, 4),
            2.. => (types::I16, 2),
            _ => (types::I8, 1),
        };
        let piece = (ty, offset as i32);
        offset += width;
        Some(piece)
    })
}

/// The pieces that copy a `layout` value from one place to another, or `None` when the value is
/// too big to copy other than by calling `memcpy`.
pub fn value_copy_pieces<'tcx>(
    tcx: TyCtxt<'tcx>,
    layout: TyAndLayout<'tcx>,
) -> Option<SmallVec<[Piece; 16]>> {
    if layout.size.bytes() > INLINE_COPY_MAX {
        return None;
    }
    let mut pieces = SmallVec::new();
    push_typed_pieces(&MonoCx(tcx), layout, 0, &mut pieces);
    if pieces.len() > MAX_TYPED_PIECES {
        pieces.clear();
        push_plain_pieces(layout, 0, &mut pieces);
    }
    Some(pieces)
}

/// The pieces of a `layout` value that sits `base` bytes into the copied one: one per scalar and
/// vector it is built of, in the width it is stored with; padding is not copied. Values whose
/// bytes have no single meaning (enums with several variants, unions) and arrays longer than a
/// few elements take plain pieces.
fn push_typed_pieces<'tcx>(
    cx: &MonoCx<'tcx>,
    layout: TyAndLayout<'tcx>,
    base: u64,
    pieces: &mut SmallVec<[Piece; 16]>,
) {
    if layout.is_zst() || pieces.len() > MAX_TYPED_PIECES {
        return;
    }
    match layout.backend_repr {
        BackendRepr::Scalar(_) => push_scalar_pieces(layout.size, base, pieces),
        BackendRepr::ScalarPair { a, b, b_offset } => {
            push_scalar_pieces(a.size(cx), base, pieces);
            push_scalar_pieces(b.size(cx), base + b_offset.bytes(), pieces);
        }
        BackendRepr::Memory { .. } => match (&layout.variants, &layout.fields) {
            (Variants::Single { .. }, FieldsShape::Arbitrary { .. }) => {
                for index in 0..layout.fields.count() {
                    let offset = layout.fields.offset(index).bytes();
                    push_typed_pieces(cx, layout.field(cx, index), base + offset, pieces);
                }
            }
            (Variants::Single { .. }, &FieldsShape::Array { stride, count }) if count <= 8 => {
                let element = layout.field(cx, 0);
                for index in 0..count {
                    push_typed_pieces(cx, element, base + stride.bytes() * index, pieces);
                }
            }
            _ => push_plain_pieces(layout, base, pieces),
        },
        BackendRepr::SimdVector { .. } | BackendRepr::SimdScalableVector { .. } => {
            push_plain_pieces(layout, base, pieces)
        }
    }
}

/// A scalar is stored whole, except a 16-byte one, which Cranelift stores as two words.
fn push_scalar_pieces(size: Size, base: u64, pieces: &mut SmallVec<[Piece; 16]>) {
    push_range(size.bytes(), 8, base, pieces);
}

/// Pieces over the whole of `layout`'s bytes: words when it is 8-byte aligned (its parts are
/// then words, stored one by one), else 16 bytes at a time (vectors, which are 16-byte aligned,
/// and byte arrays).
fn push_plain_pieces(layout: TyAndLayout<'_>, base: u64, pieces: &mut SmallVec<[Piece; 16]>) {
    let widest = if layout.align.abi.bytes() == 8 { 8 } else { 16 };
    push_range(layout.size.bytes(), widest, base, pieces);
}

/// `copy_pieces` of `bytes` bytes that start `base` bytes into the copied value.
fn push_range(bytes: u64, widest: u64, base: u64, pieces: &mut SmallVec<[Piece; 16]>) {
    pieces.extend(copy_pieces(bytes, widest).map(|(ty, offset)| (ty, base as i32 + offset)));
}

#[cfg(test)]
mod tests {
    use super::copy_pieces;
    use cranelift_codegen::ir::types;

    /// Every byte is copied exactly once and nothing outside the range is read or written.
    #[test]
    fn copy_pieces_cover_exactly_the_range() {
        for (bytes, widest) in (0..=256u64).flat_map(|bytes| [(bytes, 8), (bytes, 16)]) {
            let mut covered = vec![false; bytes as usize];
            for (ty, offset) in copy_pieces(bytes, widest) {
                let end = offset as u64 + u64::from(ty.bytes());
                assert!(end <= bytes, "{bytes} bytes: piece at {offset} of {ty} runs past the end");
                for byte in offset as u64..end {
                    assert!(!covered[byte as usize], "{bytes} bytes: byte {byte} copied twice");
                    covered[byte as usize] = true;
                }
            }
            assert!(covered.iter().all(|&c| c), "{bytes} bytes: not every byte copied");
        }
        assert_eq!(copy_pieces(32, 16).collect::<Vec<_>>(), [(types::I8X16, 0), (types::I8X16, 16)]);
        assert_eq!(copy_pieces(12, 16).collect::<Vec<_>>(), [(types::I64, 0), (types::I32, 8)]);
        assert_eq!(
            copy_pieces(24, 8).collect::<Vec<_>>(),
            [(types::I64, 0), (types::I64, 8), (types::I64, 16)]
        );
        assert_eq!(
            copy_pieces(56, 16).collect::<Vec<_>>(),
            [(types::I8X16, 0), (types::I8X16, 16), (types::I8X16, 32), (types::I64, 48)]
        );
    }
}
