//! `./y.sh test flags`: `-Zprint-codegen-stats` and `-Zprint-codegen-stats-json=FILE` with
//! fastclif. The program built with them behaves as LLVM's build does; the text report and the
//! JSON file carry the same numbers, which agree with each other (every translated function
//! is compiled, the ratios are the quotients of the counts); an incremental rebuild that
//! reuses every codegen unit reports that nothing was translated or compiled; and stack slots
//! are promoted to SSA values in a `-Copt-level=3` build of the same program, never at 0.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::ctx::Ctx;
use crate::output_diff::first_difference;
use crate::util::{self, Result};

/// The keys `-Zprint-codegen-stats-json` writes, in the order the text report lists them.
const KEYS: &[&str] = &[
    "functions_translated",
    "mir_blocks",
    "mir_statements",
    "clif_blocks_translated",
    "clif_instructions_translated",
    "functions_compiled",
    "clif_blocks_compiled",
    "clif_instructions_compiled",
    "slot_accesses_promoted",
    "machine_code_bytes",
    "clif_instructions_per_mir_operation",
    "clif_instructions_per_function",
    "machine_code_bytes_per_function",
];

/// One build's statistics, by key.
struct Stats(Vec<(String, f64)>);

impl Stats {
    fn get(&self, key: &str) -> Result<f64> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("no `{key}` in the statistics"))
    }
}

pub fn check(ctx: &Ctx, backend: &str, out: &Path) -> Result {
    let src = ctx.root.join("tests/flags/codegen_stats.rs").display().to_string();
    let dir = out.join("codegen-stats");
    util::remove_dir(&dir)?;
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let json_path = dir.join("stats.json");
    let incremental = dir.join("incremental");
    let build = |exe: &str, extra: &[String]| -> Result<util::Captured> {
        let mut cmd = ctx.toolchain.rustc();
        cmd.arg(&src).arg("--edition=2024").arg("-o").arg(dir.join(exe)).args(extra);
        util::run_captured(&mut cmd, ctx.config.compile_timeout)
    };
    let llvm = build("llvm", &[])?;
    if !llvm.success() {
        return Err(format!("LLVM build failed: {}", llvm.stderr_text()));
    }
    let stats_flags = [
        format!("-Zcodegen-backend={backend}"),
        "-Zprint-codegen-stats".to_string(),
        format!("-Zprint-codegen-stats-json={}", json_path.display()),
        format!("-Cincremental={}", incremental.display()),
    ];
    let first = build("fastclif", &stats_flags)?;
    if !first.success() {
        return Err(format!("fastclif build failed: {}", first.stderr_text()));
    }
    same_behaviour(ctx, &dir.join("llvm"), &dir.join("fastclif"))?;
    let text = parse_text(&first.stdout_text())?;
    let json = parse_json(&fs::read_to_string(&json_path).map_err(|e| format!("no JSON statistics: {e}"))?)?;
    for (key, value) in &json.0 {
        let shown = text.get(key)?;
        if (shown - value).abs() > 0.006 {
            return Err(format!("`{key}` is {shown} in the text report but {value} in the JSON file"));
        }
    }
    consistent(&json)?;
    // Debug builds keep every slot in memory; optimized builds promote the state the inlined
    // iterator and formatting methods keep in slots.
    if json.get("slot_accesses_promoted")? != 0.0 {
        return Err("a -Copt-level=0 build promoted stack slots".to_string());
    }
    let optimized_json = dir.join("optimized.json");
    let optimized = build(
        "fastclif-optimized",
        &[
            format!("-Zcodegen-backend={backend}"),
            "-Copt-level=3".to_string(),
            format!("-Zprint-codegen-stats-json={}", optimized_json.display()),
        ],
    )?;
    if !optimized.success() {
        return Err(format!("fastclif -Copt-level=3 build failed: {}", optimized.stderr_text()));
    }
    same_behaviour(ctx, &dir.join("llvm"), &dir.join("fastclif-optimized"))?;
    let optimized =
        parse_json(&fs::read_to_string(&optimized_json).map_err(|e| format!("no JSON statistics: {e}"))?)?;
    consistent(&optimized)?;
    if optimized.get("slot_accesses_promoted")? == 0.0 {
        return Err("a -Copt-level=3 build promoted no stack slot access".to_string());
    }
    fs::remove_file(&json_path).map_err(|e| e.to_string())?;
    let rebuilt = build("fastclif", &stats_flags)?;
    if !rebuilt.success() {
        return Err(format!("incremental rebuild failed: {}", rebuilt.stderr_text()));
    }
    let again = parse_json(&fs::read_to_string(&json_path).map_err(|e| format!("no JSON statistics: {e}"))?)?;
    for key in ["functions_translated", "functions_compiled", "machine_code_bytes"] {
        if again.get(key)? != 0.0 {
            return Err(format!("a rebuild reusing every codegen unit reports {key} = {}", again.get(key)?));
        }
    }
    same_behaviour(ctx, &dir.join("llvm"), &dir.join("fastclif"))
}

fn same_behaviour(ctx: &Ctx, llvm: &Path, fastclif: &Path) -> Result {
    let expected = util::run_captured(&mut Command::new(llvm), ctx.config.test_timeout)?;
    let got = util::run_captured(&mut Command::new(fastclif), ctx.config.test_timeout)?;
    if got.stdout != expected.stdout {
        return Err(first_difference(&got.stdout, &expected.stdout));
    }
    if got.status.and_then(|s| s.code()) != expected.status.and_then(|s| s.code()) {
        return Err(format!(
            "fastclif's build ended with {}, LLVM's with {}",
            got.status_text(),
            expected.status_text()
        ));
    }
    Ok(())
}

/// The report is a title line, then one `<number>  <label>` line per key, in [`KEYS`] order.
fn parse_text(stdout: &str) -> Result<Stats> {
    let mut lines = stdout.lines().skip_while(|l| !l.starts_with("fastclif codegen statistics"));
    lines.next().ok_or("no `fastclif codegen statistics` report on stdout")?;
    let mut values = Vec::new();
    for key in KEYS {
        let line = lines.next().ok_or_else(|| format!("the report stops before `{key}`"))?;
        let number = line.split_whitespace().next().unwrap_or("");
        let value = number.parse().map_err(|_| format!("`{line}` does not start with a number"))?;
        values.push((key.to_string(), value));
    }
    Ok(Stats(values))
}

/// A flat JSON object of `"fastclif.<key>": <number>` members, exactly the [`KEYS`].
fn parse_json(text: &str) -> Result<Stats> {
    let body = text.trim().strip_prefix('{').and_then(|t| t.strip_suffix('}')).ok_or("not a JSON object")?;
    let mut values = Vec::new();
    for member in body.split(',') {
        let (name, value) = member.split_once(':').ok_or_else(|| format!("not a member: `{member}`"))?;
        let name = name.trim().trim_matches('"');
        let key =
            name.strip_prefix("fastclif.").ok_or_else(|| format!("`{name}` lacks the `fastclif.` prefix"))?;
        let value = value.trim().parse().map_err(|_| format!("`{name}` is not a number"))?;
        values.push((key.to_string(), value));
    }
    let keys: Vec<&str> = values.iter().map(|(k, _)| k.as_str()).collect();
    if keys != KEYS {
        return Err(format!("JSON keys {keys:?}, expected {KEYS:?}"));
    }
    Ok(Stats(values))
}

/// What any correct count of a program with functions must satisfy.
fn consistent(stats: &Stats) -> Result {
    let translated = stats.get("functions_translated")?;
    let blocks = stats.get("mir_blocks")?;
    let clif = stats.get("clif_instructions_translated")?;
    // `main`, `mix`, closures and the std generics they instantiate.
    if translated < 3.0 {
        return Err(format!("only {translated} functions translated"));
    }
    // Every translated function is compiled, and the C `main` shim besides.
    if stats.get("functions_compiled")? <= translated {
        return Err("fewer functions compiled than translated".to_string());
    }
    if blocks < translated || clif < blocks || stats.get("machine_code_bytes")? < clif {
        return Err("the counts are out of proportion (blocks, CLIF instructions, bytes)".to_string());
    }
    let quotients = [
        ("clif_instructions_per_mir_operation", clif / (stats.get("mir_statements")? + blocks)),
        ("clif_instructions_per_function", clif / translated),
        (
            "machine_code_bytes_per_function",
            stats.get("machine_code_bytes")? / stats.get("functions_compiled")?,
        ),
    ];
    for (key, expected) in quotients {
        if (stats.get(key)? - expected).abs() > 0.001 {
            return Err(format!("`{key}` is {}, the counts give {expected:.4}", stats.get(key)?));
        }
    }
    Ok(())
}
