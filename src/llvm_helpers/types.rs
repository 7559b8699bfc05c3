//! LLVM IR types as the helper generator needs them: the ones a Rust value maps to and the
//! ones LLVM declares an intrinsic with, printed as IR text and parsed from LLVM's own
//! printing. Which pairs may differ is rustc_codegen_llvm's `can_autocast` rule.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LlvmType {
    Void,
    /// `iN`; `i1` is Rust's `bool`, stored as a byte.
    Int(u32),
    Half,
    BFloat,
    Float,
    Double,
    Fp128,
    Ptr,
    /// AMX tile register contents (8192 bits).
    X86Amx,
    Vector(u32, Box<LlvmType>),
    Array(u32, Box<LlvmType>),
    Struct(Vec<LlvmType>),
}

impl fmt::Display for LlvmType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LlvmType::Void => f.write_str("void"),
            LlvmType::Int(bits) => write!(f, "i{bits}"),
            LlvmType::Half => f.write_str("half"),
            LlvmType::BFloat => f.write_str("bfloat"),
            LlvmType::Float => f.write_str("float"),
            LlvmType::Double => f.write_str("double"),
            LlvmType::Fp128 => f.write_str("fp128"),
            LlvmType::Ptr => f.write_str("ptr"),
            LlvmType::X86Amx => f.write_str("x86_amx"),
            LlvmType::Vector(n, elem) => write!(f, "<{n} x {elem}>"),
            LlvmType::Array(n, elem) => write!(f, "[{n} x {elem}]"),
            LlvmType::Struct(fields) => {
                f.write_str("{ ")?;
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{field}")?;
                }
                f.write_str(" }")
            }
        }
    }
}

impl LlvmType {
    /// Size in bits of a scalar or vector type; `None` for aggregates and `void`.
    pub fn bits(&self) -> Option<u64> {
        Some(match self {
            LlvmType::Int(bits) => u64::from(*bits),
            LlvmType::Half | LlvmType::BFloat => 16,
            LlvmType::Float => 32,
            LlvmType::Double | LlvmType::Ptr => 64,
            LlvmType::Fp128 => 128,
            LlvmType::X86Amx => 8192,
            LlvmType::Vector(n, elem) => u64::from(*n) * elem.bits()?,
            _ => return None,
        })
    }

    /// The LLVM name mangling of a vector type in overloaded intrinsic names (`v256i32`).
    pub fn mangled(&self) -> Option<String> {
        match self {
            LlvmType::Vector(n, elem) => {
                let elem = match &**elem {
                    LlvmType::Int(bits) => format!("i{bits}"),
                    LlvmType::Half => "f16".into(),
                    LlvmType::BFloat => "bf16".into(),
                    LlvmType::Float => "f32".into(),
                    LlvmType::Double => "f64".into(),
                    _ => return None,
                };
                Some(format!("v{n}{elem}"))
            }
            _ => None,
        }
    }

    /// Parses LLVM's printing of a type (`LLVMPrintTypeToString`); `None` for anything this
    /// generator does not model.
    pub fn parse(text: &str) -> Option<LlvmType> {
        let mut parser = Parser { rest: text.trim() };
        let ty = parser.ty()?;
        parser.rest.trim().is_empty().then_some(ty)
    }
}

/// Whether a value of Rust's type `rust` can be handed to (or taken from) LLVM's type `llvm`
/// by a conversion rustc_codegen_llvm also applies (`can_autocast`): integer masks as
/// `<N x i1>`, `i16` lanes as `bfloat`, 8192-bit vectors as AMX tiles, structs field by field.
pub fn can_autocast(rust: &LlvmType, llvm: &LlvmType) -> bool {
    if rust == llvm {
        return true;
    }
    match (rust, llvm) {
        (LlvmType::Struct(r), LlvmType::Struct(l)) => {
            r.len() == l.len() && r.iter().zip(l).all(|(r, l)| can_autocast(r, l))
        }
        (LlvmType::Int(width), LlvmType::Vector(n, elem)) if **elem == LlvmType::Int(1) => {
            *width == mask_int_width(*n)
        }
        (LlvmType::Vector(rn, relem), LlvmType::Vector(ln, lelem)) if **lelem == LlvmType::BFloat => {
            rn == ln && **relem == LlvmType::Int(16)
        }
        (LlvmType::Int(16), LlvmType::BFloat) => true,
        (LlvmType::Vector(..), LlvmType::X86Amx) => rust.bits() == Some(8192),
        _ => false,
    }
}

/// The integer a `<n x i1>` mask is passed as: `n` rounded up to a power of two, at least 8.
pub fn mask_int_width(n: u32) -> u32 {
    n.next_power_of_two().max(8)
}

struct Parser<'a> {
    rest: &'a str,
}

impl Parser<'_> {
    fn eat(&mut self, token: &str) -> bool {
        let rest = self.rest.trim_start();
        match rest.strip_prefix(token) {
            Some(after) => {
                self.rest = after;
                true
            }
            None => false,
        }
    }

    fn number(&mut self) -> Option<u32> {
        let rest = self.rest.trim_start();
        let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let n = rest[..end].parse().ok()?;
        self.rest = &rest[end..];
        Some(n)
    }

    fn ty(&mut self) -> Option<LlvmType> {
        if self.eat("<{") {
            // A packed struct: same fields as far as element-wise conversion goes.
            let fields = self.fields("}>")?;
            return Some(LlvmType::Struct(fields));
        }
        if self.eat("<") {
            let n = self.number()?;
            if !self.eat("x") {
                return None;
            }
            let elem = self.ty()?;
            return self.eat(">").then(|| LlvmType::Vector(n, Box::new(elem)));
        }
        if self.eat("[") {
            let n = self.number()?;
            if !self.eat("x") {
                return None;
            }
            let elem = self.ty()?;
            return self.eat("]").then(|| LlvmType::Array(n, Box::new(elem)));
        }
        if self.eat("{") {
            return self.fields("}").map(LlvmType::Struct);
        }
        let rest = self.rest.trim_start();
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let word = &rest[..end];
        self.rest = &rest[end..];
        Some(match word {
            "void" => LlvmType::Void,
            "half" => LlvmType::Half,
            "bfloat" => LlvmType::BFloat,
            "float" => LlvmType::Float,
            "double" => LlvmType::Double,
            "fp128" => LlvmType::Fp128,
            "ptr" => LlvmType::Ptr,
            "x86_amx" => LlvmType::X86Amx,
            _ => LlvmType::Int(word.strip_prefix('i')?.parse().ok()?),
        })
    }

    fn fields(&mut self, close: &str) -> Option<Vec<LlvmType>> {
        let mut fields = Vec::new();
        if self.eat(close) {
            return Some(fields);
        }
        loop {
            fields.push(self.ty()?);
            if self.eat(close) {
                return Some(fields);
            }
            if !self.eat(",") {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_round_trip() {
        for text in [
            "i32",
            "<16 x i1>",
            "{ i8, <2 x i64> }",
            "{ <16 x i1>, <16 x i1> }",
            "<32 x bfloat>",
            "x86_amx",
            "ptr",
            "void",
            "[4 x float]",
            "<8 x half>",
        ] {
            assert_eq!(LlvmType::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(LlvmType::parse("<{ i8, <2 x i64> }>").unwrap().to_string(), "{ i8, <2 x i64> }");
        assert_eq!(LlvmType::parse("label"), None);
        assert_eq!(LlvmType::parse("i32 garbage"), None);
    }

    #[test]
    fn autocast_rules() {
        let p = |t: &str| LlvmType::parse(t).unwrap();
        assert!(can_autocast(&p("i16"), &p("<16 x i1>")));
        assert!(can_autocast(&p("i8"), &p("<4 x i1>")));
        assert!(!can_autocast(&p("i16"), &p("<8 x i1>")));
        assert!(can_autocast(&p("<32 x i16>"), &p("<32 x bfloat>")));
        assert!(can_autocast(&p("{ i16, i16 }"), &p("{ <16 x i1>, <16 x i1> }")));
        assert!(can_autocast(&p("<256 x i32>"), &p("x86_amx")));
        assert!(!can_autocast(&p("<4 x i32>"), &p("<4 x float>")));
        assert_eq!(p("<256 x i32>").mangled().unwrap(), "v256i32");
    }
}
