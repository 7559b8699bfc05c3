//! `--emit` combinations, each with `--out-dir` and with `-o`: fastclif must leave exactly the
//! files LLVM leaves (so no stray `*.rcgu.*` files in the working directory or the output
//! directory), each one valid — a listing with every function LLVM's assembly has, a relocatable
//! ELF object defining every global symbol LLVM's does, the same MIR and dep-info, a program that
//! prints the same — and refuse `llvm-ir`/`llvm-bc` with one error and no files.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::artifacts::{self, Backend};
use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::{Captured, Result};

/// The combinations tested with both `--out-dir` and `-o`.
const KINDS: &[&str] =
    &["asm", "asm,link", "obj", "obj,link", "metadata,link", "dep-info,link", "mir", "asm,obj"];
/// Kinds fastclif must refuse.
const REFUSED: &[&str] = &["llvm-ir", "llvm-bc"];

#[derive(Clone, Copy, PartialEq)]
enum Output {
    /// `--out-dir out`
    Dir,
    /// `-o out/prog`
    File,
}

struct Case {
    /// In tests/outputs/emit/.
    source: &'static str,
    emit: &'static str,
    output: Output,
    extra: &'static [&'static str],
}

impl Case {
    fn name(&self) -> String {
        let output = if self.output == Output::Dir { "--out-dir" } else { "-o" };
        let source = if self.source == "hello.rs" { String::new() } else { format!("{} ", self.source) };
        let extra: String = self.extra.iter().map(|e| format!("{e} ")).collect();
        format!("outputs {source}--emit={} {extra}{output}", self.emit)
    }
    fn slug(&self) -> String {
        let name = self.name();
        let slug: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        slug.trim_start_matches("outputs").trim_matches('_').to_string()
    }
    fn args(&self) -> Vec<String> {
        let mut args =
            vec!["--edition=2024".to_string(), "-Copt-level=0".into(), format!("--emit={}", self.emit)];
        match self.output {
            Output::Dir => args.extend(["--out-dir".into(), "out".into()]),
            Output::File => args.extend(["-o".into(), "out/prog".into()]),
        }
        args.extend(self.extra.iter().map(|s| s.to_string()));
        args.push(self.source.to_string());
        args
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for emit in KINDS {
        for output in [Output::Dir, Output::File] {
            cases.push(Case { source: "hello.rs", emit, output, extra: &[] });
        }
    }
    // Several codegen units: rustc keeps the numbered `.rcgu.s` files, for both backends.
    cases.push(Case {
        source: "hello.rs",
        emit: "asm,obj,link",
        output: Output::Dir,
        extra: &["-Ccodegen-units=3"],
    });
    // A unit with assembly text, which fastclif assembles into a second object.
    for (emit, output) in
        [("link", Output::Dir), ("obj", Output::Dir), ("obj,link", Output::File), ("asm", Output::Dir)]
    {
        cases.push(Case { source: "with_asm.rs", emit, output, extra: &[] });
    }
    cases
}

pub fn run(ctx: &Ctx, fast: &str, tally: &mut Tally) -> Result {
    let sources = ctx.root.join("tests/outputs/emit");
    let work = ctx.target_dir().join("test-outputs/emit");
    let cases = cases();
    let results = in_parallel(ctx, &cases, |case| compare(ctx, fast, case, &sources, &work));
    for (case, result) in cases.iter().zip(results) {
        tally.record(&case.name(), result);
    }
    for emit in REFUSED {
        for output in [Output::Dir, Output::File] {
            let case = Case { source: "hello.rs", emit, output, extra: &[] };
            tally.record(&format!("{} is refused", case.name()), refused(ctx, fast, &case, &sources, &work));
        }
    }
    Ok(())
}

/// `check` for every case, on as many threads as the settings allow; results in case order.
fn in_parallel(ctx: &Ctx, cases: &[Case], check: impl Fn(&Case) -> Result + Sync) -> Vec<Result> {
    let chunk = cases.len().div_ceil(ctx.config.effective_jobs().max(1));
    std::thread::scope(|s| {
        let check = &check;
        let workers: Vec<_> = cases
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|_| vec![Err("a worker panicked".into())]))
            .collect()
    })
}

/// One build of a case: where it ran, what rustc said, the files it left.
struct Build {
    dir: std::path::PathBuf,
    rustc: Captured,
    files: std::collections::BTreeSet<String>,
}

fn build(ctx: &Ctx, backend: Backend<'_>, case: &Case, sources: &Path, work: &Path) -> Result<Build> {
    let dir = work.join(case.slug()).join(backend.name());
    artifacts::fresh_dir(&dir.join("out"))?;
    artifacts::copy_file(&sources.join(case.source), &dir.join(case.source))?;
    let args = case.args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let rustc = artifacts::rustc(ctx, backend, &dir, &args)?;
    let mut files = artifacts::files_under(&dir)?;
    files.remove(case.source);
    Ok(Build { dir, rustc, files })
}

fn compare(ctx: &Ctx, fast: &str, case: &Case, sources: &Path, work: &Path) -> Result {
    let f = build(ctx, Backend::Fastclif(fast), case, sources, work)?;
    let l = build(ctx, Backend::Llvm, case, sources, work)?;
    if !l.rustc.success() {
        return Err(format!(
            "LLVM: rustc ended with {}: {}",
            l.rustc.status_text(),
            artifacts::first_error(&l.rustc)
        ));
    }
    if !f.rustc.success() {
        return Err(format!(
            "rustc ended with {}: {}",
            f.rustc.status_text(),
            artifacts::first_error(&f.rustc)
        ));
    }
    if f.rustc.stderr != l.rustc.stderr {
        return Err(format!(
            "rustc's stderr differs from LLVM's: {}",
            crate::output_diff::first_difference(&f.rustc.stderr, &l.rustc.stderr)
        ));
    }
    let stray: Vec<&String> = f.files.difference(&l.files).collect();
    let missing: Vec<&String> = l.files.difference(&f.files).collect();
    if !stray.is_empty() || !missing.is_empty() {
        return Err(format!("files differ from LLVM's: only fastclif {stray:?}, only LLVM {missing:?}"));
    }
    for file in &f.files {
        check_file(ctx, case, file, &f.dir, &l.dir).map_err(|e| format!("{file}: {e}"))?;
    }
    Ok(())
}

#[derive(Debug, PartialEq)]
enum Kind {
    Asm,
    Obj,
    Mir,
    DepInfo,
    Metadata,
    Exe,
}

/// What a produced file is: by its extension, or for `-o out/prog` by the one kind emitted.
fn kind_of(case: &Case, file: &str) -> Result<Kind> {
    let name = file.rsplit('/').next().unwrap_or(file);
    let from_emit = |emit: &str| match emit {
        "asm" => Ok(Kind::Asm),
        "obj" => Ok(Kind::Obj),
        "mir" => Ok(Kind::Mir),
        "dep-info" => Ok(Kind::DepInfo),
        "metadata" => Ok(Kind::Metadata),
        "link" => Ok(Kind::Exe),
        other => Err(format!("unexpected emit kind {other}")),
    };
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("s") => Ok(Kind::Asm),
        Some("o") => Ok(Kind::Obj),
        Some("mir") => Ok(Kind::Mir),
        Some("d") => Ok(Kind::DepInfo),
        Some("rmeta") => Ok(Kind::Metadata),
        Some(ext) => Err(format!("unexpected file type `.{ext}`")),
        None if case.output == Output::File && !case.emit.contains(',') => from_emit(case.emit),
        None => Ok(Kind::Exe),
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn check_file(ctx: &Ctx, case: &Case, file: &str, fast_dir: &Path, llvm_dir: &Path) -> Result {
    let (fast, llvm) = (fast_dir.join(file), llvm_dir.join(file));
    match kind_of(case, file)? {
        Kind::Asm => check_listing(&read(&fast)?, &read(&llvm)?),
        Kind::Obj => check_object(ctx, &fast, &llvm),
        Kind::Mir if read(&fast)? != read(&llvm)? => Err("differs from LLVM's MIR".into()),
        Kind::Mir => Ok(()),
        Kind::DepInfo => {
            // fastclif also records its FASTCLIF_* variables (see README, Options).
            let text = |bytes: Vec<u8>| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let kept: Vec<&str> =
                    text.lines().filter(|l| !l.starts_with("# env-dep:FASTCLIF_")).collect();
                kept.join("\n").trim_end().to_string()
            };
            if text(read(&fast)?) == text(read(&llvm)?) {
                Ok(())
            } else {
                Err("differs from LLVM's dep-info (besides the FASTCLIF_* variables)".into())
            }
        }
        // Empty for a binary crate, with LLVM too.
        Kind::Metadata if read(&fast)? != read(&llvm)? => Err("differs from LLVM's metadata".into()),
        Kind::Metadata => Ok(()),
        Kind::Exe => {
            artifacts::check_fastclif_comment(ctx, &fast)?;
            let run = |exe: &Path| {
                artifacts::run(ctx, Command::new(exe).env("RUST_BACKTRACE", "0"), ctx.config.test_timeout)
            };
            artifacts::same_run("the program", &run(&fast)?, &run(&llvm)?)
        }
    }
}

/// Functions an assembly file defines: the names of its `.type NAME,@function` lines.
fn listed_functions(text: &str) -> std::collections::BTreeSet<&str> {
    text.lines()
        .filter_map(|l| {
            let (name, kind) = l.trim().strip_prefix(".type")?.split_once(',')?;
            (kind.trim() == "@function").then(|| name.trim())
        })
        .collect()
}

/// A non-empty listing with every function LLVM's assembly defines.
fn check_listing(fast: &[u8], llvm: &[u8]) -> Result {
    let (fast, llvm) = (String::from_utf8_lossy(fast), String::from_utf8_lossy(llvm));
    let (ours, theirs) = (listed_functions(&fast), listed_functions(&llvm));
    if ours.is_empty() {
        return Err("the listing defines no function".into());
    }
    let missing: Vec<&&str> = theirs.difference(&ours).collect();
    match missing.first() {
        None => Ok(()),
        Some(first) => Err(format!(
            "{} of LLVM's {} functions are not in the listing, e.g. `{first}`",
            missing.len(),
            theirs.len()
        )),
    }
}

/// A relocatable ELF object written by fastclif that defines every global symbol LLVM's
/// defines and needs none of the unit's own assembly symbols from elsewhere.
fn check_object(ctx: &Ctx, fast: &Path, llvm: &Path) -> Result {
    let ty = artifacts::elf_type(fast)?;
    if ty != artifacts::ET_REL {
        return Err(format!("ELF type {ty}, not a relocatable object"));
    }
    artifacts::check_fastclif_comment(ctx, fast)?;
    // Global definitions (upper-case types); weak ones (`V`, `W`) may be local in fastclif's
    // objects (`DW.ref.rust_eh_personality`).
    let globals = |path: &Path| -> Result<std::collections::BTreeSet<String>> {
        Ok(artifacts::defined_symbols(ctx, path, false)?
            .into_iter()
            .filter_map(|l| {
                let (ty, name) = l.split_once(' ')?;
                (ty.chars().all(|c| c.is_ascii_uppercase()) && !matches!(ty, "V" | "W"))
                    .then(|| name.to_string())
            })
            .collect())
    };
    let (ours, theirs) = (globals(fast)?, globals(llvm)?);
    if let Some(missing) = theirs.difference(&ours).next() {
        return Err(format!("does not define `{missing}`, which LLVM's object defines"));
    }
    let undefined = artifacts::run_ok(
        ctx,
        Command::new("nm").arg("--undefined-only").arg(fast),
        ctx.config.test_timeout,
    )?;
    if let Some(line) = undefined.stdout_text().lines().find(|l| l.contains("__fastclif_")) {
        return Err(format!("needs a symbol of the unit's own assembly: {}", line.trim()));
    }
    Ok(())
}

/// fastclif refuses the kind with exactly one error naming it, and leaves no file.
fn refused(ctx: &Ctx, fast: &str, case: &Case, sources: &Path, work: &Path) -> Result {
    let b = build(ctx, Backend::Fastclif(fast), case, sources, work)?;
    let stderr = b.rustc.stderr_text();
    if ["panicked", "internal compiler error"].iter().any(|s| stderr.contains(s)) {
        return Err("the compiler crashed".into());
    }
    if b.rustc.status_text() != "exit code 1" {
        return Err(format!("rustc ended with {} (expected exit code 1)", b.rustc.status_text()));
    }
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: aborting due to"))
        .collect();
    match errors.as_slice() {
        [error] if error.contains(&format!("--emit={}", case.emit)) => {}
        [error] => return Err(format!("the error does not name `--emit={}`: {error}", case.emit)),
        _ => return Err(format!("{} errors instead of one: {}", errors.len(), errors.join(" | "))),
    }
    if !b.files.is_empty() {
        return Err(format!("files were left behind: {:?}", b.files));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_kinds() {
        let case = Case { source: "hello.rs", emit: "asm", output: Output::File, extra: &[] };
        assert_eq!(case.name(), "outputs --emit=asm -o");
        assert_eq!(kind_of(&case, "out/prog"), Ok(Kind::Asm));
        let case = Case { source: "with_asm.rs", emit: "obj,link", output: Output::File, extra: &[] };
        assert_eq!(case.name(), "outputs with_asm.rs --emit=obj,link -o");
        assert_eq!(kind_of(&case, "out/prog"), Ok(Kind::Exe));
        assert_eq!(kind_of(&case, "out/prog.o"), Ok(Kind::Obj));
        assert_eq!(kind_of(&case, "out/x.x.abc-cgu.0.rcgu.s"), Ok(Kind::Asm));
        assert!(kind_of(&case, "out/x.ll").is_err());
        let names: std::collections::BTreeSet<String> = cases().iter().map(Case::slug).collect();
        assert_eq!(names.len(), cases().len(), "two cases share a directory");
    }

    #[test]
    fn listing_functions() {
        let text = "\t.type\tmain,@function\nmain:\n  .type _RNv4main, @function\n.type data,@object\n";
        assert_eq!(listed_functions(text).into_iter().collect::<Vec<_>>(), ["_RNv4main", "main"]);
        assert!(check_listing(b".type a,@function\n.type b,@function\n", b".type a,@function\n").is_ok());
        assert!(check_listing(b".type a,@function\n", b".type a,@function\n.type main,@function\n").is_err());
    }
}
