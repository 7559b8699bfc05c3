//! Source positions and the line table.
//!
//! Translation interns source files and turns spans into [`SourcePos`]es (one per MIR statement
//! or terminator, with the source scope it belongs to). After Cranelift compiled a function,
//! [`write_rows`] turns its machine-code-offset → position map into line rows the way LLVM does at
//! `-O0`: a row at the entry with the declaration line, `prologue_end` on the first row of the
//! body, and `is_stmt` wherever the line changes.

use cranelift_codegen::MachSrcLoc;
use cranelift_codegen::entity::EntitySet;
use cranelift_codegen::ir::{BlockArg, Function, Opcode, SourceLoc, Value};
use gimli::write::{Address, FileId, LineProgram, LineString};
use rustc_data_structures::fx::FxHashMap;
use rustc_middle::ty::TyCtxt;
use std::sync::Arc;

use rustc_span::{BytePos, FileName, Pos, RemapPathScopeComponents, SourceFile, Span, hygiene};

/// A source position: file, 1-based line and column, and the MIR source scope of the code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SourcePos {
    pub file: FileId,
    pub line: u64,
    pub column: u64,
    pub scope: u32,
}

/// The unit's source files, interned into its line program.
#[derive(Default)]
pub struct Files {
    /// By the file's first position in the source map (cheap to hash, unique per file).
    by_start: FxHashMap<BytePos, FileId>,
    ids: FxHashMap<String, FileId>,
}

/// Turns spans into positions on the translating thread (it holds source files, which stay
/// there), remembering what consecutive lookups share.
#[derive(Default)]
pub struct Locator {
    /// The last lookup: consecutive statements often share their span.
    last: Option<(Span, Span, SourcePos)>,
    /// The file of the last lookup and its id: a function's positions are mostly in one file,
    /// and asking the source map costs a search over all files and a reference count.
    current: Option<(Arc<SourceFile>, FileId)>,
}

impl Files {
    pub fn file_id(&mut self, program: &mut LineProgram, file: &SourceFile) -> FileId {
        if let Some(id) = self.by_start.get(&file.start_pos) {
            return *id;
        }
        let id = self.intern(program, file);
        self.by_start.insert(file.start_pos, id);
        id
    }

    fn intern(&mut self, program: &mut LineProgram, file: &SourceFile) -> FileId {
        let path = match &file.name {
            FileName::Real(real) => {
                real.path(RemapPathScopeComponents::DEBUGINFO).to_string_lossy().into_owned()
            }
            other => other.prefer_remapped_unconditionally().to_string(),
        };
        if let Some(id) = self.ids.get(&path) {
            return *id;
        }
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
        self.ids.insert(path, id);
        id
    }
}

impl Locator {
    /// The position of `span`, seen from the body of the function spanning `fn_span`
    /// (macro expansions collapse to their call site inside the function).
    pub fn position(
        &mut self,
        files: &mut Files,
        program: &mut LineProgram,
        tcx: TyCtxt<'_>,
        fn_span: Span,
        span: Span,
        scope: u32,
    ) -> SourcePos {
        if let Some((last_span, last_fn, pos)) = self.last
            && last_span == span
            && last_fn == fn_span
        {
            return SourcePos { scope, ..pos };
        }
        let pos = self.lookup(files, program, tcx, fn_span, span, scope);
        self.last = Some((span, fn_span, pos));
        pos
    }

    fn lookup(
        &mut self,
        files: &mut Files,
        program: &mut LineProgram,
        tcx: TyCtxt<'_>,
        fn_span: Span,
        span: Span,
        scope: u32,
    ) -> SourcePos {
        let span = hygiene::walk_chain_collapsed(span, fn_span);
        let lo = span.lo();
        let (sf, file) = match self.current.take() {
            Some((sf, file)) if sf.contains(lo) => (sf, file),
            _ => {
                let sf = tcx.sess.source_map().lookup_source_file(lo);
                let file = files.file_id(program, &sf);
                (sf, file)
            }
        };
        let relative = sf.relative_position(lo);
        let pos = match sf.lookup_line(relative) {
            Some(line) => {
                let column = (relative - sf.lines()[line]).to_u32();
                SourcePos { file, line: line as u64 + 1, column: column as u64 + 1, scope }
            }
            None => SourcePos { file, line: 0, column: 0, scope },
        };
        self.current = Some((sf, file));
        pos
    }
}

/// The position of each machine-code range of a compiled function: `(start offset, position)`
/// in address order, the gaps Cranelift leaves (code without a source location) attributed to
/// the position before them. The prologue (before the first located instruction) is `None`.
pub fn code_positions<'a>(
    srclocs: &'a [MachSrcLoc],
    base: SourceLoc,
    positions: &'a [SourcePos],
) -> impl Iterator<Item = (u32, &'a SourcePos)> + 'a {
    srclocs.iter().filter_map(move |loc| {
        let abs = if loc.loc.is_rel() { loc.loc.relocate(base) } else { loc.loc.as_abs() };
        if abs.is_default() {
            return None;
        }
        positions.get(abs.bits() as usize).map(|pos| (loc.start, pos))
    })
}

/// Writes the line rows of one function starting at `start`.
pub fn write_rows(
    program: &mut LineProgram,
    start: Address,
    code_size: u32,
    decl: SourcePos,
    body: impl Iterator<Item = (u32, SourcePos)>,
) {
    program.begin_sequence(Some(start));
    // The entry: the declaration line, as LLVM gives the prologue.
    let row = program.row();
    row.address_offset = 0;
    row.file = decl.file;
    row.line = decl.line;
    row.column = decl.column;
    row.is_statement = true;
    program.generate_row();
    let mut last = (decl.file, decl.line, decl.column);
    let mut in_prologue = true;
    for (offset, pos) in body {
        if !in_prologue && (pos.file, pos.line, pos.column) == last {
            continue;
        }
        let row = program.row();
        row.address_offset = offset as u64;
        row.file = pos.file;
        row.line = pos.line;
        row.column = pos.column;
        // A new statement where the line changes (LLVM -O0); the body's first row ends the
        // prologue, so that `break fn` and `step` into a call stop there.
        row.is_statement = in_prologue || pos.line != last.1 || pos.file != last.0;
        row.prologue_end = in_prologue;
        in_prologue = false;
        program.generate_row();
        last = (pos.file, pos.line, pos.column);
    }
    program.end_sequence(code_size as u64);
}

/// LLVM at `-O0` folds constants and the addresses of stack slots, functions and data into the
/// instructions that use them, so they belong to the user's line and column. Cranelift
/// materializes them where translation created them, often a statement earlier; giving each the
/// source position of the next instruction that is no such materialization makes line rows (and
/// with them breakpoints and stepping) start where LLVM's do.
///
/// A constant passed along a branch is kept: it is what an assignment to a variable that lives
/// in several blocks leaves, where LLVM stores into the variable's stack slot.
#[inline(never)]
pub fn attach_materializations_to_users(func: &mut Function) {
    let func = &mut func.stencil;
    let mut passed = EntitySet::<Value>::with_capacity(func.dfg.num_values());
    for block in func.layout.blocks() {
        let Some(inst) = func.layout.last_inst(block) else { continue };
        let data = &func.dfg.insts[inst];
        for call in data.branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables) {
            for arg in call.args(&func.dfg.value_lists) {
                if let BlockArg::Value(v) = arg {
                    passed.insert(v);
                }
            }
        }
    }
    let mut block = func.layout.entry_block();
    while let Some(b) = block {
        let mut next = None;
        let mut inst = func.layout.last_inst(b);
        while let Some(i) = inst {
            let folded = matches!(
                func.dfg.insts[i].opcode(),
                Opcode::Iconst
                    | Opcode::F16const
                    | Opcode::F32const
                    | Opcode::F64const
                    | Opcode::F128const
                    | Opcode::Vconst
                    | Opcode::StackAddr
                    | Opcode::FuncAddr
                    | Opcode::SymbolValue
            );
            let is_passed = || func.dfg.inst_results(i).first().is_some_and(|v| passed.contains(*v));
            match next {
                Some(loc) if folded && !is_passed() => func.srclocs[i] = loc,
                _ => next = Some(func.srclocs[i]),
            }
            inst = func.layout.prev_inst(i);
        }
        block = func.layout.next_block(b);
    }
}
