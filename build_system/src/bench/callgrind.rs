//! Instruction counts: one crate is built normally per configuration while the wrapper saves
//! the final crate's exact rustc invocation; that invocation is then rerun under
//! `valgrind --tool=callgrind`, and `callgrind_annotate --inclusive=yes` gives the
//! inclusive cost of the backend's phases.

use std::fs;
use std::path::Path;

use super::compile::{self, BenchCrate};
use super::configs::BenchConfig;
use super::progress::Progress;
use super::results::CgResult;
use super::wrapper;
use crate::ctx::Ctx;
use crate::util::{self, Result};

/// Phases reported, each with the symbols whose inclusive cost stands for it. Several symbols
/// may match (inlined copies, generic instances, nested calls); the largest inclusive cost is
/// taken, which is the outermost of them.
pub const PHASES: &[(&str, &[&str])] = &[
    ("MIR→CLIF", &["rustc_codegen_fastclif::mir::translate_fn"]),
    ("Cranelift compile", &["cranelift_codegen::context::Context::compile"]),
    ("regalloc", &["regalloc2::run_with_ctx", "regalloc2::run", "regalloc2::"]),
];

pub fn available() -> bool {
    ["valgrind", "callgrind_annotate"].iter().all(|t| {
        std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(t).is_file()))
    })
}

pub fn run(
    ctx: &Ctx,
    work: &Path,
    report_dir: &Path,
    krate: &BenchCrate,
    configs: &[BenchConfig],
    script: &Path,
    progress: &mut Progress,
) -> Result<Vec<CgResult>> {
    let mut results = Vec::new();
    for config in configs {
        progress.start(&format!("{} {} callgrind", config.name, krate.name));
        let r = measure(ctx, work, report_dir, krate, config, script);
        let (res, msg) = match r {
            Ok(res) => {
                let msg = format!("{} instructions", res.total.map_or("?".into(), util_thousands));
                (res, msg)
            }
            Err(e) => (
                CgResult {
                    krate: krate.name.clone(),
                    config: config.name.clone(),
                    total: None,
                    phases: vec![None; PHASES.len()],
                    error: Some(e.clone()),
                },
                format!("FAILED: {e}"),
            ),
        };
        progress.finish(&msg);
        results.push(res);
    }
    Ok(results)
}

fn util_thousands(n: u64) -> String {
    super::stats::thousands(n)
}

/// Builds `krate` with `config` from scratch in `dir` and returns the captured rustc invocation
/// of the crate itself, to be rerun under callgrind.
pub fn captured_build(
    ctx: &Ctx,
    dir: &Path,
    krate: &BenchCrate,
    config: &BenchConfig,
    script: &Path,
) -> Result<wrapper::Invocation> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    let inv_dir = dir.join("invocation");
    fs::create_dir_all(&inv_dir).map_err(|e| format!("cannot create {}: {e}", inv_dir.display()))?;
    let mut cmd =
        compile::build_command(ctx, krate, config, &dir.join("target"), script, &dir.join("rss.log"));
    wrapper::capture(&mut cmd, &krate.crate_name, &inv_dir);
    let res = util::run_captured(&mut cmd, ctx.config.bench.timeout)?;
    if !res.success() {
        return Err(format!("build failed: {}", compile::first_error(&res.stderr_text())));
    }
    wrapper::Invocation::load(&inv_dir)
}

fn measure(
    ctx: &Ctx,
    work: &Path,
    report_dir: &Path,
    krate: &BenchCrate,
    config: &BenchConfig,
    script: &Path,
) -> Result<CgResult> {
    let inv = captured_build(ctx, &work.join("callgrind").join(&config.name), krate, config, script)?;
    let out_dir = report_dir.join("callgrind");
    fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let out_file = out_dir.join(format!("{}.{}.callgrind.out", krate.name, config.name));
    let prefix = vec![
        "valgrind".to_string(),
        "--tool=callgrind".to_string(),
        format!("--callgrind-out-file={}", out_file.display()),
    ];
    let mut vg = inv.command(&prefix);
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&vg));
    }
    let res = util::run_captured(&mut vg, ctx.config.bench.timeout * 4)?;
    if !res.success() {
        return Err(format!(
            "rustc under callgrind failed ({}): {}",
            res.status_text(),
            compile::first_error(&res.stderr_text())
        ));
    }
    let profile =
        fs::read_to_string(&out_file).map_err(|e| format!("cannot read {}: {e}", out_file.display()))?;
    let total = parse_totals(&profile);
    let annotated = util::output(
        std::process::Command::new("callgrind_annotate")
            .args(["--inclusive=yes", "--threshold=100"])
            .arg(&out_file),
    )?;
    // Keep the head of the annotation next to the report; the profile itself is large.
    let head: Vec<&str> = annotated.lines().take(300).collect();
    let _ = fs::write(out_file.with_extension("annotate.txt"), head.join("\n") + "\n");
    let costs = parse_inclusive(&annotated);
    Ok(CgResult {
        krate: krate.name.clone(),
        config: config.name.clone(),
        total,
        phases: PHASES.iter().map(|(_, pats)| phase_cost(&costs, pats)).collect(),
        error: None,
    })
}

/// The `totals:` (or `summary:`) line of a callgrind profile.
pub fn parse_totals(profile: &str) -> Option<u64> {
    profile.lines().find_map(|l| {
        let rest = l.strip_prefix("totals:").or_else(|| l.strip_prefix("summary:"))?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// `(inclusive cost, function)` for every function line of `callgrind_annotate` output
/// (`1,234 (12.3%)  file:function [object]`).
pub fn parse_inclusive(annotated: &str) -> Vec<(u64, String)> {
    annotated
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (num, rest) = l.split_once(' ')?;
            let cost: u64 = num.replace(',', "").parse().ok()?;
            let rest = rest.trim_start();
            let rest = if rest.starts_with('(') { rest.split_once(')')?.1.trim_start() } else { rest };
            let rest = match rest.rfind(" [") {
                Some(i) if rest.ends_with(']') => &rest[..i],
                _ => rest,
            };
            let func = rest.split_once(':').map_or(rest, |(_, f)| f);
            // `name'2` marks a recursion level: callgrind counts it again (costs over 100%).
            let recursion = func
                .rsplit_once('\'')
                .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            (!recursion).then(|| (cost, func.to_string()))
        })
        .collect()
}

/// Whether a demangled name is `pattern` itself (possibly with generic arguments, an impl's
/// angle brackets or a legacy hash), or, for a pattern ending in `::`, anything in it.
pub fn matches(func: &str, pattern: &str) -> bool {
    let plain: String = func.chars().filter(|c| *c != '<' && *c != '>').collect();
    let plain = plain.split(" as ").next().unwrap_or(&plain);
    if pattern.ends_with("::") {
        return plain.starts_with(pattern);
    }
    plain == pattern || plain.strip_prefix(pattern).is_some_and(|r| r.starts_with("::"))
}

/// The largest inclusive cost of a function matching the first pattern that matches anything.
pub fn phase_cost(costs: &[(u64, String)], patterns: &[&str]) -> Option<u64> {
    patterns.iter().find_map(|p| costs.iter().filter(|(_, f)| matches(f, p)).map(|(c, _)| *c).max())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
--------------------------------------------------------------------------------
Ir                   
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                    file:function
--------------------------------------------------------------------------------
  900,000 (90.00%)  ???:main [/x/rustc]
  400,000 (40.00%)  /root/.cargo/registry/src/cranelift-codegen/src/context.rs:<cranelift_codegen::context::Context>::compile [/x/lib.so]
  390,000 (39.00%)  ???:cranelift_codegen::context::Context::compile_stencil [/x/lib.so]
  120,000 (12.00%)  /work/main/allocator/src/lib.rs:regalloc2::run_with_ctx::<cranelift_codegen::machinst::vcode::VCode<X>> [/x/lib.so]
  100,000 (10.00%)  ???:regalloc2::ion::run [/x/lib.so]
  300,000 (30.00%)  ???:rustc_codegen_fastclif::mir::translate_fn [/x/lib.so]
9,000,000 (900.0%)  ???:rustc_codegen_fastclif::mir::translate_fn'2 [???]
";

    #[test]
    fn parses_annotation() {
        let costs = parse_inclusive(SAMPLE);
        assert_eq!(costs[0], (1_000_000, "PROGRAM TOTALS".to_string()));
        let phase = |i: usize| phase_cost(&costs, PHASES[i].1);
        assert_eq!(phase(0), Some(300_000));
        assert_eq!(phase(1), Some(400_000));
        assert_eq!(phase(2), Some(120_000));
        assert_eq!(phase_cost(&costs[..1], PHASES[2].1), None);
    }

    #[test]
    fn symbol_matching() {
        assert!(matches("regalloc2::run::<F>", "regalloc2::run"));
        assert!(!matches("regalloc2::run_with_ctx", "regalloc2::run"));
        assert!(matches("<regalloc2::ion::Env<F>>::init", "regalloc2::"));
        assert!(!matches("<cranelift_codegen::VCode as regalloc2::Function>::num_insts", "regalloc2::"));
        assert!(matches(
            "cranelift_codegen::context::Context::compile::h0123abcd",
            "cranelift_codegen::context::Context::compile"
        ));
    }

    #[test]
    fn totals_line() {
        assert_eq!(parse_totals("events: Ir\nsummary: 42\ntotals: 42\n"), Some(42));
        assert_eq!(parse_totals("events: Ir\n"), None);
    }
}
