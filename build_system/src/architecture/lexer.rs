//! Just enough of Rust's lexical grammar to see code the way the compiler does: comments,
//! doc comments, string and character literals are dropped, so that a path written inside
//! them is never taken for a use. Everything else becomes identifiers, `::` and single
//! punctuation characters, each with its line number.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// An identifier or keyword (raw identifiers without their `r#`), a number, a lifetime
    /// (with its `'`), `::`, or one punctuation character.
    pub text: String,
    pub line: usize,
}

impl Token {
    pub fn is(&self, text: &str) -> bool {
        self.text == text
    }
    pub fn is_ident(&self) -> bool {
        self.text.starts_with(|c: char| c.is_alphabetic() || c == '_')
    }
}

pub fn tokenize(src: &str) -> Vec<Token> {
    let mut lx = Lexer { chars: src.chars().collect(), pos: 0, line: 1, out: Vec::new() };
    lx.run();
    lx.out
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    out: Vec<Token>,
}

fn ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Moves past one character, counting lines.
    fn bump(&mut self) {
        if self.peek(0) == Some('\n') {
            self.line += 1;
        }
        self.pos += 1;
    }

    fn push(&mut self, text: String, line: usize) {
        self.out.push(Token { text, line });
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let line = self.line;
            match c {
                _ if c.is_whitespace() => self.bump(),
                '/' if self.peek(1) == Some('/') => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                '/' if self.peek(1) == Some('*') => self.block_comment(),
                '"' => self.quoted('"'),
                '\'' => self.quote_or_lifetime(),
                ':' if self.peek(1) == Some(':') => {
                    self.pos += 2;
                    self.push("::".into(), line);
                }
                _ if ident_start(c) => self.word(),
                _ if c.is_ascii_digit() => {
                    let start = self.pos;
                    while self.peek(0).is_some_and(ident_continue) {
                        self.bump();
                    }
                    self.push(self.chars[start..self.pos].iter().collect(), line);
                }
                _ => {
                    self.bump();
                    self.push(c.to_string(), line);
                }
            }
        }
    }

    /// `/* ... */`, which nests in Rust.
    fn block_comment(&mut self) {
        let mut depth = 0;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.pos += 2;
            } else if c == '*' && self.peek(1) == Some('/') {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// A literal from its opening `quote` to the matching unescaped one.
    fn quoted(&mut self, quote: char) {
        self.bump();
        while let Some(c) = self.peek(0) {
            self.bump();
            if c == '\\' {
                self.bump();
            } else if c == quote {
                return;
            }
        }
    }

    /// `r"..."`, `r#"..."#`, ...: the opening has `hashes` `#`s and the literal ends at the
    /// first `"` followed by as many.
    fn raw_string(&mut self, hashes: usize) {
        self.pos += hashes + 1;
        while let Some(c) = self.peek(0) {
            self.bump();
            if c == '"' && (0..hashes).all(|i| self.peek(i) == Some('#')) {
                self.pos += hashes;
                return;
            }
        }
    }

    /// `'x'` and `'\n'` are characters; `'a` (no closing quote right after one character) is
    /// a lifetime or a label.
    fn quote_or_lifetime(&mut self) {
        let line = self.line;
        if self.peek(1) == Some('\\') || self.peek(2) == Some('\'') {
            self.quoted('\'');
            return;
        }
        let start = self.pos;
        self.bump();
        while self.peek(0).is_some_and(ident_continue) {
            self.bump();
        }
        self.push(self.chars[start..self.pos].iter().collect(), line);
    }

    /// An identifier, or the prefix of a literal (`b"..."`, `r#"..."#`, `b'x'`, `c"..."`) or
    /// of a raw identifier (`r#type`).
    fn word(&mut self) {
        let line = self.line;
        let start = self.pos;
        while self.peek(0).is_some_and(ident_continue) {
            self.bump();
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        let next = self.peek(0);
        let hashes = (0..).take_while(|i| self.peek(*i) == Some('#')).count();
        match word.as_str() {
            "r" if hashes == 1 && self.peek(1).is_some_and(ident_start) => {
                self.pos += 1;
                let start = self.pos;
                while self.peek(0).is_some_and(ident_continue) {
                    self.bump();
                }
                self.push(self.chars[start..self.pos].iter().collect(), line);
            }
            "r" | "br" | "cr" if self.peek(hashes) == Some('"') => self.raw_string(hashes),
            "b" | "c" if next == Some('"') => self.quoted('"'),
            "b" if next == Some('\'') => self.quoted('\''),
            _ => self.push(word, line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        tokenize(src).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn drops_comments_and_literals() {
        let src = "a // crate::x\n/* super::y /* nested */ crate::z */ b \"crate::s \\\" q\" \
                   r#\"crate::\"raw\"#; br\"x\" b'\\'' c\"s\" '{' '\\u{1F600}' e";
        assert_eq!(texts(src), ["a", "b", ";", "e"]);
    }

    #[test]
    fn lifetimes_paths_and_lines() {
        let toks = tokenize("fn f<'a>(x: &'a str) {\n    'outer: loop { crate::a::b(r#type) }\n}");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "fn", "f", "<", "'a", ">", "(", "x", ":", "&", "'a", "str", ")", "{", "'outer", ":", "loop",
                "{", "crate", "::", "a", "::", "b", "(", "type", ")", "}", "}"
            ]
        );
        assert_eq!(toks.iter().find(|t| t.is("crate")).unwrap().line, 2);
        assert_eq!(toks.last().unwrap().line, 3);
    }

    #[test]
    fn multi_line_literals_keep_line_numbers() {
        let toks = tokenize("\"a\nb\"\n/* c\n */ x r\"\n\" y");
        assert_eq!((toks[0].text.as_str(), toks[0].line), ("x", 4));
        assert_eq!((toks[1].text.as_str(), toks[1].line), ("y", 5));
    }
}
