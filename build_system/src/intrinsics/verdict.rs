//! Reading what the compilers and the programs said: compile errors pinned on the intrinsics
//! they come from, and program output cut into one section per intrinsic.

use std::collections::{BTreeMap, BTreeSet};

use super::emit::{Kind, TestLines};
use super::stdarch::Stdarch;

/// What became of one intrinsic.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Compiled by fastclif (strict) and printed what the LLVM build printed.
    Match,
    /// Compiled by both; not run because the CPU lacks the features.
    NotRun,
    /// fastclif's compile error(s) pinned on it.
    CompileError(String),
    /// fastclif's build printed something else.
    Mismatch(String),
    /// fastclif's build crashed (or timed out) in it.
    Crash(String),
    /// The LLVM reference could not build or run it: a problem of the generator.
    Reference(String),
}

/// One `error` diagnostic of rustc's human-readable output.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub message: String,
    /// `(path, line)` of every `-->` and `:::` location.
    pub locations: Vec<(String, usize)>,
    /// Functions named in "the above error was encountered while instantiating `fn NAME`".
    pub instantiating: Vec<String>,
}

/// The error diagnostics in `stderr`, without rustc's closing summaries.
pub fn errors(stderr: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut in_error = false;
    for line in stderr.lines() {
        if line.starts_with("error") {
            let summary = line.starts_with("error: aborting due to")
                || line.contains("could not compile")
                || line.starts_with("error: internal compiler error: unexpected panic");
            in_error = !summary;
            if in_error {
                let message = line.split_once(": ").map_or(line, |(_, m)| m).to_string();
                out.push(Diagnostic { message, locations: Vec::new(), instantiating: Vec::new() });
            }
            continue;
        }
        if line.starts_with("warning") {
            in_error = false;
            continue;
        }
        let Some(d) = out.last_mut().filter(|_| in_error) else { continue };
        let t = line.trim_start();
        if let Some(loc) = t.strip_prefix("--> ").or_else(|| t.strip_prefix("::: ")) {
            // path:line:col
            let mut parts = loc.rsplitn(3, ':');
            let (_col, line_no, path) = (parts.next(), parts.next(), parts.next());
            if let (Some(path), Some(n)) = (path, line_no.and_then(|n| n.parse().ok())) {
                d.locations.push((path.to_string(), n));
            }
        } else if let Some(rest) = t.split_once("while instantiating `fn ").map(|(_, r)| r) {
            let path = rest.split(['`', '<']).next().unwrap_or("");
            let path = path.trim_end_matches("::");
            if let Some(name) = path.rsplit("::").next() {
                d.instantiating.push(name.to_string());
            }
        }
    }
    out
}

/// Splits `diags` into errors pinned on tests of the program (test name → messages) and
/// errors that name none of them.
///
/// A location in the generated file belongs to the test whose lines contain it; a location in
/// stdarch belongs to the function around it, and so to every test whose intrinsic calls that
/// function, directly or not (fastclif's strict-intrinsics error points at the `llvm.*` call
/// inside stdarch, often in a helper that several intrinsics share).
pub fn attribute(
    diags: &[Diagnostic],
    program_file: &str,
    tests: &[TestLines],
    sa: &Stdarch,
) -> (BTreeMap<String, Vec<String>>, Vec<Diagnostic>) {
    let names: Vec<String> = tests.iter().map(|t| t.name.clone()).collect();
    let mut pinned: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut loose = Vec::new();
    for d in diags {
        let mut hit: BTreeSet<String> = BTreeSet::new();
        for (path, line) in &d.locations {
            if path.ends_with(program_file) {
                for t in tests {
                    if (t.first <= *line && *line <= t.last) || t.table_line == *line {
                        hit.insert(t.name.clone());
                    }
                }
            } else if let Some(at) = path.find("core_arch/src/") {
                let rel = &path[at + "core_arch/src/".len()..];
                if let Some(f) = sa.enclosing(rel, *line) {
                    hit.extend(sa.reaching(&names, &f.name));
                }
            }
        }
        for f in &d.instantiating {
            if names.contains(f) {
                hit.insert(f.clone());
            } else {
                hit.extend(sa.reaching(&names, f));
            }
        }
        if hit.is_empty() {
            loose.push(d.clone());
        }
        for h in hit {
            let msgs = pinned.entry(h).or_default();
            if !msgs.contains(&d.message) {
                msgs.push(d.message.clone());
            }
        }
    }
    (pinned, loose)
}

/// What one run of a test program printed.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// Test name → its lines.
    pub sections: BTreeMap<String, String>,
    /// The program said `family ...: skipped (CPU lacks it)`.
    pub cpu_lacks: bool,
    /// It printed `@end`: every test from the start index on ran.
    pub finished: bool,
    /// Index of the last test that started, if any.
    pub last_started: Option<usize>,
}

/// Cuts a program's stdout at its `@INDEX NAME` headers.
pub fn parse_output(stdout: &str) -> RunOutput {
    let mut out = RunOutput::default();
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if line.starts_with("family ") && line.ends_with("skipped (CPU lacks it)") {
            out.cpu_lacks = true;
        } else if line == "@end" {
            out.finished = true;
            current = None;
        } else if let Some(head) = line.strip_prefix('@')
            && let Some((idx, name)) = head.split_once(' ')
            && let Ok(idx) = idx.parse::<usize>()
        {
            out.last_started = Some(idx);
            out.sections.insert(name.to_string(), String::new());
            current = Some(name.to_string());
        } else if let Some(name) = &current {
            let s = out.sections.get_mut(name).expect("section exists");
            s.push_str(line);
            s.push('\n');
        }
    }
    out
}

/// The first line where two sections differ, for the report.
pub fn first_difference(fast: &str, llvm: &str) -> String {
    let short = |s: &str| {
        if s.chars().count() > 140 {
            format!("{}...", s.chars().take(140).collect::<String>())
        } else {
            s.to_string()
        }
    };
    let (mut f, mut l) = (fast.lines(), llvm.lines());
    loop {
        match (f.next(), l.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(a), Some(b)) => return format!("fastclif `{}`, llvm `{}`", short(a), short(b)),
            (None, Some(b)) => return format!("fastclif printed less (llvm: `{}`)", short(b)),
            (Some(a), None) => return format!("fastclif printed more: `{}`", short(a)),
            (None, None) => return "outputs differ".into(),
        }
    }
}

/// How a mismatch in NaN lanes only (`nan_only`) starts its reason.
pub const NAN_ONLY: &str = "NaN sign/payload only";

/// Do two sections differ only in lanes that are NaN in both (sign or payload), reading the
/// results as lanes of `format`? Such a difference comes from which NaN an instruction
/// propagates (FMA forms, folded negations), which Rust leaves open; the report marks it.
pub fn nan_only(fast: &str, llvm: &str, format: Kind) -> bool {
    let (bits, exp, man): (u32, u64, u64) = match format {
        Kind::F32 => (32, 0x7f80_0000, 0x007f_ffff),
        Kind::F64 => (64, 0x7ff0_0000_0000_0000, 0x000f_ffff_ffff_ffff),
        Kind::F16 => (16, 0x7c00, 0x03ff),
        Kind::Bf16 => (16, 0x7f80, 0x007f),
        _ => return false,
    };
    let is_nan = |v: u64| v & exp == exp && v & man != 0;
    let (f, l): (Vec<&str>, Vec<&str>) = (fast.lines().collect(), llvm.lines().collect());
    if f.len() != l.len() || f == l {
        return false;
    }
    for (a, b) in f.iter().zip(&l) {
        if a == b {
            continue;
        }
        let (Some((pa, va)), Some((pb, vb))) = (a.split_once(": "), b.split_once(": ")) else { return false };
        let (wa, wb): (Vec<&str>, Vec<&str>) = (va.split('_').collect(), vb.split('_').collect());
        if pa != pb || wa.len() != wb.len() || wa.iter().any(|w| w.len() != 16) {
            return false;
        }
        for (x, y) in wa.iter().zip(&wb) {
            let (Ok(x), Ok(y)) = (u64::from_str_radix(x, 16), u64::from_str_radix(y, 16)) else {
                return false;
            };
            for lane in 0..64 / bits {
                let mask = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
                let (p, q) = ((x >> (lane * bits)) & mask, (y >> (lane * bits)) & mask);
                if p != q && !(is_nan(p) && is_nan(q)) {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const STDERR: &str = "\
error: fastclif: intrinsic llvm.x86.avx512.foo is not implemented: unknown intrinsic
  --> /root/.rustup/toolchains/t/lib/rustlib/src/rust/library/stdarch/crates/core_arch/src/x86/t.rs:4:5
   |
4  |     foo(a)
   |
  ::: /root/.rustup/toolchains/t/lib/rustlib/src/rust/library/stdarch/crates/core_arch/src/x86/t.rs:8:5

warning: unused
 --> gen.rs:3:1

error[E0080]: evaluation panicked: IMM8 doesn't fit
  --> /rustc/abc/library/core/src/macros.rs:9:1
note: the above error was encountered while instantiating `fn core::core_arch::x86::t::_mm_bar::<300>`
  --> gen.rs:20:10

error: something in the program
  --> gen.rs:31:5

error: no location at all

error: aborting due to 4 previous errors
";

    const SRC: &str = "#[inline]\npub fn _mm_foo(a: u8) -> u8 {\n    unsafe {\n        foo(a)\n    }\n}\npub fn _mm_bar<const IMM8: i32>(a: u8) -> u8 {\n    helper(a)\n}\nfn helper(a: u8) -> u8 {\n    a\n}\n";

    #[test]
    fn diagnostics_and_attribution() {
        let d = errors(STDERR);
        assert_eq!(d.len(), 4, "{d:#?}");
        assert_eq!(
            d[0].message,
            "fastclif: intrinsic llvm.x86.avx512.foo is not implemented: unknown intrinsic"
        );
        assert_eq!(d[0].locations.len(), 2);
        assert_eq!(d[1].instantiating, ["_mm_bar"]);
        let sa = Stdarch::from_texts(&[("x86/t.rs".into(), SRC.into())]).unwrap();
        let tests = vec![
            TestLines { name: "_mm_foo".into(), first: 10, last: 19, table_line: 40 },
            TestLines { name: "_mm_bar".into(), first: 20, last: 30, table_line: 41 },
            TestLines { name: "_mm_baz".into(), first: 31, last: 35, table_line: 42 },
        ];
        let (pinned, loose) = attribute(&d, "gen.rs", &tests, &sa);
        assert_eq!(pinned.keys().collect::<Vec<_>>(), ["_mm_bar", "_mm_baz", "_mm_foo"]);
        assert_eq!(
            pinned["_mm_bar"].len(),
            2,
            "a stdarch line of _mm_bar's callee and the instantiation note"
        );
        assert_eq!(loose.len(), 1);
        assert_eq!(loose[0].message, "no location at all");
    }

    #[test]
    fn output_sections() {
        let out = parse_output("@0 _mm_a\n0: 01\n1: 02\n@1 _mm_b\n@2 _mm_c\n0<3>: ff\n");
        assert_eq!(out.sections["_mm_a"], "0: 01\n1: 02\n");
        assert_eq!(out.sections["_mm_b"], "");
        assert_eq!(out.last_started, Some(2));
        assert!(!out.finished);
        let lacks = parse_output("family AVX512FP16 [avx512fp16]: skipped (CPU lacks it)\n");
        assert!(lacks.cpu_lacks);
        assert_eq!(first_difference("0: 1\n1: 2\n", "0: 1\n1: 3\n"), "fastclif `1: 2`, llvm `1: 3`");
        let (f, l) = ("0: ff800000bf400000_c11800007fc00001\n", "0: ff800000bf400000_c11800007fc00000\n");
        assert!(nan_only(f, l, Kind::F32));
        assert!(!nan_only(f, l, Kind::F64), "as f64 the lane is not a NaN");
        assert!(!nan_only("0: 0000000000000001\n", "0: 0000000000000002\n", Kind::F32));
    }
}
