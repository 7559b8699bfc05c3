//! A `RUSTC_WRAPPER` shell script that runs every rustc of a cargo build under
//! `/usr/bin/time`, appending `rss <crate> <max-rss-KiB> <seconds>` lines to a log, and that
//! can save the exact command line, environment and directory of one crate's rustc so it can
//! be rerun (under callgrind).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::Result;

pub const TIME: &str = "/usr/bin/time";

const SCRIPT: &str = r#"#!/bin/sh
# Written by `./y.sh bench`: records each rustc's peak RSS; see build_system/src/bench/wrapper.rs.
name=-
prev=
for a in "$@"; do
    [ "$prev" = "--crate-name" ] && name=$a
    prev=$a
done
if [ -n "$FASTCLIF_BENCH_CAPTURE" ] && [ "$name" = "$FASTCLIF_BENCH_CAPTURE" ]; then
    printf '%s\0' "$@" > "$FASTCLIF_BENCH_CAPTURE_DIR/args"
    env -0 > "$FASTCLIF_BENCH_CAPTURE_DIR/env"
    pwd > "$FASTCLIF_BENCH_CAPTURE_DIR/cwd"
fi
exec /usr/bin/time -a -o "$FASTCLIF_BENCH_RSS_LOG" -f "rss $name %M %e" "$@"
"#;

/// Writes the script to `dir/rustc-wrapper.sh` and returns its path.
pub fn install(dir: &Path) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    if !Path::new(TIME).is_file() {
        return Err(format!(
            "{TIME} (GNU time) is needed to measure peak memory; install it with `apt-get install -y time` or run `./y.sh prepare`"
        ));
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("rustc-wrapper.sh");
    fs::write(&path, SCRIPT).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("cannot chmod {}: {e}", path.display()))?;
    Ok(path)
}

/// Makes a cargo command use the wrapper, logging to `log`.
pub fn apply(cmd: &mut Command, script: &Path, log: &Path) {
    cmd.env("RUSTC_WRAPPER", script).env("FASTCLIF_BENCH_RSS_LOG", log).env_remove("FASTCLIF_BENCH_CAPTURE");
}

/// Also saves the invocation of crate `crate_name` into `dir`.
pub fn capture(cmd: &mut Command, crate_name: &str, dir: &Path) {
    cmd.env("FASTCLIF_BENCH_CAPTURE", crate_name).env("FASTCLIF_BENCH_CAPTURE_DIR", dir);
}

/// One rustc run from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct RustcRun {
    pub crate_name: String,
    pub max_rss_kb: u64,
    pub secs: f64,
}

pub fn parse_log(text: &str) -> Vec<RustcRun> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.strip_prefix("rss ")?.split_whitespace();
            let (name, rss, secs) = (f.next()?, f.next()?, f.next()?);
            (name != "-").then_some(())?;
            Some(RustcRun {
                crate_name: name.to_string(),
                max_rss_kb: rss.parse().ok()?,
                secs: secs.parse().ok()?,
            })
        })
        .collect()
}

/// A saved rustc invocation.
#[derive(Debug)]
pub struct Invocation {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
}

impl Invocation {
    pub fn load(dir: &Path) -> Result<Invocation> {
        let read = |name: &str| {
            let p = dir.join(name);
            fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        };
        let args: Vec<String> =
            read("args")?.split('\0').filter(|s| !s.is_empty()).map(str::to_string).collect();
        let env = read("env")?
            .split('\0')
            .filter_map(|kv| kv.split_once('='))
            .filter(|(k, _)| !k.starts_with("FASTCLIF_BENCH_") && *k != "RUSTC_WRAPPER")
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if args.is_empty() {
            return Err(format!("{}: empty command line", dir.display()));
        }
        Ok(Invocation { args, env, cwd: PathBuf::from(read("cwd")?.trim_end()) })
    }

    /// The saved command, run with `prefix` (e.g. valgrind and its flags) in front.
    pub fn command(&self, prefix: &[String]) -> Command {
        let all: Vec<&String> = prefix.iter().chain(&self.args).collect();
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env_clear().envs(self.env.iter().cloned()).current_dir(&self.cwd);
        cmd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_log_lines() {
        let log = "rss - 9000 0.01\nCommand exited with non-zero status 1\nrss memchr 81234 1.50\nrss bench_generics 190000 3.25\ngarbage\n";
        let runs = parse_log(log);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[1], RustcRun { crate_name: "bench_generics".into(), max_rss_kb: 190000, secs: 3.25 });
    }

    #[test]
    fn script_records_and_captures() {
        if !Path::new(TIME).is_file() {
            return;
        }
        let dir = std::env::temp_dir().join(format!("fastclif-wrapper-test-{}", std::process::id()));
        let script = install(&dir).unwrap();
        let log = dir.join("log");
        let mut cmd = Command::new(&script);
        cmd.args(["true", "--crate-name", "foo", "x y"]);
        apply(&mut cmd, &script, &log);
        capture(&mut cmd, "foo", &dir);
        cmd.env("SOME_VAR", "1");
        assert!(cmd.status().unwrap().success());
        let runs = parse_log(&fs::read_to_string(&log).unwrap());
        assert_eq!(runs[0].crate_name, "foo");
        let inv = Invocation::load(&dir).unwrap();
        assert_eq!(inv.args, ["true", "--crate-name", "foo", "x y"]);
        assert!(inv.env.iter().any(|(k, v)| k == "SOME_VAR" && v == "1"));
        assert!(!inv.env.iter().any(|(k, _)| k == "RUSTC_WRAPPER"));
        assert!(inv.command(&[]).status().unwrap().success());
        let _ = fs::remove_dir_all(&dir);
    }
}
