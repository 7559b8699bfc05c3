//! The program harness: every `tests/programs/*.rs` is compiled once with fastclif and once
//! with rustc's default LLVM backend; both binaries are run and must print the same stdout
//! and end with the same exit status.
//!
//! fastclif compiles with `-Cllvm-args=fastclif-strict-intrinsics`: an LLVM intrinsic it cannot
//! compile is a compile error, never an aborting helper nobody notices.
//!
//! A program may start with directive comments:
//!   `// fastclif-test: expect-compile-error = "text"`  fastclif must reject the program
//!       cleanly: exit code 1, `text` and a source span (`--> `) in stderr, no panic/ICE.
//!   `// fastclif-test: ignore = "reason"`               skip the program.
//!   `// fastclif-test: rustflags = "-Cfoo -Cbar"`       extra flags for both compilations.
//!   `// fastclif-test: strict-intrinsics = false`      compile without the strict flag.
//!   `// fastclif-test: expect-warning = "text"`        fastclif's stderr must contain `text`.
//!   `// fastclif-test: fastclif-only = "reason"`       LLVM cannot build the program: no
//!       reference; the fastclif binary must exit with 0 (the program checks itself).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::ctx::Ctx;
use crate::mini_toml::{self, Value};
use crate::output_diff::first_difference;
use crate::tally::Tally;
use crate::util::{self, Captured, Result};

const DIRECTIVE: &str = "// fastclif-test:";

#[derive(Debug, Default, PartialEq)]
pub struct Directives {
    pub expect_compile_error: Option<String>,
    pub ignore: Option<String>,
    pub rustflags: Vec<String>,
    pub lenient_intrinsics: bool,
    pub expect_warning: Option<String>,
    pub fastclif_only: Option<String>,
}

/// Makes an LLVM intrinsic fastclif cannot compile an error (see the module comment).
const STRICT_INTRINSICS: &str = "-Cllvm-args=fastclif-strict-intrinsics";

pub fn parse_directives(src: &str) -> Result<Directives> {
    let mut d = Directives::default();
    for line in src.lines().map(str::trim) {
        if line.is_empty() || (line.starts_with("//") && !line.starts_with(DIRECTIVE)) {
            continue; // ordinary leading comment
        }
        let Some(rest) = line.strip_prefix(DIRECTIVE) else {
            break;
        };
        for entry in mini_toml::parse(rest).map_err(|e| format!("bad directive `{line}`: {e}"))? {
            match (entry.key.as_str(), entry.value) {
                ("expect-compile-error", Value::Str(s)) => d.expect_compile_error = Some(s),
                ("ignore", Value::Str(s)) => d.ignore = Some(s),
                ("rustflags", Value::Str(s)) => d.rustflags.extend(s.split_whitespace().map(str::to_string)),
                ("rustflags", Value::StrArray(a)) => d.rustflags.extend(a),
                ("strict-intrinsics", Value::Bool(b)) => d.lenient_intrinsics = !b,
                ("expect-warning", Value::Str(s)) => d.expect_warning = Some(s),
                ("fastclif-only", Value::Str(s)) => d.fastclif_only = Some(s),
                (key, _) => {
                    return Err(format!("unknown or malformed directive `{key}` in `{line}`"));
                }
            }
        }
    }
    Ok(d)
}

struct Program {
    name: String,
    path: PathBuf,
}

enum Outcome {
    Pass,
    Fail(String),
    Ignored(String),
}

fn discover(ctx: &Ctx, filters: &[String]) -> Result<Vec<Program>> {
    let dir = ctx.root.join("tests/programs");
    let entries = fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut programs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())) {
                programs.push(Program { name, path });
            }
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// Runs the harness; `backend` is the value given to `-Zcodegen-backend=`.
pub fn run(ctx: &Ctx, backend: &str, filters: &[String], tally: &mut Tally) -> Result {
    let programs = discover(ctx, filters)?;
    if programs.is_empty() {
        return Err(format!("no test program matches {filters:?}"));
    }
    let out_root = ctx.target_dir().join("test-programs");
    for side in ["fastclif", "llvm"] {
        fs::create_dir_all(out_root.join(side))
            .map_err(|e| format!("cannot create {}: {e}", out_root.display()))?;
    }
    let jobs = ctx.config.effective_jobs().min(programs.len());
    println!(
        "running {} test programs ({jobs} at a time; fastclif = -Zcodegen-backend={backend}{}{})",
        programs.len(),
        if ctx.config.test_rustflags.is_empty() { "" } else { " " },
        ctx.config.test_rustflags.join(" ")
    );

    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    let mut failed_any = false;
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, programs, out_root) = (&next, &programs, &out_root);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = programs.get(i) else { break };
                    let outcome = check(ctx, p, backend, out_root).unwrap_or_else(Outcome::Fail);
                    if matches!(outcome, Outcome::Pass) {
                        let fast_exe = out_root.join("fastclif").join(&p.name);
                        ctx.discard_test_outputs(&[&fast_exe, &out_root.join("llvm").join(&p.name)]);
                    }
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Print in name order as results arrive.
        let mut done: Vec<Option<Outcome>> = programs.iter().map(|_| None).collect();
        let mut printed = 0;
        for (i, outcome) in rx {
            done[i] = Some(outcome);
            while printed < done.len() {
                let Some(outcome) = done[printed].take() else {
                    break;
                };
                let name = &programs[printed].name;
                match outcome {
                    Outcome::Pass => tally.pass(name),
                    Outcome::Fail(reason) => {
                        failed_any = true;
                        tally.fail(name, &reason)
                    }
                    Outcome::Ignored(reason) => println!("ignored {name}: {reason}"),
                }
                printed += 1;
            }
        }
    });
    if failed_any {
        println!("(compiler and program outputs are in {})", out_root.display());
    }
    Ok(())
}

fn compile(
    ctx: &Ctx,
    p: &Program,
    backend: Option<&str>,
    flags: &[String],
    out_dir: &Path,
) -> Result<(PathBuf, Captured)> {
    let exe = out_dir.join(&p.name);
    let _ = fs::remove_file(&exe); // never run a stale binary
    let mut cmd = ctx.toolchain.rustc();
    cmd.current_dir(out_dir)
        .arg(&p.path)
        // Like a debug (cargo dev profile) build: no optimizations, overflow checks and
        // debug assertions on.
        .args([
            "--edition=2024",
            "-Copt-level=0",
            "-Cdebug-assertions=on",
            "--crate-type=bin",
            "--crate-name",
        ])
        .arg(p.name.replace('-', "_"))
        .arg("-o")
        .arg(&exe);
    if let Some(backend) = backend {
        cmd.arg(format!("-Zcodegen-backend={backend}"));
    }
    cmd.args(flags);
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    let res = util::run_captured(&mut cmd, ctx.config.compile_timeout)?;
    let _ = fs::write(out_dir.join(format!("{}.compile-stderr", p.name)), &res.stderr);
    Ok((exe, res))
}

fn execute(ctx: &Ctx, exe: &Path, out_dir: &Path, name: &str) -> Result<Captured> {
    let mut cmd = Command::new(exe);
    // Same panic message format whatever the caller's environment says.
    cmd.current_dir(out_dir).env("RUST_BACKTRACE", "0");
    let res = util::run_captured(&mut cmd, ctx.config.test_timeout)?;
    let _ = fs::write(out_dir.join(format!("{name}.stdout")), &res.stdout);
    let _ = fs::write(out_dir.join(format!("{name}.stderr")), &res.stderr);
    Ok(res)
}

/// First meaningful line of a compiler's stderr, for one-line failure reasons.
fn summarize(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.contains("panicked") || l.starts_with("error"))
        .or_else(|| stderr.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("(no output)");
    let line = line.trim();
    if line.chars().count() > 200 {
        format!("{}...", line.chars().take(200).collect::<String>())
    } else {
        line.to_string()
    }
}

fn crashed(stderr: &str) -> bool {
    ["panicked", "internal compiler error", "stack backtrace", "RUST_BACKTRACE"]
        .iter()
        .any(|s| stderr.contains(s))
}

fn check(ctx: &Ctx, p: &Program, backend: &str, out_root: &Path) -> Result<Outcome> {
    let src = fs::read_to_string(&p.path).map_err(|e| format!("cannot read {}: {e}", p.path.display()))?;
    let d = parse_directives(&src)?;
    if let Some(reason) = d.ignore {
        return Ok(Outcome::Ignored(reason));
    }
    let mut fast_flags = d.rustflags.clone();
    if !d.lenient_intrinsics {
        fast_flags.push(STRICT_INTRINSICS.to_string());
    }
    fast_flags.extend(ctx.config.test_rustflags.iter().cloned());
    let fast_dir = out_root.join("fastclif");
    let llvm_dir = out_root.join("llvm");
    let verbose = ctx.config.verbose;

    let (fast_exe, fast_c) = compile(ctx, p, Some(backend), &fast_flags, &fast_dir)?;
    let fast_err = fast_c.stderr_text();

    if let Some(expected) = d.expect_compile_error {
        let problem = if fast_c.status.is_none() {
            Some("compilation timed out".to_string())
        } else if fast_c.success() {
            Some("compiled successfully, but a clean compile error was expected".to_string())
        } else if crashed(&fast_err) {
            Some(format!("compiler crashed instead of reporting an error: {}", summarize(&fast_err)))
        } else if fast_c.status_text() != "exit code 1" {
            Some(format!("compiler ended with {} (expected exit code 1)", fast_c.status_text()))
        } else if !fast_err.contains(&expected) {
            Some(format!("stderr lacks `{expected}`: {}", summarize(&fast_err)))
        } else if !fast_err.contains("--> ") {
            Some("error has no source span (`--> file:line:col`)".to_string())
        } else {
            None
        };
        return Ok(match problem {
            Some(reason) => {
                if verbose {
                    println!("--- {} fastclif stderr ---\n{fast_err}", p.name);
                }
                Outcome::Fail(reason)
            }
            None => Outcome::Pass,
        });
    }

    if !fast_c.success() {
        if verbose {
            println!("--- {} fastclif stderr ---\n{fast_err}", p.name);
        }
        return Ok(Outcome::Fail(format!(
            "fastclif compile failed ({}): {}",
            fast_c.status_text(),
            summarize(&fast_err)
        )));
    }
    if let Some(expected) = &d.expect_warning
        && !fast_err.contains(expected.as_str())
    {
        return Ok(Outcome::Fail(format!("compiler output lacks the warning `{expected}`")));
    }
    if d.fastclif_only.is_some() {
        let run = execute(ctx, &fast_exe, &fast_dir, &p.name)?;
        return Ok(if run.status_text() == "exit code 0" {
            Outcome::Pass
        } else {
            Outcome::Fail(format!(
                "the program ended with {}: {}",
                run.status_text(),
                summarize(&run.stdout_text())
            ))
        });
    }
    let (llvm_exe, llvm_c) = compile(ctx, p, None, &d.rustflags, &llvm_dir)?;
    if !llvm_c.success() {
        return Ok(Outcome::Fail(format!(
            "reference LLVM compile failed ({}): {}",
            llvm_c.status_text(),
            summarize(&llvm_c.stderr_text())
        )));
    }

    let fast_run = execute(ctx, &fast_exe, &fast_dir, &p.name)?;
    let llvm_run = execute(ctx, &llvm_exe, &llvm_dir, &p.name)?;
    if llvm_run.status.is_none() {
        return Ok(Outcome::Fail("the LLVM reference build timed out (test program bug?)".to_string()));
    }
    let mut problems = Vec::new();
    if fast_run.status_text() != llvm_run.status_text() {
        problems.push(format!("fastclif {} vs llvm {}", fast_run.status_text(), llvm_run.status_text()));
    }
    if fast_run.stdout != llvm_run.stdout {
        problems.push(first_difference(&fast_run.stdout, &llvm_run.stdout));
    }
    if problems.is_empty() {
        return Ok(Outcome::Pass);
    }
    if verbose {
        println!(
            "--- {0} fastclif stdout ---\n{1}--- {0} llvm stdout ---\n{2}--- {0} fastclif stderr ---\n{3}",
            p.name,
            String::from_utf8_lossy(&fast_run.stdout),
            String::from_utf8_lossy(&llvm_run.stdout),
            fast_run.stderr_text()
        );
    }
    Ok(Outcome::Fail(problems.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        let src = "// A test.\n// fastclif-test: expect-compile-error = \"inline assembly\"\n\
                   // fastclif-test: rustflags = \"-Ca -Cb\"\nfn main() {}\n// fastclif-test: ignore = \"late\"\n";
        let d = parse_directives(src).unwrap();
        assert_eq!(d.expect_compile_error.as_deref(), Some("inline assembly"));
        assert_eq!(d.rustflags, ["-Ca", "-Cb"]);
        assert_eq!(d.ignore, None, "directives after the first code line are ignored");
        assert!(!d.lenient_intrinsics);
        let src = "// fastclif-test: strict-intrinsics = false\n// fastclif-test: expect-warning = \"w\"\n\
                   // fastclif-test: fastclif-only = \"llvm rejects it\"\nfn main() {}\n";
        let d = parse_directives(src).unwrap();
        assert!(d.lenient_intrinsics);
        assert_eq!(d.expect_warning.as_deref(), Some("w"));
        assert_eq!(d.fastclif_only.as_deref(), Some("llvm rejects it"));
        assert!(parse_directives("// fastclif-test: expect-compile-eror = \"x\"\n").is_err());
        assert_eq!(parse_directives("fn main() {}").unwrap(), Directives::default());
    }

    #[test]
    fn all_repo_programs_have_valid_directives() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/programs");
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let src = fs::read_to_string(&path).unwrap();
                parse_directives(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
    }

    #[test]
    fn crash_detection() {
        assert!(crashed("thread 'rustc' panicked at src/x.rs"));
        assert!(!crashed("error: unsupported: inline assembly\n --> a.rs:3:5\n"));
    }
}
