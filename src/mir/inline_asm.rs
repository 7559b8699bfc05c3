//! Inline assembly (`asm!`).
//!
//! Templates without instructions (optimization barriers such as `asm!("/* {0} */", inout(reg)
//! x)`) need no code: inputs flow unchanged into in-out outputs. Real instructions go into a
//! small wrapper function written as assembly text (`crate::asm_object`): it saves the
//! callee-saved registers, loads every input from a memory block whose address it receives,
//! runs the template with the operands' registers filled in, stores the outputs back and
//! returns. The Rust function calls the wrapper like any function, so Cranelift needs to know
//! nothing about the registers involved.

use cranelift_codegen::ir::{InstBuilder, TrapCode};
use rustc_ast::{InlineAsmOptions, InlineAsmTemplatePiece};
use rustc_middle::mir::{BasicBlock, InlineAsmOperand};

use super::fx::FnCx;
use super::operand::{operand, place};
use crate::error::CgResult;

/// The template's text with placeholders, minus comments and blank space.
fn instructions(template: &[InlineAsmTemplatePiece]) -> String {
    let mut text = String::new();
    for piece in template {
        match piece {
            InlineAsmTemplatePiece::String(s) => text.push_str(s),
            InlineAsmTemplatePiece::Placeholder { .. } => text.push_str("{}"),
        }
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out.lines()
        .map(|line| {
            let line = line.split("//").next().unwrap_or("");
            let line = line.split('#').next().unwrap_or("");
            line.trim()
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn lower_inline_asm<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    template: &[InlineAsmTemplatePiece],
    operands: &[InlineAsmOperand<'tcx>],
    options: InlineAsmOptions,
    targets: &[BasicBlock],
) -> CgResult<()> {
    let code = instructions(template);
    if code.is_empty() {
        lower_barrier(fx, operands)?;
    } else if fx.tcx.sess.target.arch == rustc_target::spec::Arch::X86_64 {
        super::asm_wrapper::lower_with_wrapper(fx, template, operands, options)?;
    } else {
        return Err(fx.unsupported(format!("inline assembly on this target (`{code}`)")));
    }
    match targets.first() {
        Some(bb) if !options.contains(InlineAsmOptions::NORETURN) => {
            let block = fx.blocks[*bb];
            fx.bcx.ins().jump(block, &[]);
        }
        _ => {
            fx.bcx.ins().trap(TrapCode::unwrap_user(1));
        }
    }
    Ok(())
}

fn lower_barrier<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, operands: &[InlineAsmOperand<'tcx>]) -> CgResult<()> {
    for op in operands {
        match op {
            InlineAsmOperand::InOut { in_value, out_place: Some(out), .. } => {
                let val = operand(fx, in_value)?;
                let dest = place(fx, *out)?;
                dest.write_transmute(fx, val);
            }
            InlineAsmOperand::Label { .. } => {
                return Err(fx.unsupported("inline assembly with labels"));
            }
            // Inputs are read by nothing; pure outputs hold unspecified values.
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_span::DUMMY_SP;

    fn piece(s: &'static str) -> InlineAsmTemplatePiece {
        InlineAsmTemplatePiece::String(s.into())
    }

    #[test]
    fn comment_only_templates_have_no_instructions() {
        let hole =
            InlineAsmTemplatePiece::Placeholder { operand_idx: 0, modifier: Some('e'), span: DUMMY_SP };
        assert_eq!(instructions(&[piece("/*"), hole.clone(), piece("*/")]), "");
        assert_eq!(instructions(&[piece("  # just a note\n")]), "");
        assert_eq!(instructions(&[piece("nop")]), "nop");
        assert_eq!(instructions(&[piece("/* a */ mov "), hole, piece(", 1")]), "mov {}, 1");
    }
}
