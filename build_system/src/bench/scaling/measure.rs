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
    Ok(Ok(Sample { secs, cpu_secs, rss_kb }))
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
