//! Where each function with a body starts and ends, for the length limit. Methods, nested
//! functions and test functions count like any other; a nested function also counts as part
//! of the function around it.

use super::lexer::Token;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FnSpan {
    pub name: String,
    /// Line of the `fn` keyword.
    pub line: usize,
    /// Lines from the `fn` keyword to the closing brace, both included.
    pub lines: usize,
}

pub fn functions(tokens: &[Token]) -> Vec<FnSpan> {
    let closing = matching_braces(tokens);
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        // `fn(u8) -> u8` types and `fn $name` in macros have no identifier after `fn`.
        let Some(name) = tokens.get(i + 1).filter(|n| t.is("fn") && n.is_ident()) else { continue };
        let Some(open) = body_start(tokens, i + 2) else { continue };
        if let Some(close) = closing[open] {
            out.push(FnSpan {
                name: name.text.clone(),
                line: t.line,
                lines: tokens[close].line - t.line + 1,
            });
        }
    }
    out
}

/// The `{` that opens the body of the function whose signature continues at `i`, or `None`
/// for a declaration without a body (`fn f();` in a trait or an `extern` block).
fn body_start(tokens: &[Token], mut i: usize) -> Option<usize> {
    // Braces inside the parameters or array types (`[u8; { N }]`) are not the body.
    let mut depth = 0usize;
    while let Some(t) = tokens.get(i) {
        match t.text.as_str() {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            "{" if depth == 0 => return Some(i),
            ";" if depth == 0 => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// For every `{`, the index of the `}` that closes it (`None` if the file ends first).
fn matching_braces(tokens: &[Token]) -> Vec<Option<usize>> {
    let mut closing = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.is("{") {
            open.push(i);
        } else if t.is("}")
            && let Some(o) = open.pop()
        {
            closing[o] = Some(i);
        }
    }
    closing
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    #[test]
    fn spans() {
        let src = "trait T {\n    fn declared(&self);\n}\nimpl X {\n    fn method(&self, f: fn(u8) -> u8) -> [u8; 2] {\n        \
                   fn nested() {\n            let s = \"}\";\n        }\n        '}';\n    }\n}\n";
        let found = functions(&tokenize(src));
        assert_eq!(
            found,
            [
                FnSpan { name: "method".into(), line: 5, lines: 6 },
                FnSpan { name: "nested".into(), line: 6, lines: 3 }
            ]
        );
    }

    #[test]
    fn long_function() {
        let body = "    let x = 1;\n".repeat(200);
        let src = format!("fn short() {{}}\n\nfn long() {{\n{body}}}\n");
        let found = functions(&tokenize(&src));
        assert_eq!(found[1], FnSpan { name: "long".into(), line: 3, lines: 202 });
    }
}
