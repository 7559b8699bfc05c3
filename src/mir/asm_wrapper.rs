//! `asm!` with real instructions on x86-64: the wrapper-function scheme described in
//! `inline_asm`. The memory block holds one slot per register operand (8 bytes for general
//! and mask registers, 16 for xmm, 32 for ymm, 64 for zmm); the wrapper gets its address in
//! `rdi`.

use std::fmt::Write;

use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature};
use cranelift_module::{Linkage, Module};
use rustc_ast::{InlineAsmOptions, InlineAsmTemplatePiece};
use rustc_middle::mir::InlineAsmOperand;
use rustc_middle::ty::{self, Instance};
use rustc_target::asm::{
    InlineAsmArch, InlineAsmReg, InlineAsmRegClass, InlineAsmRegOrRegClass, X86InlineAsmReg,
    X86InlineAsmRegClass,
};

use super::fx::FnCx;
use super::operand::{operand, place};
use super::value::{Place, Val};
use crate::error::CgResult;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bank {
    Gpr,
    Xmm,
    Ymm,
    Zmm,
    /// AVX-512 mask registers `k1`..`k7`.
    Mask,
}

impl Bank {
    fn slot_size(self) -> u32 {
        match self {
            Bank::Gpr | Bank::Mask => 8,
            Bank::Xmm => 16,
            Bank::Ymm => 32,
            Bank::Zmm => 64,
        }
    }

    /// The register file: xmm, ymm and zmm name parts of the same vector registers.
    fn file(self) -> usize {
        match self {
            Bank::Gpr => 0,
            Bank::Xmm | Bank::Ymm | Bank::Zmm => 1,
            Bank::Mask => 2,
        }
    }
}

const GPR64: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15",
];

/// Physical register behind an operand register: bank and index (GPRs in hardware order,
/// vector registers by number). `None` for registers the wrapper cannot carry values in.
fn physical(reg: X86InlineAsmReg) -> Option<(Bank, u8)> {
    let name = reg.name();
    let gpr = |root: &str| {
        GPR64.iter().position(|g| g.trim_start_matches('r') == root || *g == root).map(|i| i as u8)
    };
    let (bank, index) = match name {
        "ax" | "al" | "ah" => (Bank::Gpr, 0),
        "cx" | "cl" | "ch" => (Bank::Gpr, 1),
        "dx" | "dl" | "dh" => (Bank::Gpr, 2),
        "bx" | "bl" | "bh" => (Bank::Gpr, 3),
        "si" | "sil" => (Bank::Gpr, 6),
        "di" | "dil" => (Bank::Gpr, 7),
        _ if name.starts_with("xmm") => (Bank::Xmm, name[3..].parse().ok()?),
        _ if name.starts_with("ymm") => (Bank::Ymm, name[3..].parse().ok()?),
        _ if name.starts_with("zmm") => (Bank::Zmm, name[3..].parse().ok()?),
        // `k0` cannot be a mask operand; rustc offers it only as a clobber.
        _ if name.starts_with('k') => (Bank::Mask, name[1..].parse().ok().filter(|&k: &u8| k != 0)?),
        _ if name.starts_with('r') => (Bank::Gpr, gpr(name.trim_end_matches('b'))?),
        _ => return None,
    };
    Some((bank, index))
}

/// Registers handed to class operands, in order of preference (caller-saved first).
fn class_candidates(class: X86InlineAsmRegClass) -> Option<&'static [X86InlineAsmReg]> {
    use X86InlineAsmReg as R;
    Some(match class {
        X86InlineAsmRegClass::reg => &[
            R::ax,
            R::cx,
            R::dx,
            R::si,
            R::di,
            R::r8,
            R::r9,
            R::r10,
            R::r11,
            R::r12,
            R::r13,
            R::r14,
            R::r15,
            R::bx,
        ],
        X86InlineAsmRegClass::reg_abcd => &[R::ax, R::cx, R::dx, R::bx],
        X86InlineAsmRegClass::reg_byte => &[
            R::al,
            R::cl,
            R::dl,
            R::sil,
            R::dil,
            R::r8b,
            R::r9b,
            R::r10b,
            R::r11b,
            R::r12b,
            R::r13b,
            R::r14b,
            R::r15b,
            R::bl,
        ],
        X86InlineAsmRegClass::xmm_reg => &[
            R::xmm0,
            R::xmm1,
            R::xmm2,
            R::xmm3,
            R::xmm4,
            R::xmm5,
            R::xmm6,
            R::xmm7,
            R::xmm8,
            R::xmm9,
            R::xmm10,
            R::xmm11,
            R::xmm12,
            R::xmm13,
            R::xmm14,
            R::xmm15,
        ],
        X86InlineAsmRegClass::ymm_reg => &[
            R::ymm0,
            R::ymm1,
            R::ymm2,
            R::ymm3,
            R::ymm4,
            R::ymm5,
            R::ymm6,
            R::ymm7,
            R::ymm8,
            R::ymm9,
            R::ymm10,
            R::ymm11,
            R::ymm12,
            R::ymm13,
            R::ymm14,
            R::ymm15,
        ],
        X86InlineAsmRegClass::zmm_reg => &[
            R::zmm0,
            R::zmm1,
            R::zmm2,
            R::zmm3,
            R::zmm4,
            R::zmm5,
            R::zmm6,
            R::zmm7,
            R::zmm8,
            R::zmm9,
            R::zmm10,
            R::zmm11,
            R::zmm12,
            R::zmm13,
            R::zmm14,
            R::zmm15,
        ],
        X86InlineAsmRegClass::kreg => &[R::k1, R::k2, R::k3, R::k4, R::k5, R::k6, R::k7],
        _ => return None,
    })
}

/// What a template placeholder stands for.
enum Subst {
    Reg(X86InlineAsmReg),
    Text(String),
}

struct Carried<'tcx> {
    bank: Bank,
    index: u8,
    offset: u32,
    /// Bytes of the widest value carried (mask registers move only as many).
    width: u64,
    input: Option<Val<'tcx>>,
    output: Option<Place<'tcx>>,
}

pub fn lower_with_wrapper<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    template: &[InlineAsmTemplatePiece],
    operands: &[InlineAsmOperand<'tcx>],
    options: InlineAsmOptions,
) -> CgResult<()> {
    // Registers named explicitly (including clobbers) are off limits for class operands.
    let mut taken = [0u32; 3];
    let mark = |taken: &mut [u32; 3], bank: Bank, index: u8| {
        taken[bank.file()] |= 1 << index;
    };
    for op in operands {
        let reg = match op {
            InlineAsmOperand::In { reg, .. }
            | InlineAsmOperand::Out { reg, .. }
            | InlineAsmOperand::InOut { reg, .. } => reg,
            _ => continue,
        };
        if let InlineAsmRegOrRegClass::Reg(InlineAsmReg::X86(r)) = reg
            && let Some((bank, index)) = physical(*r)
        {
            mark(&mut taken, bank, index);
        }
    }

    let mut subst = Vec::with_capacity(operands.len());
    let mut carried: Vec<Carried<'tcx>> = Vec::new();
    let mut area_size = 0u32;
    for op in operands {
        let (reg, input, output) = match op {
            InlineAsmOperand::In { reg, value } => (reg, Some(operand(fx, value)?), None),
            InlineAsmOperand::Out { reg, place: p, .. } => {
                let out = match p {
                    Some(p) => Some(place(fx, *p)?),
                    None => None,
                };
                (reg, None, out)
            }
            InlineAsmOperand::InOut { reg, in_value, out_place, .. } => {
                let out = match out_place {
                    Some(p) => Some(place(fx, *p)?),
                    None => None,
                };
                (reg, Some(operand(fx, in_value)?), out)
            }
            InlineAsmOperand::Const { value } => {
                subst.push(Subst::Text(const_text(fx, value)?));
                continue;
            }
            InlineAsmOperand::SymFn { value } => {
                subst.push(Subst::Text(sym_fn_stub(fx, value)?));
                continue;
            }
            InlineAsmOperand::SymStatic { def_id } => {
                let name = crate::symbols::object_symbol(fx.tcx, Instance::mono(fx.tcx, *def_id));
                subst.push(Subst::Text(format!("\"{name}\"")));
                continue;
            }
            InlineAsmOperand::Label { .. } => {
                return Err(fx.unsupported("inline assembly with labels (`asm goto`)"));
            }
        };
        let reg = match reg {
            InlineAsmRegOrRegClass::Reg(InlineAsmReg::X86(r)) => *r,
            InlineAsmRegOrRegClass::RegClass(InlineAsmRegClass::X86(class)) => {
                let candidates = class_candidates(*class).ok_or_else(|| {
                    fx.unsupported(format!("inline assembly operands of register class `{}`", class.name()))
                })?;
                let pick = candidates.iter().copied().find(|r| {
                    let (bank, index) = physical(*r).expect("candidate registers are carried");
                    taken[bank.file()] & (1 << index) == 0
                });
                let r = pick
                    .ok_or_else(|| fx.unsupported("inline assembly needing more registers than available"))?;
                let (bank, index) = physical(r).expect("candidate registers are carried");
                mark(&mut taken, bank, index);
                r
            }
            _ => return Err(fx.unsupported("inline assembly register of another architecture")),
        };
        subst.push(Subst::Reg(reg));
        if input.is_none() && output.is_none() {
            continue; // a clobber: the call already treats caller-saved registers as clobbered
        }
        let Some((bank, index)) = physical(reg).filter(|_| !reg.name().ends_with('h')) else {
            return Err(fx.unsupported(format!("inline assembly operands in register `{}`", reg.name())));
        };
        let size = bank.slot_size();
        for v in
            input.iter().map(|v| v.layout.size.bytes()).chain(output.iter().map(|p| p.layout.size.bytes()))
        {
            if v > u64::from(size) {
                return Err(
                    fx.unsupported(format!("a {v}-byte value in inline assembly register `{}`", reg.name()))
                );
            }
        }
        let offset = area_size.next_multiple_of(size);
        area_size = offset + size;
        let width = input
            .iter()
            .map(|v| v.layout.size.bytes())
            .chain(output.iter().map(|p| p.layout.size.bytes()))
            .max()
            .unwrap_or(8);
        carried.push(Carried { bank, index, offset, width, input, output });
    }

    let symbol = fx.asm.fresh_symbol("asm");
    let body = wrapper_body(fx, template, &subst, &carried, options)?;
    fx.asm.push_function(&symbol, &body);

    let area = fx.stack_slot(u64::from(area_size.max(8)), 32);
    for c in &carried {
        if let Some(val) = c.input {
            let dst = area.offset(fx, i64::from(c.offset));
            if c.bank == Bank::Mask {
                // A narrow mask is loaded as a word: its high bits read as zero.
                let zero = fx.bcx.ins().iconst(cranelift_codegen::ir::types::I64, 0);
                dst.store(fx, zero);
            }
            Place::in_mem(dst, None, val.layout).write_transmute(fx, val);
        }
    }
    let area_addr = area.addr(fx);
    call_asm_function(fx, &symbol, &[area_addr])?;
    for c in &carried {
        if let Some(dest) = c.output {
            let src = area.offset(fx, i64::from(c.offset));
            let val = Val::mem(src, dest.layout);
            dest.write(fx, val);
        }
    }
    Ok(())
}

fn const_text<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    value: &rustc_middle::mir::ConstOperand<'tcx>,
) -> CgResult<String> {
    let konst = fx.monomorphize(value.const_);
    let ty = konst.ty();
    let evaluated = konst
        .eval(fx.tcx, ty::TypingEnv::fully_monomorphized(), value.span)
        .map_err(|_| fx.unsupported("an inline assembly constant that failed to evaluate"))?;
    let int = match evaluated {
        rustc_middle::mir::ConstValue::Scalar(rustc_middle::mir::interpret::Scalar::Int(int)) => int,
        _ => return Err(fx.unsupported(format!("an inline assembly constant of type `{ty}`"))),
    };
    let size = int.size();
    Ok(if ty.is_signed() { int.to_int(size).to_string() } else { int.to_uint(size).to_string() })
}

/// `sym` operands name a function; the assembler's object can only reach global symbols, so
/// point it at a hidden global stub in this unit that jumps to the function.
fn sym_fn_stub<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    value: &rustc_middle::mir::ConstOperand<'tcx>,
) -> CgResult<String> {
    let konst = fx.monomorphize(value.const_);
    let ty::FnDef(def_id, args) = *konst.ty().kind() else {
        return Err(fx.unsupported("a `sym` operand that is not a function"));
    };
    let instance = Instance::resolve_for_fn_ptr(
        fx.tcx,
        ty::TypingEnv::fully_monomorphized(),
        def_id,
        args.no_bound_vars().expect("late-bound args in codegen"),
    )
    .ok_or_else(|| fx.unsupported("a `sym` operand that does not resolve"))?;
    sym_stub(fx.tcx, fx.module, fx.asm, instance).map_err(|e| fx.unsupported(e))
}

/// Defines a hidden global `jmp` stub to `instance` and returns its name.
pub fn sym_stub<'tcx>(
    tcx: rustc_middle::ty::TyCtxt<'tcx>,
    module: &mut cranelift_object::ObjectModule,
    asm: &mut crate::asm_object::AsmText,
    instance: Instance<'tcx>,
) -> Result<String, String> {
    use cranelift_codegen::binemit::Reloc;
    use cranelift_module::{ModuleReloc, ModuleRelocTarget};
    let target = crate::symbols::import_instance(tcx, module, instance).map_err(|e| e.what)?;
    let name = asm.fresh_symbol("sym");
    let sig = Signature::new(module.target_config().default_call_conv);
    let id = module
        .declare_function(&name, Linkage::Hidden, &sig)
        .map_err(|e| format!("`sym` stub `{name}`: {e}"))?;
    // jmp rel32
    let code = [0xe9, 0, 0, 0, 0];
    let reloc = ModuleReloc {
        offset: 1,
        kind: Reloc::X86CallPLTRel4,
        name: ModuleRelocTarget::User { namespace: 0, index: target.as_u32() },
        addend: -4,
    };
    module.define_function_bytes(id, 16, &code, &[reloc]).map_err(|e| format!("`sym` stub `{name}`: {e}"))?;
    Ok(name)
}

/// Calls the assembly function `symbol`, which takes pointer arguments and returns nothing.
pub fn call_asm_function(
    fx: &mut FnCx<'_, '_, '_>,
    symbol: &str,
    args: &[cranelift_codegen::ir::Value],
) -> CgResult<()> {
    let mut sig = Signature::new(fx.module.target_config().default_call_conv);
    sig.params.extend(args.iter().map(|_| AbiParam::new(fx.ptr_ty)));
    let func = fx.import_function(symbol, &sig)?;
    fx.bcx.ins().call(func, args);
    Ok(())
}

fn wrapper_body(
    fx: &FnCx<'_, '_, '_>,
    template: &[InlineAsmTemplatePiece],
    subst: &[Subst],
    carried: &[Carried<'_>],
    options: InlineAsmOptions,
) -> CgResult<String> {
    let att = options.contains(InlineAsmOptions::ATT_SYNTAX);
    let mut body = String::new();
    for piece in template {
        match piece {
            InlineAsmTemplatePiece::String(s) => body.push_str(s),
            InlineAsmTemplatePiece::Placeholder { operand_idx, modifier, .. } => match &subst[*operand_idx] {
                Subst::Reg(r) => {
                    if att {
                        body.push('%');
                    }
                    match physical(*r) {
                        // Vector registers: the modifier picks the width (xmm/ymm/zmm).
                        Some((bank @ (Bank::Xmm | Bank::Ymm | Bank::Zmm), index)) => {
                            let default = match bank {
                                Bank::Xmm => 'x',
                                Bank::Ymm => 'y',
                                _ => 'z',
                            };
                            let width = match modifier.unwrap_or(default) {
                                'x' => "xmm",
                                'y' => "ymm",
                                'z' => "zmm",
                                m => {
                                    return Err(fx.unsupported(format!(
                                        "the inline assembly modifier `{m}` on a vector register"
                                    )));
                                }
                            };
                            let _ = write!(body, "{width}{index}");
                        }
                        _ => r
                            .emit(&mut body, InlineAsmArch::X86_64, *modifier)
                            .map_err(|_| fx.unsupported("an inline assembly register modifier"))?,
                    }
                }
                Subst::Text(t) => body.push_str(t),
            },
        }
    }

    let mut t = String::new();
    let w = &mut t;
    let _ = writeln!(w, "push rbp\n.cfi_def_cfa_offset 16\n.cfi_offset rbp, -16");
    let _ = writeln!(w, "mov rbp, rsp\n.cfi_def_cfa_register rbp");
    for (k, reg) in ["rbx", "r12", "r13", "r14", "r15"].iter().enumerate() {
        let _ = writeln!(w, "push {reg}\n.cfi_offset {reg}, {}", -24 - 8 * k as i32);
    }
    // The block's address, for after the template.
    let _ = writeln!(w, "push rdi");
    let load = |w: &mut String, c: &Carried<'_>| {
        let _ = match c.bank {
            Bank::Gpr => writeln!(w, "mov {}, qword ptr [rdi + {}]", GPR64[c.index as usize], c.offset),
            Bank::Xmm => writeln!(w, "movdqu xmm{}, xmmword ptr [rdi + {}]", c.index, c.offset),
            Bank::Ymm => writeln!(w, "vmovdqu ymm{}, ymmword ptr [rdi + {}]", c.index, c.offset),
            Bank::Zmm => writeln!(w, "vmovdqu64 zmm{}, zmmword ptr [rdi + {}]", c.index, c.offset),
            Bank::Mask => writeln!(
                w,
                "{} k{}, {} ptr [rdi + {}]",
                mask_move(c.width),
                c.index,
                mask_ptr(c.width),
                c.offset
            ),
        };
    };
    let is_rdi = |c: &&Carried<'_>| c.bank == Bank::Gpr && c.index == 7;
    for c in carried.iter().filter(|c| c.input.is_some() && !is_rdi(c)) {
        load(w, c);
    }
    for c in carried.iter().filter(|c| c.input.is_some() && is_rdi(c)) {
        load(w, c);
    }
    if att {
        let _ = writeln!(w, ".att_syntax prefix");
    }
    let _ = writeln!(w, "{body}");
    if att {
        let _ = writeln!(w, ".intel_syntax noprefix");
    }
    let outputs: Vec<&Carried<'_>> = carried.iter().filter(|c| c.output.is_some()).collect();
    if !outputs.is_empty() {
        // A general register no output lives in carries the block address back.
        let busy: u32 = outputs.iter().filter(|c| c.bank == Bank::Gpr).map(|c| 1u32 << c.index).sum();
        let base = [0u8, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 3]
            .into_iter()
            .find(|i| busy & (1 << i) == 0)
            .ok_or_else(|| fx.unsupported("inline assembly with outputs in every general register"))?;
        let base = GPR64[base as usize];
        let _ = writeln!(w, "mov {base}, qword ptr [rbp - 48]");
        for c in outputs {
            let _ = match c.bank {
                Bank::Gpr => {
                    writeln!(w, "mov qword ptr [{base} + {}], {}", c.offset, GPR64[c.index as usize])
                }
                Bank::Xmm => writeln!(w, "movdqu xmmword ptr [{base} + {}], xmm{}", c.offset, c.index),
                Bank::Ymm => writeln!(w, "vmovdqu ymmword ptr [{base} + {}], ymm{}", c.offset, c.index),
                Bank::Zmm => writeln!(w, "vmovdqu64 zmmword ptr [{base} + {}], zmm{}", c.offset, c.index),
                Bank::Mask => writeln!(
                    w,
                    "{} {} ptr [{base} + {}], k{}",
                    mask_move(c.width),
                    mask_ptr(c.width),
                    c.offset,
                    c.index
                ),
            };
        }
    }
    let _ = writeln!(w, "lea rsp, [rbp - 40]\npop r15\npop r14\npop r13\npop r12\npop rbx\npop rbp");
    let _ = writeln!(w, ".cfi_def_cfa rsp, 8\nret");
    Ok(t)
}

/// The mask-register move for a value of `width` bytes: `kmovw` for 8- and 16-bit masks, as
/// `kmovb` would need AVX512DQ where the mask's user may only have AVX512F; `kmovd`/`kmovq`
/// (AVX512BW) only for the masks that need them.
fn mask_move(width: u64) -> &'static str {
    match width {
        0..=2 => "kmovw",
        3..=4 => "kmovd",
        _ => "kmovq",
    }
}

fn mask_ptr(width: u64) -> &'static str {
    match width {
        0..=2 => "word",
        3..=4 => "dword",
        _ => "qword",
    }
}
