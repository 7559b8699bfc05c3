//! Copies the object llc made of a unit's helpers into the unit's own object: its code and
//! constant sections, its symbols and its relocations. Helpers are then ordinary functions of
//! the unit's object, which already names each one as an import (the calls Cranelift emitted);
//! that import becomes the definition. Assembly would have to pass through the system
//! assembler, which may predate instructions LLVM emits (binutils 2.40 knows neither
//! AVX-VNNI-INT16 nor `rdrandl`); an object needs no assembler at all.

use std::collections::HashMap;

use cranelift_object::object::read::elf::ElfFile64;
use cranelift_object::object::read::{
    Object as _, ObjectSection as _, ObjectSymbol as _, RelocationTarget, SectionIndex, SymbolIndex,
};
use cranelift_object::object::write::{self, SectionId, SymbolId, SymbolSection};
use cranelift_object::object::{LittleEndian, SectionKind, SymbolFlags, SymbolKind, SymbolScope};

/// Adds the sections, symbols and relocations of the ELF object `bytes` to `into`.
pub fn merge(into: &mut write::Object<'static>, bytes: &[u8]) -> Result<(), String> {
    let bad = |e: cranelift_object::object::read::Error| format!("cannot read llc's object: {e}");
    let file = ElfFile64::<LittleEndian>::parse(bytes).map_err(bad)?;
    let mut sections: HashMap<SectionIndex, SectionId> = HashMap::new();
    for section in file.sections() {
        let kind = section.kind();
        let copied = matches!(
            kind,
            SectionKind::Text
                | SectionKind::Data
                | SectionKind::ReadOnlyData
                | SectionKind::ReadOnlyDataWithRel
                | SectionKind::ReadOnlyString
        );
        if !copied || section.size() == 0 {
            continue;
        }
        let name = section.name_bytes().map_err(bad)?.to_vec();
        let id = into.add_section(Vec::new(), name, kind);
        into.set_section_data(id, section.data().map_err(bad)?.to_vec(), section.align());
        sections.insert(section.index(), id);
    }
    let mut symbols: HashMap<SymbolIndex, SymbolId> = HashMap::new();
    for symbol in file.symbols() {
        let id = match symbol.section_index() {
            Some(index) if symbol.kind() == SymbolKind::Section => match sections.get(&index) {
                Some(&id) => into.section_symbol(id),
                None => continue,
            },
            Some(index) => {
                let Some(&section) = sections.get(&index) else { continue };
                let name = symbol.name_bytes().map_err(bad)?;
                let definition = write::Symbol {
                    name: name.to_vec(),
                    value: symbol.address(),
                    size: symbol.size(),
                    kind: symbol.kind(),
                    scope: symbol.scope(),
                    weak: symbol.is_weak(),
                    section: SymbolSection::Section(section),
                    flags: SymbolFlags::None,
                };
                match into.symbol_id(name) {
                    // The unit's import of this helper becomes its definition.
                    Some(id) => {
                        *into.symbol_mut(id) = definition;
                        id
                    }
                    None => into.add_symbol(definition),
                }
            }
            None if symbol.is_undefined() && symbol.kind() != SymbolKind::File => {
                let name = symbol.name_bytes().map_err(bad)?;
                if name.is_empty() {
                    continue;
                }
                into.symbol_id(name).unwrap_or_else(|| {
                    into.add_symbol(write::Symbol {
                        name: name.to_vec(),
                        value: 0,
                        size: 0,
                        kind: SymbolKind::Text,
                        scope: SymbolScope::Unknown,
                        weak: false,
                        section: SymbolSection::Undefined,
                        flags: SymbolFlags::None,
                    })
                })
            }
            None => continue,
        };
        symbols.insert(symbol.index(), id);
    }
    for section in file.sections() {
        let Some(&id) = sections.get(&section.index()) else { continue };
        for (offset, relocation) in section.relocations() {
            let RelocationTarget::Symbol(target) = relocation.target() else {
                return Err(format!("llc's object has a relocation at {offset:#x} without a symbol"));
            };
            let symbol = *symbols.get(&target).ok_or_else(|| {
                format!("llc's object refers to a symbol in a section fastclif drops ({target:?})")
            })?;
            let relocation =
                write::Relocation { offset, symbol, addend: relocation.addend(), flags: relocation.flags() };
            into.add_relocation(id, relocation).map_err(|e| format!("cannot copy llc's relocation: {e}"))?;
        }
    }
    Ok(())
}
