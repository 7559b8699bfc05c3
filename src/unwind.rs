//! `.eh_frame` generation: one CIE per object, one FDE per compiled function, so that
//! panics unwind through fastclif frames and debuggers can walk the stack.

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::isa::unwind::UnwindInfo;
use cranelift_module::FuncId;
use cranelift_object::ObjectProduct;
use cranelift_object::object::SectionKind;
use gimli::constants;
use gimli::write::{Address, CieId, EhFrame, FrameTable};

use crate::dwarf_writer::RelocWriter;

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
        let mut eh_frame = EhFrame(RelocWriter::default());
        if self.table.write_eh_frame(&mut eh_frame).is_err() || eh_frame.0.is_empty() {
            return;
        }
        let mut writer = eh_frame.0;
        let section = product.object.add_section(Vec::new(), b".eh_frame".to_vec(), SectionKind::ReadOnlyData);
        product.object.set_section_data(section, writer.take_bytes(), 8);
        writer.apply_relocs(product, section, &|_| None);
    }
}
