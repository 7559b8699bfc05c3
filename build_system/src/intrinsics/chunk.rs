//! One generated program through both compilers: the LLVM reference (cached), fastclif builds
//! until every intrinsic is either compiled or pinned to a compile error, the runs (restarted
//! after the test that crashed), and a verdict per intrinsic.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::catalog::{Catalog, Chunk};
use super::emit::{self, Program};
use super::family::FEATURE_GATES;
use super::verdict::{self, NAN_ONLY, RunOutput, Verdict};
use crate::artifacts;
use crate::ctx::Ctx;
use crate::util::{Captured, Result};

/// What the chunks share.
pub struct Env<'a> {
    pub ctx: &'a Ctx,
    /// `-Zcodegen-backend=` value.
    pub backend: String,
    /// `target/intrinsics`.
    pub dir: PathBuf,
    pub prelude: &'a str,
    /// Compile with `-Cllvm-args=fastclif-strict-intrinsics` (the backend knows it).
    pub strict: bool,
    /// Part of the reference cache key besides the source: toolchain and CPU (results such as
    /// `rcpps` approximations differ between CPUs).
    pub cache_salt: String,
    pub compile_timeout: Duration,
    pub run_timeout: Duration,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub verdicts: Vec<(String, Verdict)>,
    pub llvm_compile: Duration,
    pub fast_compile: Duration,
    pub run: Duration,
    /// fastclif compilations (more than one when errors removed intrinsics).
    pub fast_builds: usize,
    pub cached: bool,
    pub lines: usize,
}

/// The program of `chunk` restricted to `entries`.
pub fn source(env: &Env, cat: &Catalog, chunk: &Chunk, entries: &[usize]) -> Program {
    let tests = cat.tests(entries);
    let title = format!("{} ({} intrinsics)", chunk.id, tests.len());
    emit::program(&title, &chunk.family, &chunk.features, &tests, env.prelude, FEATURE_GATES)
}

pub fn process(env: &Env, cat: &Catalog, chunk: &Chunk) -> Result<Outcome> {
    let mut out = Outcome::default();
    let names = |set: &[usize]| -> Vec<String> {
        set.iter().map(|&n| cat.entries[n].intrinsic.name.clone()).collect()
    };
    let full = source(env, cat, chunk, &chunk.entries);
    out.lines = full.source.lines().count();
    let reference = reference(env, cat, chunk, &full, &mut out)?;

    // fastclif: build what the reference could build; remove what fails, until it compiles.
    let mut remaining: Vec<usize> = chunk
        .entries
        .iter()
        .copied()
        .filter(|&n| !reference.excluded.contains_key(&cat.entries[n].intrinsic.name))
        .collect();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let mut builds: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let mut work = vec![std::mem::take(&mut remaining)];
    while let Some(set) = work.pop() {
        if set.is_empty() {
            continue;
        }
        let prog = source(env, cat, chunk, &set);
        let stem = format!("{}.fastclif{}", chunk.id, out.fast_builds);
        out.fast_builds += 1;
        let (exe, res, took) = compile(env, &stem, &prog.source, true)?;
        out.fast_compile += took;
        if res.success() {
            builds.push((exe, names(&set)));
            continue;
        }
        let stderr = res.stderr_text();
        let diags = verdict::errors(&stderr);
        let (pinned, loose) = verdict::attribute(&diags, &format!("{stem}.rs"), &prog.tests, &cat.stdarch);
        let crashed = res.status.is_none()
            || stderr.contains("panicked")
            || stderr.contains("internal compiler error")
            || res.status.and_then(|s| s.code()).is_none();
        if !pinned.is_empty() && !crashed {
            for (name, msgs) in &pinned {
                errors.insert(name.clone(), msgs.join("; "));
            }
            work.push(
                set.into_iter().filter(|&n| !pinned.contains_key(&cat.entries[n].intrinsic.name)).collect(),
            );
        } else if !crashed && !loose.is_empty() && loose.iter().all(|d| d.locations.is_empty()) {
            // An error about the whole compilation (no source location): it is everyone's.
            let msg = loose.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ");
            for name in names(&set) {
                errors.insert(name, msg.clone());
            }
        } else if set.len() == 1 {
            let why = if res.status.is_none() {
                "compilation timed out".to_string()
            } else {
                format!("{}: {}", res.status_text(), artifacts::first_error(&res))
            };
            errors.insert(names(&set)[0].clone(), why);
        } else {
            // A crash or an error that names none of the tests: halve the program until the
            // culprits stand alone.
            let (a, b) = set.split_at(set.len() / 2);
            work.push(b.to_vec());
            work.push(a.to_vec());
        }
    }

    let mut fast = RunOutput::default();
    let mut fast_crashes = BTreeMap::new();
    if !reference.output.cpu_lacks {
        for (exe, tests) in &builds {
            let started = Instant::now();
            let (o, crashes) = run_all(env, exe, tests)?;
            out.run += started.elapsed();
            fast.sections.extend(o.sections);
            fast_crashes.extend(crashes);
        }
    }

    for &n in &chunk.entries {
        let name = &cat.entries[n].intrinsic.name;
        let v = if let Some(why) = reference.excluded.get(name) {
            Verdict::Reference(why.clone())
        } else if let Some(why) = errors.get(name) {
            Verdict::CompileError(why.clone())
        } else if reference.output.cpu_lacks {
            Verdict::NotRun
        } else if let Some(why) = reference.crashes.get(name) {
            Verdict::Reference(format!("the LLVM build crashed in it: {why}"))
        } else if let Some(why) = fast_crashes.get(name) {
            Verdict::Crash(why.clone())
        } else {
            let format = emit::float_format(&cat.entries[n].intrinsic.ret);
            match (fast.sections.get(name), reference.output.sections.get(name)) {
                (Some(f), Some(l)) if f == l => Verdict::Match,
                (Some(f), Some(l)) if format.is_some_and(|k| verdict::nan_only(f, l, k)) => {
                    Verdict::Mismatch(format!("{NAN_ONLY}: {}", verdict::first_difference(f, l)))
                }
                (Some(f), Some(l)) => Verdict::Mismatch(verdict::first_difference(f, l)),
                (None, _) => Verdict::Crash("printed nothing".into()),
                (Some(_), None) => Verdict::Reference("the LLVM build printed nothing for it".into()),
            }
        };
        out.verdicts.push((name.clone(), v));
    }
    Ok(out)
}

/// The LLVM side: what it could not build (name → why), its output and its crashes.
struct Reference {
    excluded: BTreeMap<String, String>,
    output: RunOutput,
    crashes: BTreeMap<String, String>,
}

const CACHE_MAGIC: &str = "fastclif intrinsics reference v1";

/// Builds and runs the LLVM reference of `chunk`, or reads the result of an earlier run of
/// the same source on the same CPU from `llvm-cache/`.
fn reference(
    env: &Env,
    cat: &Catalog,
    chunk: &Chunk,
    full: &Program,
    out: &mut Outcome,
) -> Result<Reference> {
    let key = fnv(&format!("{}\n{}", env.cache_salt, full.source));
    let cache = env.dir.join("llvm-cache").join(format!("{}-{key:016x}.txt", chunk.id));
    if let Ok(text) = fs::read_to_string(&cache)
        && let Some(r) = read_cache(&text)
    {
        out.cached = true;
        return Ok(r);
    }
    let mut excluded: BTreeMap<String, String> = BTreeMap::new();
    let mut set = chunk.entries.clone();
    let exe = loop {
        let prog = source(env, cat, chunk, &set);
        let stem = format!("{}.llvm", chunk.id);
        let (exe, res, took) = compile(env, &stem, &prog.source, false)?;
        out.llvm_compile += took;
        if res.success() {
            break exe;
        }
        let diags = verdict::errors(&res.stderr_text());
        let (pinned, _) = verdict::attribute(&diags, &format!("{stem}.rs"), &prog.tests, &cat.stdarch);
        if pinned.is_empty() {
            return Err(format!(
                "the LLVM reference of {} does not compile ({}): {}",
                chunk.id,
                res.status_text(),
                artifacts::first_error(&res)
            ));
        }
        for (name, msgs) in pinned {
            excluded.insert(name, format!("the LLVM build rejects the generated call: {}", msgs.join("; ")));
        }
        set.retain(|&n| !excluded.contains_key(&cat.entries[n].intrinsic.name));
        if set.is_empty() {
            break PathBuf::new();
        }
    };
    let names: Vec<String> = set.iter().map(|&n| cat.entries[n].intrinsic.name.clone()).collect();
    let started = Instant::now();
    let (output, crashes) =
        if names.is_empty() { (RunOutput::default(), BTreeMap::new()) } else { run_all(env, &exe, &names)? };
    out.run += started.elapsed();
    let r = Reference { excluded, output, crashes };
    // One cache file per program: an older one (another source or CPU) is dropped.
    let cache_dir = cache.parent().unwrap();
    let _ = fs::create_dir_all(cache_dir);
    for old in fs::read_dir(cache_dir).into_iter().flatten().flatten() {
        let n = old.file_name().to_string_lossy().into_owned();
        if n.strip_prefix(chunk.id.as_str()).is_some_and(|rest| rest.starts_with('-')) {
            let _ = fs::remove_file(old.path());
        }
    }
    let _ = fs::write(&cache, write_cache(&r));
    Ok(r)
}

fn write_cache(r: &Reference) -> String {
    let mut s = format!("{CACHE_MAGIC}\n");
    if r.output.cpu_lacks {
        s.push_str("cpu-lacks\n");
    }
    for (k, v) in &r.excluded {
        s.push_str(&format!("excluded {k}\t{}\n", v.replace('\n', " ")));
    }
    for (k, v) in &r.crashes {
        s.push_str(&format!("crashed {k}\t{}\n", v.replace('\n', " ")));
    }
    s.push_str("---\n");
    for (name, text) in &r.output.sections {
        s.push_str(&format!("@0 {name}\n{text}"));
    }
    s
}

fn read_cache(text: &str) -> Option<Reference> {
    let rest = text.strip_prefix(CACHE_MAGIC)?.strip_prefix('\n')?;
    let (head, body) = rest.split_once("---\n")?;
    let mut r = Reference {
        excluded: BTreeMap::new(),
        output: verdict::parse_output(body),
        crashes: BTreeMap::new(),
    };
    for line in head.lines() {
        if line == "cpu-lacks" {
            r.output.cpu_lacks = true;
        } else if let Some(x) = line.strip_prefix("excluded ") {
            let (k, v) = x.split_once('\t')?;
            r.excluded.insert(k.into(), v.into());
        } else if let Some(x) = line.strip_prefix("crashed ") {
            let (k, v) = x.split_once('\t')?;
            r.crashes.insert(k.into(), v.into());
        }
    }
    Some(r)
}

/// FNV-1a: a cache key that is the same in every build of the build system.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Writes `stem.rs` and compiles it into `stem` with fastclif (strict) or LLVM.
fn compile(env: &Env, stem: &str, source: &str, fastclif: bool) -> Result<(PathBuf, Captured, Duration)> {
    let src_dir = env.dir.join("src");
    let bin_dir = env.dir.join("bin");
    for d in [&src_dir, &bin_dir] {
        fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let src = src_dir.join(format!("{stem}.rs"));
    fs::write(&src, source).map_err(|e| format!("cannot write {}: {e}", src.display()))?;
    let exe = bin_dir.join(stem);
    let _ = fs::remove_file(&exe);
    let mut cmd = env.ctx.toolchain.rustc();
    // Relative file name, so that diagnostics name it the way `attribute` looks for it.
    cmd.current_dir(&src_dir)
        .arg(format!("{stem}.rs"))
        .args([
            "--edition=2024",
            "-Copt-level=0",
            "-Cdebug-assertions=on",
            "--crate-type=bin",
            "--crate-name",
        ])
        .arg(stem.replace(['.', '-'], "_"))
        .arg("-o")
        .arg(&exe);
    if fastclif {
        cmd.arg(format!("-Zcodegen-backend={}", env.backend));
        if env.strict {
            cmd.arg("-Cllvm-args=fastclif-strict-intrinsics");
        }
        cmd.args(&env.ctx.config.test_rustflags);
    }
    let started = Instant::now();
    let res = artifacts::run(env.ctx, &mut cmd, env.compile_timeout)?;
    let took = started.elapsed();
    let _ = fs::write(src_dir.join(format!("{stem}.stderr")), &res.stderr);
    Ok((exe, res, took))
}

/// Runs `exe` until every test in `tests` (its `TESTS` order) ran, starting again after each
/// one that crashed; returns the sections and the crashes (name → why).
fn run_all(env: &Env, exe: &Path, tests: &[String]) -> Result<(RunOutput, BTreeMap<String, String>)> {
    let mut all = RunOutput::default();
    let mut crashes = BTreeMap::new();
    let mut start = 0;
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    while start < tests.len() {
        let mut cmd = Command::new(exe);
        cmd.arg(start.to_string()).env("RUST_BACKTRACE", "0");
        let res = artifacts::run(env.ctx, &mut cmd, env.run_timeout)?;
        let o = verdict::parse_output(&res.stdout_text());
        all.sections.extend(o.sections);
        if o.cpu_lacks {
            all.cpu_lacks = true;
            break;
        }
        if o.finished && res.success() {
            break;
        }
        let why = format!("{}: {}", res.status_text(), artifacts::first_error(&res));
        match o.last_started {
            Some(i) if i >= start && seen.insert(i) => {
                crashes.insert(tests[i].clone(), why);
                all.sections.remove(&tests[i]);
                start = i + 1;
            }
            _ => {
                // It died before its first test: every test left is lost.
                for t in &tests[start..] {
                    crashes.insert(t.clone(), why.clone());
                }
                break;
            }
        }
    }
    all.finished = true;
    Ok((all, crashes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_round_trip() {
        let mut r = Reference {
            excluded: BTreeMap::from([("_mm_a".to_string(), "why".to_string())]),
            output: verdict::parse_output("@0 _mm_b\n0: 01\n@1 _mm_c\n@end\n"),
            crashes: BTreeMap::from([("_mm_d".to_string(), "signal 11".to_string())]),
        };
        r.output.cpu_lacks = false;
        let back = read_cache(&write_cache(&r)).unwrap();
        assert_eq!(back.excluded, r.excluded);
        assert_eq!(back.crashes, r.crashes);
        assert_eq!(back.output.sections, r.output.sections);
        assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
