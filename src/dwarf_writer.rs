//! A gimli `Writer` that leaves symbolic addresses and cross-section offsets as relocations,
//! so the linker can place `.eh_frame` and `.debug_*` correctly when it merges objects.
//!
//! Convention: `Address::Symbol { symbol }` names a Cranelift function or data object; build
//! such addresses with [`func_address`] and [`data_address`].

use cranelift_module::{DataId, FuncId};
use cranelift_object::ObjectProduct;
use cranelift_object::object::write::{Relocation, SectionId as ObjSectionId, SymbolId};
use cranelift_object::object::{RelocationEncoding, RelocationFlags, RelocationKind};
use gimli::write::{Address, Writer};
use gimli::{RunTimeEndian, SectionId, constants};

/// Marks a symbol number as a data object rather than a function.
const DATA_BIT: usize = 1 << 31;

pub fn func_address(id: FuncId) -> Address {
    Address::Symbol { symbol: id.as_u32() as usize, addend: 0 }
}

pub fn data_address(id: DataId) -> Address {
    Address::Symbol { symbol: id.as_u32() as usize | DATA_BIT, addend: 0 }
}

#[derive(Clone, Copy)]
enum Target {
    Func(usize),
    Section(SectionId),
}

#[derive(Clone)]
struct PendingReloc {
    offset: u64,
    target: Target,
    addend: i64,
    size: u8,
    pc_relative: bool,
}

#[derive(Clone, Default)]
pub struct RelocWriter {
    bytes: Vec<u8>,
    relocs: Vec<PendingReloc>,
}

impl RelocWriter {
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }

    /// Adds this writer's relocations to `section` of the finished object. `section_symbol`
    /// maps a DWARF section to the symbol of its object section.
    pub fn apply_relocs(
        &self,
        product: &mut ObjectProduct,
        section: ObjSectionId,
        section_symbol: &dyn Fn(SectionId) -> Option<SymbolId>,
    ) {
        for reloc in &self.relocs {
            let symbol = match reloc.target {
                Target::Func(id) if id & DATA_BIT != 0 => {
                    product.data_symbol(DataId::from_u32((id & !DATA_BIT) as u32))
                }
                Target::Func(id) => product.function_symbol(FuncId::from_u32(id as u32)),
                Target::Section(id) => match section_symbol(id) {
                    Some(sym) => sym,
                    None => continue,
                },
            };
            let kind = if reloc.pc_relative { RelocationKind::Relative } else { RelocationKind::Absolute };
            product
                .object
                .add_relocation(
                    section,
                    Relocation {
                        offset: reloc.offset,
                        symbol,
                        addend: reloc.addend,
                        flags: RelocationFlags::Generic {
                            kind,
                            encoding: RelocationEncoding::Generic,
                            size: reloc.size * 8,
                        },
                    },
                )
                .expect("DWARF relocation rejected by the object writer");
        }
    }

    fn record(&mut self, offset: usize, target: Target, addend: i64, size: u8, pc_relative: bool) {
        self.relocs.push(PendingReloc { offset: offset as u64, target, addend, size, pc_relative });
    }
}

impl Writer for RelocWriter {
    type Endian = RunTimeEndian;

    fn endian(&self) -> RunTimeEndian {
        RunTimeEndian::Little
    }
    fn len(&self) -> usize {
        self.bytes.len()
    }
    fn write(&mut self, bytes: &[u8]) -> gimli::write::Result<()> {
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }
    fn write_at(&mut self, offset: usize, bytes: &[u8]) -> gimli::write::Result<()> {
        let end = offset + bytes.len();
        if end > self.bytes.len() {
            return Err(gimli::write::Error::OffsetOutOfBounds);
        }
        self.bytes[offset..end].copy_from_slice(bytes);
        Ok(())
    }
    fn write_address(&mut self, address: Address, size: u8) -> gimli::write::Result<()> {
        match address {
            Address::Constant(value) => self.write_udata(value, size),
            Address::Symbol { symbol, addend } => {
                self.record(self.bytes.len(), Target::Func(symbol), addend, size, false);
                self.write_udata(0, size)
            }
        }
    }
    fn write_offset(&mut self, val: usize, section: SectionId, size: u8) -> gimli::write::Result<()> {
        self.record(self.bytes.len(), Target::Section(section), val as i64, size, false);
        self.write_udata(0, size)
    }
    fn write_offset_at(
        &mut self,
        offset: usize,
        val: usize,
        section: SectionId,
        size: u8,
    ) -> gimli::write::Result<()> {
        self.record(offset, Target::Section(section), val as i64, size, false);
        self.write_udata_at(offset, 0, size)
    }
    fn write_eh_pointer(
        &mut self,
        address: Address,
        eh_pe: gimli::DwEhPe,
        size: u8,
    ) -> gimli::write::Result<()> {
        match (address, eh_pe.application()) {
            (Address::Symbol { symbol, addend }, constants::DW_EH_PE_pcrel) => {
                let size = match eh_pe.format() {
                    constants::DW_EH_PE_sdata4 => 4,
                    constants::DW_EH_PE_sdata8 => 8,
                    _ => return Err(gimli::write::Error::UnsupportedPointerEncoding(eh_pe)),
                };
                self.record(self.bytes.len(), Target::Func(symbol), addend, size, true);
                self.write_udata(0, size)
            }
            (_, constants::DW_EH_PE_absptr) => self.write_address(address, size),
            (Address::Constant(value), constants::DW_EH_PE_pcrel) => {
                let here = self.bytes.len() as u64;
                self.write_sdata(value.wrapping_sub(here) as i64, size)
            }
            _ => Err(gimli::write::Error::UnsupportedPointerEncoding(eh_pe)),
        }
    }
}
