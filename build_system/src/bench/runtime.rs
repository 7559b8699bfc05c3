//! Run-time benchmark: the single-file programs in bench/runtime/ compiled at opt-level 0 by
//! each configuration, run repeatedly (interleaved); every configuration must print what the
//! first working one (normally LLVM) prints.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::compile::first_error;
use super::configs::BenchConfig;
use super::progress::Progress;
use super::results::Cell;
use crate::ctx::Ctx;
use crate::util::{self, Result};

pub fn kernels(ctx: &Ctx) -> Result<Vec<PathBuf>> {
    let dir = ctx.root.join("bench/runtime");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    Ok(files)
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

pub fn run(
    ctx: &Ctx,
    work: &Path,
    kernels: &[PathBuf],
    configs: &[BenchConfig],
    reps: usize,
    progress: &mut Progress,
) -> Result<Vec<Cell>> {
    let mut cells: Vec<Cell> =
        kernels.iter().flat_map(|k| configs.iter().map(|c| Cell::new(&stem(k), &c.name))).collect();
    let exe = |k: &Path, c: &BenchConfig| work.join(&c.name).join(stem(k));
    for (ki, kernel) in kernels.iter().enumerate() {
        for (ci, config) in configs.iter().enumerate() {
            let cell = &mut cells[ki * configs.len() + ci];
            progress.start(&format!("{} compile {}", config.name, stem(kernel)));
            let out = exe(kernel, config);
            fs::create_dir_all(out.parent().unwrap())
                .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
            let mut cmd = ctx.toolchain.rustc();
            cmd.current_dir(work)
                .env("RUSTC_ICE", work)
                .args(["-Copt-level=0", "--edition=2024", "-o"])
                .arg(&out)
                .arg(kernel)
                .args(config.rustc_args())
                .env_remove("FASTCLIF_REGALLOC")
                .env_remove("FASTCLIF_CHECK_REGALLOC");
            let res = util::run_captured(&mut cmd, ctx.config.bench.timeout)?;
            if res.success() {
                progress.finish("ok");
            } else {
                let reason = first_error(&res.stderr_text());
                progress.finish(&format!("FAILED: {reason}"));
                cell.error = Some(format!("compile failed ({}): {reason}", res.status_text()));
            }
        }
    }
    for rep in 1..=reps {
        for (ki, kernel) in kernels.iter().enumerate() {
            for (ci, config) in configs.iter().enumerate() {
                let idx = ki * configs.len() + ci;
                let label = format!("{} {} rep {rep}", config.name, stem(kernel));
                if cells[idx].error.is_some() {
                    progress.skip(&label);
                    continue;
                }
                progress.start(&label);
                let start = Instant::now();
                let res =
                    util::run_captured(&mut Command::new(exe(kernel, config)), ctx.config.bench.timeout)?;
                let secs = start.elapsed().as_secs_f64();
                // The first configuration with output is the reference for the others.
                let reference = cells[ki * configs.len()..idx]
                    .iter()
                    .find_map(|c| c.output.clone().map(|o| (c.config.clone(), o)));
                let cell = &mut cells[idx];
                let stdout = String::from_utf8_lossy(&res.stdout).into_owned();
                if !res.success() {
                    progress.finish(&format!("FAILED ({})", res.status_text()));
                    cell.error = Some(format!("program ended with {}", res.status_text()));
                } else if let Some((ref_name, ref_out)) = reference.filter(|(_, o)| *o != stdout) {
                    progress.finish("WRONG OUTPUT");
                    cell.error = Some(format!(
                        "output differs from {ref_name}: `{}` vs `{}`",
                        stdout.trim(),
                        ref_out.trim()
                    ));
                } else {
                    cell.output = Some(stdout);
                    cell.times.push(secs);
                    progress.finish(&format!("{secs:.3}s"));
                }
            }
        }
    }
    Ok(cells)
}
