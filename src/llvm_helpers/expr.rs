//! Helpers whose body is a small tree of operations rather than one intrinsic call.
//!
//! LLVM's instruction selection looks at whole expressions: at `-O0`, a block that fast
//! instruction selection cannot handle (a mask `select`, a `shufflevector`, an
//! `insertelement`) goes through SelectionDAG, which folds `fneg` into `fma` and picks one
//! fused x86 instruction (`vfmsub`, `vfnmadd`, `vfmaddsub`, ...). Such an instruction returns
//! a NaN operand unnegated, where the negation computed on its own flips the NaN's sign; only
//! handing LLVM the same expression gives LLVM's bits. Translation describes the expression
//! (`crate::mir::intrinsics::fused_fma`), the helper evaluates it over its arguments.

use super::ir::{Arg, Body, constant};
use super::types::LlvmType;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    /// The helper's argument `i`.
    Arg(usize),
    Neg(Box<Expr>),
    /// A call of an intrinsic returning `ret`.
    Call {
        name: String,
        ret: LlvmType,
        args: Vec<Expr>,
    },
    /// `shufflevector` of two vectors of the same type.
    Shuffle {
        a: Box<Expr>,
        b: Box<Expr>,
        lanes: Vec<u32>,
    },
    /// Lane `i` from `on` where bit `i` of the integer `mask` is set, else from `off`.
    SelectBits {
        mask: Box<Expr>,
        on: Box<Expr>,
        off: Box<Expr>,
    },
    /// `vector` with lane `lane` replaced by `element`.
    Insert {
        vector: Box<Expr>,
        lane: u32,
        element: Box<Expr>,
    },
    /// Lane `lane` of `vector`.
    Extract {
        vector: Box<Expr>,
        lane: u32,
    },
}

impl Expr {
    /// Emits the expression into `body`: its value and type.
    pub(super) fn emit(&self, body: &mut Body, args: &[Arg]) -> Result<(String, LlvmType), String> {
        Ok(match self {
            Expr::Arg(i) => match args.get(*i) {
                Some(Arg::Const { ty, value }) => (constant(ty, *value), ty.clone()),
                Some(Arg::Memory(shape)) => (body.load(shape), shape.rust_type()),
                None => return Err(format!("the expression reads argument {i}, which is missing")),
            },
            Expr::Neg(inner) => {
                let (x, ty) = inner.emit(body, args)?;
                (body.emit(format!("fneg {ty} {x}")), ty)
            }
            Expr::Call { name, ret, args: call_args } => {
                let mut operands = Vec::with_capacity(call_args.len());
                for arg in call_args {
                    let (x, ty) = arg.emit(body, args)?;
                    operands.push(format!("{ty} {x}"));
                }
                (body.emit(format!("call {ret} @{name}({})", operands.join(", "))), ret.clone())
            }
            Expr::Shuffle { a, b, lanes } => {
                let (x, ty) = a.emit(body, args)?;
                let (y, other) = b.emit(body, args)?;
                let LlvmType::Vector(_, element) = &ty else { return Err(format!("a shuffle of `{ty}`")) };
                if other != ty {
                    return Err(format!("a shuffle of `{ty}` with `{other}`"));
                }
                let out = LlvmType::Vector(lanes.len() as u32, element.clone());
                let picks = lanes.iter().map(|l| format!("i32 {l}")).collect::<Vec<_>>().join(", ");
                let n = lanes.len();
                (body.emit(format!("shufflevector {ty} {x}, {ty} {y}, <{n} x i32> <{picks}>")), out)
            }
            Expr::SelectBits { mask, on, off } => {
                let (m, mask_ty) = mask.emit(body, args)?;
                let (x, ty) = on.emit(body, args)?;
                let (y, _) = off.emit(body, args)?;
                let (LlvmType::Vector(n, _), LlvmType::Int(width)) = (&ty, &mask_ty) else {
                    return Err(format!("a bit-mask select of `{ty}` by `{mask_ty}`"));
                };
                // As rustc_codegen_llvm: the mask's low `n` bits, one per lane.
                let bits = if width == n { m } else { body.emit(format!("trunc {mask_ty} {m} to i{n}")) };
                let lanes = body.emit(format!("bitcast i{n} {bits} to <{n} x i1>"));
                (body.emit(format!("select <{n} x i1> {lanes}, {ty} {x}, {ty} {y}")), ty)
            }
            Expr::Insert { vector, lane, element } => {
                let (v, ty) = vector.emit(body, args)?;
                let (e, element_ty) = element.emit(body, args)?;
                (body.emit(format!("insertelement {ty} {v}, {element_ty} {e}, i32 {lane}")), ty)
            }
            Expr::Extract { vector, lane } => {
                let (v, ty) = vector.emit(body, args)?;
                let LlvmType::Vector(_, element) = &ty else { return Err(format!("a lane of `{ty}`")) };
                (body.emit(format!("extractelement {ty} {v}, i32 {lane}")), (**element).clone())
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::ir::{Helper, Shape, define};
    use super::super::signature::Lookup;
    use super::*;

    fn memory(ty: &str, offset: u64) -> Arg {
        Arg::Memory(Shape::Leaf { ty: LlvmType::parse(ty).unwrap(), offset })
    }

    fn helper(args: Vec<Arg>, ret: &str, expr: Expr) -> Helper {
        Helper {
            intrinsic: "test".into(),
            args,
            ret: Some(Shape::Leaf { ty: LlvmType::parse(ret).unwrap(), offset: 0 }),
            features: String::new(),
            problem: None,
            expr: Some(expr),
        }
    }

    #[test]
    fn masked_multiply_subtract() {
        let fma = Expr::Call {
            name: "llvm.fma.v4f32".into(),
            ret: LlvmType::parse("<4 x float>").unwrap(),
            args: vec![Expr::Arg(0), Expr::Arg(1), Expr::Neg(Box::new(Expr::Arg(1)))],
        };
        let select =
            Expr::SelectBits { mask: Box::new(Expr::Arg(2)), on: Box::new(fma), off: Box::new(Expr::Arg(0)) };
        let args = vec![memory("<4 x float>", 0), memory("<4 x float>", 16), memory("i8", 32)];
        let text = define(&helper(args, "<4 x float>", select), "h", &Lookup::Unavailable, 0).unwrap();
        for part in [
            "%t8 = fneg <4 x float> %t7",
            "%t9 = call <4 x float> @llvm.fma.v4f32(<4 x float> %t3, <4 x float> %t5, <4 x float> %t8)",
            "%t11 = trunc i8 %t2 to i4",
            "%t12 = bitcast i4 %t11 to <4 x i1>",
            "select <4 x i1> %t12, <4 x float> %t9, <4 x float> %t10",
            "store <4 x float> %t13",
        ] {
            assert!(text.contains(part), "{part} missing from:\n{text}");
        }
    }

    #[test]
    fn lanes_and_shuffles() {
        let lane = Expr::Extract { vector: Box::new(Expr::Arg(0)), lane: 0 };
        let negated = Expr::Neg(Box::new(lane));
        let insert = Expr::Insert { vector: Box::new(Expr::Arg(0)), lane: 0, element: Box::new(negated) };
        let shuffle = Expr::Shuffle { a: Box::new(insert), b: Box::new(Expr::Arg(0)), lanes: vec![0, 3] };
        let args = vec![memory("<2 x double>", 0)];
        let text =
            define(&helper(args.clone(), "<2 x double>", shuffle), "h", &Lookup::Unavailable, 0).unwrap();
        assert!(text.contains("%t3 = extractelement <2 x double> %t2, i32 0"), "{text}");
        assert!(text.contains("%t4 = fneg double %t3"), "{text}");
        assert!(text.contains("%t5 = insertelement <2 x double> %t1, double %t4, i32 0"), "{text}");
        assert!(
            text.contains("shufflevector <2 x double> %t5, <2 x double> %t6, <2 x i32> <i32 0, i32 3>"),
            "{text}"
        );
        // A result of another type than the helper's is refused, not miscompiled.
        let wrong = Expr::Extract { vector: Box::new(Expr::Arg(0)), lane: 1 };
        assert!(define(&helper(args, "<2 x double>", wrong), "h", &Lookup::Unavailable, 0).is_err());
    }
}
