//! `./y.sh test intrinsics`: every x86 vendor intrinsic of the pinned toolchain's stdarch,
//! called from generated programs built by fastclif (`-Cllvm-args=fastclif-strict-intrinsics`)
//! and by LLVM, whose outputs must match.
//!
//! The programs are generated at test time from the stdarch sources of the pinned toolchain
//! (rust-src) into `target/intrinsics/src/`, not checked in: they are several megabytes that
//! follow mechanically from those sources and the generator, which the toolchain pin already
//! fixes; and when fastclif rejects some intrinsics, the suite needs programs without them to
//! judge the rest, which only a generator at hand can write. The generator is deterministic
//! (its unit tests check the pieces, and the reference cache relies on it: an unchanged
//! program reuses the LLVM result).
//!
//! Per family it reports `implemented / total` (implemented: compiles under strict mode and
//! prints what the LLVM build prints) and a markdown table (`target/intrinsics/table.md`, for
//! README.md); `target/intrinsics/report.md` lists every failure and every intrinsic that is
//! not tested the ordinary way, with the reason. A family passes when every intrinsic it
//! tests matches.

mod catalog;
mod chunk;
mod emit;
mod family;
mod imm;
mod report;
mod skips;
mod stdarch;
mod verdict;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use self::catalog::{Catalog, Limits};
use self::chunk::{Env, Outcome};
use self::verdict::Verdict;
use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::Result;

const PRELUDE: &str = include_str!("../../../tests/intrinsics/prelude.rs");

pub struct Options<'a> {
    /// Every valid immediate (up to 256 per parameter) instead of a dozen chosen ones.
    pub full: bool,
    /// Family names (case-insensitive, `avx512bw+vl` or `avx512bw_vl`); a trailing `*`
    /// matches a prefix (`avx512*`). Empty: every family.
    pub filters: &'a [String],
}

/// Immediates per intrinsic: by default the edges and a dozen typical values (all 32
/// predicates of a comparison); `--full` every valid value. Every family runs either way
/// (about two minutes on two cores by default; `--full` instantiates ten times as much).
const DEFAULT_LIMITS: Limits = Limits { imms: 12, cmp_imms: 32 };
const FULL_LIMITS: Limits = Limits { imms: 256, cmp_imms: 256 };

/// Instantiations per generated program: larger programs amortize rustc's fixed cost per
/// program (start-up, linking a 5 MB test binary), smaller ones lose less to a compile error
/// that needs a rebuild. Measured on two cores: 400 gave 129 programs and 88 s of CPU for a
/// run without cached LLVM results, 1000 gives 92 programs and 75 s.
const CHUNK_BUDGET: usize = 1000;

pub fn run(ctx: &Ctx, dylib: &Path, opts: &Options, tally: &mut Tally) -> Result {
    let started = Instant::now();
    let sysroot = ctx.toolchain.sysroot()?;
    let sa = stdarch::Stdarch::load(&stdarch::source_root(&sysroot))?;
    let cat = Catalog::new(sa, if opts.full { FULL_LIMITS } else { DEFAULT_LIMITS });
    let families = cat.families();
    let wanted = |fam: &str| -> bool {
        if opts.filters.is_empty() {
            return true;
        }
        opts.filters.iter().any(|f| {
            let f = f.to_ascii_lowercase();
            match f.strip_suffix('*') {
                Some(prefix) => family::slug(fam).starts_with(&family::slug(prefix)),
                None => family::slug(fam) == family::slug(&f),
            }
        })
    };
    let selected: Vec<(String, Vec<usize>)> = families.iter().filter(|(f, _)| wanted(f)).cloned().collect();
    if selected.is_empty() {
        return Err(format!(
            "no intrinsic family matches {:?}; families: {}",
            opts.filters,
            families.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    let chunks = catalog::chunks(&cat, &selected, CHUNK_BUDGET);
    let tested: usize = chunks.iter().map(|c| c.entries.len()).sum();
    let jobs = ctx.config.effective_jobs().min(chunks.len()).max(1);
    println!(
        "{} x86 intrinsics in stdarch; {} families selected; {tested} intrinsics in {} programs ({jobs} at a time)",
        cat.entries.len(),
        selected.len(),
        chunks.len()
    );
    let dir = ctx.target_dir().join("intrinsics");
    let strict = strict_supported(ctx, dylib, &dir)?;
    if !strict {
        println!(
            "note: this backend has no `-Cllvm-args=fastclif-strict-intrinsics`: compiled without it, an \
             intrinsic it cannot compile shows as a crash of the test that calls it"
        );
    }
    let env = Env {
        strict,
        ctx,
        backend: dylib.display().to_string(),
        dir: dir.clone(),
        prelude: PRELUDE,
        cache_salt: format!("{}\n{}", ctx.toolchain.channel, cpu_identity()),
        compile_timeout: ctx.config.compile_timeout.max(Duration::from_secs(900)),
        run_timeout: ctx.config.test_timeout.max(Duration::from_secs(60)),
    };

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<Outcome>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(c) = chunks.get(i) else { break };
                    let r = chunk::process(&env, &cat, c);
                    if let Ok(o) = &r {
                        progress(c, o);
                    } else if let Err(e) = &r {
                        println!("  {}: {e}", c.id);
                    }
                    results.lock().unwrap().push((i, r));
                }
            });
        }
    });

    let mut verdicts: BTreeMap<String, Verdict> = BTreeMap::new();
    let mut totals = Outcome::default();
    for (i, r) in results.into_inner().unwrap() {
        match r {
            Ok(o) => {
                totals.llvm_compile += o.llvm_compile;
                totals.fast_compile += o.fast_compile;
                totals.run += o.run;
                totals.fast_builds += o.fast_builds;
                verdicts.extend(o.verdicts);
            }
            Err(e) => {
                for &n in &chunks[i].entries {
                    verdicts.insert(cat.entries[n].intrinsic.name.clone(), Verdict::Reference(e.clone()));
                }
            }
        }
    }
    let is_selected = |f: &str| selected.iter().any(|(s, _)| s == f);
    let rows: Vec<report::Row> =
        report::rows(&cat, &verdicts, &is_selected).into_iter().filter(|r| r.selected).collect();
    let table = report::table(&rows);
    let _ = std::fs::write(dir.join("table.md"), &table);
    let _ = std::fs::write(dir.join("report.md"), report::details(&cat, &rows));
    println!("\n{table}");
    println!(
        "compile time (wall, summed over programs): LLVM {:.1}s, fastclif {:.1}s ({} builds); runs {:.1}s; wall {:.1}s",
        totals.llvm_compile.as_secs_f64(),
        totals.fast_compile.as_secs_f64(),
        totals.fast_builds,
        totals.run.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    println!("(report: {}; programs: {})", dir.join("report.md").display(), dir.join("src").display());
    for r in &rows {
        let name = format!("intrinsics {}", r.family);
        if r.passes() {
            let note = if r.not_run > 0 {
                format!(" ({} compile, not run: CPU lacks it)", r.not_run)
            } else {
                String::new()
            };
            tally.pass(&format!("{name}: {}/{}{note}", r.implemented, r.total));
        } else {
            tally.fail(&name, &report::fail_reason(r));
        }
    }
    Ok(())
}

fn progress(c: &catalog::Chunk, o: &Outcome) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, v) in &o.verdicts {
        let k = match v {
            Verdict::Match => "match",
            Verdict::NotRun => "not run",
            Verdict::CompileError(_) => "compile errors",
            Verdict::Mismatch(_) => "mismatches",
            Verdict::Crash(_) => "crashes",
            Verdict::Reference(_) => "harness problems",
        };
        *counts.entry(k).or_default() += 1;
    }
    let counts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!(
        "  {}: {} intrinsics ({} lines); llvm {}, fastclif {:.1}s ({} build{}), runs {:.1}s: {}",
        c.id,
        c.entries.len(),
        o.lines,
        if o.cached { "cached".to_string() } else { format!("{:.1}s", o.llvm_compile.as_secs_f64()) },
        o.fast_compile.as_secs_f64(),
        o.fast_builds,
        if o.fast_builds == 1 { "" } else { "s" },
        o.run.as_secs_f64(),
        counts.join(", ")
    );
}

/// Does the backend accept `-Cllvm-args=fastclif-strict-intrinsics`? Older builds reject it
/// as an unknown option (and LLVM, given as the backend to check the harness, too); those are
/// tested without it.
fn strict_supported(ctx: &Ctx, dylib: &Path, dir: &Path) -> Result<bool> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join("probe.rs"), "fn main() {}\n")
        .map_err(|e| format!("cannot write the probe: {e}"))?;
    let mut cmd = ctx.toolchain.rustc();
    cmd.current_dir(dir).arg(format!("-Zcodegen-backend={}", dylib.display())).args([
        "-Cllvm-args=fastclif-strict-intrinsics",
        "--emit=metadata",
        "probe.rs",
    ]);
    let res = crate::artifacts::run(ctx, &mut cmd, ctx.config.compile_timeout)?;
    if !res.success() {
        println!("note: the backend rejects the option: {}", crate::artifacts::first_error(&res));
    }
    Ok(res.success())
}

/// The CPU's model and feature flags: reference results are only reused on the same kind of
/// CPU.
fn cpu_identity() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let field = |key: &str| {
        info.lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_once(':'))
            .map_or("", |(_, v)| v.trim())
    };
    format!("{}\n{}", field("model name"), field("flags"))
}
