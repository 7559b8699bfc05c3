//! `./y.sh test debugger`: the debug info fastclif writes must make gdb and lldb show what they
//! show for an LLVM build.
//!
//! Every `tests/debugger/NAME.rs` is built twice with `-Copt-level=0 -g` (LLVM, fastclif), each
//! binary named `NAME` in its own directory. `NAME.gdb` runs under `gdb -batch` with the
//! toolchain's pretty printers loaded as `rust-gdb` loads them, `NAME.lldb` under `lldb -b` with
//! the toolchain's formatters imported as `rust-lldb` does. Outputs are normalised (addresses,
//! process ids, the binaries' directories) and must be identical. A program may list accepted
//! differences, each with its reason:
//!
//!   `// accept-difference: gdb "REGEX" -- reason` (or `lldb`): output lines matching REGEX are
//!   left out of both outputs before the comparison. A REGEX is a plain substring unless it
//!   starts with `^` (then: the line starts with the rest).
//!
//! A program starting with `// debugger: panic-backtrace` is also run with `RUST_BACKTRACE=1`:
//! every frame the LLVM build's backtrace shows with `at file:line`, the fastclif build's must
//! show with a location too.
//!
//! lldb missing is a failure, never a silent pass: `./y.sh prepare` installs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{self, Result};

const TIMEOUT: Duration = Duration::from_secs(120);

struct Program {
    name: String,
    dir: PathBuf,
    /// (debugger, pattern, reason)
    accepted: Vec<(String, String, String)>,
    panic_backtrace: bool,
}

pub fn run(ctx: &Ctx, backend: &Path, names: &[String], tally: &mut Tally) -> Result {
    let dir = ctx.root.join("tests/debugger");
    let out = ctx.target_dir().join("debugger");
    let sysroot = ctx.toolchain.sysroot()?;
    let etc = sysroot.join("lib/rustlib/etc");
    // rust-gdb maps the standard library's recorded paths to the sysroot's sources.
    let version = util::output(ctx.toolchain.rustc().arg("-vV"))?;
    let hash = version.lines().find_map(|l| l.strip_prefix("commit-hash: ")).unwrap_or("unknown").to_string();
    let lldb = util::output(Command::new("lldb").arg("--version")).is_ok();
    if !lldb {
        tally.fail(
            "debugger lldb",
            "lldb is not installed (./y.sh prepare installs it): the lldb half cannot run",
        );
    }
    let filters = names;
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok()?.strip_suffix(".rs").map(str::to_string))
        .collect();
    names.sort();
    names.retain(|n| filters.is_empty() || filters.iter().any(|f| n.contains(f.as_str())));
    for name in names {
        let program = parse(&dir, &name)?;
        let built = ["llvm", "fastclif"].map(|kind| build(ctx, backend, &program, &out.join(kind), kind));
        let [Ok(llvm), Ok(fastclif)] = built else {
            let err = built.into_iter().filter_map(|r| r.err()).collect::<Vec<_>>().join("\n");
            tally.fail(&format!("debugger {name}: build"), &err);
            continue;
        };
        let scripts: &[&str] = if lldb { &["gdb", "lldb"] } else { &["gdb"] };
        for debugger in scripts {
            let script = dir.join(format!("{name}.{debugger}"));
            if !script.is_file() {
                continue;
            }
            let test = format!("debugger {name} ({debugger})");
            let run = |bin: &Path| run_debugger(debugger, &script, bin, &etc, (&sysroot, &hash), &program);
            match (run(&llvm), run(&fastclif)) {
                (Ok(l), Ok(f)) => {
                    let _ = fs::write(out.join(format!("{name}.{debugger}.llvm.txt")), &l);
                    let _ = fs::write(out.join(format!("{name}.{debugger}.fastclif.txt")), &f);
                    match first_difference(&f, &l) {
                        None => tally.pass(&test),
                        Some(diff) => tally.fail(&test, &diff),
                    }
                }
                (Err(e), _) | (_, Err(e)) => tally.fail(&test, &e),
            }
        }
        if program.panic_backtrace {
            let test = format!("debugger {name} (RUST_BACKTRACE=1)");
            tally.record(&test, compare_backtraces(&llvm, &fastclif));
        }
    }
    Ok(())
}

/// `./y.sh prepare`: lldb with a working Python (for the toolchain's formatters). Quick when
/// both are there; otherwise Debian's `lldb` package (as root, through apt-get).
pub fn prepare() -> Result {
    let works = || {
        util::output(Command::new("lldb").args(["-b", "-o", "script print(6*7)"]))
            .is_ok_and(|o| o.contains("42"))
    };
    if works() {
        return Ok(());
    }
    if util::output(Command::new("lldb").arg("--version")).is_err() {
        util::step("Installing lldb (Debian package) for ./y.sh test debugger");
        util::run(Command::new("apt-get").arg("update"))?;
        util::run(Command::new("apt-get").args(["install", "-y", "lldb"]))?;
    }
    if !works() {
        // Debian's lldb 14 looks for its Python module under /usr/lib/local (`lldb -P`) while
        // the package installs it under /usr/lib/llvm-14: link the one to the other.
        let expected = util::output(Command::new("lldb").arg("-P"))?;
        let expected = PathBuf::from(expected.lines().next().unwrap_or_default().trim());
        let installed = fs::read_dir("/usr/lib")
            .map_err(|e| format!("cannot read /usr/lib: {e}"))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("llvm-"))
            .filter_map(|e| {
                let lib = e.path().join("lib");
                let version = expected.parent()?.file_name()?.to_owned();
                Some(lib.join(version).join("dist-packages"))
            })
            .find(|p| p.join("lldb").is_dir());
        match (expected.parent(), installed) {
            (Some(parent), Some(installed)) if !expected.exists() => {
                fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                std::os::unix::fs::symlink(&installed, &expected)
                    .map_err(|e| format!("cannot link {}: {e}", expected.display()))?;
            }
            _ => {}
        }
    }
    if works() { Ok(()) } else { Err("lldb is installed but cannot run Python scripts".to_string()) }
}

fn parse(dir: &Path, name: &str) -> Result<Program> {
    let src = fs::read_to_string(dir.join(format!("{name}.rs"))).map_err(|e| format!("{name}.rs: {e}"))?;
    let mut accepted = Vec::new();
    for line in src.lines() {
        let Some(rest) = line.trim().strip_prefix("// accept-difference:") else { continue };
        let rest = rest.trim();
        let (debugger, rest) = rest.split_once(' ').ok_or(format!("{name}.rs: bad `{line}`"))?;
        let rest =
            rest.trim().strip_prefix('"').ok_or(format!("{name}.rs: pattern must be quoted: `{line}`"))?;
        let (pattern, reason) =
            rest.split_once('"').ok_or(format!("{name}.rs: unclosed pattern: `{line}`"))?;
        let reason = reason.trim().strip_prefix("--").map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err(format!("{name}.rs: an accepted difference needs a reason: `{line}`"));
        }
        accepted.push((debugger.to_string(), pattern.to_string(), reason.to_string()));
    }
    Ok(Program {
        name: name.to_string(),
        dir: dir.to_path_buf(),
        accepted,
        panic_backtrace: src.starts_with("// debugger: panic-backtrace"),
    })
}

fn build(ctx: &Ctx, backend: &Path, program: &Program, out_dir: &Path, kind: &str) -> Result<PathBuf> {
    fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let bin = out_dir.join(&program.name);
    let mut cmd = ctx.toolchain.rustc();
    // Relative source paths, the same for both builds.
    cmd.current_dir(&program.dir)
        .args(["-g", "-Copt-level=0", "--edition", "2024", "-o"])
        .arg(&bin)
        .arg(format!("{}.rs", program.name));
    if kind == "fastclif" {
        cmd.arg(format!("-Zcodegen-backend={}", backend.display()));
    }
    let out = util::run_captured(&mut cmd, TIMEOUT)?;
    if !out.success() {
        return Err(format!("{kind} build failed ({}):\n{}", out.status_text(), out.stderr_text()));
    }
    Ok(bin)
}

fn run_debugger(
    debugger: &str,
    script: &Path,
    bin: &Path,
    etc: &Path,
    (sysroot, hash): (&Path, &str),
    program: &Program,
) -> Result<String> {
    let mut cmd = Command::new(debugger);
    // The programs decide what to do from the environment (a panic-backtrace program panics
    // only with RUST_BACKTRACE set).
    cmd.current_dir(&program.dir).env_remove("RUST_BACKTRACE");
    if debugger == "gdb" {
        // What rust-gdb does: the printers' directory on the Python path and as a safe
        // auto-load path, so the `.debug_gdb_scripts` section loads them.
        let python_path = match std::env::var("PYTHONPATH") {
            Ok(p) if !p.is_empty() => format!("{p}:{}", etc.display()),
            _ => etc.display().to_string(),
        };
        cmd.env("PYTHONPATH", python_path)
            .args(["-nx", "-batch"])
            .arg(format!("--directory={}", etc.display()))
            .arg("-iex")
            .arg(format!("add-auto-load-safe-path {}", etc.display()))
            .arg("-iex")
            .arg(format!(
                "set substitute-path /rustc/{hash} {}",
                sysroot.join("lib/rustlib/src/rust").display()
            ))
            .args(["-iex", "set width 0", "-iex", "set height 0"])
            // gdb 13.1 has internal errors on some values (for LLVM builds too): no core files.
            .args(["-iex", "maint set internal-error corefile no", "-x"])
            .arg(script)
            .arg(bin);
    } else {
        // What rust-lldb does: import the formatters first.
        cmd.args(["-b", "--no-lldbinit", "--one-line-before-file"])
            .arg(format!("command script import \"{}\"", etc.join("lldb_lookup.py").display()))
            .arg("-s")
            .arg(script)
            .arg(bin);
    }
    let out = util::run_captured(&mut cmd, TIMEOUT)?;
    if out.status.is_none() {
        return Err(format!("{debugger} timed out"));
    }
    let text = out.stdout_text() + &out.stderr_text();
    let bin_dir = bin.parent().map(|d| d.display().to_string()).unwrap_or_default();
    Ok(normalize(&text, &bin_dir, debugger, &program.accepted))
}

/// Addresses, process ids and the binary's directory differ between any two runs; data
/// objects of fastclif carry local symbols (`.Ldata3`) that gdb names after an address, where
/// LLVM's private data has none.
fn normalize(text: &str, bin_dir: &str, debugger: &str, accepted: &[(String, String, String)]) -> String {
    let mut out = String::new();
    'lines: for line in text.lines() {
        for (who, pattern, _) in accepted {
            if who != debugger {
                continue;
            }
            let hit = match pattern.strip_prefix('^') {
                Some(start) => line.starts_with(start),
                None => line.contains(pattern.as_str()),
            };
            if hit {
                continue 'lines;
            }
        }
        let line = line.replace(bin_dir, "BIN");
        out.push_str(&normalize_line(&line));
        out.push('\n');
    }
    out
}

fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("0x") {
            let hex = after.chars().take_while(char::is_ascii_hexdigit).count();
            out.push_str("0x?");
            rest = &after[hex..];
            // `<.Ldata4>` after an address names one of fastclif's local data symbols.
            if let Some(sym) = rest.strip_prefix(" <.L")
                && let Some(end) = sym.find('>')
            {
                rest = &sym[end + 1..];
            }
            continue;
        }
        // lldb's `function + offset at file:line`: code offsets differ between backends (and
        // LLVM's code of a leaf function starts without a prologue, so at offset 0).
        if let Some(after) = rest.strip_prefix(" + ") {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && after[digits..].starts_with(" at ") {
                rest = &after[digits..];
                continue;
            }
        }
        for word in ["Process ", "process ", "pid = ", "' ("] {
            if let Some(after) = rest.strip_prefix(word) {
                let digits = after.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 {
                    out.push_str(word);
                    out.push('N');
                    rest = &after[digits..];
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
            rest = chars.as_str();
        }
    }
    out
}

fn first_difference(fast: &str, llvm: &str) -> Option<String> {
    let (f, l): (Vec<&str>, Vec<&str>) = (fast.lines().collect(), llvm.lines().collect());
    for i in 0..f.len().max(l.len()) {
        let (a, b) = (f.get(i).copied(), l.get(i).copied());
        if a != b {
            return Some(format!(
                "line {}: fastclif {:?}, llvm {:?} (full outputs in target/debugger/)",
                i + 1,
                a.unwrap_or("<end>"),
                b.unwrap_or("<end>")
            ));
        }
    }
    None
}

/// Every frame of LLVM's panic backtrace that has a source location must have one in
/// fastclif's too.
fn compare_backtraces(llvm: &Path, fastclif: &Path) -> Result {
    let located = |bin: &Path| -> Result<Vec<String>> {
        let out = util::run_captured(Command::new(bin).env("RUST_BACKTRACE", "1"), TIMEOUT)?;
        let text = out.stderr_text();
        let lines: Vec<&str> = text.lines().collect();
        let mut frames = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let Some((num, name)) = line.trim().split_once(": ") else { continue };
            if num.parse::<u32>().is_err() {
                continue;
            }
            if lines.get(i + 1).is_some_and(|next| next.trim().starts_with("at ")) {
                frames.push(name.trim().to_string());
            }
        }
        if frames.is_empty() {
            return Err(format!("no located frames in the backtrace:\n{text}"));
        }
        Ok(frames)
    };
    let (l, f) = (located(llvm)?, located(fastclif)?);
    let missing: Vec<&String> = l.iter().filter(|frame| !f.contains(frame)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("frames without a location in fastclif's backtrace: {missing:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_addresses_pids_and_local_symbols() {
        let line = "r = Some(0x55d0 <.Ldata4>) Process 1234 launched: '/t/fastclif/x'";
        assert_eq!(normalize_line(line), "r = Some(0x?) Process N launched: '/t/fastclif/x'");
        assert_eq!(normalize_line("where = x`x::f + 176 at x.rs:6:15"), "where = x`x::f at x.rs:6:15");
        let accepted = vec![("gdb".to_string(), "^skip".to_string(), "why".to_string())];
        assert_eq!(normalize("skip me\nkeep /t/b/x\n", "/t/b", "gdb", &accepted), "keep BIN/x\n");
    }
}
