//! The float operations that intrinsics name, independent of the float type: shared by the
//! scalar intrinsics, the soft-float lowering (`f16`, `f128`) and the SIMD lane-wise math.

/// One float operation. Each `*f16/f32/f64/f128` intrinsic of `core::intrinsics` (and each
/// lane-wise `simd_f*` intrinsic) maps to one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatOp {
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Trunc,
    /// Round half away from zero.
    Round,
    RoundTiesEven,
    CopySign,
    /// Fused: one rounding.
    Fma,
    /// Fused or not, at the backend's choice; LLVM fuses on x86-64 with FMA only, and rustc's
    /// LLVM backend calls `fma` for it, so we fuse too.
    MulAdd,
    /// IEEE 754-2019 `minimum`/`maximum`: NaN propagates, -0 orders below +0.
    Minimum,
    Maximum,
    Powi,
    Pow,
    Exp,
    Exp2,
    Log,
    Log2,
    Log10,
    Sin,
    Cos,
}

impl FloatOp {
    pub fn arity(self) -> usize {
        match self {
            FloatOp::CopySign | FloatOp::Minimum | FloatOp::Maximum | FloatOp::Powi | FloatOp::Pow => 2,
            FloatOp::Fma | FloatOp::MulAdd => 3,
            _ => 1,
        }
    }

    /// The C math library function computing this operation on `double` (add `f` for `float`,
    /// `f128` for `_Float128`); `None` when there is none.
    pub fn libm_stem(self) -> Option<&'static str> {
        Some(match self {
            FloatOp::Sqrt => "sqrt",
            FloatOp::Abs => "fabs",
            FloatOp::Floor => "floor",
            FloatOp::Ceil => "ceil",
            FloatOp::Trunc => "trunc",
            FloatOp::Round => "round",
            FloatOp::RoundTiesEven => "roundeven",
            FloatOp::CopySign => "copysign",
            FloatOp::Fma | FloatOp::MulAdd => "fma",
            FloatOp::Pow => "pow",
            FloatOp::Exp => "exp",
            FloatOp::Exp2 => "exp2",
            FloatOp::Log => "log",
            FloatOp::Log2 => "log2",
            FloatOp::Log10 => "log10",
            FloatOp::Sin => "sin",
            FloatOp::Cos => "cos",
            FloatOp::Minimum | FloatOp::Maximum | FloatOp::Powi => return None,
        })
    }
}
