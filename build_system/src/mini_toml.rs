//! A tiny parser for the subset of TOML the build system reads (`rust-toolchain.toml`,
//! `config.toml`): `[section]` headers, `key = value` lines and `#` comments, where a value
//! is a "string", an integer, `true`/`false`, or a one-line array of strings.
//! Anything else is rejected with a line number rather than silently misread.

use crate::util::Result;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    StrArray(Vec<String>),
}

#[derive(Debug, PartialEq)]
pub struct Entry {
    /// Empty for keys before the first `[section]`.
    pub section: String,
    pub key: String,
    pub value: Value,
    pub line: usize,
}

pub fn parse(text: &str) -> Result<Vec<Entry>> {
    let mut section = String::new();
    let mut entries = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name =
                rest.strip_suffix(']').ok_or_else(|| format!("line {line_no}: malformed section header"))?;
            section = name.trim().to_string();
            continue;
        }
        let (key, value) =
            line.split_once('=').ok_or_else(|| format!("line {line_no}: expected `key = value`"))?;
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(format!("line {line_no}: invalid key `{key}`"));
        }
        let value = parse_value(value.trim()).map_err(|e| format!("line {line_no}: {e}"))?;
        entries.push(Entry { section: section.clone(), key: key.to_string(), value, line: line_no });
    }
    Ok(entries)
}

/// Drops a `#` comment, ignoring `#` inside double-quoted strings.
fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

fn parse_value(v: &str) -> Result<Value> {
    if v == "true" || v == "false" {
        return Ok(Value::Bool(v == "true"));
    }
    if v.starts_with('"') {
        let (s, rest) = parse_string(v)?;
        if !rest.trim().is_empty() {
            return Err(format!("unexpected `{}` after string", rest.trim()));
        }
        return Ok(Value::Str(s));
    }
    if let Some(inner) = v.strip_prefix('[') {
        let mut rest = inner.trim_start();
        let mut items = Vec::new();
        loop {
            if let Some(after) = rest.strip_prefix(']') {
                if !after.trim().is_empty() {
                    return Err("unexpected text after array".to_string());
                }
                return Ok(Value::StrArray(items));
            }
            let (s, after) = parse_string(rest)?;
            items.push(s);
            rest = after.trim_start();
            if let Some(after) = rest.strip_prefix(',') {
                rest = after.trim_start();
            } else if !rest.starts_with(']') {
                return Err("expected `,` or `]` in array (arrays must fit on one line)".to_string());
            }
        }
    }
    let digits = v.replace('_', "");
    digits.parse::<i64>().map(Value::Int).map_err(|_| {
        format!("unsupported value `{v}` (expected a \"string\", an integer, true/false or [\"strings\"])")
    })
}

/// Parses a basic double-quoted string at the start of `v`; returns it and the remaining text.
fn parse_string(v: &str) -> Result<(String, &str)> {
    let body = v.strip_prefix('"').ok_or_else(|| format!("expected a string, found `{v}`"))?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => match chars.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                _ => return Err("unsupported escape in string".to_string()),
            },
            c => out.push(c),
        }
    }
    Err("unterminated string".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_toolchain_file() {
        let text =
            "[toolchain]\nchannel = \"nightly-2026-07-22\"\ncomponents = [\"rustc-dev\", \"rust-src\"]\n";
        let entries = parse(text).unwrap();
        assert_eq!(entries[0].section, "toolchain");
        assert_eq!(entries[0].value, Value::Str("nightly-2026-07-22".into()));
        assert_eq!(entries[1].value, Value::StrArray(vec!["rustc-dev".into(), "rust-src".into()]));
    }

    #[test]
    fn values_and_comments() {
        let text = "# c\na = 20 # seconds\nb = true\nc = \"x # not a comment\"\nd = []\ne = 1_000\n";
        let v: Vec<Value> = parse(text).unwrap().into_iter().map(|e| e.value).collect();
        assert_eq!(
            v,
            [
                Value::Int(20),
                Value::Bool(true),
                Value::Str("x # not a comment".into()),
                Value::StrArray(vec![]),
                Value::Int(1000)
            ]
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse("a = b").is_err());
        assert!(parse("just words").is_err());
        assert!(parse("a = \"open").is_err());
        assert!(parse("a = [\"x\"").is_err());
    }
}
