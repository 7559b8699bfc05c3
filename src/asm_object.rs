//! Assembly text a codegen unit needs besides its Cranelift code (`asm!` wrappers, `global_asm!`,
//! naked functions, intrinsic helpers), assembled by the system assembler into a second object
//! that rustc links next to the unit's own (`CompiledModule::global_asm_object`). It also carries
//! the unit's requests for helpers that LLVM generates (`crate::llvm_helpers`), which become part
//! of the unit's own object instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use rustc_session::Session;
use rustc_span::Span;

use crate::llvm_helpers::{Helper, LlvmHelpers};

#[derive(Default)]
pub struct AsmText {
    /// Makes symbol names unique across the crate's codegen units.
    cgu: String,
    text: String,
    next: u32,
    /// Shared helpers already emitted, by key.
    helpers: std::collections::HashMap<String, String>,
    /// Helpers for LLVM to generate at emission.
    pub llvm: LlvmHelpers,
}

impl AsmText {
    pub fn new(cgu: &str) -> Self {
        // Symbol-friendly: codegen unit names contain dashes and dots.
        let cgu = cgu.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        AsmText { cgu, text: String::new(), next: 0, helpers: Default::default(), llvm: Default::default() }
    }

    /// A symbol name for a new piece of this unit's assembly, e.g. `__fastclif_asm.<cgu>.3`.
    pub fn fresh_symbol(&mut self, kind: &str) -> String {
        self.next += 1;
        format!("__fastclif_{kind}.{}.{}", self.cgu, self.next)
    }

    /// The symbol of the shared helper `key`, and whether it is new (its text still to be
    /// pushed by the caller).
    pub fn helper(&mut self, key: &str) -> (String, bool) {
        if let Some(symbol) = self.helpers.get(key) {
            return (symbol.clone(), false);
        }
        let symbol = self.fresh_symbol("helper");
        self.helpers.insert(key.to_string(), symbol.clone());
        (symbol, true)
    }

    /// The symbol of the LLVM-generated helper for `helper` (`span`: a call site).
    pub fn llvm_helper(&mut self, sess: &Session, helper: Helper, span: Span) -> String {
        if let Some(symbol) = self.llvm.symbol(&helper) {
            return symbol.to_string();
        }
        let symbol = self.fresh_symbol("llvm");
        self.llvm.add(sess, helper, symbol.clone(), span);
        symbol
    }

    /// Adds a global, hidden function `symbol` in a section of its own. `body` is everything
    /// between `.cfi_startproc` and `.cfi_endproc`, including the `ret`.
    pub fn push_function(&mut self, symbol: &str, body: &str) {
        self.push(&format!(
            ".pushsection .text.{symbol},\"ax\",@progbits\n.p2align 4\n.globl {symbol}\n.hidden {symbol}\n\
             .type {symbol},@function\n{symbol}:\n.cfi_startproc\n{}\n.cfi_endproc\n.size {symbol}, .-{symbol}\n\
             .popsection",
            body.trim_end()
        ));
    }

    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        if !text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// The text gathered so far (for `--emit=asm` listings).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Assembles the text next to `object` (as `<object>.asm.o`); `None` when there is none.
    pub fn assemble(&self, object: &Path) -> Result<Option<PathBuf>, String> {
        if self.is_empty() {
            return Ok(None);
        }
        let source = object.with_extension("asm.s");
        let output = object.with_extension("asm.o");
        let text =
            format!(".intel_syntax noprefix\n{}\n.section .note.GNU-stack,\"\",@progbits\n", self.text);
        std::fs::write(&source, text).map_err(|e| format!("cannot write {}: {e}", source.display()))?;
        let assembler = crate::options::assembler()?;
        let result = Command::new(&assembler)
            .args(["--64", "-o"])
            .arg(&output)
            .arg(&source)
            .output()
            .map_err(|e| format!("cannot run the assembler `{assembler}` for inline assembly: {e}"))?;
        if !result.status.success() {
            return Err(format!(
                "the assembler rejected inline assembly ({}):\n{}",
                source.display(),
                String::from_utf8_lossy(&result.stderr)
            ));
        }
        Ok(Some(output))
    }
}
