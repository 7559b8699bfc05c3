//! The paths a file writes that may name a module of its own crate: `crate::..`, `super::..`,
//! `self::..` and `$crate::..`, in `use` declarations (grouped ones spelled out) as well as in
//! expressions and types, and relative paths such as `value::Place` that may start at a child
//! module. Whether a path really names a module is decided later, against the crate's files.

use super::lexer::Token;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef {
    /// As written, with `$crate` as `crate` and a group's `self` as the group's own path.
    pub segments: Vec<String>,
    pub line: usize,
    /// The inline modules (`mod tests { .. }`) the path sits in, outermost first: `super`
    /// counts from the innermost of them.
    pub scope: Vec<String>,
    /// Inside an inline module marked `#[cfg(test)]`.
    pub in_test: bool,
}

struct Scope {
    name: String,
    /// Brace depth outside the module's `{`.
    depth: usize,
    test: bool,
}

pub fn path_refs(tokens: &[Token]) -> Vec<PathRef> {
    let mut out = Vec::new();
    let mut scopes: Vec<Scope> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let next = |k: usize| tokens.get(i + k);
        if t.is("{") {
            depth += 1;
        } else if t.is("}") {
            depth = usize::saturating_sub(depth, 1);
            if scopes.last().is_some_and(|s| s.depth == depth) {
                scopes.pop();
            }
        } else if t.is("mod") && next(1).is_some_and(Token::is_ident) && next(2).is_some_and(|t| t.is("{")) {
            scopes.push(Scope { name: tokens[i + 1].text.clone(), depth, test: is_cfg_test(tokens, i) });
            i += 2;
            continue;
        } else if t.is("use") || starts_path(tokens, i) {
            let start = if t.is("use") { i + 1 } else { i };
            let mut found = Vec::new();
            let end = use_tree(tokens, start, &[], &mut found);
            let (scope, in_test) =
                (scopes.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), scopes.iter().any(|s| s.test));
            out.extend(found.into_iter().map(|(segments, line)| PathRef {
                segments,
                line,
                scope: scope.clone(),
                in_test,
            }));
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// An identifier followed by `::` that is not the continuation of a longer path, a method's
/// turbofish (`x.f::<T>()`) or a visibility (`pub(in crate::a)`).
fn starts_path(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let before = |k: usize| i.checked_sub(k).map(|j| tokens[j].text.as_str());
    t.is_ident()
        && tokens.get(i + 1).is_some_and(|n| n.is("::"))
        && !matches!(before(1), Some("::" | "."))
        && !(before(1) == Some("in") && before(2) == Some("(") && before(3) == Some("pub"))
}

/// Parses a use tree (or a plain path) at `i`, appending every complete path with the line of
/// its last segment; returns the index after it.
fn use_tree(tokens: &[Token], mut i: usize, prefix: &[String], out: &mut Vec<(Vec<String>, usize)>) -> usize {
    let Some(t) = tokens.get(i) else { return i };
    if t.is("{") {
        i += 1;
        while let Some(t) = tokens.get(i) {
            if t.is("}") {
                return i + 1;
            }
            let end = use_tree(tokens, i, prefix, out);
            if end == i {
                return i; // not a use tree after all
            }
            i = end;
            if tokens.get(i).is_some_and(|t| t.is(",")) {
                i += 1;
            }
        }
        return i;
    }
    if t.is("*") {
        out.push((prefix.to_vec(), t.line));
        return i + 1;
    }
    if !t.is_ident() {
        return i;
    }
    if t.is("self") && !prefix.is_empty() {
        out.push((prefix.to_vec(), t.line));
        return i + 1;
    }
    let mut segments = prefix.to_vec();
    segments.push(t.text.clone());
    let mut line = t.line;
    i += 1;
    while tokens.get(i).is_some_and(|t| t.is("::")) {
        match tokens.get(i + 1) {
            Some(n) if n.is("{") || n.is("*") => return use_tree(tokens, i + 1, &segments, out),
            Some(n) if n.is_ident() => {
                segments.push(n.text.clone());
                line = n.line;
                i += 2;
            }
            _ => break, // `::<T>` and the like end the part that can name a module
        }
    }
    out.push((segments, line));
    i
}

/// Whether the `mod` at `i` carries `#[cfg(test)]` (or another `cfg` that needs `test`)
/// among the attributes before it.
fn is_cfg_test(tokens: &[Token], i: usize) -> bool {
    let mut j = i;
    if j > 0 && tokens[j - 1].is(")") {
        // `pub(crate) mod`, `pub(super) mod`
        if let Some(open) = matching_open(tokens, j - 1, "(", ")")
            && open > 0
            && tokens[open - 1].is("pub")
        {
            j = open - 1;
        }
    } else if j > 0 && tokens[j - 1].is("pub") {
        j -= 1;
    }
    while j > 0 && tokens[j - 1].is("]") {
        let Some(open) = matching_open(tokens, j - 1, "[", "]") else { return false };
        let attr = &tokens[open + 1..j - 1];
        if attr.first().is_some_and(|t| t.is("cfg"))
            && attr.iter().any(|t| t.is("test"))
            && !attr.iter().any(|t| t.is("not"))
        {
            return true;
        }
        if open == 0 || !tokens[open - 1].is("#") {
            return false;
        }
        j = open - 1;
    }
    false
}

/// Index of the `open` token that the `close` token at `i` closes.
fn matching_open(tokens: &[Token], i: usize, open: &str, close: &str) -> Option<usize> {
    let mut depth = 0;
    for j in (0..=i).rev() {
        if tokens[j].is(close) {
            depth += 1;
        } else if tokens[j].is(open) {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn refs(src: &str) -> Vec<(String, usize, bool)> {
        path_refs(&tokenize(src))
            .into_iter()
            .filter(|r| !r.segments.iter().any(|s| s == "std"))
            .map(|r| (r.segments.join("::"), r.line, r.in_test))
            .collect()
    }

    #[test]
    fn grouped_use() {
        let src =
            "use crate::{a, b::{c, self}, d::*};\nuse std::{fs, path::Path};\nuse super::super::x as y;";
        assert_eq!(
            refs(src),
            [
                ("crate::a".into(), 1, false),
                ("crate::b::c".into(), 1, false),
                ("crate::b".into(), 1, false),
                ("crate::d".into(), 1, false),
                ("super::super::x".into(), 3, false),
            ]
        );
    }

    #[test]
    fn paths_in_code() {
        let src = "fn f(fx: &mut crate::mir::FnCx) {\n    super::call::call_panic(fx, \"crate::no\");\n    \
                   x.get::<u8>(); let v = Vec::<u8>::new(); // super::no\n    $crate::m::g!();\n}\n\
                   pub(in crate::mir) fn g() {}";
        assert_eq!(
            refs(src),
            [
                ("crate::mir::FnCx".into(), 1, false),
                ("super::call::call_panic".into(), 2, false),
                ("Vec".into(), 3, false),
                ("crate::m::g".into(), 4, false),
            ]
        );
    }

    #[test]
    fn inline_modules_and_tests() {
        let src = "mod inner { use super::a; }\nuse self::b;\n#[cfg(test)]\n#[allow(dead_code)]\nmod tests {\n    \
                   use super::*;\n    fn f() { crate::c::d(); }\n}\nuse super::e;";
        let found = path_refs(&tokenize(src));
        let summary: Vec<(String, Vec<String>, bool)> =
            found.into_iter().map(|r| (r.segments.join("::"), r.scope, r.in_test)).collect();
        assert_eq!(
            summary,
            [
                ("super::a".into(), vec!["inner".to_string()], false),
                ("self::b".into(), vec![], false),
                ("super".into(), vec!["tests".to_string()], true),
                ("crate::c::d".into(), vec!["tests".to_string()], true),
                ("super::e".into(), vec![], false),
            ]
        );
    }

    #[test]
    fn module_declarations_are_not_paths() {
        assert!(path_refs(&tokenize("mod a;\npub mod b;\npub(crate) mod c;")).is_empty());
    }
}
