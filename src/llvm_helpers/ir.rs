//! One helper as LLVM IR text: `define hidden void @sym(ptr %args, ptr %ret)` loads the
//! arguments from the argument block at their Rust offsets, converts each to the type LLVM
//! declares the intrinsic with (rustc_codegen_llvm's `autocast`: bit casts between integer
//! masks and `<N x i1>`, `i16` and `bfloat` lanes, vectors and AMX tiles through LLVM's cast
//! intrinsics, structs field by field), calls the intrinsic with the constant arguments baked
//! in, converts the result back and stores it at the Rust offsets of the result block. A helper
//! that cannot be generated becomes a stub that prints `fastclif: intrinsic NAME is not
//! implemented` to stderr and aborts.

use std::fmt::Write;

use super::expr::Expr;
use super::signature::{LlvmSignature, Lookup};
use super::types::{LlvmType, can_autocast, mask_int_width};

/// Where a Rust value lives in the argument or result block.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A scalar or vector at a byte offset; `i1` (Rust's `bool`) is stored as a byte.
    Leaf { ty: LlvmType, offset: u64 },
    /// An aggregate: its fields in increasing offset order, as LLVM struct elements.
    Struct(Vec<Shape>),
}

impl Shape {
    /// The LLVM type rustc gives the Rust value as an immediate.
    pub fn rust_type(&self) -> LlvmType {
        match self {
            Shape::Leaf { ty, .. } => ty.clone(),
            Shape::Struct(fields) => LlvmType::Struct(fields.iter().map(Shape::rust_type).collect()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A constant at the call site (an immediate), baked into the helper.
    Const { ty: LlvmType, value: i64 },
    /// Passed in the argument block.
    Memory(Shape),
}

impl Arg {
    fn rust_type(&self) -> LlvmType {
        match self {
            Arg::Const { ty, .. } => ty.clone(),
            Arg::Memory(shape) => shape.rust_type(),
        }
    }
}

/// A call of an LLVM intrinsic as translation describes it: the unit's helpers are deduplicated
/// by all of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Helper {
    pub intrinsic: String,
    pub args: Vec<Arg>,
    /// `None`: the intrinsic returns nothing (a zero-sized Rust result).
    pub ret: Option<Shape>,
    /// LLVM's `target-features` for the helper: those of the calling function.
    pub features: String,
    /// Set when translation could not describe the call; the helper is an aborting stub.
    pub problem: Option<String>,
    /// A body of several operations instead of one call of `intrinsic` (see [`Expr`]).
    pub expr: Option<Expr>,
}

/// The text of `define ... @symbol`, or why it cannot be generated.
pub fn define(helper: &Helper, symbol: &str, lookup: &Lookup, attrs: usize) -> Result<String, String> {
    if let Some(problem) = &helper.problem {
        return Err(problem.clone());
    }
    if let Some(expr) = &helper.expr {
        return define_expr(helper, expr, symbol, attrs);
    }
    let name = &helper.intrinsic;
    let rust_params: Vec<LlvmType> = helper.args.iter().map(Arg::rust_type).collect();
    let rust_ret = helper.ret.as_ref().map_or(LlvmType::Void, Shape::rust_type);
    let sig = match lookup {
        Lookup::Declared(sig) => {
            let fits = sig.params.len() == rust_params.len()
                && (sig.ret == rust_ret || can_autocast(&rust_ret, &sig.ret))
                && rust_params.iter().zip(&sig.params).all(|(r, l)| can_autocast(r, l));
            if !fits {
                let rust = LlvmSignature { ret: rust_ret, params: rust_params };
                return Err(format!(
                    "LLVM declares it as `{}`, the Rust declaration as `{}`",
                    show(sig),
                    show(&rust)
                ));
            }
            sig.clone()
        }
        Lookup::RustTypes | Lookup::Unavailable => {
            LlvmSignature { ret: rust_ret.clone(), params: rust_params }
        }
    };

    let mut body = Body::default();
    let mut call_args = Vec::new();
    for (arg, llvm_ty) in helper.args.iter().zip(&sig.params) {
        let value = match arg {
            Arg::Const { ty, value } => constant(ty, *value),
            Arg::Memory(shape) => body.load(shape),
        };
        let value = body.convert(&value, &arg.rust_type(), llvm_ty)?;
        call_args.push(format!("{llvm_ty} {value}"));
    }
    let call = format!("call {} @{name}({})", sig.ret, call_args.join(", "));
    match &helper.ret {
        Some(shape) => {
            let result = body.tmp();
            writeln!(body.text, "  {result} = {call}").unwrap();
            let result = body.convert(&result, &sig.ret, &rust_ret)?;
            body.store(&result, shape);
        }
        None => writeln!(body.text, "  {call}").unwrap(),
    }
    Ok(format!(
        "define hidden void @\"{symbol}\"(ptr %args, ptr %ret) #{attrs} {{\n{}  ret void\n}}\n",
        body.text
    ))
}

/// The text of a helper whose body is `expr` over the helper's arguments.
fn define_expr(helper: &Helper, expr: &Expr, symbol: &str, attrs: usize) -> Result<String, String> {
    let Some(ret) = &helper.ret else { return Err("an expression helper without a result".into()) };
    let mut body = Body::default();
    let (value, ty) = expr.emit(&mut body, &helper.args)?;
    if ty != ret.rust_type() {
        return Err(format!("the expression gives `{ty}` where the result is `{}`", ret.rust_type()));
    }
    body.store(&value, ret);
    Ok(format!(
        "define hidden void @\"{symbol}\"(ptr %args, ptr %ret) #{attrs} {{\n{}  ret void\n}}\n",
        body.text
    ))
}

/// A helper that reports `intrinsic` as not implemented and aborts the process.
pub fn abort_stub(intrinsic: &str, symbol: &str, attrs: usize) -> String {
    let message = format!("fastclif: intrinsic {intrinsic} is not implemented\n");
    let mut escaped = String::new();
    for byte in message.bytes() {
        if byte.is_ascii_graphic() && byte != b'"' && byte != b'\\' || byte == b' ' {
            escaped.push(byte as char);
        } else {
            write!(escaped, "\\{byte:02X}").unwrap();
        }
    }
    let len = message.len();
    format!(
        "@\"{symbol}.message\" = private unnamed_addr constant [{len} x i8] c\"{escaped}\"\n\
         define hidden void @\"{symbol}\"(ptr %args, ptr %ret) #{attrs} {{\n\
         \x20 %written = call i64 @write(i32 2, ptr @\"{symbol}.message\", i64 {len})\n\
         \x20 call void @abort()\n\
         \x20 unreachable\n}}\n"
    )
}

/// Declarations the stubs need.
pub const STUB_DECLARATIONS: &str =
    "declare i64 @write(i32, ptr, i64)\ndeclare void @abort() noreturn nounwind\n";

fn show(sig: &LlvmSignature) -> String {
    let params: Vec<String> = sig.params.iter().map(ToString::to_string).collect();
    format!("{} ({})", sig.ret, params.join(", "))
}

/// An integer constant as IR text, truncated to the type's width.
pub(super) fn constant(ty: &LlvmType, value: i64) -> String {
    match ty {
        LlvmType::Int(1) => if value & 1 != 0 { "true" } else { "false" }.to_string(),
        LlvmType::Int(bits) if *bits < 64 => {
            let shift = 64 - bits;
            ((value << shift) >> shift).to_string()
        }
        _ => value.to_string(),
    }
}

/// The instructions of a helper body, with fresh SSA names.
#[derive(Default)]
pub(super) struct Body {
    text: String,
    next: u32,
}

impl Body {
    fn tmp(&mut self) -> String {
        self.next += 1;
        format!("%t{}", self.next)
    }

    pub(super) fn emit(&mut self, instruction: String) -> String {
        let name = self.tmp();
        writeln!(self.text, "  {name} = {instruction}").unwrap();
        name
    }

    fn address(&mut self, base: &str, offset: u64) -> String {
        if offset == 0 {
            return base.to_string();
        }
        self.emit(format!("getelementptr inbounds i8, ptr {base}, i64 {offset}"))
    }

    /// A Rust value from the argument block, as its rustc immediate type.
    pub(super) fn load(&mut self, shape: &Shape) -> String {
        match shape {
            Shape::Leaf { ty: LlvmType::Int(1), offset } => {
                let at = self.address("%args", *offset);
                let byte = self.emit(format!("load i8, ptr {at}, align 1"));
                self.emit(format!("trunc i8 {byte} to i1"))
            }
            Shape::Leaf { ty, offset } => {
                let at = self.address("%args", *offset);
                self.emit(format!("load {ty}, ptr {at}, align 1"))
            }
            Shape::Struct(fields) => {
                let ty = shape.rust_type();
                let mut value = "poison".to_string();
                for (i, field) in fields.iter().enumerate() {
                    let element = self.load(field);
                    let field_ty = field.rust_type();
                    value = self.emit(format!("insertvalue {ty} {value}, {field_ty} {element}, {i}"));
                }
                value
            }
        }
    }

    /// Stores a value of the Rust immediate type of `shape` into the result block.
    fn store(&mut self, value: &str, shape: &Shape) {
        match shape {
            Shape::Leaf { ty, offset } => {
                let at = self.address("%ret", *offset);
                if *ty == LlvmType::Int(1) {
                    let byte = self.emit(format!("zext i1 {value} to i8"));
                    writeln!(self.text, "  store i8 {byte}, ptr {at}, align 1").unwrap();
                } else {
                    writeln!(self.text, "  store {ty} {value}, ptr {at}, align 1").unwrap();
                }
            }
            Shape::Struct(fields) => {
                let ty = shape.rust_type();
                for (i, field) in fields.iter().enumerate() {
                    let element = self.emit(format!("extractvalue {ty} {value}, {i}"));
                    self.store(&element, field);
                }
            }
        }
    }

    /// `value` of type `from` as type `to` (either direction of `can_autocast`).
    fn convert(&mut self, value: &str, from: &LlvmType, to: &LlvmType) -> Result<String, String> {
        if from == to {
            return Ok(value.to_string());
        }
        let is_mask = |ty: &LlvmType| matches!(ty, LlvmType::Vector(_, e) if **e == LlvmType::Int(1));
        Ok(match (from, to) {
            (LlvmType::Struct(fs), LlvmType::Struct(ts)) if fs.len() == ts.len() => {
                let mut out = "poison".to_string();
                for (i, (f, t)) in fs.iter().zip(ts).enumerate() {
                    let element = self.emit(format!("extractvalue {from} {value}, {i}"));
                    let element = self.convert(&element, f, t)?;
                    out = self.emit(format!("insertvalue {to} {out}, {t} {element}, {i}"));
                }
                out
            }
            (LlvmType::Int(width), LlvmType::Vector(n, _)) if is_mask(to) && *width == mask_int_width(*n) => {
                let wide = format!("<{width} x i1>");
                let bits = self.emit(format!("bitcast {from} {value} to {wide}"));
                if *n == *width {
                    bits
                } else {
                    let lanes = (0..*n).map(|i| format!("i32 {i}")).collect::<Vec<_>>().join(", ");
                    self.emit(format!("shufflevector {wide} {bits}, {wide} poison, <{n} x i32> <{lanes}>"))
                }
            }
            (LlvmType::Vector(n, _), LlvmType::Int(width))
                if is_mask(from) && *width == mask_int_width(*n) =>
            {
                let widened = if *n == *width {
                    value.to_string()
                } else {
                    // Lanes past `n` come from the zero vector: the mask's unused bits are 0.
                    let lanes =
                        (0..*width).map(|i| format!("i32 {}", i.min(*n))).collect::<Vec<_>>().join(", ");
                    self.emit(format!(
                        "shufflevector {from} {value}, {from} zeroinitializer, <{width} x i32> <{lanes}>"
                    ))
                };
                self.emit(format!("bitcast <{width} x i1> {widened} to {to}"))
            }
            (LlvmType::Vector(..), LlvmType::X86Amx) => {
                let mangled = from.mangled().ok_or("an AMX tile from this vector type")?;
                self.emit(format!("call x86_amx @llvm.x86.cast.vector.to.tile.{mangled}({from} {value})"))
            }
            (LlvmType::X86Amx, LlvmType::Vector(..)) => {
                let mangled = to.mangled().ok_or("an AMX tile to this vector type")?;
                self.emit(format!("call {to} @llvm.x86.cast.tile.to.vector.{mangled}(x86_amx {value})"))
            }
            // `i16` lanes and `bfloat` lanes (and a scalar of each).
            _ if from.bits().is_some() && from.bits() == to.bits() => {
                self.emit(format!("bitcast {from} {value} to {to}"))
            }
            _ => return Err(format!("no conversion from `{from}` to `{to}`")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(ty: &str, offset: u64) -> Shape {
        Shape::Leaf { ty: LlvmType::parse(ty).unwrap(), offset }
    }

    #[test]
    fn mask_arguments_and_results_are_converted() {
        let helper = Helper {
            intrinsic: "llvm.x86.avx512.mask.cmp.ps.128".into(),
            args: vec![
                Arg::Memory(leaf("<4 x float>", 0)),
                Arg::Memory(leaf("<4 x float>", 16)),
                Arg::Const { ty: LlvmType::Int(32), value: 1 },
                Arg::Memory(leaf("i8", 32)),
            ],
            ret: Some(leaf("i8", 0)),
            features: "+avx512f,+avx512vl".into(),
            problem: None,
            expr: None,
        };
        let sig = LlvmSignature {
            ret: LlvmType::parse("<4 x i1>").unwrap(),
            params: ["<4 x float>", "<4 x float>", "i32", "<4 x i1>"]
                .iter()
                .map(|t| LlvmType::parse(t).unwrap())
                .collect(),
        };
        let text = define(&helper, "h", &Lookup::Declared(sig), 0).unwrap();
        assert!(text.contains("bitcast i8 %t5 to <8 x i1>"), "{text}");
        assert!(text.contains("<4 x i32> <i32 0, i32 1, i32 2, i32 3>"), "{text}");
        assert!(text.contains("i32 1, <4 x i1>"), "{text}");
        assert!(
            text.contains(
                "zeroinitializer, <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 4, i32 4, i32 4>"
            )
        );
        assert!(text.contains("store i8"), "{text}");
    }

    #[test]
    fn mismatched_declarations_are_reported() {
        let helper = Helper {
            intrinsic: "llvm.x86.x".into(),
            args: vec![Arg::Memory(leaf("<4 x i32>", 0))],
            ret: None,
            features: String::new(),
            problem: None,
            expr: None,
        };
        let sig =
            LlvmSignature { ret: LlvmType::Void, params: vec![LlvmType::parse("<4 x float>").unwrap()] };
        let err = define(&helper, "h", &Lookup::Declared(sig), 0).unwrap_err();
        assert!(err.contains("<4 x float>") && err.contains("<4 x i32>"), "{err}");
        assert_eq!(constant(&LlvmType::Int(8), 255), "-1");
        assert_eq!(constant(&LlvmType::Int(1), 1), "true");
        assert!(
            abort_stub("llvm.x86.y", "s", 0)
                .contains("c\"fastclif: intrinsic llvm.x86.y is not implemented\\0A\"")
        );
    }
}
