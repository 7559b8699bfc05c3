//! DWARF debug info of one codegen unit: line tables, subprograms in their namespaces,
//! arguments and variables in lexical blocks, and their types, in the shapes rustc's LLVM
//! backend writes (so gdb, lldb and the toolchain's pretty printers work unchanged).
//!
//! - `line`: source positions and line rows; `names`: namespaces and function names;
//!   `types` and `enums`: type entries, one per type and unit; `function`: a function's
//!   subprogram, variables and scopes.
//! - Translation (main thread) works through [`UnitDebug`], which holds the `TyCtxt`-keyed type
//!   cache: it records source positions and, once a function is translated, creates its
//!   entries ([`UnitDebug::describe_function`]). The worker thread, after Cranelift compiled the
//!   function, adds the code range, line rows and frame locations ([`DebugCx::add_function`]);
//!   `emit` writes the `.debug_*` sections.
//!
//! The `-Cdebuginfo` level decides how much: `line-directives-only` writes line rows,
//! `line-tables-only` and `limited` add the subprograms, `full` everything.

mod enums;
mod function;
mod line;
mod names;
mod types;

use cranelift_codegen::ir::SourceLoc;
use cranelift_codegen::{MachBufferFrameLayout, MachSrcLoc};
use cranelift_module::FuncId;
use cranelift_object::ObjectProduct;
use cranelift_object::object::SectionKind;
use cranelift_object::object::write::SymbolId;
use gimli::write::{AttributeValue, DwarfUnit, LineProgram, LineString, Range, RangeList, Sections};
use gimli::{Encoding, Format, LineEncoding};
use rustc_middle::ty::TyCtxt;
use rustc_session::config::{CrateType, DebugInfo};
use rustc_span::{RemapPathScopeComponents, Span};

use self::function::{Compiled, Detail};
pub use self::function::{FnDebugInfo, FnSource, LocOp, VarDesc, VarHome};
pub use self::line::{SourcePos, attach_materializations_to_users};
use self::types::{TypeCx, TypeMap};
use crate::dwarf_sections::{SectionWriter, func_address};

/// Debug information of one codegen unit, as it travels to the worker thread.
pub struct DebugCx {
    dwarf: DwarfUnit,
    files: line::Files,
    namespaces: names::Namespaces,
    ranges: Vec<Range>,
    detail: Detail,
    /// Whether to write `.debug_gdb_scripts` (the primary unit of a crate that embeds it).
    gdb_scripts: bool,
}

/// The unit's debug info while its functions are translated (main thread).
pub struct UnitDebug<'tcx> {
    pub cx: DebugCx,
    types: TypeMap<'tcx>,
    locator: line::Locator,
    /// The vtables already described.
    vtables: rustc_data_structures::fx::FxHashSet<cranelift_module::DataId>,
}

impl DebugCx {
    pub fn new(tcx: TyCtxt<'_>) -> Option<Self> {
        let detail = match tcx.sess.opts.debuginfo {
            DebugInfo::None => return None,
            DebugInfo::LineDirectivesOnly => Detail::Lines,
            DebugInfo::LineTablesOnly | DebugInfo::Limited => Detail::Names,
            DebugInfo::Full => Detail::Full,
        };
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
        let root = dwarf.unit.root();
        let root = dwarf.unit.get_mut(root);
        root.set(gimli::DW_AT_producer, types::inline_string(&producer));
        root.set(gimli::DW_AT_language, AttributeValue::Language(gimli::DW_LANG_Rust));
        root.set(gimli::DW_AT_name, types::inline_string(&name));
        root.set(gimli::DW_AT_comp_dir, types::inline_string(&comp_dir));
        root.set(gimli::DW_AT_low_pc, AttributeValue::Address(gimli::write::Address::Constant(0)));
        Some(DebugCx {
            dwarf,
            files: line::Files::default(),
            namespaces: names::Namespaces::default(),
            ranges: Vec::new(),
            detail,
            gdb_scripts: false,
        })
    }

    /// Records a compiled function: code range, line rows, frame locations.
    // Not inlined: `./y.sh bench debuginfo` measures the entry points of debug info work.
    #[inline(never)]
    pub fn add_function(
        &mut self,
        id: FuncId,
        code_size: u32,
        info: &FnDebugInfo,
        srclocs: &[MachSrcLoc],
        base: SourceLoc,
        frame: Option<&MachBufferFrameLayout>,
    ) {
        let start = func_address(id);
        let code = Compiled { start, code_size, srclocs, base, frame };
        function::finish(&mut self.dwarf.unit, info, &code);
        self.ranges.push(Range::StartLength { begin: start, length: code_size as u64 });
    }

    /// Writes the `.debug_*` sections into the finished object.
    // Not inlined: `./y.sh bench debuginfo` measures the entry points of debug info work.
    #[inline(never)]
    pub fn emit(mut self, product: &mut ObjectProduct) -> Result<(), String> {
        let ranges = self.dwarf.unit.ranges.add(RangeList(std::mem::take(&mut self.ranges)));
        let root = self.dwarf.unit.root();
        self.dwarf.unit.get_mut(root).set(gimli::DW_AT_ranges, AttributeValue::RangeListRef(ranges));
        let mut sections = Sections::new(SectionWriter::default());
        write_on_deep_enough_stack(&mut self.dwarf, &mut sections)?;
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
        })?;
        if self.gdb_scripts {
            // What rustc's LLVM backend embeds so that gdb auto-loads the Rust pretty printers
            // (a non-allocated section: the linker keeps it without a reference from code).
            let section =
                product.object.add_section(Vec::new(), b".debug_gdb_scripts".to_vec(), SectionKind::Debug);
            product.object.set_section_data(section, b"\x01gdb_load_rust_pretty_printers.py\0".to_vec(), 1);
        }
        Ok(())
    }
}

/// Entries nested deeper than this are written on a thread of their own: gimli lays out and
/// writes the entry tree recursively, one stack frame per level, and a generated function with
/// thousands of `let`s in a row nests a lexical block per `let` (MIR opens a scope at each), which
/// overflowed the 2 MiB stack of rustc's codegen threads at 10,000 levels.
const DEEPEST_ON_CALLER_STACK: usize = 1_000;
/// Stack per level of nesting for that thread: gimli's frames per level measure well under
/// 1 KiB; only the pages the recursion touches become resident.
const STACK_PER_LEVEL: usize = 2 * 1024;
const STACK_BASE: usize = 4 * 1024 * 1024;

fn write_on_deep_enough_stack(
    dwarf: &mut DwarfUnit,
    sections: &mut Sections<SectionWriter>,
) -> Result<(), String> {
    let depth = entry_depth(&dwarf.unit);
    let mut write = move || dwarf.write(sections).map_err(|err| format!("cannot write debug info: {err}"));
    if depth <= DEEPEST_ON_CALLER_STACK {
        return write();
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("fastclif dwarf".into())
            .stack_size(STACK_BASE + depth * STACK_PER_LEVEL)
            .spawn_scoped(scope, write)
            .map_err(|err| format!("cannot start a thread to write debug info nested {depth} deep: {err}"))?
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// How deep the unit's entries nest (the root is at depth 1), found without recursion.
fn entry_depth(unit: &gimli::write::Unit) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(unit.root(), 1)];
    while let Some((id, depth)) = pending.pop() {
        deepest = deepest.max(depth);
        pending.extend(unit.get(id).children().map(|child| (*child, depth + 1)));
    }
    deepest
}

impl<'tcx> UnitDebug<'tcx> {
    /// `primary`: the unit rustc marks primary carries `.debug_gdb_scripts`.
    pub fn new(tcx: TyCtxt<'tcx>, primary: bool) -> Option<Self> {
        let mut cx = DebugCx::new(tcx)?;
        let embeds = tcx.crate_types().iter().any(|t| {
            matches!(t, CrateType::Executable | CrateType::Dylib | CrateType::Cdylib | CrateType::StaticLib)
        });
        cx.gdb_scripts = primary && embeds && tcx.sess.target.emit_debug_gdb_scripts;
        Some(UnitDebug {
            cx,
            types: TypeMap::default(),
            locator: Default::default(),
            vtables: Default::default(),
        })
    }

    /// Whether variables and types are described (`-Cdebuginfo=2`): then every named local
    /// needs a memory home.
    pub fn full(&self) -> bool {
        self.cx.detail == Detail::Full
    }

    /// The position of `span` in scope `scope`, seen from the body of the function spanning
    /// `fn_span`.
    // Not inlined: `./y.sh bench debuginfo` measures the entry points of debug info work.
    #[inline(never)]
    pub fn position(&mut self, tcx: TyCtxt<'tcx>, fn_span: Span, span: Span, scope: u32) -> SourcePos {
        self.locator.position(
            &mut self.cx.files,
            &mut self.cx.dwarf.unit.line_program,
            tcx,
            fn_span,
            span,
            scope,
        )
    }

    /// Creates the entries of a translated function (see `function::describe`).
    // Not inlined: `./y.sh bench debuginfo` measures the entry points of debug info work.
    #[inline(never)]
    pub fn describe_function(
        &mut self,
        tcx: TyCtxt<'tcx>,
        source: FnSource<'_, 'tcx>,
        decl: SourcePos,
        positions: Vec<SourcePos>,
        fn_span: Span,
    ) -> FnDebugInfo {
        let var_decls: Vec<SourcePos> =
            source.vars.iter().map(|v| self.position(tcx, fn_span, v.span, v.scope)).collect();
        let detail = self.cx.detail;
        function::describe(&mut self.type_cx(tcx), detail, source, decl, positions, &var_decls)
    }

    /// The unit's type describer, over the unit's entries, namespaces and type cache.
    fn type_cx(&mut self, tcx: TyCtxt<'tcx>) -> TypeCx<'_, 'tcx> {
        let cx = &mut self.cx;
        TypeCx { tcx, unit: &mut cx.dwarf.unit, ns: &mut cx.namespaces, map: &mut self.types }
    }

    /// Describes the vtable of `ty` for `principal` held by data object `data` (full debug info
    /// only, once per object).
    pub fn vtable(
        &mut self,
        tcx: TyCtxt<'tcx>,
        ty: rustc_middle::ty::Ty<'tcx>,
        principal: Option<rustc_middle::ty::ExistentialTraitRef<'tcx>>,
        data: cranelift_module::DataId,
    ) {
        if self.cx.detail != Detail::Full || !self.vtables.insert(data) {
            return;
        }
        self.type_cx(tcx).vtable(ty, principal, crate::dwarf_sections::data_address(data));
    }

    pub fn into_unit(self) -> DebugCx {
        self.cx
    }
}

#[cfg(test)]
mod tests {
    use gimli::write::{DwarfUnit, Sections};
    use gimli::{Encoding, Format};

    use super::{SectionWriter, entry_depth, write_on_deep_enough_stack};

    /// A unit whose lexical blocks nest `levels` deep under the root, with a variable in each.
    fn nested_unit(levels: usize) -> DwarfUnit {
        let mut dwarf = DwarfUnit::new(Encoding { format: Format::Dwarf32, version: 4, address_size: 8 });
        let mut parent = dwarf.unit.root();
        for _ in 0..levels {
            parent = dwarf.unit.add(parent, gimli::DW_TAG_lexical_block);
            dwarf.unit.add(parent, gimli::DW_TAG_variable);
        }
        dwarf
    }

    #[test]
    fn measures_nesting() {
        assert_eq!(entry_depth(&nested_unit(0).unit), 1);
        // The deepest variable sits below the deepest block.
        assert_eq!(entry_depth(&nested_unit(3).unit), 5);
    }

    #[test]
    fn writes_deep_nesting_from_a_small_stack() {
        // 30,000 levels from a thread of 256 KiB, far less than gimli's recursion needs.
        let written = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let mut dwarf = nested_unit(30_000);
                let mut sections = Sections::new(SectionWriter::default());
                write_on_deep_enough_stack(&mut dwarf, &mut sections).map(|()| sections.debug_info.is_empty())
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(written, Ok(false));
    }
}
