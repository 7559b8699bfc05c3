//! `./y.sh bench scaling` (issue 17, "linear cost on huge functions"): generated programs
//! with one huge function, or many small ones (`shapes`), at sizes doubling up to where LLVM's
//! rustc peaks above 1 GB, each compiled by rustc three ways: `--emit=metadata` (the
//! front-end floor), LLVM and fastclif. Wall time and peak RSS come from GNU time
//! (`measure`); `growth` derives the cost above the floor and its growth per doubling of N;
//! `table` writes scaling.md and the results.json entries.

pub mod growth;
pub mod measure;
pub mod shapes;
pub mod table;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::bench::progress::Progress;
use crate::ctx::Ctx;
use crate::util::{self, Result};
use growth::{Point, Runs};
use shapes::Shape;

/// Which shapes at which sizes: `--shapes`, `--sizes` and `--quick` applied to the defaults.
pub fn plan(shapes: &[String], sizes: &[usize], quick: bool) -> Result<Vec<(&'static Shape, Vec<usize>)>> {
    let selected: Vec<&'static Shape> = if shapes.is_empty() {
        shapes::SHAPES.iter().collect()
    } else {
        let known = || shapes::SHAPES.iter().map(|s| s.name).collect::<Vec<_>>().join(", ");
        shapes
            .iter()
            .map(|name| {
                shapes::find(name).ok_or_else(|| format!("unknown shape `{name}` (known: {})", known()))
            })
            .collect::<Result<_>>()?
    };
    Ok(selected
        .into_iter()
        .map(|shape| {
            let mut n: Vec<usize> = if sizes.is_empty() { shape.sizes.to_vec() } else { sizes.to_vec() };
            n.sort_unstable();
            n.dedup();
            if quick {
                n.truncate(2);
            }
            (shape, n)
        })
        .collect())
}

/// Copies the backend dylib into `work` and describes it (build time, checksum) for the
/// report. The run can take half an hour on a machine where others rebuild dist/ meanwhile;
/// every fastclif compilation of one report must load the same backend.
pub fn snapshot_backend(dylib: &Path, work: &Path) -> Result<(PathBuf, String)> {
    fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let copy = work.join(crate::build::DYLIB_NAME);
    fs::copy(dylib, &copy)
        .map_err(|e| format!("cannot copy {} to {}: {e}", dylib.display(), copy.display()))?;
    let sh =
        |cmd: &mut Command| util::output(cmd).map(|s| s.trim().to_string()).unwrap_or_else(|_| "?".into());
    let built = sh(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M:%S UTC", "-r"]).arg(dylib));
    let sum = sh(Command::new("sha256sum").arg(&copy));
    let sum: String = sum.chars().take(12).collect();
    Ok((copy, format!("{} (built {built}, sha256 {sum}…), loaded from a copy", dylib.display())))
}

/// The three compilations of one point, in measuring order.
#[derive(Clone, Copy, PartialEq)]
enum Config {
    Floor,
    Llvm,
    Fastclif,
}

const CONFIGS: [Config; 3] = [Config::Floor, Config::Llvm, Config::Fastclif];

impl Config {
    fn name(self) -> &'static str {
        match self {
            Config::Floor => "floor",
            Config::Llvm => "llvm",
            Config::Fastclif => "fastclif",
        }
    }

    fn runs(self, p: &mut Point) -> &mut Runs {
        match self {
            Config::Floor => &mut p.floor,
            Config::Llvm => &mut p.llvm,
            Config::Fastclif => &mut p.fastclif,
        }
    }
}

/// How to compile: the toolchain's rustc binary and our backend.
struct Compiler {
    /// `<sysroot>/bin/rustc` rather than rustup's `rustc +<channel>` proxy: the proxy adds its
    /// own start-up to every measurement, which matters next to a sub-second floor.
    rustc: PathBuf,
    dylib: PathBuf,
    timeout: Duration,
    /// `-Cdebuginfo=2` on every compilation (`bench scaling --debuginfo`).
    debuginfo: bool,
}

impl Compiler {
    /// With `time_passes`, rustc prints its pass timings (the in-process backend time); the
    /// measured runs go without, as users compile: `-Ztime-passes` shifts when rustc's
    /// allocator hands freed pages back, which moved fastclif's peak RSS by up to 13 MB.
    fn command(
        &self,
        config: Config,
        src: &Path,
        dir: &Path,
        time_file: &Path,
        time_passes: bool,
    ) -> Command {
        let mut cmd = measure::command(&self.rustc, time_file);
        cmd.current_dir(dir)
            // ICE reports land next to the program, not in the repository.
            .env("RUSTC_ICE", dir)
            // fastclif's allocator is its opt-level-0 default (ours), whatever the shell says.
            .env_remove("FASTCLIF_REGALLOC")
            .env_remove("FASTCLIF_CHECK_REGALLOC")
            .args(["--edition=2024", "-Copt-level=0"]);
        if self.debuginfo {
            cmd.arg("-Cdebuginfo=2");
        }
        if time_passes {
            cmd.arg("-Ztime-passes");
        }
        match config {
            Config::Floor => cmd.args(["--emit=metadata", "-o"]).arg(dir.join("floor.rmeta")),
            Config::Llvm => cmd.arg("-o").arg(dir.join("llvm")),
            Config::Fastclif => cmd
                .arg(format!("-Zcodegen-backend={}", self.dylib.display()))
                .arg("-o")
                .arg(dir.join("fastclif")),
        };
        cmd.arg(src);
        cmd
    }
}

impl Compiler {
    /// One sample: wall time, CPU time and peak RSS of a plain compilation, and for the two
    /// backends the in-process backend time of a second one with `-Ztime-passes`.
    fn measure(
        &self,
        config: Config,
        src: &Path,
        dir: &Path,
        verbose: bool,
    ) -> Result<std::result::Result<growth::Sample, String>> {
        let time_file = dir.join(format!("{}.time", config.name()));
        let run = |time_passes: bool| {
            let mut cmd = self.command(config, src, dir, &time_file, time_passes);
            if verbose {
                println!("$ {}", util::display_cmd(&cmd));
            }
            measure::run(&mut cmd, &time_file, self.timeout)
        };
        let mut sample = match run(false)? {
            Ok(sample) => sample,
            Err(e) => return Ok(Err(e)),
        };
        if config != Config::Floor {
            match run(true)? {
                Ok(timed) => (sample.backend_secs, sample.mir_secs) = (timed.backend_secs, timed.mir_secs),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(sample))
    }
}

/// Measures every planned point; returns them in plan order. `dylib` is the backend to load;
/// `debuginfo` compiles everything with `-Cdebuginfo=2`.
pub fn run(
    ctx: &Ctx,
    plan: &[(&'static Shape, Vec<usize>)],
    reps: usize,
    debuginfo: bool,
    dylib: &Path,
    work: &Path,
) -> Result<Vec<Point>> {
    let compiler = Compiler {
        rustc: ctx.toolchain.sysroot()?.join("bin/rustc"),
        dylib: dylib.to_path_buf(),
        timeout: ctx.config.bench.timeout,
        debuginfo,
    };
    let total: usize = plan.iter().map(|(_, sizes)| sizes.len() * (CONFIGS.len() * reps + 1)).sum();
    let mut progress = Progress::new(total);
    let mut points = Vec::new();
    for (shape, sizes) in plan {
        for &n in sizes {
            let dir = work.join(format!("{}-{n}", shape.name));
            fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let src = dir.join(format!("{}_{n}.rs", shape.name));
            fs::write(&src, shape.source(n)).map_err(|e| format!("cannot write {}: {e}", src.display()))?;
            let mut point = Point::new(shape.name, n);
            // Interleaved: a slow phase of this shared machine hits all three alike.
            for rep in 1..=reps {
                for config in CONFIGS {
                    let label = format!("{} N={n} {} rep {rep}", shape.name, config.name());
                    if config.runs(&mut point).error.is_some() {
                        progress.skip(&label);
                        continue;
                    }
                    progress.start(&label);
                    let measured = compiler.measure(config, &src, &dir, ctx.config.verbose)?;
                    let runs = config.runs(&mut point);
                    match measured {
                        Ok(s) => {
                            progress.finish(&format!(
                                "{:.2}s ({:.2}s CPU) {:.0} MiB",
                                s.secs,
                                s.cpu_secs,
                                s.rss_kb as f64 / 1024.0
                            ));
                            runs.samples.push(s);
                        }
                        Err(e) => {
                            progress.finish(&format!("FAILED ({e})"));
                            runs.error = Some(e);
                        }
                    }
                }
            }
            progress.start(&format!("{} N={n} run both binaries", shape.name));
            point.output_error = compare_outputs(&dir, &point, compiler.timeout)?;
            progress.finish(point.output_error.as_deref().unwrap_or("same output"));
            points.push(point);
        }
    }
    Ok(points)
}

/// Runs the LLVM and the fastclif binary once; `Some(reason)` unless both succeed and print
/// the same thing. Nothing to compare when a compilation failed (that is reported already).
fn compare_outputs(dir: &Path, point: &Point, timeout: Duration) -> Result<Option<String>> {
    if point.llvm.error.is_some() || point.fastclif.error.is_some() {
        return Ok(None);
    }
    let mut outputs = Vec::new();
    for name in ["llvm", "fastclif"] {
        let res = util::run_captured(Command::new(dir.join(name)).current_dir(dir), timeout)?;
        if !res.success() {
            let stderr = res.stderr_text();
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
            return Ok(Some(format!("the {name} binary failed ({}): {last}", res.status_text())));
        }
        outputs.push(res.stdout_text());
    }
    Ok((outputs[0] != outputs[1])
        .then(|| format!("outputs differ: llvm `{}`, fastclif `{}`", outputs[0].trim(), outputs[1].trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        let all = plan(&[], &[], false).unwrap();
        assert_eq!(all.len(), shapes::SHAPES.len());
        assert_eq!(all[0].1, shapes::SHAPES[0].sizes);
        let quick = plan(&["calls".into(), "lets".into()], &[], true).unwrap();
        assert_eq!(quick.iter().map(|(s, _)| s.name).collect::<Vec<_>>(), ["calls", "lets"]);
        assert_eq!(quick[0].1, shapes::find("calls").unwrap().sizes[..2]);
        let sized = plan(&["chain".into()], &[400, 100, 200, 100], false).unwrap();
        assert_eq!(sized[0].1, [100, 200, 400]);
        assert!(plan(&["nope".into()], &[], false).unwrap_err().contains("known: lets, match"));
    }

    #[test]
    fn snapshots_the_backend() {
        let dir = std::env::temp_dir().join(format!("fastclif-scaling-snapshot-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let dylib = dir.join("built.so");
        fs::write(&dylib, b"backend").unwrap();
        let (copy, text) = snapshot_backend(&dylib, &dir.join("work")).unwrap();
        assert_eq!(fs::read(&copy).unwrap(), b"backend");
        assert!(text.starts_with(&format!("{} (built ", dylib.display())), "{text}");
        assert!(!text.contains("sha256 ?"), "{text}");
        let _ = fs::remove_dir_all(&dir);
    }
}
