//! `./y.sh test flags`, first half: fastclif answers what rustc asks a backend about the target
//! exactly as LLVM does (`--print cfg` for the default CPU, `native`, named CPUs and
//! `-Ctarget-feature`; `--print target-cpus`; `cfg!(target_feature)` in a program built for this
//! machine), stops with one clear error for other targets, and rejects each codegen flag it
//! cannot honour with exactly one error naming it. The environment variables are checked by
//! `env_tracking`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::ctx::Ctx;
use crate::output_diff::first_difference;
use crate::tally::Tally;
use crate::util::{self, Captured, Result};

/// `--print cfg` must be identical with these flags.
const CFG_CASES: &[(&str, &[&str])] = &[
    ("default", &[]),
    ("-Ctarget-cpu=native", &["-Ctarget-cpu=native"]),
    ("-Ctarget-cpu=x86-64-v3", &["-Ctarget-cpu=x86-64-v3"]),
    ("-Ctarget-feature=+avx2,+fma", &["-Ctarget-feature=+avx2,+fma"]),
    (
        "-Ctarget-cpu=znver4 -Ctarget-feature=-avx512f,+sha512",
        &["-Ctarget-cpu=znver4", "-Ctarget-feature=-avx512f,+sha512"],
    ),
];

/// Targets fastclif must refuse in `init`, before anything else is printed. Their standard
/// libraries need not be installed: `init` runs before rustc looks for them.
const OTHER_TARGETS: &[&str] = &[
    "aarch64-unknown-linux-gnu",
    "x86_64-pc-windows-msvc",
    "x86_64-unknown-linux-musl",
    "i686-unknown-linux-gnu",
];

/// Flags fastclif cannot honour, each with the text its error must name. `{dir}` is replaced
/// by a directory holding empty `x.profdata` and `x.prof` files (rustc checks that profile
/// files exist before the backend sees the flag).
const REJECTED: &[(&str, &str)] = &[
    ("-Clto", "-Clto"),
    ("-Clinker-plugin-lto", "-Clinker-plugin-lto"),
    ("-Cinstrument-coverage", "-Cinstrument-coverage"),
    ("-Cprofile-generate", "-Cprofile-generate"),
    ("-Cprofile-use={dir}/x.profdata", "-Cprofile-use"),
    ("-Cpasses=sroa", "-Cpasses=sroa"),
    ("-Cremark=all -g", "-Cremark=all"),
    ("-Ccode-model=large", "-Ccode-model=large"),
    ("-Crelocation-model=dynamic-no-pic", "-Crelocation-model=dynamic-no-pic"),
    ("-Crelocation-model=ropi", "-Crelocation-model=ropi"),
    ("-Cjump-tables=no", "-Cjump-tables=no"),
    ("-Cforce-unwind-tables=no", "-Cforce-unwind-tables=no"),
    ("-Csplit-debuginfo=packed -g", "-Csplit-debuginfo=packed"),
    ("-Zsanitizer=address", "-Zsanitizer=address"),
    ("-Zsanitizer=thread", "-Zsanitizer=thread"),
    ("-Zinstrument-mcount", "-Zinstrument-mcount"),
    ("-Zinstrument-xray", "-Zinstrument-xray"),
    ("-Zprofile-sample-use={dir}/x.prof", "-Zprofile-sample-use"),
    ("-Zdebuginfo-for-profiling", "-Zdebuginfo-for-profiling"),
    ("-Zcf-protection=full", "-Zcf-protection"),
    ("-Zstack-protector=strong", "-Zstack-protector=strong"),
    ("-Zpatchable-function-entry=4", "-Zpatchable-function-entry"),
    ("-Zfunction-return=thunk-extern", "-Zfunction-return"),
    ("-Zretpoline", "-Zretpoline"),
    ("-Zretpoline-external-thunk", "-Zretpoline-external-thunk"),
    ("-Zindirect-branch-cs-prefix", "-Zindirect-branch-cs-prefix"),
    ("-Zfixed-x18", "-Zfixed-x18"),
    ("-Ztls-model=initial-exec", "-Ztls-model=initial-exec"),
    ("-Zdirect-access-external-data=yes", "-Zdirect-access-external-data=yes"),
    ("-Zemit-stack-sizes", "-Zemit-stack-sizes"),
    ("-Zembed-source -g -Zdwarf-version=5", "-Zembed-source"),
    ("-Zdebuginfo-compression=zlib -g", "-Zdebuginfo-compression"),
    ("-Zcodegen-emit-retag", "-Zcodegen-emit-retag"),
    ("-Zannotate-moves", "-Zannotate-moves"),
    ("-Zforce-intrinsic-fallback", "-Zforce-intrinsic-fallback"),
    ("-Zverbose-asm", "-Zverbose-asm"),
    ("-Zautodiff=Enable", "-Zautodiff"),
    ("-Zoffload=Device -Zunstable-options", "-Zoffload"),
    ("-Zllvm-plugins=foo", "-Zllvm-plugins"),
    ("-Zllvm-module-flag=foo:u32:1:max", "-Zllvm-module-flag"),
    ("-Zverify-llvm-ir", "-Zverify-llvm-ir"),
    ("-Zlint-llvm-ir", "-Zlint-llvm-ir"),
    ("-Zprint-llvm-passes", "-Zprint-llvm-passes"),
    ("-Ztime-llvm-passes", "-Ztime-llvm-passes"),
    ("-Zllvm-time-trace", "-Zllvm-time-trace"),
];

/// Every model `--print <kind>` lists must compile a program.
const PRINTED_MODELS: &[(&str, &str)] = &[
    ("relocation-models", "-Crelocation-model"),
    ("code-models", "-Ccode-model"),
    ("tls-models", "-Ztls-model"),
];

pub fn run(ctx: &Ctx, backend: &Path, tally: &mut Tally) -> Result {
    let out = ctx.target_dir().join("test-flags");
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let backend = backend.display().to_string();
    let fast = Some(backend.as_str());
    for (name, flags) in CFG_CASES {
        tally
            .record(&format!("flags --print cfg {name}"), same_output(ctx, fast, &["--print", "cfg"], flags));
    }
    tally.record("flags --print cfg for every CPU LLVM lists", every_cpu(ctx, fast));
    tally.record("flags --print target-cpus", same_output(ctx, fast, &["--print", "target-cpus"], &[]));
    tally.record("flags --print target-features", same_feature_names(ctx, fast));
    tally.record("flags cfg!(target_feature) program, -Ctarget-cpu=native", native_program(ctx, fast, &out));
    for target in OTHER_TARGETS {
        tally.record(&format!("flags --target {target}"), other_target(ctx, fast, target));
    }
    fs::write(out.join("x.profdata"), "").map_err(|e| e.to_string())?;
    fs::write(out.join("x.prof"), "").map_err(|e| e.to_string())?;
    let main = out.join("main.rs");
    fs::write(&main, "fn main() {}\n").map_err(|e| e.to_string())?;
    for (flags, name) in REJECTED {
        let flags = flags.replace("{dir}", &out.display().to_string());
        tally.record(&format!("flags rejects {flags}"), rejected(ctx, fast, &flags, name, &main, &out));
    }
    tally.record(
        "flags -Zprint-codegen-stats(-json): fastclif's statistics",
        crate::codegen_stats::check(ctx, &backend, &out),
    );
    for (kind, flag) in PRINTED_MODELS {
        tally.record(
            &format!("flags --print {kind} lists accepted values"),
            printed_models(ctx, fast, kind, flag, &main, &out),
        );
    }
    Ok(())
}

/// `rustc` with fastclif (`Some(path)`) or LLVM (`None`).
fn rustc(ctx: &Ctx, backend: Option<&str>, args: &[&str]) -> Result<Captured> {
    let mut cmd = ctx.toolchain.rustc();
    if let Some(path) = backend {
        cmd.arg(format!("-Zcodegen-backend={path}"));
    }
    cmd.args(args);
    if ctx.config.verbose {
        println!("$ {}", util::display_cmd(&cmd));
    }
    util::run_captured(&mut cmd, ctx.config.compile_timeout)
}

/// Both backends succeed and print the same stdout and stderr.
fn same_output(ctx: &Ctx, fast: Option<&str>, print: &[&str], flags: &[&str]) -> Result {
    let args: Vec<&str> = print.iter().chain(flags).copied().collect();
    let (llvm, fastclif) = (rustc(ctx, None, &args)?, rustc(ctx, fast, &args)?);
    if !llvm.success() || !fastclif.success() {
        return Err(format!(
            "rustc failed: llvm {}, fastclif {}: {}",
            llvm.status_text(),
            fastclif.status_text(),
            fastclif.stderr_text().lines().next().unwrap_or("")
        ));
    }
    if fastclif.stdout != llvm.stdout {
        return Err(first_difference(&fastclif.stdout, &llvm.stdout));
    }
    if fastclif.stderr != llvm.stderr {
        return Err(format!("stderr differs: {}", first_difference(&fastclif.stderr, &llvm.stderr)));
    }
    Ok(())
}

/// The CPU names of `rustc --print target-cpus` (LLVM's list).
fn llvm_cpus(ctx: &Ctx) -> Result<Vec<String>> {
    let list = rustc(ctx, None, &["--print", "target-cpus"])?;
    let names: Vec<String> = list
        .stdout_text()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    if names.len() < 100 {
        return Err(format!("LLVM lists only {} CPUs", names.len()));
    }
    Ok(names)
}

fn every_cpu(ctx: &Ctx, fast: Option<&str>) -> Result {
    let cpus = llvm_cpus(ctx)?;
    let check = |cpu: &String| {
        let flag = format!("-Ctarget-cpu={cpu}");
        same_output(ctx, fast, &["--print", "cfg"], &[&flag]).err().map(|e| format!("{cpu}: {e}"))
    };
    let chunk = cpus.len().div_ceil(ctx.config.effective_jobs().max(1));
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = cpus
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().filter_map(check).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|_| vec!["a worker panicked".into()]))
            .collect()
    });
    match failures.first() {
        None => Ok(()),
        Some(first) => Err(format!("{} of {} CPUs differ; first: {first}", failures.len(), cpus.len())),
    }
}

/// fastclif lists exactly the Rust features LLVM's first section lists.
fn same_feature_names(ctx: &Ctx, fast: Option<&str>) -> Result {
    let names = |c: Captured| -> Vec<String> {
        c.stdout_text()
            .lines()
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    let llvm = names(rustc(ctx, None, &["--print", "target-features"])?);
    let fastclif = names(rustc(ctx, fast, &["--print", "target-features"])?);
    if llvm.len() < 50 || llvm != fastclif {
        return Err(format!("fastclif lists {} features, LLVM {}", fastclif.len(), llvm.len()));
    }
    Ok(())
}

fn native_program(ctx: &Ctx, fast: Option<&str>, out: &Path) -> Result {
    let src = ctx.root.join("tests/flags/cpu_features.rs");
    let mut outputs = Vec::new();
    for (name, backend) in [("llvm", None), ("fastclif", fast)] {
        let exe = out.join(format!("cpu_features_{name}"));
        let src = src.display().to_string();
        let exe_arg = exe.display().to_string();
        let built = rustc(ctx, backend, &[&src, "-o", &exe_arg, "-Ctarget-cpu=native", "--edition=2024"])?;
        if !built.success() {
            return Err(format!("{name} build failed: {}", built.stderr_text().lines().next().unwrap_or("")));
        }
        let ran = util::run_captured(&mut Command::new(&exe), ctx.config.test_timeout)?;
        if !ran.success() {
            return Err(format!("{name} build ended with {}", ran.status_text()));
        }
        outputs.push(ran.stdout);
    }
    if outputs[1] != outputs[0] {
        return Err(first_difference(&outputs[1], &outputs[0]));
    }
    Ok(())
}

fn other_target(ctx: &Ctx, fast: Option<&str>, target: &str) -> Result {
    let res = rustc(ctx, fast, &["--target", target, "--print", "cfg"])?;
    let stderr = res.stderr_text();
    let first = stderr.lines().next().unwrap_or("");
    if res.status_text() != "exit code 1" {
        return Err(format!("rustc ended with {} (expected exit code 1)", res.status_text()));
    }
    if !(first.starts_with("error") && first.contains(target) && first.contains("x86_64-unknown-linux-gnu")) {
        return Err(format!("first line of stderr is `{first}`"));
    }
    if !res.stdout.is_empty() {
        return Err("something was printed to stdout".into());
    }
    Ok(())
}

/// Exactly one error (besides rustc's closing "aborting due to ..."), naming the flag; exit
/// code 1; no crash.
fn rejected(ctx: &Ctx, fast: Option<&str>, flags: &str, name: &str, main: &Path, out: &Path) -> Result {
    let exe = out.join("rejected").display().to_string();
    let main = main.display().to_string();
    let mut args: Vec<&str> = flags.split_whitespace().collect();
    args.extend([main.as_str(), "-o", exe.as_str()]);
    let res = rustc(ctx, fast, &args)?;
    let stderr = res.stderr_text();
    if ["panicked", "internal compiler error"].iter().any(|s| stderr.contains(s)) {
        return Err("the compiler crashed".into());
    }
    if res.status_text() != "exit code 1" {
        return Err(format!("rustc ended with {} (expected exit code 1)", res.status_text()));
    }
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: aborting due to"))
        .collect();
    match errors.as_slice() {
        [error] if error.contains(&format!("`{name}")) && error.contains("fastclif") => Ok(()),
        [error] => Err(format!("the error does not name `{name}`: {error}")),
        _ => Err(format!("{} errors instead of one: {}", errors.len(), errors.join(" | "))),
    }
}

fn printed_models(ctx: &Ctx, fast: Option<&str>, kind: &str, flag: &str, main: &Path, out: &Path) -> Result {
    let listed = rustc(ctx, fast, &["--print", kind])?;
    let values: Vec<String> = listed
        .stdout_text()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    if !listed.success() || values.is_empty() {
        return Err(format!("`--print {kind}` printed no values ({})", listed.status_text()));
    }
    let exe = out.join("model").display().to_string();
    let main = main.display().to_string();
    for value in values {
        let arg = format!("{flag}={value}");
        let res = rustc(ctx, fast, &[&arg, &main, "-o", &exe])?;
        if !res.success() {
            return Err(format!(
                "{arg} is listed but fails: {}",
                res.stderr_text().lines().next().unwrap_or("")
            ));
        }
    }
    Ok(())
}
