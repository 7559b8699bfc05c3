//! Reads the x86 intrinsics out of the pinned toolchain's stdarch sources
//! (`<sysroot>/lib/rustlib/src/rust/library/stdarch/crates/core_arch/src/x86{,_64}/*.rs`).
//!
//! stdarch is rustfmt-formatted, so a line-oriented reader is enough and keeps this free of a
//! Rust parser: every top-level function starts at column 0 (`pub const unsafe fn ...`), its
//! attributes and doc comments sit on the lines right above it, and its body ends at the first
//! column-0 `}` after the signature (found by matching braces, skipping comments and literals).
//! Besides the public `_`-prefixed intrinsics it keeps every other top-level function with its
//! line range, so that a compile error pointing into stdarch can be traced back to the
//! intrinsics of a test program that reach it (`reaching`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::Result;

/// One top-level function of a stdarch source file.
#[derive(Debug, Clone)]
pub struct SourceFn {
    pub name: String,
    /// Relative to `core_arch/src`, e.g. `x86/avx.rs`.
    pub file: String,
    /// 1-based lines of its first attribute and of its closing brace.
    pub first_line: usize,
    pub last_line: usize,
    /// Line of the `fn` keyword.
    pub fn_line: usize,
    pub attrs: String,
    /// The signature, whitespace collapsed, up to (not including) the body's `{`.
    pub sig: String,
    pub body: String,
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    /// Whitespace-normalized type text, e.g. `__m128i`, `*const f32`, `&mut u32`.
    pub ty: String,
}

#[derive(Debug, Clone)]
pub struct Intrinsic {
    pub name: String,
    pub file: String,
    pub fn_line: usize,
    /// Union of its `#[target_feature(enable = "...")]` lists, in source order.
    pub features: Vec<String>,
    /// Const generic parameters (name, type), in order.
    pub consts: Vec<Param>,
    pub params: Vec<Param>,
    /// Return type text; empty for `()`.
    pub ret: String,
    /// `#[unstable(feature = "...")]`, which the test program must enable.
    pub unstable: Option<String>,
}

pub struct Stdarch {
    pub fns: Vec<SourceFn>,
    pub intrinsics: Vec<Intrinsic>,
    /// Index into `fns` by name (private helpers and intrinsics share one namespace per arch
    /// module; a name defined twice, e.g. under two `cfg`s, keeps the first).
    by_name: BTreeMap<String, usize>,
}

/// `core_arch/src` of the toolchain whose sysroot is `sysroot`.
pub fn source_root(sysroot: &Path) -> PathBuf {
    sysroot.join("lib/rustlib/src/rust/library/stdarch/crates/core_arch/src")
}

impl Stdarch {
    /// Reads every `x86/*.rs` and `x86_64/*.rs` below `root` (`source_root`).
    pub fn load(root: &Path) -> Result<Stdarch> {
        let mut files = Vec::new();
        for dir in ["x86", "x86_64"] {
            let path = root.join(dir);
            let entries = std::fs::read_dir(&path).map_err(|e| {
                format!(
                    "cannot read {}: {e} (the generator needs the rust-src component: \
                     `rustup component add rust-src`)",
                    path.display()
                )
            })?;
            for entry in entries {
                let p = entry.map_err(|e| e.to_string())?.path();
                if p.extension().is_some_and(|e| e == "rs") {
                    files.push(format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()));
                }
            }
        }
        files.sort();
        let mut texts = Vec::new();
        for rel in files {
            let text = std::fs::read_to_string(root.join(&rel))
                .map_err(|e| format!("cannot read {}: {e}", root.join(&rel).display()))?;
            texts.push((rel, text));
        }
        Self::from_texts(&texts)
    }

    pub fn from_texts(texts: &[(String, String)]) -> Result<Stdarch> {
        let mut fns = Vec::new();
        for (rel, text) in texts {
            // test.rs holds helpers of stdarch's own tests (`pub fn assert_eq_m128`, ...).
            if rel.ends_with("/test.rs") || rel.ends_with("/macros.rs") {
                continue;
            }
            fns.extend(parse_file(rel, text)?);
        }
        let mut by_name = BTreeMap::new();
        for (i, f) in fns.iter().enumerate() {
            by_name.entry(f.name.clone()).or_insert(i);
        }
        let mut intrinsics = Vec::new();
        let mut seen = BTreeSet::new();
        for f in &fns {
            if f.public && f.name.starts_with('_') && seen.insert(f.name.clone()) {
                intrinsics.push(intrinsic_of(f).map_err(|e| format!("{}:{}: {e}", f.file, f.fn_line))?);
            }
        }
        Ok(Stdarch { fns, intrinsics, by_name })
    }

    pub fn function(&self, name: &str) -> Option<&SourceFn> {
        self.by_name.get(name).map(|&i| &self.fns[i])
    }

    /// The top-level function whose lines contain `line` of `file` (relative, `x86/avx.rs`).
    pub fn enclosing(&self, file: &str, line: usize) -> Option<&SourceFn> {
        self.fns.iter().find(|f| f.file == file && f.first_line <= line && line <= f.last_line)
    }

    /// Of `roots` (intrinsic names), those whose body reaches `target` through calls to other
    /// stdarch functions (including `target` itself when it is one of them).
    pub fn reaching(&self, roots: &[String], target: &str) -> Vec<String> {
        let mut memo: BTreeMap<String, bool> = BTreeMap::new();
        roots.iter().filter(|r| self.reaches(r, target, &mut memo, 0)).cloned().collect()
    }

    fn reaches(&self, from: &str, target: &str, memo: &mut BTreeMap<String, bool>, depth: usize) -> bool {
        if from == target {
            return true;
        }
        if let Some(&known) = memo.get(from) {
            return known;
        }
        // Cycles (there are none in stdarch, but a wrong guess must not loop) count as "no".
        memo.insert(from.to_string(), false);
        let Some(f) = self.function(from) else { return false };
        let found = depth < 32
            && called_names(&f.body).iter().any(|callee| {
                self.by_name.contains_key(callee) && self.reaches(callee, target, memo, depth + 1)
            });
        memo.insert(from.to_string(), found);
        found
    }
}

/// Identifiers in `body` that are followed by `(` or `::<` (calls, possibly generic).
pub fn called_names(body: &str) -> BTreeSet<String> {
    let bytes = body.as_bytes();
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_ident_start(bytes[i]) && (i == 0 || !is_ident_char(bytes[i - 1])) {
            let start = i;
            while i < bytes.len() && is_ident_char(bytes[i]) {
                i += 1;
            }
            let rest = &body[i..];
            if rest.starts_with('(') || rest.starts_with("::<") {
                names.insert(body[start..i].to_string());
            }
        } else {
            i += 1;
        }
    }
    names
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Is this column-0 line the start of a function item (`pub const unsafe fn name`)?
fn fn_start(line: &str) -> Option<(bool, &str)> {
    let mut rest = line;
    let mut public = false;
    for q in ["pub(crate) ", "pub(super) ", "pub "] {
        if let Some(r) = rest.strip_prefix(q) {
            public = q == "pub ";
            rest = r;
            break;
        }
    }
    for q in ["const ", "unsafe ", "extern \"C\" ", "extern \"unadjusted\" "] {
        rest = rest.strip_prefix(q).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("unsafe ").unwrap_or(rest);
    rest.strip_prefix("fn ").map(|name| (public, name))
}

/// Lines that belong to an item's attribute block: attributes, doc and plain comments, and the
/// continuation lines of a multi-line attribute.
fn attr_line(line: &str) -> bool {
    line.starts_with("#[")
        || line.starts_with("//")
        || (line.starts_with(' ') && !line.trim().is_empty())
        || line.starts_with(")]")
}

pub fn parse_file(rel: &str, text: &str) -> Result<Vec<SourceFn>> {
    let lines: Vec<&str> = text.lines().collect();
    // stdarch's own tests sit at the end of each file in `#[cfg(test)] mod tests { ... }`.
    let end = (1..lines.len())
        .find(|&i| lines[i].starts_with("mod tests") && lines[i - 1].trim() == "#[cfg(test)]")
        .map_or(lines.len(), |i| i - 1);
    // Byte offset of each line start, to hand the brace matcher a position in `text`.
    let mut offsets = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        offsets.push(at);
        at += l.len();
    }
    offsets.push(text.len());

    let mut fns = Vec::new();
    let mut i = 0;
    while i < end {
        let Some((public, after_fn)) = fn_start(lines[i]) else {
            i += 1;
            continue;
        };
        let name: String = after_fn.bytes().take_while(|&b| is_ident_char(b)).map(char::from).collect();
        let (open, close) = match_body(text, offsets[i])
            .ok_or_else(|| format!("{rel}:{}: cannot find the body of `{name}`", i + 1))?;
        let last_line = offsets.partition_point(|&o| o <= close) - 1;
        let mut first = i;
        while first > 0 && attr_line(lines[first - 1]) {
            first -= 1;
        }
        let attrs = lines[first..i].join("\n");
        let f = SourceFn {
            name,
            file: rel.to_string(),
            first_line: first + 1,
            last_line: last_line + 1,
            fn_line: i + 1,
            sig: collapse(&text[offsets[i]..open]),
            body: text[open + 1..close].to_string(),
            attrs,
            public,
        };
        if cfg_enabled(&f.attrs) {
            fns.push(f);
        }
        i = last_line + 1;
    }
    Ok(fns)
}

/// Byte offsets of the body's `{` and matching `}` of the function whose signature starts at
/// `start`: the first `{` outside parentheses and angle brackets (none occur in signatures).
fn match_body(text: &str, start: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = start;
    let mut depth = 0usize;
    let mut open = None;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let close = text[i + 2..].find("*/")?;
                i += close + 4;
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a), which has no closing quote.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 2;
                }
            }
            b'{' => {
                if open.is_none() {
                    open = Some(i);
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((open?, i));
                }
            }
            b';' if open.is_none() => return None, // a declaration without a body
            _ => {}
        }
        i += 1;
    }
    None
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Evaluates the item's `#[cfg(...)]` attributes for x86_64-unknown-linux-gnu outside tests.
fn cfg_enabled(attrs: &str) -> bool {
    let flat = collapse(attrs);
    let mut rest = flat.as_str();
    while let Some(at) = rest.find("#[cfg(") {
        let inner_start = at + "#[cfg(".len();
        let Some(len) = balanced_len(&rest[inner_start - 1..], '(', ')') else { return true };
        let inner = &rest[inner_start..inner_start - 1 + len - 1];
        if !eval_cfg(inner.trim()) {
            return false;
        }
        rest = &rest[inner_start..];
    }
    true
}

fn eval_cfg(pred: &str) -> bool {
    let pred = pred.trim();
    for (op, all) in [("all(", true), ("any(", false)] {
        if let Some(inner) = pred.strip_prefix(op).and_then(|r| r.strip_suffix(')')) {
            let parts = split_top(inner, ',');
            return if all { parts.iter().all(|p| eval_cfg(p)) } else { parts.iter().any(|p| eval_cfg(p)) };
        }
    }
    if let Some(inner) = pred.strip_prefix("not(").and_then(|r| r.strip_suffix(')')) {
        return !eval_cfg(inner);
    }
    match pred.split_once('=') {
        Some((key, value)) => {
            let value = value.trim().trim_matches('"');
            match key.trim() {
                "target_arch" => value == "x86_64",
                "target_pointer_width" => value == "64",
                "target_os" => value == "linux",
                "target_env" => value == "gnu",
                _ => false,
            }
        }
        None => matches!(pred, "unix" | "target_feature"),
    }
}

/// Length of the balanced `open ... close` group that `s` starts with (including both).
fn balanced_len(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
        }
    }
    None
}

/// Splits at `sep` outside (), [], <> and {}; drops empty trailing parts.
pub fn split_top(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let mut prev = ' ';
    for c in s.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '>' if prev != '-' => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 {
            parts.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
        prev = c;
    }
    if !cur.trim().is_empty() {
        parts.push(cur.trim().to_string());
    }
    parts
}

/// The string arguments `key = "value"` of every `#[name(...)]` attribute in `attrs`.
pub fn attr_values(attrs: &str, name: &str, key: &str) -> Vec<String> {
    let flat = collapse(attrs);
    let pat = format!("#[{name}(");
    let mut out = Vec::new();
    let mut rest = flat.as_str();
    while let Some(at) = rest.find(&pat) {
        let after = &rest[at + pat.len()..];
        let end = balanced_len(&rest[at + pat.len() - 1..], '(', ')').map_or(after.len(), |l| l - 2);
        let mut inner = &after[..end];
        // `key = "value"` pairs; values are plain strings without escapes in stdarch.
        while let Some(k) = inner.find(&format!("{key} = \"")) {
            let at_word_start = k == 0 || !is_ident_char(inner.as_bytes()[k - 1]);
            let v = &inner[k + key.len() + 4..];
            let close = v.find('"').unwrap_or(v.len());
            if at_word_start {
                out.push(v[..close].to_string());
            }
            inner = &v[close..];
        }
        rest = after;
    }
    out
}

fn intrinsic_of(f: &SourceFn) -> Result<Intrinsic> {
    let mut features: Vec<String> = Vec::new();
    for list in attr_values(&f.attrs, "target_feature", "enable") {
        for feat in list.split(',') {
            if !features.iter().any(|x| x == feat) {
                features.push(feat.to_string());
            }
        }
    }
    let (_, after_name) = f.sig.split_once(&format!("fn {}", f.name)).ok_or("signature without its name")?;
    let mut rest = after_name.trim_start();
    let mut consts = Vec::new();
    if rest.starts_with('<') {
        let len = balanced_len(rest, '<', '>').ok_or("unbalanced generics")?;
        for g in split_top(&rest[1..len - 1], ',') {
            let g = g.strip_prefix("const ").ok_or_else(|| format!("non-const generic parameter `{g}`"))?;
            consts.push(param(g)?);
        }
        rest = rest[len..].trim_start();
    }
    let len = balanced_len(rest, '(', ')').ok_or("unbalanced parameter list")?;
    let params = split_top(&rest[1..len - 1], ',').iter().map(|p| param(p)).collect::<Result<Vec<_>>>()?;
    let mut ret = rest[len..].trim();
    if let Some(at) = ret.find(" where ").or_else(|| ret.strip_prefix("where").map(|_| 0)) {
        ret = &ret[..at];
    }
    let ret = ret.strip_prefix("->").map_or("", str::trim).to_string();
    Ok(Intrinsic {
        name: f.name.clone(),
        file: f.file.clone(),
        fn_line: f.fn_line,
        features,
        consts,
        params,
        ret,
        unstable: attr_values(&f.attrs, "unstable", "feature").into_iter().next(),
    })
}

fn param(text: &str) -> Result<Param> {
    let (name, ty) = text.split_once(':').ok_or_else(|| format!("parameter without a type: `{text}`"))?;
    let name = name.trim().trim_start_matches("mut ").trim().to_string();
    Ok(Param { name, ty: collapse(ty) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"//! Module docs
use crate::x;

/// Adds.
///
/// [docs](https://example.com)
#[inline]
#[target_feature(enable = "sse")]
#[cfg_attr(
    test,
    assert_instr(addps)
)] // FIXME a comment
#[stable(feature = "simd_x86", since = "1.27.0")]
pub const fn _mm_add_ps(a: __m128, b: __m128) -> __m128 {
    unsafe { simd_add(a, b) } // } in a comment
}

#[inline]
#[target_feature(enable = "avx512f,avx512vl")]
#[rustc_legacy_const_generics(2)]
#[unstable(feature = "stdarch_x86_avx512", issue = "111137")]
pub unsafe fn _mm_mask_foo<const IMM8: i32, const SAE: i32>(
    a: __m128i,
    mem_addr: *const f32,
) -> __mmask8 {
    static_assert_uimm_bits!(IMM8, 8);
    let s = "{";
    helper(a, '}')
}

#[cfg(target_arch = "x86")]
pub fn _only_on_x86() {}

fn helper(a: __m128i, c: char) -> u8 {
    vpfoo(a)
}

#[cfg(test)]
mod tests {
    pub fn _mm_not_this() {}
}
"#;

    #[test]
    fn reads_functions_and_signatures() {
        let fns = parse_file("x86/sample.rs", SAMPLE).unwrap();
        let names: Vec<&str> = fns.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["_mm_add_ps", "_mm_mask_foo", "helper"]);
        assert_eq!((fns[0].first_line, fns[0].fn_line, fns[0].last_line), (4, 14, 16));
        let sa = Stdarch::from_texts(&[("x86/sample.rs".into(), SAMPLE.into())]).unwrap();
        let add = &sa.intrinsics[0];
        assert_eq!(add.features, ["sse"]);
        assert_eq!(add.ret, "__m128");
        assert_eq!(add.params[1], Param { name: "b".into(), ty: "__m128".into() });
        let foo = &sa.intrinsics[1];
        assert_eq!(foo.features, ["avx512f", "avx512vl"]);
        assert_eq!(foo.consts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["IMM8", "SAE"]);
        assert_eq!(foo.params[1].ty, "*const f32");
        assert_eq!(foo.ret, "__mmask8");
        assert_eq!(foo.unstable.as_deref(), Some("stdarch_x86_avx512"));
        assert_eq!(sa.intrinsics.len(), 2, "private, cfg'd-out and test functions are not intrinsics");
        assert_eq!(sa.enclosing("x86/sample.rs", 28).unwrap().name, "_mm_mask_foo");
        assert_eq!(sa.enclosing("x86/sample.rs", 35).unwrap().name, "helper");
        let roots = vec!["_mm_add_ps".to_string(), "_mm_mask_foo".to_string()];
        assert_eq!(sa.reaching(&roots, "helper"), ["_mm_mask_foo"]);
    }

    #[test]
    fn cfg_evaluation() {
        assert!(eval_cfg("not(target_arch = \"x86\")"));
        assert!(!eval_cfg("target_arch = \"x86\""));
        assert!(eval_cfg("all(target_pointer_width = \"64\", not(test))"));
        assert!(!eval_cfg("test"));
        assert!(cfg_enabled("#[inline]\n#[cfg(not(target_arch = \"x86\"))] // why"));
    }

    #[test]
    fn splitting() {
        assert_eq!(
            split_top("a: *const T, b: Foo<A, B>, c: fn(x) -> y", ','),
            ["a: *const T", "b: Foo<A, B>", "c: fn(x) -> y"]
        );
        assert_eq!(attr_values("#[target_feature(enable = \"a,b\")]", "target_feature", "enable"), ["a,b"]);
    }
}
