//! `llvm.x86.*` intrinsics that Cranelift has no instruction for (carry-less multiply, AES,
//! SHA, CRC32, XGETBV): each becomes a call to a tiny helper in the unit's assembly text that
//! runs the very instruction. Arguments are stored in a memory block (argument i at byte
//! 64 * i, address in `rdi`); the helper writes the result to a second block (`rsi`).
//! Helpers are shared within a codegen unit, one per intrinsic and immediate.

use rustc_middle::mir::Operand;
use rustc_span::Spanned;

use super::fx::FnCx;
use super::operand::operand;
use super::value::{Place, Val};
use crate::error::CgResult;

const ARG_STRIDE: u32 = 64;

/// Template of the helper body; `{imm}` is the immediate argument (by index), `[rdi + N]`
/// are the arguments, `[rsi]` is the result.
struct AsmIntrinsic {
    name: &'static str,
    imm_arg: Option<usize>,
    body: &'static str,
}

const fn op(name: &'static str, imm_arg: Option<usize>, body: &'static str) -> AsmIntrinsic {
    AsmIntrinsic { name, imm_arg, body }
}

/// Two 128-bit operands in xmm0/xmm1, result from xmm0.
macro_rules! xmm2 {
    ($insn:literal) => {
        concat!(
            "movdqu xmm0, xmmword ptr [rdi]\nmovdqu xmm1, xmmword ptr [rdi + 64]\n",
            $insn,
            "\nmovdqu xmmword ptr [rsi], xmm0"
        )
    };
}

const TABLE: &[AsmIntrinsic] = &[
    op(
        "llvm.x86.xgetbv",
        None,
        "mov ecx, dword ptr [rdi]\nxgetbv\nmov dword ptr [rsi], eax\nmov dword ptr [rsi + 4], edx",
    ),
    op("llvm.x86.pclmulqdq", Some(2), xmm2!("pclmulqdq xmm0, xmm1, {imm}")),
    op(
        "llvm.x86.pclmulqdq.256",
        Some(2),
        "vmovdqu ymm0, ymmword ptr [rdi]\nvmovdqu ymm1, ymmword ptr [rdi + 64]\nvpclmulqdq ymm0, ymm0, ymm1, {imm}\nvmovdqu ymmword ptr [rsi], ymm0\nvzeroupper",
    ),
    op(
        "llvm.x86.pclmulqdq.512",
        Some(2),
        "vmovdqu64 zmm0, zmmword ptr [rdi]\nvmovdqu64 zmm1, zmmword ptr [rdi + 64]\nvpclmulqdq zmm0, zmm0, zmm1, {imm}\nvmovdqu64 zmmword ptr [rsi], zmm0\nvzeroupper",
    ),
    op("llvm.x86.aesni.aesenc", None, xmm2!("aesenc xmm0, xmm1")),
    op("llvm.x86.aesni.aesenclast", None, xmm2!("aesenclast xmm0, xmm1")),
    op("llvm.x86.aesni.aesdec", None, xmm2!("aesdec xmm0, xmm1")),
    op("llvm.x86.aesni.aesdeclast", None, xmm2!("aesdeclast xmm0, xmm1")),
    op(
        "llvm.x86.aesni.aesimc",
        None,
        "movdqu xmm0, xmmword ptr [rdi]\naesimc xmm0, xmm0\nmovdqu xmmword ptr [rsi], xmm0",
    ),
    op(
        "llvm.x86.aesni.aeskeygenassist",
        Some(1),
        "movdqu xmm0, xmmword ptr [rdi]\naeskeygenassist xmm0, xmm0, {imm}\nmovdqu xmmword ptr [rsi], xmm0",
    ),
    op("llvm.x86.sha1msg1", None, xmm2!("sha1msg1 xmm0, xmm1")),
    op("llvm.x86.sha1msg2", None, xmm2!("sha1msg2 xmm0, xmm1")),
    op("llvm.x86.sha1nexte", None, xmm2!("sha1nexte xmm0, xmm1")),
    op("llvm.x86.sha1rnds4", Some(2), xmm2!("sha1rnds4 xmm0, xmm1, {imm}")),
    op("llvm.x86.sha256msg1", None, xmm2!("sha256msg1 xmm0, xmm1")),
    op("llvm.x86.sha256msg2", None, xmm2!("sha256msg2 xmm0, xmm1")),
    // The round key is the implicit xmm0 operand.
    op(
        "llvm.x86.sha256rnds2",
        None,
        "movdqu xmm1, xmmword ptr [rdi]\nmovdqu xmm2, xmmword ptr [rdi + 64]\nmovdqu xmm0, xmmword ptr [rdi + 128]\nsha256rnds2 xmm1, xmm2, xmm0\nmovdqu xmmword ptr [rsi], xmm1",
    ),
    // F16C: four or eight f32 to f16 bits with the rounding-control immediate (used by `half`).
    op(
        "llvm.x86.vcvtps2ph.128",
        Some(1),
        "movdqu xmm0, xmmword ptr [rdi]\nvcvtps2ph xmm0, xmm0, {imm}\nmovdqu xmmword ptr [rsi], xmm0",
    ),
    op(
        "llvm.x86.vcvtps2ph.256",
        Some(1),
        "vmovdqu ymm0, ymmword ptr [rdi]\nvcvtps2ph xmm0, ymm0, {imm}\nmovdqu xmmword ptr [rsi], xmm0\nvzeroupper",
    ),
    // The time-stamp counter; `rdtscp` returns `(tsc: u64, aux: u32)`, stored as that tuple's
    // layout places it (checked in `lower_via_asm`).
    op("llvm.x86.rdtsc", None, "rdtsc\nshl rdx, 32\nor rax, rdx\nmov qword ptr [rsi], rax"),
    op(
        "llvm.x86.rdtscp",
        None,
        "rdtscp\nshl rdx, 32\nor rax, rdx\nmov qword ptr [rsi], rax\nmov dword ptr [rsi + 8], ecx",
    ),
    op(
        "llvm.x86.sse42.crc32.32.8",
        None,
        "mov eax, dword ptr [rdi]\ncrc32 eax, byte ptr [rdi + 64]\nmov dword ptr [rsi], eax",
    ),
    op(
        "llvm.x86.sse42.crc32.32.16",
        None,
        "mov eax, dword ptr [rdi]\ncrc32 eax, word ptr [rdi + 64]\nmov dword ptr [rsi], eax",
    ),
    op(
        "llvm.x86.sse42.crc32.32.32",
        None,
        "mov eax, dword ptr [rdi]\ncrc32 eax, dword ptr [rdi + 64]\nmov dword ptr [rsi], eax",
    ),
    op(
        "llvm.x86.sse42.crc32.64.64",
        None,
        "mov rax, qword ptr [rdi]\ncrc32 rax, qword ptr [rdi + 64]\nmov qword ptr [rsi], rax",
    ),
];

/// Lowers `name` through an assembly helper; `Ok(false)` if it is not one of ours (or its
/// immediate is not a constant: LLVM's helper then decides).
pub fn lower_via_asm<'tcx>(
    fx: &mut FnCx<'_, '_, 'tcx>,
    name: &str,
    args: &[Spanned<Operand<'tcx>>],
    dest: Place<'tcx>,
) -> CgResult<bool> {
    let Some(entry) = TABLE.iter().find(|e| e.name == name) else { return Ok(false) };
    if fx.tcx.sess.target.arch != rustc_target::spec::Arch::X86_64 {
        return Ok(false);
    }
    let imm = match entry.imm_arg {
        Some(k) => match immediate(fx, args.get(k).map(|a| &a.node))? {
            Some(v) => Some(v),
            None => return Ok(false),
        },
        None => None,
    };
    let key = match imm {
        Some(v) => format!("llvm:{name}:{v}"),
        None => format!("llvm:{name}"),
    };
    let symbol = match fx.asm.helper(&key) {
        (symbol, false) => symbol,
        (symbol, true) => {
            let body = entry.body.replace("{imm}", &imm.unwrap_or(0).to_string());
            fx.asm.push_function(&symbol, &format!("{body}\nret"));
            symbol
        }
    };

    let block = fx.stack_slot(u64::from(ARG_STRIDE) * args.len().max(1) as u64, 64);
    for (i, arg) in args.iter().enumerate() {
        if Some(i) == entry.imm_arg {
            continue;
        }
        let val = operand(fx, &arg.node)?;
        let at = block.offset(fx, i64::from(ARG_STRIDE) * i as i64);
        Place::in_mem(at, None, val.layout).write_transmute(fx, val);
    }
    if name == "llvm.x86.rdtscp" {
        let fields = &dest.layout.fields;
        if fields.count() != 2 || fields.offset(0).bytes() != 0 || fields.offset(1).bytes() != 8 {
            return Err(fx.unsupported(format!("`{name}` returning `{}` with this layout", dest.layout.ty)));
        }
    }
    let result = fx.stack_slot(dest.layout.size.bytes().max(16), 64);
    let (a, r) = (block.addr(fx), result.addr(fx));
    super::asm_wrapper::call_asm_function(fx, &symbol, &[a, r])?;
    let val = Val::mem(result, dest.layout);
    dest.write(fx, val);
    Ok(true)
}

/// The value of a constant (immediate) argument, `None` if it is not one. core::arch passes
/// immediates as const generics, often through a cast (`IMM8 as u8`), so the argument may be a
/// local holding a constant rather than a constant operand.
fn immediate<'tcx>(fx: &mut FnCx<'_, '_, 'tcx>, arg: Option<&Operand<'tcx>>) -> CgResult<Option<i64>> {
    let Some(arg) = arg else { return Ok(None) };
    if let Operand::Constant(c) = arg
        && let Some(v) = super::constant::const_int(fx, c)
    {
        return Ok(Some(v));
    }
    let val = operand(fx, arg)?;
    let v = val.load_scalar(fx);
    Ok(folded_constant(fx, v))
}

/// The value of an integer computed from constants only (an `iconst`, widened, narrowed or
/// combined by integer arithmetic, as const generic expressions like `SIGN << 2 | NORM` are),
/// zero-extended from its type's width; `None` if it depends on anything else.
pub fn folded_constant(fx: &FnCx<'_, '_, '_>, v: cranelift_codegen::ir::Value) -> Option<i64> {
    use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
    let dfg = &fx.bcx.func.dfg;
    let ValueDef::Result(inst, _) = dfg.value_def(v) else { return None };
    let bits = dfg.value_type(v).bits();
    if bits > 64 {
        return None;
    }
    let mask = |x: i64| if bits >= 64 { x } else { x & ((1i64 << bits) - 1) };
    let sign_extend = |x: i64, from: u32| if from >= 64 { x } else { (x << (64 - from)) >> (64 - from) };
    let fold = |v| folded_constant(fx, v);
    let binary = |op: Opcode, x: i64, y: i64| {
        // CLIF shifts take the amount modulo the width.
        let amount = (y as u32) & (bits - 1);
        Some(match op {
            Opcode::Iadd => x.wrapping_add(y),
            Opcode::Isub => x.wrapping_sub(y),
            Opcode::Imul => x.wrapping_mul(y),
            Opcode::Band => x & y,
            Opcode::Bor => x | y,
            Opcode::Bxor => x ^ y,
            Opcode::Ishl => x.wrapping_shl(amount),
            Opcode::Ushr => ((mask(x) as u64) >> amount) as i64,
            Opcode::Sshr => sign_extend(x, bits) >> amount,
            _ => return None,
        })
    };
    let value = match dfg.insts[inst] {
        InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => imm.bits(),
        InstructionData::Unary { opcode: Opcode::Ireduce | Opcode::Uextend, arg } => fold(arg)?,
        InstructionData::Unary { opcode: Opcode::Sextend, arg } => {
            sign_extend(fold(arg)?, dfg.value_type(arg).bits())
        }
        InstructionData::Unary { opcode: Opcode::Bnot, arg } => !fold(arg)?,
        InstructionData::Unary { opcode: Opcode::Ineg, arg } => fold(arg)?.wrapping_neg(),
        InstructionData::Binary { opcode, args: [a, b] } => binary(opcode, fold(a)?, fold(b)?)?,
        _ => return None,
    };
    Some(mask(value))
}
