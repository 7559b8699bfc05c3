//! One measured compiler run: wall time from our own clock, peak RSS from GNU time's `%M`.
//!
//! GNU time reports the largest `ru_maxrss` among the processes it waited for, i.e. rustc's
//! (the linker it starts is counted too, but is far smaller), the same measure the
//! `RUSTC_WRAPPER` of `bench compile` records (`wrapper.rs`).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::growth::Sample;
use crate::bench::compile::first_error;
use crate::bench::wrapper::TIME;
use crate::util::{self, Result};

/// `/usr/bin/time -o <time_file> -f '%M %U %S' <program>`; the caller adds the arguments.
pub fn command(program: &Path, time_file: &Path) -> Command {
    let mut cmd = Command::new(TIME);
    cmd.arg("-o").arg(time_file).args(["-f", "%M %U %S"]).arg(program);
    cmd
}

/// Runs a [`command`]. The outer error is a problem of the harness (GNU time missing, an
/// unreadable file); the inner one a failed compilation, with its most telling line.
pub fn run(
    cmd: &mut Command,
    time_file: &Path,
    timeout: Duration,
) -> Result<std::result::Result<Sample, String>> {
    let _ = std::fs::remove_file(time_file);
    let start = Instant::now();
    let res = util::run_captured(cmd, timeout)?;
    let secs = start.elapsed().as_secs_f64();
    if !res.success() {
        return Ok(Err(format!("{}: {}", res.status_text(), first_error(&res.stderr_text()))));
    }
    let text = std::fs::read_to_string(time_file)
        .map_err(|e| format!("cannot read {} (written by {TIME}): {e}", time_file.display()))?;
    let (rss_kb, cpu_secs) =
        parse(&text).ok_or_else(|| format!("{}: unexpected `{}`", time_file.display(), text.trim()))?;
    let stderr = res.stderr_text();
    let (backend_secs, mir_secs) =
        (sum_of_passes(&stderr, &BACKEND_PASSES), sum_of_passes(&stderr, &RUSTC_MIR_PASSES));
    // rustc leaves out passes of 5 ms or less: a backend run that printed none of the MIR
    // passes spent (next to) nothing in them.
    let mir_secs = backend_secs.map(|_| mir_secs.unwrap_or(0.0));
    Ok(Ok(Sample { secs, cpu_secs, rss_kb, backend_secs, mir_secs }))
}

/// The passes `-Ztime-passes` reports that make up a full build beyond the front end, both
/// backends alike (fastclif runs inside rustc_codegen_ssa's driver, which times them).
const BACKEND_PASSES: [&str; 3] = ["codegen_crate", "finish_ongoing_codegen", "link"];

/// The part of `codegen_crate` that is rustc's own work, the same whichever backend runs:
/// collecting the mono items, which builds and optimizes the MIR of every function that will
/// be compiled (`optimized_mir`), and partitioning them into codegen units. On one huge
/// function, rustc's MIR passes alone grow faster than linearly (`match`, `literal`).
const RUSTC_MIR_PASSES: [&str; 3] = [
    "monomorphization_collector_root_collections",
    "monomorphization_collector_graph_walk",
    "partition_and_assert_distinct_symbols",
];

/// Sum of the named passes in `-Ztime-passes` output (`time:   0.123; rss: ... <name>`), or
/// `None` when the run printed none of them (the floor, or no `-Ztime-passes`).
fn sum_of_passes(stderr: &str, passes: &[&str]) -> Option<f64> {
    let mut total = None;
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix("time:") else { continue };
        let (Some(secs), Some(name)) = (rest.split(';').next(), line.split_whitespace().last()) else {
            continue;
        };
        if passes.contains(&name)
            && let Ok(secs) = secs.trim().parse::<f64>()
        {
            *total.get_or_insert(0.0) += secs;
        }
    }
    total
}

/// Peak RSS (KiB) and user + system seconds from the last line (GNU time puts "Command
/// exited with non-zero status" and "Command terminated by signal" lines before it).
fn parse(text: &str) -> Option<(u64, f64)> {
    let mut f = text.lines().rev().find(|l| !l.trim().is_empty())?.split_whitespace();
    let rss = f.next()?.parse().ok()?;
    let (user, sys): (f64, f64) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    Some((rss, user + sys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_time_output() {
        assert_eq!(parse("123456 1.50 0.25\n"), Some((123456, 1.75)));
        assert_eq!(parse("Command exited with non-zero status 1\n4242 0.00 0.01\n\n"), Some((4242, 0.01)));
        assert_eq!(parse(""), None);
        assert_eq!(parse("4242\n"), None);
        assert_eq!(parse("oops 1 2\n"), None);
    }

    #[test]
    fn sums_the_backend_passes() {
        let out = "time:   0.300; rss:   70MB ->   90MB (  +20MB)\ttype_check_crate\n\
                   time:   0.020; rss:   90MB ->  100MB (  +10MB)\tmonomorphization_collector_graph_walk\n\
                   time:   0.050; rss:  136MB ->  160MB (  +24MB)\tcodegen_to_LLVM_IR\n\
                   time:   0.074; rss:  136MB ->  160MB (  +24MB)\tcodegen_crate\n\
                   time:   0.112; rss:  124MB ->  122MB (   -2MB)\tfinish_ongoing_codegen\n\
                   time:   0.054; rss:  122MB ->  123MB (   +1MB)\tlink_binary\n\
                   time:   0.060; rss:  122MB ->  123MB (   +1MB)\tlink\n\
                   time:   1.074; rss:   27MB ->   77MB (  +50MB)\ttotal\n";
        let sum = sum_of_passes(out, &BACKEND_PASSES).unwrap();
        assert!((sum - 0.246).abs() < 1e-9, "{sum}");
        assert_eq!(sum_of_passes(out, &RUSTC_MIR_PASSES), Some(0.02));
        assert_eq!(sum_of_passes("warning: unused\n", &BACKEND_PASSES), None);
    }

    #[test]
    fn measures_a_command() {
        if !Path::new(TIME).is_file() {
            return;
        }
        let file = std::env::temp_dir().join(format!("fastclif-scaling-measure-{}", std::process::id()));
        let mut cmd = command(Path::new("sh"), &file);
        cmd.args(["-c", "true"]);
        let s = run(&mut cmd, &file, Duration::from_secs(10)).unwrap().unwrap();
        assert!(s.rss_kb > 0 && s.secs >= 0.0);
        let mut cmd = command(Path::new("sh"), &file);
        cmd.args(["-c", "echo 'error: boom' >&2; exit 3"]);
        let e = run(&mut cmd, &file, Duration::from_secs(10)).unwrap().unwrap_err();
        assert_eq!(e, "exit code 3: error: boom");
        let _ = std::fs::remove_file(&file);
    }
}
