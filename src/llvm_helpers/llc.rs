//! Running the toolchain's `llc` on a module of helpers.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What llc writes.
#[derive(Clone, Copy)]
pub enum Output {
    /// An ELF relocatable object.
    Object,
    /// AT&T assembly (for `--emit=asm` listings).
    Assembly,
}

/// Compiles `module` (LLVM IR text); `Err` carries llc's diagnostics.
pub fn compile(llc: &Path, module: &str, output: Output) -> Result<Vec<u8>, String> {
    let filetype = match output {
        Output::Object => "-filetype=obj",
        Output::Assembly => "-filetype=asm",
    };
    let mut child = Command::new(llc)
        .args([
            // As rustc's LLVM backend compiles a debug build: the same instruction selection
            // (which operand an instruction takes first decides which NaN comes out).
            "-O0",
            "-mtriple=x86_64-unknown-linux-gnu",
            "-relocation-model=pic",
            filetype,
            // One section per helper, like fastclif's own functions: unused ones are dropped.
            "-function-sections",
            "-o",
            "-",
            "-",
        ])
        // A crash report without a symbolizer run, which only costs time.
        .env("LLVM_DISABLE_SYMBOLIZATION", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", llc.display()))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let output = std::thread::scope(|s| {
        // Feed the module while llc writes, so neither side waits on a full pipe.
        let writer = s.spawn(move || stdin.write_all(module.as_bytes()));
        let output = child.wait_with_output();
        let _ = writer.join();
        output
    })
    .map_err(|e| format!("cannot run {}: {e}", llc.display()))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.trim().to_string())
    }
}

/// What llc's diagnostics say went wrong where: the 1-based line of the module for a parse
/// or verification error (`<stdin>:LINE:COL: error: ...`), the function for an instruction
/// selection failure (`... on function '@"NAME"'`), and a one-line summary.
pub struct Blame {
    pub line: Option<usize>,
    pub function: Option<String>,
    pub summary: String,
}

pub fn blame(stderr: &str) -> Blame {
    let line = stderr.lines().find_map(|l| {
        let rest = &l[l.find("<stdin>:")? + "<stdin>:".len()..];
        rest.split(':').next()?.parse().ok()
    });
    let function = stderr.lines().find_map(|l| {
        let rest = &l[l.find("on function '@")? + "on function '@".len()..];
        let name = rest.strip_suffix('\'').unwrap_or(rest);
        Some(name.trim_matches('"').to_string())
    });
    let summary = stderr
        .lines()
        .find_map(|l| {
            let at = l
                .rfind("error: ")
                .map(|i| i + "error: ".len())
                .or_else(|| l.find("LLVM ERROR: ").map(|i| i + "LLVM ERROR: ".len()))?;
            Some(l[at..].trim().to_string())
        })
        .unwrap_or_else(|| stderr.lines().next().unwrap_or("llc failed").trim().to_string());
    Blame { line, function, summary }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blame_finds_line_and_function() {
        let parse = "llc: error: llc: <stdin>:12:23: error: unknown intrinsic 'llvm.x86.nope'\n  call void";
        let b = blame(parse);
        assert_eq!(b.line, Some(12));
        assert_eq!(b.summary, "unknown intrinsic 'llvm.x86.nope'");
        let isel = "LLVM ERROR: Cannot select: intrinsic %llvm.x86.foo\nStack dump:\n\
                    2.\tRunning pass 'X86 DAG->DAG Instruction Selection' on function '@\"__fastclif_llvm.a.3\"'\n";
        let b = blame(isel);
        assert_eq!(b.function.as_deref(), Some("__fastclif_llvm.a.3"));
        assert_eq!(b.line, None);
        assert_eq!(b.summary, "Cannot select: intrinsic %llvm.x86.foo");
    }
}
