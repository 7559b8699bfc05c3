//! The family table (markdown, for README.md) and the detailed report: every intrinsic that
//! failed, why, and every one the generator does not test the ordinary way.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::catalog::Catalog;
use super::family;
use super::skips::{self, Treatment};
use super::verdict::{NAN_ONLY, Verdict};

#[derive(Debug, Default, Clone)]
pub struct Row {
    pub family: String,
    pub total: usize,
    /// Compiled under strict mode and printed what LLVM's build printed.
    pub implemented: usize,
    pub compile_errors: Vec<(String, String)>,
    pub mismatches: Vec<(String, String)>,
    pub crashes: Vec<(String, String)>,
    pub reference: Vec<(String, String)>,
    /// Compiled by both, not run: the CPU lacks the features.
    pub not_run: usize,
    /// Not called (`skips.rs`) or not callable by the generator.
    pub not_tested: usize,
    /// Chosen by the command line's family filters.
    pub selected: bool,
}

impl Row {
    pub fn passes(&self) -> bool {
        self.compile_errors.is_empty()
            && self.mismatches.is_empty()
            && self.crashes.is_empty()
            && self.reference.is_empty()
    }

    /// Mismatches that differ only in NaN lanes (see `verdict::nan_only`).
    fn nan_only(&self) -> usize {
        self.mismatches.iter().filter(|(_, why)| why.starts_with(NAN_ONLY)).count()
    }
}

/// One row per family, in report order. `selected` says which families ran.
pub fn rows(
    cat: &Catalog,
    verdicts: &BTreeMap<String, Verdict>,
    selected: &dyn Fn(&str) -> bool,
) -> Vec<Row> {
    let mut out = Vec::new();
    for (fam, entries) in cat.families() {
        let mut r = Row { family: fam.clone(), selected: selected(&fam), ..Row::default() };
        for n in entries {
            let e = &cat.entries[n];
            r.total += 1;
            if !e.tested() {
                r.not_tested += 1;
                continue;
            }
            let name = e.intrinsic.name.clone();
            match verdicts.get(&name) {
                Some(Verdict::Match) => r.implemented += 1,
                Some(Verdict::NotRun) => r.not_run += 1,
                Some(Verdict::CompileError(w)) => r.compile_errors.push((name, w.clone())),
                Some(Verdict::Mismatch(w)) => r.mismatches.push((name, w.clone())),
                Some(Verdict::Crash(w)) => r.crashes.push((name, w.clone())),
                Some(Verdict::Reference(w)) => r.reference.push((name, w.clone())),
                None => {}
            }
        }
        out.push(r);
    }
    out
}

/// The markdown table of README.md's vendor-intrinsics section.
pub fn table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| Family | Implemented / total | Compile errors | Different output (NaN only) | Crashes, harness | \
         Compiles, CPU lacks it | Not tested | Result |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let n = |v: usize| if v == 0 { "–".to_string() } else { v.to_string() };
    let mut sum = Row::default();
    for required in [true, false] {
        for r in rows.iter().filter(|r| family::is_required(&r.family) == required) {
            let mismatches = match (r.mismatches.len(), r.nan_only()) {
                (0, _) => "–".to_string(),
                (m, 0) => m.to_string(),
                (m, k) => format!("{m} ({k})"),
            };
            let _ = writeln!(
                s,
                "| {} | {} / {} | {} | {} | {} | {} | {} | {} |",
                r.family,
                r.implemented,
                r.total,
                n(r.compile_errors.len()),
                mismatches,
                n(r.crashes.len() + r.reference.len()),
                n(r.not_run),
                n(r.not_tested),
                match (r.passes(), r.not_run, r.implemented) {
                    (false, ..) => "FAIL",
                    (true, 0, _) => "pass",
                    (true, _, 0) => "compiles, not run",
                    (true, _, _) => "pass, part not run",
                }
            );
            sum.implemented += r.implemented;
            sum.total += r.total;
        }
    }
    let _ = writeln!(s, "| **all** | **{} / {}** | | | | | | |", sum.implemented, sum.total);
    s
}

/// The detailed report: failures per family, then what is not tested and why.
pub fn details(cat: &Catalog, rows: &[Row]) -> String {
    let mut s = String::from("# Vendor intrinsics: fastclif vs LLVM\n\n");
    s.push_str(&table(rows));
    for r in rows {
        if r.passes() {
            continue;
        }
        let _ = writeln!(s, "\n## {}\n", r.family);
        for (title, list) in [
            ("Compile errors", &r.compile_errors),
            ("Different output", &r.mismatches),
            ("Crashes", &r.crashes),
            ("Harness problems (LLVM reference)", &r.reference),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(s, "{title} ({}):\n", list.len());
            for (name, why) in list {
                let _ = writeln!(s, "- `{name}`: {why}");
            }
            s.push('\n');
        }
    }
    s.push_str("\n## Not tested the ordinary way\n\n");
    for e in &cat.entries {
        let how = match (&e.plan, e.treatment) {
            (_, Treatment::NotCalled(why)) => format!("not called: {why}"),
            (Err(why), _) => format!("not called: the generator cannot: {why}"),
            (Ok(_), Treatment::CallOnly(why)) => format!("called, nothing printed: {why}"),
            (Ok(_), t @ Treatment::Custom(..)) => format!("custom test: {}", skips::reason(t).unwrap_or("")),
            (Ok(_), Treatment::Normal) => continue,
        };
        let _ = writeln!(s, "- `{}` ({}): {how}", e.intrinsic.name, e.family);
    }
    s
}

/// The `FAIL` reason of a family: counts and the first few names per kind of failure.
pub fn fail_reason(r: &Row) -> String {
    let mut parts = vec![format!("{}/{} implemented", r.implemented, r.total)];
    for (what, list) in [
        ("compile errors", &r.compile_errors),
        ("mismatches", &r.mismatches),
        ("crashes", &r.crashes),
        ("harness problems", &r.reference),
    ] {
        if list.is_empty() {
            continue;
        }
        let shown: Vec<String> =
            list.iter().take(4).map(|(n, w)| format!("{n} ({})", shorten(w, 90))).collect();
        let more = if list.len() > 4 { format!(", +{} more", list.len() - 4) } else { String::new() };
        parts.push(format!("{what} ({}): {}{more}", list.len(), shown.join(", ")));
    }
    parts.join("; ")
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}...", s.chars().take(n).collect::<String>())
    } else {
        s.to_string()
    }
}
