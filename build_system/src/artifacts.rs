//! What the suites that compare build outputs share: running rustc with either backend in a
//! directory, listing the files a command left, and reading ELF files through binutils
//! (`readelf`, `nm`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::ctx::Ctx;
use crate::util::{self, Captured, Result};

/// Which backend a build uses: fastclif (its `-Zcodegen-backend=` value) or LLVM.
#[derive(Clone, Copy)]
pub enum Backend<'a> {
    Fastclif(&'a str),
    Llvm,
}

impl Backend<'_> {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Fastclif(_) => "fastclif",
            Backend::Llvm => "llvm",
        }
    }
}

/// `rustc +<channel> [-Zcodegen-backend=..] args` in `cwd`.
pub fn rustc(ctx: &Ctx, backend: Backend<'_>, cwd: &Path, args: &[&str]) -> Result<Captured> {
    let mut cmd = ctx.toolchain.rustc();
    if let Backend::Fastclif(value) = backend {
        cmd.arg(format!("-Zcodegen-backend={value}"));
    }
    cmd.current_dir(cwd).args(args);
    run(ctx, &mut cmd, ctx.config.compile_timeout)
}

/// Runs a command (printed first with `-v`), capturing its output.
pub fn run(ctx: &Ctx, cmd: &mut Command, timeout: std::time::Duration) -> Result<Captured> {
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(cmd));
    }
    util::run_captured(cmd, timeout)
}

/// Runs a command that must succeed; the error names it and the first lines of its stderr.
pub fn run_ok(ctx: &Ctx, cmd: &mut Command, timeout: std::time::Duration) -> Result<Captured> {
    let res = run(ctx, cmd, timeout)?;
    if !res.success() {
        return Err(format!("`{}` ended with {}: {}", short_cmd(cmd), res.status_text(), first_error(&res)));
    }
    Ok(res)
}

/// The program and its first arguments, for messages.
pub fn short_cmd(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().take(4).map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// The line of stderr (or stdout) that best says why a command failed.
pub fn first_error(res: &Captured) -> String {
    let err = res.stderr_text();
    let out = res.stdout_text();
    let lines = || err.lines().chain(out.lines()).map(str::trim);
    lines()
        .find(|l| l.starts_with("error") || l.contains("panicked") || l.contains("not found"))
        .or_else(|| lines().find(|l| !l.is_empty()))
        .unwrap_or("")
        .to_string()
}

/// An empty directory at `dir` (whatever was there is removed).
pub fn fresh_dir(dir: &Path) -> Result {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

pub fn copy_file(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Every file below `dir`, as paths relative to it (`out/hello.s`).
pub fn files_under(dir: &Path) -> Result<BTreeSet<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) -> Result {
        let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(&entry.path(), &format!("{name}/"), out)?;
            } else {
                out.insert(name);
            }
        }
        Ok(())
    }
    let mut out = BTreeSet::new();
    walk(dir, "", &mut out)?;
    Ok(out)
}

/// The ELF file type (`e_type`: 1 relocatable, 2 executable, 3 shared object or PIE), or an
/// error if `path` is not a 64-bit little-endian ELF file.
pub fn elf_type(path: &Path) -> Result<u16> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() < 18 || &bytes[..4] != b"\x7fELF" || bytes[4] != 2 || bytes[5] != 1 {
        return Err(format!("{} is not a 64-bit little-endian ELF file", path.display()));
    }
    Ok(u16::from_le_bytes([bytes[16], bytes[17]]))
}

pub const ET_REL: u16 = 1;

/// Whether the `.comment` section of an ELF file (or of an archive's members) names fastclif as
/// a producer.
pub fn built_by_fastclif(ctx: &Ctx, path: &Path) -> Result<bool> {
    let res =
        run_ok(ctx, Command::new("readelf").args(["-p", ".comment"]).arg(path), ctx.config.test_timeout)?;
    // `  [    5f]  fastclif 0.1.0`
    Ok(res
        .stdout_text()
        .lines()
        .any(|l| l.split_once(']').is_some_and(|(_, s)| s.trim_start().starts_with("fastclif "))))
}

/// Requires `built_by_fastclif`.
pub fn check_fastclif_comment(ctx: &Ctx, path: &Path) -> Result {
    if built_by_fastclif(ctx, path)? {
        Ok(())
    } else {
        Err(format!("{} has no fastclif `.comment`: the backend was not used", path.display()))
    }
}

/// `nm` lines (`TYPE NAME`, sorted) of the symbols `path` defines; `dynamic`: those of the
/// dynamic symbol table (what a shared object exports), demangled.
pub fn defined_symbols(ctx: &Ctx, path: &Path, dynamic: bool) -> Result<Vec<String>> {
    let mut cmd = Command::new("nm");
    cmd.args(if dynamic { &["-D", "-C", "--defined-only"][..] } else { &["--defined-only"][..] }).arg(path);
    let res = run_ok(ctx, &mut cmd, ctx.config.test_timeout)?;
    let mut lines: Vec<String> = res
        .stdout_text()
        .lines()
        .filter_map(|l| {
            // `ADDRESS TYPE NAME` (the name may contain spaces once demangled).
            let mut parts = l.splitn(3, ' ');
            let (_, ty, name) = (parts.next()?, parts.next()?, parts.next()?);
            Some(format!("{ty} {name}"))
        })
        .collect();
    lines.sort();
    Ok(lines)
}

/// Describes the difference of two sorted symbol lists, or `None` when they are equal.
pub fn symbol_difference(fast: &[String], llvm: &[String]) -> Option<String> {
    let (fast_set, llvm_set): (BTreeSet<&String>, BTreeSet<&String>) =
        (fast.iter().collect(), llvm.iter().collect());
    let only_fast: Vec<&str> = fast_set.difference(&llvm_set).map(|s| s.as_str()).collect();
    let only_llvm: Vec<&str> = llvm_set.difference(&fast_set).map(|s| s.as_str()).collect();
    if only_fast.is_empty() && only_llvm.is_empty() {
        return None;
    }
    let show = |v: &[&str]| {
        let mut s = v.iter().take(4).map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ");
        if v.len() > 4 {
            s.push_str(&format!(" and {} more", v.len() - 4));
        }
        if s.is_empty() { "nothing".to_string() } else { s }
    };
    Some(format!("only fastclif: {}; only LLVM: {}", show(&only_fast), show(&only_llvm)))
}

/// Both runs succeeded and printed the same stdout; `what` names the program in messages.
pub fn same_run(what: &str, fast: &Captured, llvm: &Captured) -> Result {
    if !llvm.success() {
        return Err(format!("{what} (LLVM build) ended with {}: {}", llvm.status_text(), first_error(llvm)));
    }
    if fast.status_text() != llvm.status_text() {
        return Err(format!(
            "{what} ended with {}: {} (LLVM build: exit code 0)",
            fast.status_text(),
            first_error(fast)
        ));
    }
    if fast.stdout != llvm.stdout {
        return Err(format!("{what}: {}", crate::output_diff::first_difference(&fast.stdout, &llvm.stdout)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_differences() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(symbol_difference(&list(&["T a", "B b"]), &list(&["T a", "B b"])), None);
        assert_eq!(
            symbol_difference(&list(&["T a", "D b"]), &list(&["T a", "B b"])).unwrap(),
            "only fastclif: `D b`; only LLVM: `B b`"
        );
        assert_eq!(
            symbol_difference(&list(&["T a"]), &list(&[])).unwrap(),
            "only fastclif: `T a`; only LLVM: nothing"
        );
    }
}
