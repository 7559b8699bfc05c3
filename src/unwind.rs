//! `.eh_frame` generation: one CIE per object, one FDE per compiled function, so that
//! panics unwind through fastclif frames and debuggers can walk the stack.

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::isa::unwind::UnwindInfo;
use cranelift_module::FuncId;
use cranelift_object::ObjectProduct;
use cranelift_object::object::write::{Relocation, SectionId};
use cranelift_object::object::{RelocationEncoding, RelocationFlags, RelocationKind, SectionKind};
use gimli::write::{Address, CieId, EhFrame, FrameTable, Section, Writer};
use gimli::{RunTimeEndian, constants};

/// Collects frame descriptions while functions are compiled.
pub struct FrameInfo {
    table: FrameTable,
    cie: Option<CieId>,
}

impl FrameInfo {
    pub fn new(isa: &dyn TargetIsa) -> Self {
        let mut table = FrameTable::default();
        let cie = isa.create_systemv_cie().map(|mut cie| {
            // Position-independent 32-bit references: what the system linker expects.
            cie.fde_address_encoding =
                gimli::DwEhPe(constants::DW_EH_PE_pcrel.0 | constants::DW_EH_PE_sdata4.0);
            table.add_cie(cie)
        });
        FrameInfo { table, cie }
    }

    pub fn add_function(&mut self, func: FuncId, info: Option<UnwindInfo>) {
        let (Some(cie), Some(UnwindInfo::SystemV(info))) = (self.cie, info) else { return };
        let fde = info.to_fde(Address::Symbol { symbol: func.as_u32() as usize, addend: 0 });
        self.table.add_fde(cie, fde);
    }

    /// Writes `.eh_frame` into the finished object, with relocations to the function symbols.
    pub fn emit(self, product: &mut ObjectProduct) {
        if self.cie.is_none() {
            return;
        }
        let mut eh_frame = EhFrame(SymbolWriter::new(RunTimeEndian::Little));
        if self.table.write_eh_frame(&mut eh_frame).is_err() {
            return;
        }
        let writer = eh_frame.0;
        if writer.bytes.is_empty() {
            return;
        }
        let section: SectionId = product.object.add_section(
            Vec::new(),
            b".eh_frame".to_vec(),
            SectionKind::ReadOnlyData,
        );
        product.object.set_section_data(section, writer.bytes, 8);
        for reloc in writer.relocs {
            let symbol = product.function_symbol(FuncId::from_u32(reloc.func as u32));
            product
                .object
                .add_relocation(
                    section,
                    Relocation {
                        offset: reloc.offset,
                        symbol,
                        addend: reloc.addend,
                        flags: RelocationFlags::Generic {
                            kind: reloc.kind,
                            encoding: RelocationEncoding::Generic,
                            size: reloc.size * 8,
                        },
                    },
                )
                .expect("eh_frame relocation rejected by the object writer");
        }
    }
}

#[derive(Clone)]
struct PendingReloc {
    offset: u64,
    func: usize,
    addend: i64,
    size: u8,
    kind: RelocationKind,
}

/// A gimli writer that turns symbolic addresses into relocations instead of numbers.
#[derive(Clone)]
struct SymbolWriter {
    endian: RunTimeEndian,
    bytes: Vec<u8>,
    relocs: Vec<PendingReloc>,
}

impl SymbolWriter {
    fn new(endian: RunTimeEndian) -> Self {
        SymbolWriter { endian, bytes: Vec::new(), relocs: Vec::new() }
    }
}

impl Writer for SymbolWriter {
    type Endian = RunTimeEndian;

    fn endian(&self) -> RunTimeEndian {
        self.endian
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
                self.relocs.push(PendingReloc {
                    offset: self.bytes.len() as u64,
                    func: symbol,
                    addend,
                    size,
                    kind: RelocationKind::Absolute,
                });
                self.write_udata(0, size)
            }
        }
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
                self.relocs.push(PendingReloc {
                    offset: self.bytes.len() as u64,
                    func: symbol,
                    addend,
                    size,
                    kind: RelocationKind::Relative,
                });
                self.write_udata(0, size)
            }
            (Address::Symbol { .. }, constants::DW_EH_PE_absptr) => self.write_address(address, size),
            (Address::Constant(value), constants::DW_EH_PE_absptr) => self.write_udata(value, size),
            (Address::Constant(value), constants::DW_EH_PE_pcrel) => {
                let here = self.bytes.len() as u64;
                self.write_sdata(value.wrapping_sub(here) as i64, size)
            }
            _ => Err(gimli::write::Error::UnsupportedPointerEncoding(eh_pe)),
        }
    }
}
