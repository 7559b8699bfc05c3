//! DWARF-format sections (`.eh_frame`, `.debug_*`) written into a finished object file.
//!
//! gimli writes the bytes; its `RelocateWriter` reports every address and cross-section offset
//! as a relocation, which becomes an object relocation here. Addresses of code and data defined
//! in this object point at the section symbol plus the definition's offset, as LLVM does: a
//! shared object cannot use PC-relative or absolute relocations against an exported (and so
//! interposable) symbol, and the section symbol is always local.
//!
//! Convention: `Address::Symbol { symbol }` names a Cranelift function or data object; build
//! such addresses with [`func_address`] and [`data_address`].

use cranelift_module::{DataId, FuncId};
use cranelift_object::ObjectProduct;
use cranelift_object::object::write::{Relocation, SectionId as ObjSectionId, SymbolId, SymbolSection};
use cranelift_object::object::{RelocationEncoding, RelocationFlags, RelocationKind, SectionKind};
use gimli::write::{Address, EndianVec, RelocateWriter, RelocationTarget};
use gimli::{RunTimeEndian, SectionId, constants};

/// Marks a symbol number as a data object rather than a function.
const DATA_BIT: usize = 1 << 31;

pub fn func_address(id: FuncId) -> Address {
    Address::Symbol { symbol: id.as_u32() as usize, addend: 0 }
}

pub fn data_address(id: DataId) -> Address {
    Address::Symbol { symbol: id.as_u32() as usize | DATA_BIT, addend: 0 }
}

/// Section bytes plus the relocations gimli asked for while writing them.
#[derive(Clone)]
pub struct SectionWriter {
    bytes: EndianVec<RunTimeEndian>,
    relocations: Vec<gimli::write::Relocation>,
}

impl Default for SectionWriter {
    fn default() -> Self {
        SectionWriter { bytes: EndianVec::new(RunTimeEndian::Little), relocations: Vec::new() }
    }
}

impl RelocateWriter for SectionWriter {
    type Writer = EndianVec<RunTimeEndian>;

    fn writer(&self) -> &Self::Writer {
        &self.bytes
    }

    fn writer_mut(&mut self) -> &mut Self::Writer {
        &mut self.bytes
    }

    fn relocate(&mut self, relocation: gimli::write::Relocation) {
        self.relocations.push(relocation);
    }
}

impl SectionWriter {
    pub fn is_empty(&self) -> bool {
        self.bytes.slice().is_empty()
    }

    /// Adds the bytes as a new section `name` of `kind` and returns it; relocations come later
    /// (`relocate_into`), once every section they may refer to exists.
    pub fn add_section(
        &mut self,
        product: &mut ObjectProduct,
        name: &str,
        kind: SectionKind,
        align: u64,
    ) -> ObjSectionId {
        let section = product.object.add_section(Vec::new(), name.as_bytes().to_vec(), kind);
        let bytes = std::mem::replace(&mut self.bytes, EndianVec::new(RunTimeEndian::Little)).into_vec();
        product.object.set_section_data(section, bytes, align);
        section
    }

    /// Turns the recorded relocations into relocations of `section`. `section_symbol` maps a
    /// DWARF section to the symbol of its object section (`None`: that section was not written).
    pub fn relocate_into(
        &self,
        product: &mut ObjectProduct,
        section: ObjSectionId,
        section_symbol: &dyn Fn(SectionId) -> Option<SymbolId>,
    ) -> Result<(), String> {
        for reloc in &self.relocations {
            let (symbol, extra) = match reloc.target {
                RelocationTarget::Symbol(id) => local_target(product, cranelift_symbol(product, id)),
                RelocationTarget::Section(id) => match section_symbol(id) {
                    Some(sym) => (sym, 0),
                    None => continue,
                },
            };
            let pc_relative = reloc.eh_pe.is_some_and(|pe| pe.application() == constants::DW_EH_PE_pcrel);
            let kind = if pc_relative { RelocationKind::Relative } else { RelocationKind::Absolute };
            let relocation = Relocation {
                offset: reloc.offset as u64,
                symbol,
                addend: reloc.addend + extra,
                flags: RelocationFlags::Generic {
                    kind,
                    encoding: RelocationEncoding::Generic,
                    size: reloc.size * 8,
                },
            };
            product
                .object
                .add_relocation(section, relocation)
                .map_err(|err| format!("relocation in a DWARF section rejected: {err}"))?;
        }
        Ok(())
    }
}

fn cranelift_symbol(product: &ObjectProduct, id: usize) -> SymbolId {
    if id & DATA_BIT != 0 {
        product.data_symbol(DataId::from_u32((id & !DATA_BIT) as u32))
    } else {
        product.function_symbol(FuncId::from_u32(id as u32))
    }
}

/// The section symbol and offset of a symbol defined in this object; the symbol itself when
/// it is defined elsewhere.
fn local_target(product: &mut ObjectProduct, symbol: SymbolId) -> (SymbolId, i64) {
    let (section, value) = {
        let sym = product.object.symbol(symbol);
        (sym.section, sym.value)
    };
    match section {
        SymbolSection::Section(section) => (product.object.section_symbol(section), value as i64),
        _ => (symbol, 0),
    }
}
