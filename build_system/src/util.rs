//! Small helpers shared by the subcommands: running commands, timeouts, copying files.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Every fallible operation in the build system reports a human-readable message.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Renders a command the way a user could paste it into a shell (best effort).
pub fn display_cmd(cmd: &Command) -> String {
    let mut parts = Vec::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            parts.push(format!("{}={}", key.to_string_lossy(), quote(value)));
        }
    }
    parts.push(quote(cmd.get_program()));
    parts.extend(cmd.get_args().map(quote));
    parts.join(" ")
}

fn quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=+,:@%".contains(c));
    if plain { s.into_owned() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// "exit code 3" / "killed by signal 11": used both in messages and to compare runs.
pub fn describe_status(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(sig)) => format!("killed by signal {sig}"),
        (None, None) => "unknown status".to_string(),
    }
}

/// Runs a command with the terminal as its stdio, echoing it first. Fails on non-zero exit.
pub fn run(cmd: &mut Command) -> Result {
    println!("$ {}", display_cmd(cmd));
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", display_cmd(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({})", display_cmd(cmd), describe_status(status)))
    }
}

/// Runs a command quietly and returns its stdout; the error carries its stderr.
pub fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", display_cmd(cmd)))?;
    if !out.status.success() {
        return Err(format!(
            "`{}` failed ({}):\n{}",
            display_cmd(cmd),
            describe_status(out.status),
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`{}` printed non-UTF-8", display_cmd(cmd)))
}

/// Result of [`run_captured`].
pub struct Captured {
    /// `None` when the process was killed because it ran out of time.
    pub status: Option<ExitStatus>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Captured {
    pub fn status_text(&self) -> String {
        match self.status {
            Some(s) => describe_status(s),
            None => "timed out".to_string(),
        }
    }
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs a command with stdin closed and stdout/stderr captured. If it is still running after
/// `timeout`, its whole process group (so also e.g. a linker that rustc started) is killed.
pub fn run_captured(cmd: &mut Command, timeout: Duration) -> Result<Captured> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child = cmd.spawn().map_err(|e| format!("could not start `{}`: {e}", display_cmd(cmd)))?;
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= timeout => {
                kill_group(child.id());
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for `{}` failed: {e}", display_cmd(cmd))),
        }
    };
    Ok(Captured {
        status,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    })
}

/// Runs a command with stdin closed and stdout and stderr both written to `log` (interleaved
/// as they happen). After `timeout` it kills the process and all its descendants and returns
/// `None`. Unlike [`run_captured`], the command stays in our process group, so Ctrl-C stops
/// a long `cargo test` together with the build system.
pub fn run_logged(cmd: &mut Command, log: &Path, timeout: Duration) -> Result<Option<ExitStatus>> {
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let file = fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let file2 = file.try_clone().map_err(|e| format!("cannot reopen {}: {e}", log.display()))?;
    cmd.stdin(Stdio::null()).stdout(file).stderr(file2);
    let mut child = cmd.spawn().map_err(|e| format!("could not start `{}`: {e}", display_cmd(cmd)))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some(status)),
            Ok(None) if start.elapsed() >= timeout => {
                kill_tree(child.id());
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            Ok(None) => thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for `{}` failed: {e}", display_cmd(cmd))),
        }
    }
}

/// Copies a directory tree (files and directories; symlinks are copied as the files they
/// point to). `to` must not exist yet.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst)
                .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
        }
    }
    Ok(())
}

/// Kills `pid` and every process descending from it (found through /proc).
fn kill_tree(pid: u32) {
    let mut parent_of = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        // /proc/PID/stat: `PID (comm) STATE PPID ...`; comm may contain spaces and parens.
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|n| n.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent_of.push((p, ppid));
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parent_of.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    for pid in tree.into_iter().filter_map(positive_pid) {
        // SAFETY: kill(2) takes plain integers and touches no memory of ours. A process that
        // has exited meanwhile only makes it fail with ESRCH, which is what we want anyway.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// Kills the process group led by `pid`: [`run_captured`] starts its command with
/// `process_group(0)`, so the group id is the child's pid.
fn kill_group(pid: u32) {
    if let Some(pgrp) = positive_pid(pid) {
        // SAFETY: as in `kill_tree`; a positive id never names our own group (that is 0).
        unsafe { libc::killpg(pgrp, libc::SIGKILL) };
    }
}

/// `pid` as a `pid_t`, refusing the values kill(2) would read as "every process we may
/// signal" (-1) or "our own group" (0).
fn positive_pid(pid: u32) -> Option<libc::pid_t> {
    libc::pid_t::try_from(pid).ok().filter(|p| *p > 0)
}

/// Copies `from` to `to` unless `to` already has identical contents. The copy goes to a
/// temporary file that is then renamed over `to`, so a rustc that currently has the old
/// dylib mapped keeps working. Returns whether anything was written.
pub fn copy_if_changed(from: &Path, to: &Path) -> Result<bool> {
    let new = fs::read(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    if fs::read(to).is_ok_and(|old| old == new) {
        return Ok(false);
    }
    let dir = to.parent().expect("destination has a parent directory");
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // One temporary name per process: several engineers' `./y.sh` may copy the same file at
    // once, and a shared name lets one of them rename the other's copy away.
    let tmp = dir.join(format!(".{}.{}.tmp", to.file_name().unwrap().to_string_lossy(), std::process::id()));
    fs::write(&tmp, &new).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    fs::rename(&tmp, to).map_err(|e| format!("cannot move {} to {}: {e}", tmp.display(), to.display()))?;
    Ok(true)
}

/// Makes sure `dir` was built under `stamp`: Cargo notices neither a changed backend dylib
/// nor changed build flags, so a directory whose stamp file (`name` inside it) says something
/// else is emptied and restamped.
pub fn restamp_dir(dir: &Path, name: &str, stamp: &str) -> Result {
    let stamp_file = dir.join(name);
    if fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp) {
        remove_dir(dir)?;
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        fs::write(&stamp_file, stamp).map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    }
    // What Cargo writes into the target directories it creates itself; `cargo clean` refuses
    // to touch a directory without it.
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        fs::write(&tag, "Signature: 8a477f597d28d172789f06886806bc55\n# A build cache made by ./y.sh.\n")
            .map_err(|e| format!("cannot write {}: {e}", tag.display()))?;
    }
    Ok(())
}

/// Removes a directory tree if it exists, printing what it does.
pub fn remove_dir(path: &Path) -> Result {
    if path.exists() {
        println!("removing {}", path.display());
        fs::remove_dir_all(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Prints a section heading.
pub fn step(msg: impl std::fmt::Display) {
    println!("==> {msg}");
}

/// Owned copies of string literals, for building argument lists in tests.
#[cfg(test)]
pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut cmd = Command::new("rustc");
        cmd.args(["-Copt-level=0", "a b", "it's"]);
        assert_eq!(display_cmd(&cmd), r"rustc -Copt-level=0 'a b' 'it'\''s'");
    }

    #[test]
    fn timeout_kills() {
        let start = Instant::now();
        let c = run_captured(Command::new("sleep").arg("10"), Duration::from_millis(200)).unwrap();
        assert!(c.status.is_none());
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    /// Whether process `pid` is gone (or a zombie) within a second: SIGKILL is delivered
    /// asynchronously, and a process may still show as running while it exits.
    fn dies_soon(pid: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            let alive = fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "));
            if !alive {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn captured_timeout_kills_the_group() {
        let start = Instant::now();
        // The background sleep keeps the stdout pipe open: reading it would only end after
        // 30 s if the group kill missed the grandchild.
        let c = run_captured(
            Command::new("sh").args(["-c", "sleep 30 & echo $!; wait"]),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(c.status.is_none());
        assert!(start.elapsed() < Duration::from_secs(10));
        let pid = c.stdout_text().trim().to_string();
        assert!(dies_soon(&pid), "sleep {pid} survived the timeout");
    }

    #[test]
    fn logged_timeout_kills_descendants() {
        let log = std::env::temp_dir().join(format!("fastclif-util-tree-{}.log", std::process::id()));
        let start = Instant::now();
        // The inner sleep holds the log open: if it survived, nothing would notice here, so
        // check that the shell's child is gone by its pid.
        let status = run_logged(
            Command::new("sh").args(["-c", "sleep 30 & echo $!; wait"]),
            &log,
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(status.is_none());
        assert!(start.elapsed() < Duration::from_secs(10));
        let text = fs::read_to_string(&log).unwrap();
        let pid = text.trim();
        assert!(dies_soon(pid), "sleep {pid} survived the timeout");
        let _ = fs::remove_file(&log);
    }

    #[test]
    fn logs_both_streams() {
        let dir = std::env::temp_dir().join(format!("fastclif-util-test-{}", std::process::id()));
        let log = dir.join("x.log");
        let status = run_logged(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 2"]),
            &log,
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(status.map(describe_status).as_deref(), Some("exit code 2"));
        assert_eq!(fs::read_to_string(&log).unwrap(), "out\nerr\n");
        let copy = std::env::temp_dir().join(format!("fastclif-util-copy-{}", std::process::id()));
        copy_dir(&dir, &copy).unwrap();
        assert_eq!(fs::read_to_string(copy.join("x.log")).unwrap(), "out\nerr\n");
        let _ = fs::remove_dir_all(&copy);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn captures_output_and_code() {
        let c = run_captured(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(c.stdout, b"out\n");
        assert_eq!(c.stderr, b"err\n");
        assert_eq!(c.status_text(), "exit code 3");
    }
}
