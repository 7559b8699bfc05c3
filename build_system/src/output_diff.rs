//! One-line descriptions of where a fastclif-built program's stdout departs from the LLVM
//! build's, shared by the program tests and the cargo project.

/// Describes where two outputs start to differ, e.g. "stdout line 3: fastclif `x = 1`, llvm `x = 2`".
pub fn first_difference(fast: &[u8], llvm: &[u8]) -> String {
    let fast = String::from_utf8_lossy(fast);
    let llvm = String::from_utf8_lossy(llvm);
    let (mut f, mut l) = (fast.split_inclusive('\n'), llvm.split_inclusive('\n'));
    // Debug formatting shows a missing trailing newline or stray control characters.
    let short = |s: &str| -> String {
        if s.chars().count() > 80 {
            format!("{:?}...", s.chars().take(80).collect::<String>())
        } else {
            format!("{s:?}")
        }
    };
    for line in 1.. {
        match (f.next(), l.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(a), Some(b)) => {
                return format!("stdout line {line}: fastclif {}, llvm {}", short(a), short(b));
            }
            (None, Some(b)) => {
                return format!("fastclif stdout ends before line {line} (llvm: {})", short(b));
            }
            (Some(a), None) => {
                return format!("fastclif stdout has extra line {line}: {}", short(a));
            }
            (None, None) => break,
        }
    }
    "stdout differs".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences() {
        assert_eq!(first_difference(b"a\nb\n", b"a\nc\n"), r#"stdout line 2: fastclif "b\n", llvm "c\n""#);
        assert_eq!(
            first_difference(b"a\n", b"a\nc\n"),
            r#"fastclif stdout ends before line 2 (llvm: "c\n")"#
        );
        assert_eq!(first_difference(b"a\nx", b"a\n"), r#"fastclif stdout has extra line 2: "x""#);
        assert_eq!(first_difference(b"a", b"a\n"), r#"stdout line 1: fastclif "a", llvm "a\n""#);
    }
}
