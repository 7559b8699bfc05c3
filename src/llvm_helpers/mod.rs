//! `llvm.*` intrinsics that fastclif does not lower itself, compiled by LLVM: each call becomes
//! a call to a helper function with a memory ABI (arguments in one block, the result written
//! to another). Translation describes the helpers a codegen unit needs ([`Helper`]: the
//! intrinsic, the Rust types and offsets of its arguments and result, the constant arguments,
//! the caller's target features) and deduplicates them; at emission, on the worker thread,
//! [`LlvmHelpers::compile`] writes them as one LLVM IR module and runs the toolchain's `llc` on
//! it once, and [`merge_object`] copies the resulting object into the unit's object.
//!
//! A helper LLVM cannot compile (an unknown name, types that do not match the LLVM
//! declaration, an instruction the caller's features do not allow) becomes a stub that prints
//! `fastclif: intrinsic NAME is not implemented` and aborts; the failures of all units are
//! reported once, at the end of codegen ([`report_failures`]): one warning, or with
//! `-Cllvm-args=fastclif-strict-intrinsics` one error per intrinsic.

mod expr;
mod ir;
mod link;
mod llc;
mod signature;
mod types;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rustc_errors::MultiSpan;
use rustc_session::Session;
use rustc_span::Span;

pub use self::expr::Expr;
pub use self::ir::{Arg, Helper, Shape};
pub use self::link::merge as merge_object;
pub use self::types::LlvmType;

struct Entry {
    helper: Helper,
    symbol: String,
    span: Span,
}

/// The helpers of one codegen unit.
#[derive(Default)]
pub struct LlvmHelpers {
    llc: Option<PathBuf>,
    entries: Vec<Entry>,
    index: HashMap<Helper, usize>,
}

impl LlvmHelpers {
    /// The symbol of a helper identical to `helper`, if the unit has one.
    pub fn symbol(&self, helper: &Helper) -> Option<&str> {
        self.index.get(helper).map(|&i| self.entries[i].symbol.as_str())
    }

    /// Adds `helper` as `symbol`; `span` is a call site, for diagnostics. The first helper of
    /// a unit finds `llc` (a fatal error if the toolchain has none).
    pub fn add(&mut self, sess: &Session, helper: Helper, symbol: String, span: Span) {
        if self.llc.is_none() {
            self.llc = Some(llc_path(sess));
        }
        self.index.insert(helper.clone(), self.entries.len());
        self.entries.push(Entry { helper, symbol, span });
    }

    /// Compiles the unit's helpers with one llc run (more only when some fail); `None` when
    /// the unit has none. Failures are recorded for [`report_failures`].
    pub fn compile(&self) -> Result<Option<Compiled>, String> {
        let Some(llc) = &self.llc else { return Ok(None) };
        let mut groups: Vec<&str> = Vec::new();
        let group_of: Vec<usize> = self
            .entries
            .iter()
            .map(|e| {
                let features = e.helper.features.as_str();
                groups.iter().position(|g| *g == features).unwrap_or_else(|| {
                    groups.push(features);
                    groups.len() - 1
                })
            })
            .collect();
        let mut texts: Vec<Result<String, String>> = self
            .entries
            .iter()
            .zip(&group_of)
            .map(|(e, &group)| {
                ir::define(&e.helper, &e.symbol, &signature::lookup(&e.helper.intrinsic), group)
            })
            .collect();
        let module = |texts: &[Result<String, String>], only: Option<&[usize]>| {
            let parts = (0..self.entries.len()).filter(|i| only.is_none_or(|o| o.contains(i))).map(|i| {
                let e = &self.entries[i];
                match &texts[i] {
                    Ok(text) => (i, text.clone()),
                    Err(_) => (i, ir::abort_stub(&e.helper.intrinsic, &e.symbol, group_of[i])),
                }
            });
            assemble_module(parts, &groups)
        };
        let (object, text) = loop {
            let (text, lines) = module(&texts, None);
            let stderr = match llc::compile(llc, &text, llc::Output::Object) {
                Ok(object) => break (object, text),
                Err(stderr) => stderr,
            };
            let blame = llc::blame(&stderr);
            let culprit = match (&blame.function, blame.line) {
                (Some(f), _) => self.entries.iter().position(|e| e.symbol == *f),
                (None, Some(line)) => lines.iter().find(|(_, r)| r.contains(&line)).map(|(i, _)| *i),
                (None, None) => None,
            };
            match culprit {
                Some(i) if texts[i].is_ok() => texts[i] = Err(format!("llc: {}", blame.summary)),
                _ => {
                    // Not attributable from the message: compile halves until each failing
                    // helper is alone.
                    let candidates: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].is_ok()).collect();
                    let failing = isolate(llc, &candidates, &|only| module(&texts, Some(only)).0);
                    if failing.is_empty() {
                        return Err(format!("llc failed on the intrinsic helpers of this unit:\n{stderr}"));
                    }
                    for (i, why) in failing {
                        texts[i] = Err(why);
                    }
                }
            }
        };
        let mut failures = FAILURES.lock().unwrap_or_else(|e| e.into_inner());
        for (entry, text) in self.entries.iter().zip(&texts) {
            if let Err(reason) = text {
                failures.push(Failure {
                    intrinsic: entry.helper.intrinsic.clone(),
                    reason: reason.clone(),
                    span: entry.span,
                });
            }
        }
        Ok(Some(Compiled { object, module: text, llc: llc.clone() }))
    }
}

/// A unit's helpers compiled by llc.
pub struct Compiled {
    /// An ELF relocatable object, for [`merge_object`].
    pub object: Vec<u8>,
    module: String,
    llc: PathBuf,
}

impl Compiled {
    /// The helpers as AT&T assembly, for `--emit=asm` listings (a second llc run).
    pub fn listing(&self) -> String {
        match llc::compile(&self.llc, &self.module, llc::Output::Assembly) {
            Ok(text) => String::from_utf8_lossy(&text).into_owned(),
            Err(err) => format!("# llc failed to list the helpers: {err}\n"),
        }
    }
}

/// The helpers among `candidates` that llc rejects on their own, with llc's reason.
fn isolate(llc: &Path, candidates: &[usize], module: &dyn Fn(&[usize]) -> String) -> Vec<(usize, String)> {
    if candidates.is_empty() {
        return Vec::new();
    }
    match llc::compile(llc, &module(candidates), llc::Output::Object) {
        Ok(_) => Vec::new(),
        Err(stderr) if candidates.len() == 1 => {
            vec![(candidates[0], format!("llc: {}", llc::blame(&stderr).summary))]
        }
        Err(_) => {
            let (left, right) = candidates.split_at(candidates.len() / 2);
            let mut failing = isolate(llc, left, module);
            failing.extend(isolate(llc, right, module));
            failing
        }
    }
}

/// One IR module of helper definitions; also which lines (1-based) each helper occupies.
fn assemble_module(
    parts: impl Iterator<Item = (usize, String)>,
    groups: &[&str],
) -> (String, Vec<(usize, Range<usize>)>) {
    let mut text = String::from("target triple = \"x86_64-unknown-linux-gnu\"\n");
    text.push_str(ir::STUB_DECLARATIONS);
    let mut line = text.lines().count() + 1;
    let mut lines = Vec::new();
    for (i, part) in parts {
        let count = part.lines().count();
        lines.push((i, line..line + count));
        line += count;
        text.push_str(&part);
    }
    for (i, features) in groups.iter().enumerate() {
        text.push_str(&format!("attributes #{i} = {{ nounwind \"target-features\"=\"{features}\" }}\n"));
    }
    (text, lines)
}

/// `llc` of the session's toolchain (component llvm-tools); a fatal error, once, if missing.
fn llc_path(sess: &Session) -> PathBuf {
    static LLC: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let found = LLC.get_or_init(|| {
        let host = rustc_session::config::host_tuple();
        let candidates: Vec<PathBuf> = sess
            .opts
            .sysroot
            .all_paths()
            .map(|root| rustc_session::filesearch::make_target_bin_path(root, host).join("llc"))
            .collect();
        candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
            format!(
                "fastclif compiles this crate's vendor intrinsics with LLVM's `llc`, which is not \
                 installed (looked for {}); install it with `rustup component add llvm-tools \
                 --toolchain nightly-2026-07-22`",
                candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            )
        })
    });
    match found {
        Ok(path) => path.clone(),
        Err(msg) => sess.dcx().fatal(msg.clone()),
    }
}

struct Failure {
    intrinsic: String,
    reason: String,
    span: Span,
}

/// The failed helpers of every unit of the compilation, filled by the worker threads.
static FAILURES: Mutex<Vec<Failure>> = Mutex::new(Vec::new());

/// Reports the intrinsics whose helpers are aborting stubs, once all units are compiled: one
/// warning listing them, or (`strict`) an error per intrinsic at its call sites.
pub fn report_failures(sess: &Session, strict: bool) {
    let failures = std::mem::take(&mut *FAILURES.lock().unwrap_or_else(|e| e.into_inner()));
    let mut by_name: BTreeMap<String, (String, Vec<Span>)> = BTreeMap::new();
    for f in failures {
        let (_, spans) = by_name.entry(f.intrinsic).or_insert_with(|| (f.reason, Vec::new()));
        if !f.span.is_dummy() && !spans.contains(&f.span) {
            spans.push(f.span);
        }
    }
    if by_name.is_empty() {
        return;
    }
    if strict {
        for (name, (reason, spans)) in by_name {
            let msg = format!("fastclif: intrinsic {name} is not implemented: {reason}");
            sess.dcx().struct_span_err(MultiSpan::from_spans(spans), msg).emit();
        }
        return;
    }
    let names: Vec<String> = by_name.keys().map(|name| format!("`{name}`")).collect();
    let mut diag = sess.dcx().struct_warn(match names.as_slice() {
        [name] => format!("fastclif cannot compile the LLVM intrinsic {name}: calling it aborts the program"),
        _ => format!(
            "fastclif cannot compile {} LLVM intrinsics: {}; calling one aborts the program",
            names.len(),
            names.join(", ")
        ),
    });
    for (name, (reason, spans)) in &by_name {
        diag = diag.with_span_note(MultiSpan::from_spans(spans.clone()), format!("{name}: {reason}"));
    }
    diag.with_note("the program prints `fastclif: intrinsic NAME is not implemented` and aborts")
        .with_help("`-Cllvm-args=fastclif-strict-intrinsics` makes this an error")
        .emit();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_lines_locate_helpers() {
        let parts = vec![(0, "a\nb\n".to_string()), (3, "c\n".to_string())];
        let (text, lines) = assemble_module(parts.into_iter(), &["+avx2"]);
        let line_of = |needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
        assert!(lines[0].1.contains(&line_of("b")));
        assert!(lines[1].1.contains(&line_of("c")));
        assert!(text.contains("attributes #0 = { nounwind \"target-features\"=\"+avx2\" }"));
    }
}
