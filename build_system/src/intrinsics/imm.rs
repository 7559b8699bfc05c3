//! Immediates: which values each const generic parameter of an intrinsic may take, and which of
//! them the test program instantiates.
//!
//! stdarch states the valid values in the body, as `static_assert_uimm_bits!(IMM8, 8)`,
//! `static_assert_rounding!(ROUNDING)`, `static_assert!(IMM8 == (IMM8 & 0x3e), ..)`, ... An
//! instantiation outside them does not compile (post-monomorphization error), so the generator
//! evaluates these conditions itself: each macro is expanded into the boolean expression its
//! definition (`core_arch/src/macros.rs`, `x86/macros.rs`) asserts, and the expression is
//! evaluated over a range of candidate values. A parameter without an assertion of its own
//! (`_mm_cmp_ps_mask::<IMM8>` forwarding to `_mm_mask_cmp_ps_mask::<IMM8>`) inherits the
//! conditions of the function it is passed to.

use std::collections::BTreeSet;

use super::stdarch::{Param, SourceFn, Stdarch, split_top};
use crate::util::Result;

/// The boolean conditions over const parameter names that an instantiation must satisfy.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub exprs: Vec<Expr>,
    /// Parameters for which no condition was found (their values are then guessed).
    pub unconstrained: Vec<String>,
}

/// Collects the conditions on `consts` stated in `f` or, for a parameter it only forwards, in
/// the callee.
pub fn constraints(sa: &Stdarch, f: &SourceFn, consts: &[Param]) -> Result<Constraints> {
    let mut out = Constraints::default();
    let own = assertions(&f.body)?;
    for c in consts {
        let mentioned: Vec<&Expr> = own.iter().filter(|e| e.vars().contains(&c.name)).collect();
        if !mentioned.is_empty() {
            continue;
        }
        match inherited(sa, f, &c.name, 0)? {
            Some(exprs) => out.exprs.extend(exprs),
            None => out.unconstrained.push(c.name.clone()),
        }
    }
    out.exprs.extend(own);
    Ok(out)
}

/// Conditions on `name` found by following `callee::<.., name, ..>` calls in `f`.
fn inherited(sa: &Stdarch, f: &SourceFn, name: &str, depth: usize) -> Result<Option<Vec<Expr>>> {
    if depth > 8 {
        return Ok(None);
    }
    for (callee, args) in generic_calls(&f.body) {
        let Some(pos) = args.iter().position(|a| a.trim_matches(|c| "{} ".contains(c)) == name) else {
            continue;
        };
        let Some(g) = sa.function(&callee) else { continue };
        let Some(g_consts) = const_names(&g.sig) else { continue };
        let Some(param) = g_consts.get(pos) else { continue };
        let exprs: Vec<Expr> = assertions(&g.body)?
            .into_iter()
            .filter(|e| e.vars().len() == 1 && e.vars().contains(param))
            .collect();
        if !exprs.is_empty() {
            return Ok(Some(exprs.into_iter().map(|e| e.rename(param, name)).collect()));
        }
        if let Some(found) = inherited(sa, g, param, depth + 1)? {
            return Ok(Some(found.into_iter().map(|e| e.rename(param, name)).collect()));
        }
    }
    Ok(None)
}

/// The names of the const generic parameters in a signature (`fn f<const A: i32, const B: i32>`).
fn const_names(sig: &str) -> Option<Vec<String>> {
    let lt = sig.find('<')?;
    let paren = sig.find('(')?;
    if lt > paren {
        return Some(Vec::new());
    }
    let inner = &sig[lt + 1..sig[..paren].rfind('>')?];
    Some(
        split_top(inner, ',')
            .iter()
            .filter_map(|g| {
                g.strip_prefix("const ").and_then(|g| g.split(':').next()).map(|s| s.trim().to_string())
            })
            .collect(),
    )
}

/// `callee::<args>` occurrences in `body`.
fn generic_calls(body: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("::<") {
        let before = &rest[..at];
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[at + 2..];
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '<' => depth += 1,
                '>' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !name.is_empty() && end < after.len() {
            out.push((name, split_top(&after[1..end], ',')));
        }
        rest = &after[1..];
    }
    out
}

/// The conditions of every `static_assert*!` invocation in `body`, expanded.
pub fn assertions(body: &str) -> Result<Vec<Expr>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("static_assert") {
        let after = &rest[at..];
        let Some(bang) = after.find('!') else { break };
        let mac = &after[..bang];
        let args_start = bang + 1;
        if !after[args_start..].starts_with('(')
            || mac.contains(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        {
            rest = &after[bang..];
            continue;
        }
        let len = paren_group_len(&after[args_start..]).ok_or("unbalanced static_assert")?;
        let args = split_top(&after[args_start + 1..args_start + len - 1], ',');
        let text = expand(mac, &args)?;
        out.push(parse(&text).map_err(|e| format!("cannot read `{text}` ({mac}): {e}"))?);
        rest = &after[args_start + len..];
    }
    Ok(out)
}

fn paren_group_len(s: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The condition a stdarch assertion macro checks, as Rust expression text (from the macros'
/// definitions in the pinned toolchain).
fn expand(mac: &str, args: &[String]) -> Result<String> {
    let a = |i: usize| args.get(i).cloned().ok_or_else(|| format!("{mac}! needs {} arguments", i + 1));
    Ok(match mac {
        "static_assert" => a(0)?,
        "static_assert_uimm_bits" => format!("0 <= {0} && {0} < (1 << ({1}))", a(0)?, a(1)?),
        "static_assert_simm_bits" => {
            format!("(-1 << (({1}) - 1)) - 1 <= {0} && {0} < (1 << (({1}) - 1))", a(0)?, a(1)?)
        }
        "static_assert_range" => {
            let range = a(1)?;
            let (lo, hi) = range.split_once("..=").ok_or_else(|| format!("range `{range}`"))?;
            format!("{lo} <= {0} && {0} <= {hi}", a(0)?)
        }
        "static_assert_rounding" => {
            format!("{0} == 4 || {0} == 8 || {0} == 9 || {0} == 10 || {0} == 11", a(0)?)
        }
        "static_assert_sae" => format!("{0} == 4 || {0} == 8", a(0)?),
        "static_assert_mantissas_sae" => format!("{0} == 4 || {0} == 8 || {0} == 12", a(0)?),
        "static_assert_extended_rounding" => format!("({0} & 7) < 5 && ({0} & !15) == 0", a(0)?),
        "static_assert_round_mode" => format!("{0} >= 0 && {0} < 5", a(0)?),
        "static_assert_imm8_scale" => format!("{0} == 1 || {0} == 2 || {0} == 4 || {0} == 8", a(0)?),
        other => return Err(format!("unknown assertion macro `{other}!`")),
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Int(i128),
    Var(String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    BitOr,
    BitXor,
    BitAnd,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    Int(i128),
    Bool(bool),
}

impl Expr {
    pub fn vars(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.collect_vars(&mut out);
        out
    }

    fn collect_vars(&self, out: &mut BTreeSet<String>) {
        match self {
            Expr::Int(_) => {}
            Expr::Var(v) => {
                out.insert(v.clone());
            }
            Expr::Not(e) | Expr::Neg(e) => e.collect_vars(out),
            Expr::Bin(_, a, b) => {
                a.collect_vars(out);
                b.collect_vars(out);
            }
        }
    }

    fn rename(self, from: &str, to: &str) -> Expr {
        match self {
            Expr::Var(v) if v == from => Expr::Var(to.to_string()),
            Expr::Not(e) => Expr::Not(Box::new(e.rename(from, to))),
            Expr::Neg(e) => Expr::Neg(Box::new(e.rename(from, to))),
            Expr::Bin(op, a, b) => Expr::Bin(op, Box::new(a.rename(from, to)), Box::new(b.rename(from, to))),
            e => e,
        }
    }

    /// Evaluates with the variables bound by `env`; `None` for an unbound variable or an
    /// operation on the wrong kind of value.
    pub fn eval(&self, env: &dyn Fn(&str) -> Option<i128>) -> Option<Val> {
        use Val::{Bool, Int};
        Some(match self {
            Expr::Int(n) => Int(*n),
            Expr::Var(v) => Int(env(v)?),
            Expr::Not(e) => match e.eval(env)? {
                Int(n) => Int(!n),
                Bool(b) => Bool(!b),
            },
            Expr::Neg(e) => match e.eval(env)? {
                Int(n) => Int(-n),
                Bool(_) => return None,
            },
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(env)?, b.eval(env)?);
                match (op, x, y) {
                    (Op::Or, Bool(p), Bool(q)) => Bool(p || q),
                    (Op::And, Bool(p), Bool(q)) => Bool(p && q),
                    (Op::Eq, x, y) => Bool(x == y),
                    (Op::Ne, x, y) => Bool(x != y),
                    (_, Int(p), Int(q)) => match op {
                        Op::Lt => Bool(p < q),
                        Op::Le => Bool(p <= q),
                        Op::Gt => Bool(p > q),
                        Op::Ge => Bool(p >= q),
                        Op::BitOr => Int(p | q),
                        Op::BitXor => Int(p ^ q),
                        Op::BitAnd => Int(p & q),
                        Op::Shl => Int(p.checked_shl(u32::try_from(q).ok()?)?),
                        Op::Shr => Int(p.checked_shr(u32::try_from(q).ok()?)?),
                        Op::Add => Int(p.checked_add(q)?),
                        Op::Sub => Int(p.checked_sub(q)?),
                        Op::Mul => Int(p.checked_mul(q)?),
                        Op::Div => Int(p.checked_div(q)?),
                        Op::Rem => Int(p.checked_rem(q)?),
                        Op::Or | Op::And | Op::Eq | Op::Ne => return None,
                    },
                    _ => return None,
                }
            }
        })
    }
}

/// Parses a Rust constant expression over integers and names (the subset stdarch's assertions
/// use; `as` casts are ignored, as every value fits the types involved).
pub fn parse(text: &str) -> Result<Expr> {
    let tokens = lex(text)?;
    let mut p = Parser { tokens, pos: 0 };
    let e = p.binary(0)?;
    if p.pos != p.tokens.len() {
        return Err(format!("unexpected `{}`", p.tokens[p.pos]));
    }
    Ok(e)
}

fn lex(text: &str) -> Result<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["||", "&&", "==", "!=", "<=", ">=", "<<", ">>"].contains(&two.as_str()) {
                out.push(two);
                i += 2;
            } else if "()<>!+-*/%&|^".contains(c) {
                out.push(c.to_string());
                i += 1;
            } else {
                return Err(format!("unexpected character `{c}`"));
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<String>,
    pos: usize,
}

/// Binary operators by Rust precedence, lowest first.
const LEVELS: &[&[(&str, Op)]] = &[
    &[("||", Op::Or)],
    &[("&&", Op::And)],
    &[("==", Op::Eq), ("!=", Op::Ne), ("<", Op::Lt), ("<=", Op::Le), (">", Op::Gt), (">=", Op::Ge)],
    &[("|", Op::BitOr)],
    &[("^", Op::BitXor)],
    &[("&", Op::BitAnd)],
    &[("<<", Op::Shl), (">>", Op::Shr)],
    &[("+", Op::Add), ("-", Op::Sub)],
    &[("*", Op::Mul), ("/", Op::Div), ("%", Op::Rem)],
];

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(String::as_str)
    }

    fn next(&mut self) -> Result<String> {
        let t = self.tokens.get(self.pos).cloned().ok_or("unexpected end")?;
        self.pos += 1;
        Ok(t)
    }

    fn binary(&mut self, level: usize) -> Result<Expr> {
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Some(&(_, op)) = self.peek().and_then(|t| LEVELS[level].iter().find(|(s, _)| *s == t)) {
            self.pos += 1;
            let rhs = self.binary(level + 1)?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Expr> {
        let e = match self.next()?.as_str() {
            "!" => Expr::Not(Box::new(self.unary()?)),
            "-" => Expr::Neg(Box::new(self.unary()?)),
            "(" => {
                let e = self.binary(0)?;
                if self.next()? != ")" {
                    return Err("missing `)`".into());
                }
                e
            }
            t if t.starts_with(|c: char| c.is_ascii_digit()) => Expr::Int(int_literal(t)?),
            t => Expr::Var(t.to_string()),
        };
        // `x as i32`: the casts in stdarch's conditions never change the value.
        while self.peek() == Some("as") {
            self.pos += 2;
        }
        Ok(e)
    }
}

fn int_literal(t: &str) -> Result<i128> {
    let t = t.replace('_', "");
    let (digits, radix) = match t.get(..2) {
        Some("0x") => (&t[2..], 16),
        Some("0b") => (&t[2..], 2),
        Some("0o") => (&t[2..], 8),
        _ => (t.as_str(), 10),
    };
    // Drop a type suffix (`8i32`, `0xffu8`); hex digits are not suffix letters except in `0x`.
    let end = digits.char_indices().find(|&(_, c)| !c.is_digit(radix)).map_or(digits.len(), |(i, _)| i);
    i128::from_str_radix(&digits[..end], radix).map_err(|e| format!("bad integer `{t}`: {e}"))
}

/// Values worth trying for an immediate that counts (shifts, rotates, byte alignments,
/// insert/extract positions), in order of preference after the smallest and largest valid
/// value: lane-width edges, where a count starts to be out of range.
pub const COUNT_VALUES: &[i128] = &[1, 8, 16, 32, 64, 7, 15, 31, 63, 3, 4, 5, 12, 17, 33, 65, 127, 128, 2];

/// Values worth trying for a control immediate (shuffles, blends, predicates, rounding
/// controls): typical shuffle orders, then small values.
pub const CONTROL_VALUES: &[i128] =
    &[1, 0x1b, 0x4e, 0xb1, 0xe4, 0x55, 0xaa, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17];

/// Candidate values each parameter is tried with before the conditions filter them.
fn domain() -> Vec<i128> {
    let mut d: Vec<i128> = (-16..=300).collect();
    d.extend([511, 512, 1023, 1024, 4095, 65535, 65536]);
    d
}

/// The instantiations to generate: at most `max` tuples of values for `consts` satisfying
/// every condition. Each parameter contributes its smallest and largest valid value and then
/// the `preferred` ones (`COUNT_VALUES` or `CONTROL_VALUES`); tuples combine them round-robin,
/// so each value appears at least once when `max` allows.
pub fn choose(consts: &[Param], c: &Constraints, max: usize, preferred: &[i128]) -> Result<Vec<Vec<i128>>> {
    if consts.is_empty() {
        return Ok(vec![Vec::new()]);
    }
    let mut per_param = Vec::new();
    for p in consts {
        let single: Vec<&Expr> =
            c.exprs.iter().filter(|e| e.vars().len() == 1 && e.vars().contains(&p.name)).collect();
        let valid: Vec<i128> = if c.unconstrained.contains(&p.name) {
            guess(&p.name)
        } else {
            domain()
                .into_iter()
                .filter(|&v| {
                    let env = |n: &str| (n == p.name).then_some(v);
                    single.iter().all(|e| e.eval(&env) == Some(Val::Bool(true)))
                })
                .collect()
        };
        if valid.is_empty() {
            return Err(format!("no valid value for `{}`", p.name));
        }
        per_param.push(representatives(&valid, max, preferred));
    }
    let rounds = per_param.iter().map(Vec::len).max().unwrap_or(1);
    let mut out: Vec<Vec<i128>> = Vec::new();
    let holds = |vals: &[i128]| {
        let env = |n: &str| consts.iter().position(|p| p.name == n).map(|i| vals[i]);
        c.exprs.iter().all(|e| e.eval(&env) == Some(Val::Bool(true)))
    };
    // Round-robin tuples, then (for joint conditions that reject them) every combination.
    for r in 0..rounds {
        let t: Vec<i128> = per_param.iter().map(|vals| vals[r % vals.len()]).collect();
        if holds(&t) && !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        let mut idx = vec![0usize; per_param.len()];
        'all: loop {
            let t: Vec<i128> = idx.iter().zip(&per_param).map(|(&i, v)| v[i]).collect();
            if holds(&t) && !out.contains(&t) {
                out.push(t);
                if out.len() >= max {
                    break;
                }
            }
            for k in 0..idx.len() {
                idx[k] += 1;
                if idx[k] < per_param[k].len() {
                    continue 'all;
                }
                idx[k] = 0;
            }
            break;
        }
    }
    out.truncate(max);
    if out.is_empty() {
        return Err("no combination of immediates satisfies the assertions".into());
    }
    Ok(out)
}

/// Values for a parameter stdarch does not check (there are none in the pinned toolchain; the
/// name decides, conservatively).
fn guess(name: &str) -> Vec<i128> {
    let bits: Option<u32> = name.strip_prefix("IMM").and_then(|b| b.parse().ok());
    match (name, bits) {
        (_, Some(b)) if b <= 8 => vec![0, 1, (1 << b) - 1],
        ("SCALE", _) => vec![1, 2, 4, 8],
        ("ROUNDING", _) => vec![4, 8, 9, 10, 11],
        ("SAE", _) => vec![4, 8],
        _ => vec![0],
    }
}

fn representatives(valid: &[i128], max: usize, preferred: &[i128]) -> Vec<i128> {
    if valid.len() <= max {
        return valid.to_vec();
    }
    let (lo, hi) = (valid[0], valid[valid.len() - 1]);
    let mut out = vec![lo, hi];
    for v in preferred {
        if out.len() >= max {
            break;
        }
        if valid.contains(v) && !out.contains(v) {
            out.push(*v);
        }
    }
    for v in valid {
        if out.len() >= max {
            break;
        }
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> Param {
        Param { name: name.into(), ty: "i32".into() }
    }

    #[test]
    fn expressions() {
        let e = parse("(LEN == 0 && IDX == 0) || (LEN != 0 && LEN + IDX <= 64)").unwrap();
        let env = |n: &str| match n {
            "LEN" => Some(8),
            "IDX" => Some(56),
            _ => None,
        };
        assert_eq!(e.eval(&env), Some(Val::Bool(true)));
        let e = parse("(X & 7) < 5 && (X & !15) == 0").unwrap();
        assert_eq!(e.eval(&|_| Some(11)), Some(Val::Bool(true)));
        assert_eq!(e.eval(&|_| Some(16)), Some(Val::Bool(false)));
        assert_eq!(parse("0x3e_i32 as u8").unwrap(), Expr::Int(0x3e));
        assert_eq!(parse("1 << 8").unwrap().eval(&|_| None), Some(Val::Int(256)));
    }

    #[test]
    fn assertions_and_choices() {
        let body = "static_assert_uimm_bits!(IMM8, 8);\n static_assert_sae!(SAE);\n foo::<IMM8>()";
        let exprs = assertions(body).unwrap();
        assert_eq!(exprs.len(), 2);
        let c = Constraints { exprs, unconstrained: Vec::new() };
        let tuples = choose(&[p("IMM8"), p("SAE")], &c, 6, CONTROL_VALUES).unwrap();
        assert_eq!(tuples.len(), 6);
        assert!(tuples.iter().all(|t| (0..=255).contains(&t[0]) && (t[1] == 4 || t[1] == 8)));
        assert!(tuples.iter().any(|t| t[0] == 0) && tuples.iter().any(|t| t[0] == 255));
        let sha = Constraints {
            exprs: assertions("static_assert!(\n IMM8 == (IMM8 & 0x3e),\n \"msg\"\n);").unwrap(),
            unconstrained: Vec::new(),
        };
        let t = choose(&[p("IMM8")], &sha, 4, CONTROL_VALUES).unwrap();
        assert!(t.iter().all(|t| t[0] % 2 == 0 && t[0] <= 62), "{t:?}");
        let joint = Constraints {
            exprs: assertions("static_assert!((LEN == 0 && IDX == 0) || (LEN != 0 && LEN + IDX <= 64));")
                .unwrap(),
            unconstrained: Vec::new(),
        };
        assert!(!choose(&[p("LEN"), p("IDX")], &joint, 4, COUNT_VALUES).unwrap().is_empty());
        assert_eq!(
            generic_calls("a(); _mm_foo::<IMM8, { SAE }>(a, b)"),
            [("_mm_foo".to_string(), vec!["IMM8".to_string(), "{ SAE }".to_string()])]
        );
    }
}
