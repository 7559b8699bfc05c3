//! Writes the test programs: the prelude (`tests/intrinsics/prelude.rs`), one test function per
//! intrinsic and a `main` that runs them if the CPU has the program's features.
//!
//! A test function enables exactly the intrinsic's target features and loops over the
//! `CASES` argument patterns of the prelude; an intrinsic with immediates is instantiated with
//! each chosen tuple of immediates inside that loop. Arguments are read from the prelude's
//! pattern tables by kind (integer bits, f32/f64/f16/bf16 lanes, masks, in-range gather
//! indices); pointers point to the prelude's aligned 512-byte buffers, and a store's buffer is
//! printed after the call.

use super::skips::{SMALL_INDEX_PARAMS, Treatment};
use super::stdarch::Intrinsic;

/// What the prelude's `fill` produces (its `K_*` constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    F32,
    F64,
    F16,
    Bf16,
    Mask,
    Gidx32,
    Gidx64,
    BitIdx,
}

impl Kind {
    fn konst(self) -> &'static str {
        match self {
            Kind::Int => "K_INT",
            Kind::F32 => "K_F32",
            Kind::F64 => "K_F64",
            Kind::F16 => "K_F16",
            Kind::Bf16 => "K_BF16",
            Kind::Mask => "K_MASK",
            Kind::Gidx32 => "K_GIDX32",
            Kind::Gidx64 => "K_GIDX64",
            Kind::BitIdx => "K_BITIDX",
        }
    }
}

/// The pattern kind of a value of type `ty` (also the element type behind a pointer).
fn value_kind(ty: &str) -> Option<Kind> {
    Some(match ty {
        "__m128" | "__m256" | "__m512" | "f32" => Kind::F32,
        "__m128d" | "__m256d" | "__m512d" | "f64" => Kind::F64,
        "__m128h" | "__m256h" | "__m512h" | "f16" => Kind::F16,
        "__m128bh" | "__m256bh" | "__m512bh" | "bf16" => Kind::Bf16,
        "__mmask8" | "__mmask16" | "__mmask32" | "__mmask64" => Kind::Mask,
        "__m128i" | "__m256i" | "__m512i" | "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64"
        | "i128" | "u128" => Kind::Int,
        _ => return None,
    })
}

/// The float format of a result of type `ty` (`__m256d`: f64 lanes), if it holds floats.
pub fn float_format(ty: &str) -> Option<Kind> {
    value_kind(ty).filter(|k| matches!(k, Kind::F32 | Kind::F64 | Kind::F16 | Kind::Bf16))
}

/// How one argument is produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgPlan {
    /// `let aJ: TY = arg(KIND, c, J);`
    Value(Kind, String),
    /// A pointer to loaded-from memory filled with `KIND` patterns: `o.src(KIND, c, J) as TY`.
    Src(Kind, String),
    /// A pointer to stored-to memory, printed after the call: `o.dst(J) as TY`.
    Dst(String),
    /// `&aJ` with `aJ` a value of the inner type.
    Ref(Kind, String),
    /// `&mut aJ`, printed after the call.
    RefMut(Kind, String),
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub args: Vec<ArgPlan>,
    /// One tuple of const generic values per instantiation (one empty tuple without any).
    pub imms: Vec<Vec<i128>>,
    pub prints_result: bool,
}

/// Types the prelude's `Show` prints.
fn printable(ty: &str) -> bool {
    value_kind(ty).is_some() || ty == "usize"
}

/// Decides how to call `i` with `imms`; an error says why the generator cannot.
pub fn plan(i: &Intrinsic, imms: Vec<Vec<i128>>) -> Result<Plan, String> {
    let gather = i.name.contains("gather") || i.name.contains("scatter");
    let mut args = Vec::new();
    for p in &i.params {
        let ty = p.ty.as_str();
        let small_index =
            SMALL_INDEX_PARAMS.iter().any(|(pre, param)| i.name.starts_with(pre) && *param == p.name);
        // F16C's and AVX-512's half-to-single conversions take their halves in an integer vector.
        let halves = (i.name.contains("cvtph_ps") || i.name.contains("cvt_roundph_ps"))
            && matches!(ty, "__m128i" | "__m256i");
        let a = if halves {
            ArgPlan::Value(Kind::F16, ty.to_string())
        } else if gather && (p.name == "offsets" || p.name == "vindex") {
            let kind = if i.name.contains("i64") { Kind::Gidx64 } else { Kind::Gidx32 };
            ArgPlan::Value(kind, ty.to_string())
        } else if small_index {
            ArgPlan::Value(Kind::BitIdx, ty.to_string())
        } else if let Some(inner) = ty.strip_prefix("*const ") {
            ArgPlan::Src(value_kind(inner).unwrap_or(Kind::Int), ty.to_string())
        } else if ty.starts_with("*mut ") {
            ArgPlan::Dst(ty.to_string())
        } else if let Some(inner) = ty.strip_prefix("&mut ") {
            ArgPlan::RefMut(
                value_kind(inner).ok_or_else(|| format!("no values for `{ty}`"))?,
                inner.to_string(),
            )
        } else if let Some(inner) = ty.strip_prefix('&') {
            ArgPlan::Ref(value_kind(inner).ok_or_else(|| format!("no values for `{ty}`"))?, inner.to_string())
        } else {
            ArgPlan::Value(
                value_kind(ty).ok_or_else(|| format!("no values for parameter type `{ty}`"))?,
                ty.to_string(),
            )
        };
        args.push(a);
    }
    if !i.ret.is_empty() && !printable(&i.ret) {
        return Err(format!("cannot print a `{}`", i.ret));
    }
    Ok(Plan { args, imms, prints_result: !i.ret.is_empty() })
}

/// One intrinsic as the emitter needs it.
pub struct Test<'a> {
    pub intrinsic: &'a Intrinsic,
    pub treatment: Treatment,
    pub plan: &'a Plan,
}

/// Where a test sits in the generated source, to pin compile errors on it.
#[derive(Debug, Clone)]
pub struct TestLines {
    pub name: String,
    pub first: usize,
    pub last: usize,
    /// Its entry in the `TESTS` table.
    pub table_line: usize,
}

pub struct Program {
    pub source: String,
    pub tests: Vec<TestLines>,
}

/// Counts lines as the source is written.
struct Writer {
    s: String,
    lines: usize,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.s.push_str(text);
        self.s.push('\n');
        self.lines += 1 + text.bytes().filter(|&b| b == b'\n').count();
    }
    /// The number of the next line to be written.
    fn line_no(&self) -> usize {
        self.lines + 1
    }
}

/// Unstable library and language features every program enables: the prelude prints `f16`
/// and `bf16` values, and the FP16/BF16 vector types are unstable.
const BASE_GATES: &[&str] = &["f16", "stdarch_x86_avx512_f16", "stdarch_x86_avx512_bf16"];

/// The whole program for `tests`, which all enable `features`.
pub fn program(
    title: &str,
    family: &str,
    features: &[String],
    tests: &[Test],
    prelude: &str,
    gates: &[(&str, &str)],
) -> Program {
    let mut w = Writer { s: String::new(), lines: 0 };
    w.line(&format!("// Generated by `./y.sh test intrinsics` (build_system/src/intrinsics/): {title}."));
    w.line("// Do not edit: the generator writes it again on every run.");
    let mut feats: Vec<String> = BASE_GATES.iter().map(|s| s.to_string()).collect();
    for t in tests {
        if let Some(u) = &t.intrinsic.unstable {
            feats.push(u.clone());
        }
    }
    for f in features {
        for (tf, gate) in gates {
            if f == tf {
                feats.push(gate.to_string());
            }
        }
    }
    feats.sort();
    feats.dedup();
    w.line(&format!("#![feature({})]", feats.join(", ")));
    w.line(
        "#![allow(internal_features, stable_features, unused_features, unused_unsafe, unused_mut, deprecated, \
         unused_imports, non_snake_case, dead_code, clippy::all)]",
    );
    for l in prelude.lines() {
        w.line(l);
    }
    let mut spans = Vec::new();
    for (n, t) in tests.iter().enumerate() {
        w.line("");
        let first = w.line_no();
        test_fn(&mut w, n, t, features);
        spans.push(TestLines { name: t.intrinsic.name.clone(), first, last: w.line_no() - 1, table_line: 0 });
    }
    w.line("");
    w.line("const TESTS: &[Test] = &[");
    for (n, t) in tests.iter().enumerate() {
        spans[n].table_line = w.line_no();
        w.line(&format!("    ({:?}, t{n}),", t.intrinsic.name));
    }
    w.line("];");
    w.line("");
    w.line("fn main() {");
    let detect: Vec<String> =
        features.iter().map(|f| format!("is_x86_feature_detected!({f:?})")).collect::<Vec<_>>();
    let detect = if detect.is_empty() { "true".to_string() } else { detect.join(" && ") };
    w.line(&format!("    let has = {detect};"));
    let label =
        if features.is_empty() { family.to_string() } else { format!("{family} [{}]", features.join(",")) };
    w.line(&format!("    run({label:?}, has, TESTS);"));
    w.line("}");
    Program { source: w.s, tests: spans }
}

fn test_fn(w: &mut Writer, n: usize, t: &Test, features: &[String]) {
    let i = t.intrinsic;
    w.line(&format!("// {} ({}:{})", i.name, i.file, i.fn_line));
    if !features.is_empty() {
        w.line(&format!("#[target_feature(enable = {:?})]", features.join(",")));
    }
    w.line(&format!("unsafe fn t{n}(o: &mut Out) {{"));
    w.line("    unsafe {");
    if let Treatment::Custom(_, body) = t.treatment {
        for l in body.replace("NAME", &i.name).lines() {
            w.line(&format!("        {l}"));
        }
    } else {
        normal_body(w, t);
    }
    w.line("    }");
    w.line("}");
}

fn normal_body(w: &mut Writer, t: &Test) {
    let i = t.intrinsic;
    let plan = t.plan;
    let print = t.treatment == Treatment::Normal;
    w.line("        for c in 0..CASES {");
    // Values, loads and references are the same for every instantiation of a case.
    for (j, a) in plan.args.iter().enumerate() {
        match a {
            ArgPlan::Value(k, ty) | ArgPlan::Ref(k, ty) => {
                w.line(&format!("            let a{j}: {ty} = arg({}, c, {j});", k.konst()))
            }
            ArgPlan::Src(k, ty) => {
                w.line(&format!("            let a{j} = o.src({}, c, {j}) as {ty};", k.konst()))
            }
            ArgPlan::Dst(_) | ArgPlan::RefMut(..) => {}
        }
    }
    for imm in &plan.imms {
        let label = if imm.is_empty() {
            String::new()
        } else {
            format!("<{}>", imm.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(","))
        };
        let turbofish = if imm.is_empty() {
            String::new()
        } else {
            let vals: Vec<String> =
                imm.iter().map(|v| if *v < 0 { format!("{{ {v} }}") } else { v.to_string() }).collect();
            format!("::<{}>", vals.join(", "))
        };
        // Stores and out-parameters start from the same contents before every call.
        let mut call_args = Vec::new();
        for (j, a) in plan.args.iter().enumerate() {
            match a {
                ArgPlan::Dst(ty) => w.line(&format!("            let a{j} = o.dst({j}) as {ty};")),
                ArgPlan::RefMut(k, ty) => {
                    w.line(&format!("            let mut a{j}: {ty} = arg({}, c, {j});", k.konst()))
                }
                _ => {}
            }
            call_args.push(match a {
                ArgPlan::Ref(..) => format!("&a{j}"),
                ArgPlan::RefMut(..) => format!("&mut a{j}"),
                _ => format!("a{j}"),
            });
        }
        let call = format!("{}{turbofish}({})", i.name, call_args.join(", "));
        if print && plan.prints_result {
            w.line(&format!("            o.put(c, {label:?}, &{call});"));
        } else if plan.prints_result {
            w.line(&format!("            let _ = {call};"));
        } else {
            w.line(&format!("            {call};"));
        }
        if print {
            for (j, a) in plan.args.iter().enumerate() {
                match a {
                    ArgPlan::Dst(_) => w.line(&format!("            o.mem(c, {label:?}, {j});")),
                    ArgPlan::RefMut(..) => w.line(&format!("            o.put(c, \"{label} a{j}\", &a{j});")),
                    _ => {}
                }
            }
        }
    }
    w.line("        }");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intrinsics::stdarch::Param;

    fn intrinsic(name: &str, params: &[(&str, &str)], ret: &str) -> Intrinsic {
        Intrinsic {
            name: name.into(),
            file: "x86/t.rs".into(),
            fn_line: 1,
            features: vec!["avx512f".into()],
            consts: Vec::new(),
            params: params.iter().map(|(n, t)| Param { name: n.to_string(), ty: t.to_string() }).collect(),
            ret: ret.into(),
            unstable: None,
        }
    }

    #[test]
    fn plans() {
        let g =
            intrinsic("_mm512_i32gather_ps", &[("offsets", "__m512i"), ("slice", "*const f32")], "__m512");
        let p = plan(&g, vec![vec![4]]).unwrap();
        assert_eq!(
            p.args,
            [ArgPlan::Value(Kind::Gidx32, "__m512i".into()), ArgPlan::Src(Kind::F32, "*const f32".into())]
        );
        let s = intrinsic("_mm_storeu_ps", &[("p", "*mut f32"), ("a", "__m128")], "");
        let p = plan(&s, vec![vec![]]).unwrap();
        assert!(!p.prints_result);
        let c = intrinsic("_addcarry_u32", &[("c", "u8"), ("a", "u32"), ("out", "&mut u32")], "u8");
        assert_eq!(plan(&c, vec![vec![]]).unwrap().args[2], ArgPlan::RefMut(Kind::Int, "u32".into()));
        assert!(plan(&intrinsic("_x", &[("t", "__tile1024i")], ""), vec![vec![]]).is_err());
        let h = intrinsic("_mm_maskz_cvtph_ps", &[("k", "__mmask8"), ("a", "__m128i")], "__m128");
        assert_eq!(plan(&h, vec![vec![]]).unwrap().args[1], ArgPlan::Value(Kind::F16, "__m128i".into()));
    }

    #[test]
    fn program_text() {
        let i = intrinsic("_mm512_foo", &[("a", "__m512"), ("p", "*mut f32")], "__m512");
        let p = plan(&i, vec![vec![0], vec![-1]]).unwrap();
        let tests = [Test { intrinsic: &i, treatment: Treatment::Normal, plan: &p }];
        let prog = program("t", "AVX512F", &["avx512f".into()], &tests, "// prelude", &[]);
        let src = &prog.source;
        assert!(src.contains("#[target_feature(enable = \"avx512f\")]"), "{src}");
        assert!(src.contains("let a0: __m512 = arg(K_F32, c, 0);"), "{src}");
        assert!(src.contains("o.put(c, \"<-1>\", &_mm512_foo::<{ -1 }>(a0, a1));"), "{src}");
        assert!(src.contains("o.mem(c, \"<0>\", 1);"), "{src}");
        assert!(src.contains("run(\"AVX512F [avx512f]\", has, TESTS);"), "{src}");
        let lines: Vec<&str> = src.lines().collect();
        let t = &prog.tests[0];
        assert!(lines[t.first - 1].starts_with("// _mm512_foo"), "{}", lines[t.first - 1]);
        assert_eq!(lines[t.last - 1], "}");
        assert!(lines[t.table_line - 1].contains("t0"));
    }
}
