//! Unwind tables: `.eh_frame` with one FDE per compiled function, so that panics unwind through
//! fastclif frames and debuggers can walk the stack, and for functions with landing pads an LSDA
//! in `.gcc_except_table` plus the personality routine in their CIE.

pub mod lsda;

use cranelift_codegen::CompiledCode;
use cranelift_codegen::ir::{AbiParam, Signature, types};
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::isa::unwind::UnwindInfo;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};
use cranelift_object::object::SectionKind;
use cranelift_object::{ObjectModule, ObjectProduct};
use gimli::constants;
use gimli::write::{CieId, CommonInformationEntry, EhFrame, FrameTable};

use crate::dwarf_sections::{SectionWriter, data_address, func_address};

/// Position-independent 32-bit references: what the system linker expects.
const PCREL_SDATA4: gimli::DwEhPe = gimli::DwEhPe(constants::DW_EH_PE_pcrel.0 | constants::DW_EH_PE_sdata4.0);

/// Collects frame descriptions while functions are compiled.
pub struct FrameInfo {
    table: FrameTable,
    base_cie: Option<CommonInformationEntry>,
    /// For functions without landing pads: no personality, no LSDA.
    plain: Option<CieId>,
    /// For functions with landing pads, created on first use.
    with_personality: Option<CieId>,
}

impl FrameInfo {
    pub fn new(isa: &dyn TargetIsa) -> Self {
        let mut table = FrameTable::default();
        // No unwind tables asked for (-Cforce-unwind-tables=no -Cpanic=abort): no `.eh_frame`.
        let wanted = isa.flags().unwind_info();
        let base_cie = isa.create_systemv_cie().filter(|_| wanted).map(|mut cie| {
            cie.fde_address_encoding = PCREL_SDATA4;
            cie
        });
        let plain = base_cie.clone().map(|cie| table.add_cie(cie));
        FrameInfo { table, base_cie, plain, with_personality: None }
    }

    /// Records the frame description of `func`; if its code has landing pads, also defines its
    /// LSDA in `module`.
    pub fn add_function(&mut self, module: &mut ObjectModule, func: FuncId, code: &CompiledCode) {
        let Some(plain) = self.plain else { return };
        let Ok(Some(UnwindInfo::SystemV(info))) = code.create_unwind_info(module.isa()) else { return };
        let mut fde = info.to_fde(func_address(func));
        let cie = match lsda::build(|| code.buffer.call_sites()) {
            None => plain,
            Some(bytes) => {
                // A symbol clash over the personality's name leaves this frame without cleanups.
                let Some(cie) = self.personality_cie(module) else {
                    self.table.add_fde(plain, fde);
                    return;
                };
                let data = module.declare_anonymous_data(false, false).expect("anonymous LSDA");
                let mut desc = DataDescription::new();
                desc.define(bytes.into_boxed_slice());
                desc.set_custom_section(".gcc_except_table");
                desc.set_align(4);
                module.define_data(data, &desc).expect("LSDA definition");
                fde.lsda = Some(data_address(data));
                cie
            }
        };
        self.table.add_fde(cie, fde);
    }

    /// The CIE naming `rust_eh_personality`, reached through a pointer in this object
    /// (`DW.ref.rust_eh_personality`) so that the personality may live in another DSO.
    fn personality_cie(&mut self, module: &mut ObjectModule) -> Option<CieId> {
        if let Some(id) = self.with_personality {
            return Some(id);
        }
        let pointer_ref = personality_pointer(module)?;
        let mut cie = self.base_cie.clone().expect("a CIE exists whenever FDEs are added");
        let indirect = gimli::DwEhPe(constants::DW_EH_PE_indirect.0 | PCREL_SDATA4.0);
        cie.personality = Some((indirect, data_address(pointer_ref)));
        cie.lsda_encoding = Some(PCREL_SDATA4);
        let id = self.table.add_cie(cie);
        self.with_personality = Some(id);
        Some(id)
    }

    /// Writes `.eh_frame` into the finished object, with relocations to the function symbols.
    pub fn emit(self, product: &mut ObjectProduct) -> Result<(), String> {
        if self.plain.is_none() {
            return Ok(());
        }
        let mut eh_frame = EhFrame(SectionWriter::default());
        self.table.write_eh_frame(&mut eh_frame).map_err(|err| format!("cannot write .eh_frame: {err}"))?;
        let mut writer = eh_frame.0;
        if writer.is_empty() {
            return Ok(());
        }
        let section = writer.add_section(product, ".eh_frame", SectionKind::ReadOnlyData, 8);
        writer.relocate_into(product, section, &|_| None)
    }
}

fn personality_pointer(module: &mut ObjectModule) -> Option<DataId> {
    const PERSONALITY: &str = "rust_eh_personality";
    const POINTER: &str = "DW.ref.rust_eh_personality";
    let ptr_ty = module.target_config().pointer_type();
    let sig = Signature {
        params: vec![
            AbiParam::new(types::I32),
            AbiParam::new(types::I32),
            AbiParam::new(types::I64),
            AbiParam::new(ptr_ty),
            AbiParam::new(ptr_ty),
        ],
        returns: vec![AbiParam::new(types::I32)],
        call_conv: module.target_config().default_call_conv,
    };
    let personality = crate::symbols::import_function(module, PERSONALITY, &sig).ok()?;
    let pointer = module.declare_data(POINTER, Linkage::Local, true, false).ok()?;
    let mut desc = DataDescription::new();
    // Explicit zero bytes, not zero-init: the pointer must not land in `.bss`.
    desc.define(vec![0; ptr_ty.bytes() as usize].into_boxed_slice());
    let func_ref = module.declare_func_in_data(personality, &mut desc);
    desc.write_function_addr(0, func_ref);
    module.define_data(pointer, &desc).ok()?;
    Some(pointer)
}
