//! Reading the combined output of `cargo test`: the libtest summary lines of all test binaries
//! and the first lines that explain a failure (compiler errors, ICEs, panics, crashes).

/// Totals over every `test result:` line of one `cargo test` run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
    /// Number of test binaries that printed a summary.
    pub binaries: u64,
    /// Names from `test NAME ... FAILED` lines.
    pub failing_tests: Vec<String>,
}

pub fn summarize(log: &str) -> Summary {
    let mut s = Summary::default();
    for line in log.lines().map(str::trim_end) {
        if let Some(rest) = line.strip_prefix("test result: ") {
            s.binaries += 1;
            // `ok. 25 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s`
            let counts = rest.split_once(". ").map_or(rest, |(_, c)| c);
            for part in counts.split(';') {
                let mut words = part.split_whitespace();
                let (Some(n), Some(what)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(n) = n.parse::<u64>() else { continue };
                match what {
                    "passed" => s.passed += n,
                    "failed" => s.failed += n,
                    "ignored" => s.ignored += n,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("test ")
            && let Some(name) = rest.strip_suffix(" ... FAILED")
        {
            s.failing_tests.push(name.to_string());
        }
    }
    s
}

/// Cargo's own follow-up lines, which only repeat what the lines before them said.
fn is_noise(line: &str) -> bool {
    line.starts_with("error: could not compile")
        || line.starts_with("error: aborting due to")
        || line.starts_with("error: test failed, to rerun pass")
        || line.starts_with("error: ") && line.ends_with(" targets failed:")
        || line == "error: 1 target failed:"
}

/// Up to `max` lines from the log that best explain a failure, in the order they appear:
/// compiler errors with their location, panics with their message, crashed test binaries.
pub fn first_errors(log: &str, max: usize) -> Vec<String> {
    let lines: Vec<&str> = log.lines().map(str::trim_end).collect();
    let mut out: Vec<String> = Vec::new();
    // Returns whether the line was added (not empty, not seen before, room left).
    let push = |out: &mut Vec<String>, line: &str| -> bool {
        let line = line.trim();
        let add = !line.is_empty() && !out.iter().any(|l| l == line) && out.len() < max;
        if add {
            out.push(line.to_string());
        }
        add
    };
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or("");
        if (line.starts_with("error:") || line.starts_with("error[")) && !is_noise(line) {
            // The location only of the first occurrence of a message.
            if push(&mut out, line) && next.trim_start().starts_with("--> ") {
                push(&mut out, next);
            }
        } else if line.starts_with("thread '") && line.contains("panicked at") {
            push(&mut out, line);
            // The panic message is on the next line (libtest or rustc ICE).
            if !next.is_empty() && !next.starts_with("note:") {
                push(&mut out, next);
            }
        } else if line.contains("process didn't exit successfully") {
            // `  process didn't exit successfully: `/path/to/test-hash` (signal: 11, ...)`
            let short = match line.rfind(" (") {
                Some(idx) => format!("`{}` ended with{}", binary_name(line), &line[idx..]),
                None => line.to_string(),
            };
            push(&mut out, &short);
        } else if line.trim() == "--- stderr" {
            // A failed build script or rustc probe: its first stderr line says why.
            push(&mut out, next);
        }
    }
    out
}

/// `deps/itoa-0123abcd` from a cargo "process didn't exit successfully" line.
fn binary_name(line: &str) -> String {
    let Some(start) = line.find('`') else {
        return String::new();
    };
    let cmd = &line[start + 1..];
    let cmd = cmd.split(['`', ' ']).next().unwrap_or(cmd);
    let file = cmd.rsplit('/').next().unwrap_or(cmd);
    file.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
   Compiling itoa v1.0.11
     Running unittests src/lib.rs (target/debug/deps/itoa-1234)

running 2 tests
test a ... ok
test b ... FAILED

failures:

---- b stdout ----
thread 'b' panicked at src/lib.rs:10:5:
assertion `left == right` failed
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

test result: FAILED. 1 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/test.rs (target/debug/deps/test-abcd)
error: test failed, to rerun pass `--test test`

Caused by:
  process didn't exit successfully: `/w/target/debug/deps/test-abcd` (signal: 11, SIGSEGV: invalid memory reference)
test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn sums_summaries() {
        let s = summarize(LOG);
        assert_eq!((s.passed, s.failed, s.ignored, s.binaries), (8, 1, 2, 2));
        assert_eq!(s.failing_tests, ["b"]);
    }

    #[test]
    fn finds_error_lines() {
        let e = first_errors(LOG, 10);
        assert_eq!(
            e,
            [
                "thread 'b' panicked at src/lib.rs:10:5:",
                "assertion `left == right` failed",
                "`test-abcd` ended with (signal: 11, SIGSEGV: invalid memory reference)",
            ]
        );
        let compile = "error[E0425]: cannot find value `x`\n  --> src/lib.rs:1:1\nerror: aborting due to 1 previous error\nerror: could not compile `foo`\n";
        assert_eq!(first_errors(compile, 10), ["error[E0425]: cannot find value `x`", "--> src/lib.rs:1:1"]);
        assert_eq!(first_errors(compile, 1).len(), 1);
        let repeated = format!("{compile}error[E0425]: cannot find value `x`\n  --> src/lib.rs:9:9\n");
        assert_eq!(first_errors(&repeated, 10).len(), 2);
    }
}
