//! DWARF line tables and function entries, so that debuggers can set breakpoints by line,
//! step through code and show symbolized backtraces. (Variables and types are not described
//! yet.)
//!
//! Translation (main thread) interns source files and records, per function, the source
//! position of each MIR statement; compilation (worker thread) turns Cranelift's
//! machine-code-offset → position map into line rows; `emit` writes the `.debug_*` sections.

use cranelift_codegen::MachSrcLoc;
use cranelift_module::FuncId;
use cranelift_object::ObjectProduct;
use cranelift_object::object::SectionKind;
use cranelift_object::object::write::SymbolId;
use gimli::write::{
    Address, AttributeValue, DwarfUnit, FileId, LineProgram, LineString, Range, RangeList, Sections,
};
use gimli::{Encoding, Format, LineEncoding};
use rustc_data_structures::fx::FxHashMap;
use rustc_middle::ty::TyCtxt;
use rustc_session::config::DebugInfo;
use rustc_span::{FileName, Pos, RemapPathScopeComponents, SourceFile, Span, hygiene};

use crate::dwarf_sections::{SectionWriter, func_address};

/// A source position: file, 1-based line and column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SourcePos {
    pub file: FileId,
    pub line: u64,
    pub column: u64,
}

/// What translation learned about one function's source.
pub struct FnDebugInfo {
    pub name: String,
    pub linkage_name: String,
    pub decl: SourcePos,
    /// Indexed by the `SourceLoc` numbers attached to CLIF instructions.
    pub positions: Vec<SourcePos>,
}

/// Debug information of one codegen unit.
pub struct DebugCx {
    dwarf: DwarfUnit,
    files: FxHashMap<String, FileId>,
    ranges: Vec<Range>,
}

impl DebugCx {
    pub fn new(tcx: TyCtxt<'_>) -> Option<Self> {
        if tcx.sess.opts.debuginfo == DebugInfo::None {
            return None;
        }
        // -Cdwarf-version (2 to 5, checked by rustc), by default the target's (4).
        let version = tcx.sess.dwarf_version() as u16;
        let encoding = Encoding { format: Format::Dwarf32, version, address_size: 8 };
        let mut dwarf = DwarfUnit::new(encoding);
        let comp_dir = tcx
            .sess
            .source_map()
            .working_dir()
            .path(RemapPathScopeComponents::DEBUGINFO)
            .to_string_lossy()
            .into_owned();
        let name = match tcx.sess.local_crate_source_file() {
            Some(path) => path.path(RemapPathScopeComponents::DEBUGINFO).to_string_lossy().into_owned(),
            None => tcx.crate_name(rustc_hir::def_id::LOCAL_CRATE).to_string(),
        };
        dwarf.unit.line_program = LineProgram::new(
            encoding,
            LineEncoding::default(),
            LineString::String(comp_dir.clone().into_bytes()),
            None,
            LineString::String(name.clone().into_bytes()),
            None,
        );
        let producer =
            format!("fastclif {} (rustc {})", env!("CARGO_PKG_VERSION"), rustc_session::config::host_tuple());
        let producer = dwarf.strings.add(producer);
        let name = dwarf.strings.add(name);
        let comp_dir = dwarf.strings.add(comp_dir);
        let root = dwarf.unit.root();
        let root = dwarf.unit.get_mut(root);
        root.set(gimli::DW_AT_producer, AttributeValue::StringRef(producer));
        root.set(gimli::DW_AT_language, AttributeValue::Language(gimli::DW_LANG_Rust));
        root.set(gimli::DW_AT_name, AttributeValue::StringRef(name));
        root.set(gimli::DW_AT_comp_dir, AttributeValue::StringRef(comp_dir));
        root.set(gimli::DW_AT_low_pc, AttributeValue::Address(Address::Constant(0)));
        Some(DebugCx { dwarf, files: FxHashMap::default(), ranges: Vec::new() })
    }

    fn file_id(&mut self, file: &SourceFile) -> FileId {
        let path = match &file.name {
            FileName::Real(real) => {
                real.path(RemapPathScopeComponents::DEBUGINFO).to_string_lossy().into_owned()
            }
            other => other.prefer_remapped_unconditionally().to_string(),
        };
        if let Some(id) = self.files.get(&path) {
            return *id;
        }
        let program = &mut self.dwarf.unit.line_program;
        let (dir, name) = match path.rfind('/') {
            Some(i) if i > 0 => (path[..i].to_string(), path[i + 1..].to_string()),
            _ => (String::new(), path.clone()),
        };
        let dir_id = if dir.is_empty() {
            program.default_directory()
        } else {
            program.add_directory(LineString::String(dir.into_bytes()))
        };
        let name = if name.is_empty() { "<unknown>".to_string() } else { name };
        let id = program.add_file(LineString::String(name.into_bytes()), dir_id, None);
        self.files.insert(path, id);
        id
    }

    /// The position of `span`, seen from the body of the function spanning `fn_span`
    /// (macro expansions collapse to their call site inside the function).
    pub fn position(&mut self, tcx: TyCtxt<'_>, fn_span: Span, span: Span) -> SourcePos {
        let span = hygiene::walk_chain_collapsed(span, fn_span);
        match tcx.sess.source_map().lookup_line(span.lo()) {
            Ok(found) => {
                let file = self.file_id(&found.sf);
                let line_start = found.sf.lines()[found.line];
                let column = (found.sf.relative_position(span.lo()) - line_start).to_u32();
                SourcePos { file, line: found.line as u64 + 1, column: column as u64 + 1 }
            }
            Err(sf) => SourcePos { file: self.file_id(&sf), line: 0, column: 0 },
        }
    }

    /// Records a compiled function: its entry and its line rows.
    pub fn add_function(
        &mut self,
        id: FuncId,
        code_size: u32,
        info: &FnDebugInfo,
        srclocs: &[MachSrcLoc],
        base: cranelift_codegen::ir::SourceLoc,
    ) {
        let start = func_address(id);
        let program = &mut self.dwarf.unit.line_program;
        program.begin_sequence(Some(start));
        let mut last = None;
        for loc in srclocs {
            let abs = if loc.loc.is_rel() { loc.loc.relocate(base) } else { loc.loc.as_abs() };
            if abs.is_default() {
                continue;
            }
            let Some(pos) = info.positions.get(abs.bits() as usize) else { continue };
            if last == Some((*pos, loc.start)) {
                continue;
            }
            let row = program.row();
            row.address_offset = loc.start as u64;
            row.file = pos.file;
            row.line = pos.line;
            row.column = pos.column;
            program.generate_row();
            last = Some((*pos, loc.start));
        }
        program.end_sequence(code_size as u64);

        let name = self.dwarf.strings.add(info.name.as_str());
        let linkage = self.dwarf.strings.add(info.linkage_name.as_str());
        let root = self.dwarf.unit.root();
        let entry = self.dwarf.unit.add(root, gimli::DW_TAG_subprogram);
        let entry = self.dwarf.unit.get_mut(entry);
        entry.set(gimli::DW_AT_name, AttributeValue::StringRef(name));
        entry.set(gimli::DW_AT_linkage_name, AttributeValue::StringRef(linkage));
        entry.set(gimli::DW_AT_low_pc, AttributeValue::Address(start));
        entry.set(gimli::DW_AT_high_pc, AttributeValue::Udata(code_size as u64));
        entry.set(gimli::DW_AT_decl_file, AttributeValue::FileIndex(Some(info.decl.file)));
        entry.set(gimli::DW_AT_decl_line, AttributeValue::Udata(info.decl.line));
        self.ranges.push(Range::StartLength { begin: start, length: code_size as u64 });
    }

    /// Writes the `.debug_*` sections into the finished object.
    pub fn emit(mut self, product: &mut ObjectProduct) -> Result<(), String> {
        let ranges = self.dwarf.unit.ranges.add(RangeList(std::mem::take(&mut self.ranges)));
        let root = self.dwarf.unit.root();
        self.dwarf.unit.get_mut(root).set(gimli::DW_AT_ranges, AttributeValue::RangeListRef(ranges));
        let mut sections = Sections::new(SectionWriter::default());
        self.dwarf.write(&mut sections).map_err(|err| format!("cannot write debug info: {err}"))?;
        // Create every non-empty section first, so cross-section offsets can name them.
        let mut created: Vec<(gimli::SectionId, cranelift_object::object::write::SectionId)> = Vec::new();
        sections.for_each_mut(|id, writer| {
            if !writer.is_empty() {
                created.push((id, writer.add_section(product, id.name(), SectionKind::Debug, 1)));
            }
            Ok::<(), String>(())
        })?;
        let symbols: Vec<(gimli::SectionId, SymbolId)> =
            created.iter().map(|(id, s)| (*id, product.object.section_symbol(*s))).collect();
        let lookup = |id: gimli::SectionId| symbols.iter().find(|(s, _)| *s == id).map(|(_, sym)| *sym);
        sections.for_each(|id, writer| match created.iter().find(|(s, _)| *s == id) {
            Some((_, section)) => writer.relocate_into(product, *section, &lookup),
            None => Ok(()),
        })
    }
}
