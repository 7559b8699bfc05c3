//! The intrinsic lowerings match rustc's interned symbols (`sym::ctpop`), so a misspelled name
//! does not compile; but a real symbol that is not an intrinsic (a name that was renamed or
//! removed from `core::intrinsics`) would compile and never match. This check keeps the two
//! lists together: every `sym::NAME` written under the intrinsics folder must be declared
//! `#[rustc_intrinsic]` in the pinned toolchain's `core` sources.

use std::collections::BTreeSet;

use super::lexer::Token;

/// The `sym::NAME` paths in `tokens`, with their lines.
pub fn symbols_used(tokens: &[Token]) -> Vec<(String, usize)> {
    tokens
        .windows(3)
        .filter(|w| w[0].is("sym") && w[1].is("::") && w[2].is_ident())
        .map(|w| (w[2].text.clone(), w[2].line))
        .collect()
}

/// The names of the functions marked `#[rustc_intrinsic]` in `tokens` (a `core` source file).
pub fn intrinsics_declared(tokens: &[Token]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i + 4 < tokens.len() {
        let attribute = tokens[i].is("#")
            && tokens[i + 1].is("[")
            && tokens[i + 2].is("rustc_intrinsic")
            && tokens[i + 3].is("]");
        if attribute {
            // Other attributes and qualifiers (`pub const unsafe`) may follow before `fn`.
            if let Some(at) = tokens[i + 4..].iter().position(|t| t.is("fn"))
                && let Some(name) = tokens.get(i + 4 + at + 1).filter(|t| t.is_ident())
            {
                names.insert(name.text.clone());
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::architecture::lexer::tokenize;

    #[test]
    fn finds_uses_and_declarations() {
        let used =
            symbols_used(&tokenize("match n {\n sym::ctpop => 1, // sym::in_comment\n x => sym::bswap }"));
        assert_eq!(used, [("ctpop".to_string(), 2), ("bswap".to_string(), 3)]);
        let core = "#[rustc_intrinsic]\n#[rustc_nounwind]\npub const unsafe fn ctpop<T>(x: T) -> u32;\n\
                    /// #[rustc_intrinsic] fn not_this\npub fn plain() {}\n#[rustc_intrinsic]\npub fn bswap<T>(x: T) -> T;";
        let declared: Vec<String> = intrinsics_declared(&tokenize(core)).into_iter().collect();
        assert_eq!(declared, ["bswap", "ctpop"]);
    }
}
