//! `--emit=asm`: a listing of the machine code of every function of a codegen unit, as
//! Cranelift prints it after register allocation (AT&T syntax, one label per block), followed
//! by the unit's own assembly text (`asm!` wrappers, `global_asm!`, intrinsic helpers).
//!
//! It is a listing for people, not input for an assembler: Cranelift's printout names blocks
//! per function (`block0:` in every function) and shows unwind pseudo-instructions.

use std::fmt::Write;

use cranelift_codegen::CompiledCode;

/// Appends `symbol`'s code to the listing.
pub fn add_function(listing: &mut String, symbol: &str, code: &CompiledCode) {
    let Some(text) = code.vcode.as_deref() else { return };
    let _ = writeln!(listing, "\t.p2align 4\n\t.type {symbol},@function\n{symbol}:");
    for line in text.lines() {
        let _ = writeln!(listing, "{line}");
    }
    let _ = writeln!(listing, "\t.size {symbol}, {}\n", code.buffer.total_size());
}

/// The whole listing of a unit: its functions, then its own assembly text.
pub fn finish(mut functions: String, unit_asm: &str) -> String {
    if !unit_asm.is_empty() {
        functions.push_str("\n# the unit's assembly text (inline assembly, global_asm!, helpers)\n");
        functions.push_str(".intel_syntax noprefix\n");
        functions.push_str(unit_asm);
    }
    functions
}
