//! What `bench scaling` measured for one shape and size, and what follows from it: the time
//! and memory each backend needs beyond the front end (the `--emit=metadata` floor), how the
//! two backends compare, and how those costs grow per doubling of N.
//!
//! The floor is subtracted because rustc's front end is itself super-linear on some shapes;
//! what is left is what the backend (and the MIR passes and linking that only a full build
//! runs) adds, which is what a backend can make linear or not.

use crate::bench::stats;

/// A growth factor per doubling of N above this is marked: linear growth is 2x, and a little
/// slack absorbs the noise of this shared machine.
pub const GROWTH_LIMIT: f64 = 2.3;
/// Below these bases a growth factor is mostly noise (a 0.05 s jitter on 0.1 s is 50%): it is
/// still computed and shown, but in parentheses and never marked.
pub const MIN_TIME_BASE_SECS: f64 = 0.2;
pub const MIN_RSS_BASE_KB: f64 = 20.0 * 1024.0;
/// fastclif is marked as needing more than LLVM only beyond these margins: repeated runs of
/// one compiler differ by about 1% in peak RSS and by several percent in time on this machine,
/// and a mark on every tie would hide the real ones.
pub const RSS_MARGIN: f64 = 0.02;
pub const TIME_MARGIN: f64 = 0.05;

/// What one successful compilation took (`measure.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Wall time.
    pub secs: f64,
    /// User + system CPU time of rustc and its children: far less disturbed than wall time
    /// by whatever else the shared machine runs, though it adds up codegen threads.
    pub cpu_secs: f64,
    pub rss_kb: u64,
    /// Wall time of the backend's passes inside the same rustc process (`-Ztime-passes`:
    /// `codegen_crate` + `finish_ongoing_codegen` + `link`): the cost above the front end
    /// without the front end's own run-to-run spread, which on these shapes is larger than
    /// the backends' whole cost. `None` for the floor.
    pub backend_secs: Option<f64>,
    /// The part of `backend_secs` that is rustc's own MIR work for code generation, the same
    /// for both backends (`measure::RUSTC_MIR_PASSES`). `None` for the floor.
    pub mir_secs: Option<f64>,
}

/// The repetitions of one compiler configuration at one point.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    pub samples: Vec<Sample>,
    /// The compilation failed (later repetitions are skipped).
    pub error: Option<String>,
}

/// Medians of a configuration's repetitions, and how far apart the repetitions were.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Median {
    pub secs: f64,
    pub cpu_secs: f64,
    pub rss_kb: f64,
    pub backend_secs: Option<f64>,
    pub mir_secs: Option<f64>,
    /// Largest minus smallest wall time, CPU time and peak RSS of the repetitions. Peak RSS
    /// spreads too: rustc's allocator hands freed pages back to the kernel on a timer, and a
    /// run whose return comes late peaks higher (one compiler's peaks on `chain` 5,000 spread
    /// over 4%, in two clusters).
    pub spread_secs: f64,
    pub cpu_spread_secs: f64,
    pub rss_spread_kb: f64,
}

impl Runs {
    pub fn median(&self) -> Option<Median> {
        if self.error.is_some() {
            return None;
        }
        let summary =
            |f: fn(&Sample) -> f64| stats::summarize(&self.samples.iter().map(f).collect::<Vec<_>>());
        let optional = |f: fn(&Sample) -> Option<f64>| {
            stats::summarize(&self.samples.iter().filter_map(f).collect::<Vec<_>>()).map(|s| s.median)
        };
        let (wall, cpu, rss) =
            (summary(|s| s.secs)?, summary(|s| s.cpu_secs)?, summary(|s| s.rss_kb as f64)?);
        Some(Median {
            secs: wall.median,
            cpu_secs: cpu.median,
            rss_kb: rss.median,
            backend_secs: optional(|s| s.backend_secs),
            mir_secs: optional(|s| s.mir_secs),
            spread_secs: wall.max - wall.min,
            cpu_spread_secs: cpu.max - cpu.min,
            rss_spread_kb: rss.max - rss.min,
        })
    }
}

/// One shape at one size.
#[derive(Debug, Clone, Default)]
pub struct Point {
    pub shape: String,
    pub size: usize,
    /// `--emit=metadata`: the front end alone.
    pub floor: Runs,
    pub llvm: Runs,
    pub fastclif: Runs,
    /// The two binaries did not print the same thing, or one of them failed.
    pub output_error: Option<String>,
}

impl Point {
    pub fn new(shape: &str, size: usize) -> Point {
        Point { shape: shape.to_string(), size, ..Point::default() }
    }

    /// The runs of LLVM (`llvm`) or of fastclif.
    pub fn backend(&self, llvm: bool) -> &Runs {
        if llvm { &self.llvm } else { &self.fastclif }
    }

    /// (name, runs) in measuring order.
    pub fn configs(&self) -> [(&'static str, &Runs); 3] {
        [("floor", &self.floor), ("llvm", &self.llvm), ("fastclif", &self.fastclif)]
    }

    /// One line per failure.
    pub fn failures(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .configs()
            .iter()
            .filter_map(|(name, r)| {
                r.error.as_ref().map(|e| format!("scaling {} N={} {name}: {e}", self.shape, self.size))
            })
            .collect();
        if let Some(e) = &self.output_error {
            out.push(format!("scaling {} N={}: {e}", self.shape, self.size));
        }
        out
    }
}

/// A growth factor and whether its base was large enough to mean something.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    pub factor: f64,
    pub significant: bool,
}

impl Growth {
    pub fn too_fast(&self) -> bool {
        self.significant && self.factor > GROWTH_LIMIT
    }
}

/// The backend-side cost at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Above {
    /// Median wall time minus the floor's.
    pub secs: f64,
    /// Median CPU time minus the floor's.
    pub cpu_secs: f64,
    /// Median peak RSS minus the floor's.
    pub rss_kb: f64,
}

/// Everything the report shows beyond the medians, for one point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derived {
    pub llvm: Option<Above>,
    pub fastclif: Option<Above>,
    /// fastclif's time above the floor / LLVM's.
    pub time_ratio: Option<f64>,
    /// The same for CPU time.
    pub cpu_ratio: Option<f64>,
    /// fastclif's peak RSS / LLVM's (whole process, floor included).
    pub rss_ratio: Option<f64>,
    /// Per doubling of N, against the previous point of the same shape.
    pub llvm_time_growth: Option<Growth>,
    pub fastclif_time_growth: Option<Growth>,
    pub llvm_cpu_growth: Option<Growth>,
    pub fastclif_cpu_growth: Option<Growth>,
    pub llvm_rss_growth: Option<Growth>,
    pub fastclif_rss_growth: Option<Growth>,
    /// The in-process backend times (`Sample::backend_secs`), their ratio and growth.
    pub llvm_backend_secs: Option<f64>,
    pub fastclif_backend_secs: Option<f64>,
    pub backend_ratio: Option<f64>,
    pub llvm_backend_growth: Option<Growth>,
    pub fastclif_backend_growth: Option<Growth>,
    /// rustc's MIR work inside those times (`Sample::mir_secs`), and the growth of what is
    /// left: the backend's own work, which is what a backend can keep linear.
    pub llvm_mir_secs: Option<f64>,
    pub fastclif_mir_secs: Option<f64>,
    pub llvm_own_growth: Option<Growth>,
    pub fastclif_own_growth: Option<Growth>,
    /// The growth of rustc's MIR work (as measured in the fastclif runs).
    pub mir_growth: Option<Growth>,
    /// The largest run-to-run spread of wall time, and of CPU time, among the three
    /// configurations: a difference of two times above the floor smaller than this is noise
    /// (on these shapes mostly the front end's, whose type checking alone varies by 10%).
    pub noise_secs: f64,
    pub cpu_noise_secs: f64,
    /// The larger run-to-run spread of the two backends' peak RSS.
    pub rss_noise_kb: f64,
    /// Why the row is marked, e.g. `RSS > LLVM`.
    pub flags: Vec<String>,
}

/// `v1 / v0` normalized to one doubling of N: `(v1 / v0) ^ (1 / log2(n1 / n0))`, so that
/// sizes that do not double (`--sizes`) still give comparable factors (linear = 2x,
/// quadratic = 4x). `None` unless N grew and both values are positive.
pub fn per_doubling(n0: usize, n1: usize, v0: f64, v1: f64, min_base: f64) -> Option<Growth> {
    if n1 <= n0 || v0 <= 0.0 || v1 <= 0.0 {
        return None;
    }
    let doublings = (n1 as f64 / n0 as f64).log2();
    Some(Growth { factor: (v1 / v0).powf(1.0 / doublings), significant: v0 >= min_base })
}

fn above(backend: Option<Median>, floor: Option<Median>) -> Option<Above> {
    let (b, f) = (backend?, floor?);
    Some(Above { secs: b.secs - f.secs, cpu_secs: b.cpu_secs - f.cpu_secs, rss_kb: b.rss_kb - f.rss_kb })
}

/// The largest spread among a point's configurations (`f` picks wall or CPU time).
fn noise(p: &Point, spread: fn(&Median) -> f64) -> f64 {
    p.configs().iter().filter_map(|(_, r)| r.median()).map(|m| spread(&m)).fold(0.0, f64::max)
}

/// One [`Derived`] per point, in order. Growth compares each point with the nearest smaller
/// size of the same shape before it.
pub fn derive(points: &[Point]) -> Vec<Derived> {
    let aboves: Vec<(Option<Above>, Option<Above>)> = points
        .iter()
        .map(|p| {
            let floor = p.floor.median();
            (above(p.llvm.median(), floor), above(p.fastclif.median(), floor))
        })
        .collect();
    let noises: Vec<(f64, f64)> =
        points.iter().map(|p| (noise(p, |m| m.spread_secs), noise(p, |m| m.cpu_spread_secs))).collect();
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (llvm, fastclif) = aboves[i];
            let prev = (0..i).rev().find(|&j| points[j].shape == p.shape && points[j].size < p.size);
            // Growth of one backend's (`llvm`) value (`value`) from the previous point; a
            // base below `min` is noise.
            let growth = |llvm: bool, value: fn(&Above) -> f64, min: f64| {
                let j = prev?;
                let pick = |a: &(Option<Above>, Option<Above>)| if llvm { a.0 } else { a.1 };
                let (a0, a1) = (pick(&aboves[j])?, pick(&aboves[i])?);
                per_doubling(points[j].size, p.size, value(&a0), value(&a1), min)
            };
            // A time difference below the run-to-run spread of either point is noise too.
            let prev_noise = prev.map_or((0.0, 0.0), |j| noises[j]);
            let wall_min = MIN_TIME_BASE_SECS.max(prev_noise.0).max(noises[i].0);
            let cpu_min = MIN_TIME_BASE_SECS.max(prev_noise.1).max(noises[i].1);
            let secs: fn(&Above) -> f64 = |a| a.secs;
            let cpu: fn(&Above) -> f64 = |a| a.cpu_secs;
            let rss: fn(&Above) -> f64 = |a| a.rss_kb;
            let positive = |a: Option<Above>, f: fn(&Above) -> f64| a.map(|a| f(&a)).filter(|v| *v > 0.0);
            let (lm, fm) = (p.llvm.median(), p.fastclif.median());
            let backend = |r: &Runs| r.median().and_then(|m| m.backend_secs);
            let mir = |r: &Runs| r.median().and_then(|m| m.mir_secs);
            let own = |r: &Runs| Some(backend(r)? - mir(r)?);
            // Growth of an in-process time of one backend (`llvm`) from the previous point.
            let in_process_growth = |llvm: bool, value: &dyn Fn(&Runs) -> Option<f64>| {
                let j = prev?;
                let (v0, v1) = (value(points[j].backend(llvm))?, value(p.backend(llvm))?);
                per_doubling(points[j].size, p.size, v0, v1, MIN_TIME_BASE_SECS)
            };
            let (llvm_backend_secs, fastclif_backend_secs) = (backend(&p.llvm), backend(&p.fastclif));
            let mut d = Derived {
                llvm,
                fastclif,
                time_ratio: stats::ratio(fastclif.map(|a| a.secs), positive(llvm, secs)),
                cpu_ratio: stats::ratio(fastclif.map(|a| a.cpu_secs), positive(llvm, cpu)),
                rss_ratio: stats::ratio(fm.map(|m| m.rss_kb), lm.map(|m| m.rss_kb)),
                llvm_time_growth: growth(true, secs, wall_min),
                fastclif_time_growth: growth(false, secs, wall_min),
                llvm_cpu_growth: growth(true, cpu, cpu_min),
                fastclif_cpu_growth: growth(false, cpu, cpu_min),
                llvm_rss_growth: growth(true, rss, MIN_RSS_BASE_KB),
                fastclif_rss_growth: growth(false, rss, MIN_RSS_BASE_KB),
                llvm_backend_secs,
                fastclif_backend_secs,
                backend_ratio: stats::ratio(fastclif_backend_secs, llvm_backend_secs.filter(|v| *v > 0.0)),
                llvm_backend_growth: in_process_growth(true, &backend),
                fastclif_backend_growth: in_process_growth(false, &backend),
                llvm_mir_secs: mir(&p.llvm),
                fastclif_mir_secs: mir(&p.fastclif),
                llvm_own_growth: in_process_growth(true, &own),
                fastclif_own_growth: in_process_growth(false, &own),
                mir_growth: in_process_growth(false, &mir),
                noise_secs: noises[i].0,
                cpu_noise_secs: noises[i].1,
                rss_noise_kb: [lm, fm].iter().flatten().map(|m| m.rss_spread_kb).fold(0.0, f64::max),
                flags: Vec::new(),
            };
            d.flags = flags(&d, lm, fm);
            d
        })
        .collect()
}

/// Whether `value` exceeds `base` by more than the relative `margin` and by more than the
/// run-to-run `noise`.
pub fn clearly_above(value: f64, base: f64, margin: f64, noise: f64) -> bool {
    value - base > (base.abs() * margin).max(noise)
}

fn flags(d: &Derived, llvm: Option<Median>, fastclif: Option<Median>) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(l), Some(f)) = (llvm, fastclif)
        && clearly_above(f.rss_kb, l.rss_kb, RSS_MARGIN, d.rss_noise_kb)
    {
        out.push("RSS > LLVM".to_string());
    }
    if let (Some(l), Some(f)) = (d.llvm, d.fastclif)
        && clearly_above(f.secs, l.secs, TIME_MARGIN, d.noise_secs)
    {
        out.push("time > LLVM".to_string());
    }
    if let (Some(l), Some(f)) = (d.llvm_backend_secs, d.fastclif_backend_secs)
        && clearly_above(f, l, TIME_MARGIN, 0.0)
    {
        out.push("backend time > LLVM".to_string());
    }
    // The in-process totals' growth is shown but not marked: rustc's MIR passes in them are
    // the same under both backends, and are marked on their own when they grow too fast.
    let growths = [
        ("LLVM time", d.llvm_time_growth),
        ("fastclif time", d.fastclif_time_growth),
        ("LLVM RSS", d.llvm_rss_growth),
        ("fastclif RSS", d.fastclif_rss_growth),
        ("LLVM backend's own time", d.llvm_own_growth),
        ("fastclif backend's own time", d.fastclif_own_growth),
        ("rustc's MIR work", d.mir_growth),
    ];
    for (what, g) in growths {
        if let Some(g) = g.filter(Growth::too_fast) {
            out.push(format!("{what} grows {:.2}x", g.factor));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(secs: &[f64], rss_mib: f64) -> Runs {
        Runs {
            samples: secs
                .iter()
                .map(|&s| Sample {
                    secs: s,
                    cpu_secs: 2.0 * s,
                    rss_kb: (rss_mib * 1024.0) as u64,
                    backend_secs: Some(s / 2.0),
                    mir_secs: Some(s / 8.0),
                })
                .collect(),
            error: None,
        }
    }

    fn point(shape: &str, n: usize, floor: (f64, f64), llvm: (f64, f64), fastclif: (f64, f64)) -> Point {
        Point {
            shape: shape.into(),
            size: n,
            floor: runs(&[floor.0], floor.1),
            llvm: runs(&[llvm.0], llvm.1),
            fastclif: runs(&[fastclif.0], fastclif.1),
            output_error: None,
        }
    }

    #[test]
    fn growth_per_doubling() {
        let g = per_doubling(1000, 2000, 1.0, 2.0, 0.2).unwrap();
        assert!((g.factor - 2.0).abs() < 1e-12 && g.significant);
        // Quadruple N, 16x the cost: quadratic, 4x per doubling.
        assert!((per_doubling(1000, 4000, 1.0, 16.0, 0.2).unwrap().factor - 4.0).abs() < 1e-12);
        // 3000 -> 6000 after a non-doubling step still normalizes.
        assert!((per_doubling(1000, 3000, 1.0, 3.0, 0.2).unwrap().factor - 2.0).abs() < 1e-12);
        assert!(!per_doubling(1000, 2000, 0.1, 0.3, 0.2).unwrap().significant);
        assert!(!per_doubling(1000, 2000, 0.1, 0.3, 0.2).unwrap().too_fast());
        assert!(per_doubling(1000, 2000, 0.3, 0.9, 0.2).unwrap().too_fast());
        assert_eq!(per_doubling(2000, 1000, 1.0, 2.0, 0.2), None);
        assert_eq!(per_doubling(1000, 2000, 0.0, 2.0, 0.2), None);
        assert_eq!(per_doubling(1000, 2000, 1.0, -0.1, 0.2), None);
    }

    #[test]
    fn derived_values_and_flags() {
        let points = vec![
            point("lets", 1000, (1.0, 100.0), (2.0, 300.0), (1.5, 150.0)),
            point("lets", 2000, (2.0, 150.0), (4.0, 550.0), (3.0, 250.0)),
            // fastclif: 3 s above the floor after 1 s: 3x, marked; more RSS than LLVM.
            point("lets", 4000, (4.0, 250.0), (8.0, 950.0), (7.0, 1000.0)),
            point("calls", 1000, (0.5, 80.0), (1.0, 200.0), (1.5, 120.0)),
        ];
        let d = derive(&points);
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].llvm, Some(Above { secs: 1.0, cpu_secs: 2.0, rss_kb: 200.0 * 1024.0 }));
        assert_eq!(d[0].time_ratio, Some(0.5));
        assert_eq!(d[0].cpu_ratio, Some(0.5));
        assert_eq!(d[0].rss_ratio, Some(0.5));
        assert_eq!(d[0].llvm_time_growth, None);
        assert!(d[0].flags.is_empty());
        let g = d[1].llvm_time_growth.unwrap();
        assert_eq!((g.factor, g.significant), (2.0, true));
        // fastclif RSS above the floor: 50 MiB -> 100 MiB.
        assert_eq!(d[1].fastclif_rss_growth.unwrap().factor, 2.0);
        assert!(d[1].flags.is_empty(), "{:?}", d[1].flags);
        assert_eq!(d[2].fastclif_time_growth.unwrap().factor, 3.0);
        assert_eq!(d[2].fastclif_cpu_growth.unwrap().factor, 3.0);
        assert_eq!(
            d[2].flags,
            [
                "RSS > LLVM",
                "fastclif time grows 3.00x",
                "fastclif RSS grows 7.50x",
                "fastclif backend's own time grows 2.33x",
                "rustc's MIR work grows 2.33x"
            ]
        );
        // A new shape starts without growth; fastclif slower than LLVM is marked.
        assert_eq!(d[3].llvm_time_growth, None);
        assert_eq!(d[3].flags, ["time > LLVM", "backend time > LLVM"]);
        // Within the margins nothing is marked.
        let tie = derive(&[point("calls", 100, (1.0, 100.0), (2.0, 500.0), (2.04, 509.0))]);
        assert!(tie[0].flags.is_empty(), "{:?}", tie[0].flags);
        let over = derive(&[point("calls", 100, (1.0, 100.0), (2.0, 500.0), (2.06, 511.0))]);
        assert_eq!(over[0].flags, ["RSS > LLVM", "time > LLVM"]);
        // Differences within the run-to-run spread are not marked: wall time against the
        // floor's spread, peak RSS against the backends'.
        let mut noisy = point("calls", 100, (1.0, 100.0), (2.0, 500.0), (2.3, 520.0));
        noisy.floor = runs(&[0.7, 1.0, 1.4], 100.0);
        let spread = Sample { rss_kb: 490 * 1024, ..noisy.llvm.samples[0] };
        noisy.llvm.samples.extend([spread, Sample { rss_kb: 530 * 1024, ..spread }]);
        let d = derive(&[noisy]);
        assert!((d[0].noise_secs - 0.7).abs() < 1e-12, "{}", d[0].noise_secs);
        assert_eq!(d[0].rss_noise_kb, 40.0 * 1024.0);
        assert_eq!(d[0].rss_ratio, Some(1.04));
        assert_eq!(d[0].flags, ["backend time > LLVM"]);
    }

    #[test]
    fn failed_configurations_have_no_medians() {
        let mut points = vec![
            point("chain", 100, (1.0, 10.0), (2.0, 20.0), (1.5, 15.0)),
            point("chain", 200, (1.0, 10.0), (2.0, 20.0), (1.5, 15.0)),
        ];
        points[1].fastclif.error = Some("exit code 101: boom".into());
        points[1].output_error = Some("outputs differ".into());
        let d = derive(&points);
        assert_eq!(d[1].fastclif, None);
        assert_eq!(d[1].time_ratio, None);
        assert_eq!(d[1].fastclif_time_growth, None);
        assert!(d[1].llvm_time_growth.is_some());
        let f = points[1].failures();
        assert_eq!(
            f,
            ["scaling chain N=200 fastclif: exit code 101: boom", "scaling chain N=200: outputs differ"]
        );
        assert_eq!(Runs::default().median(), None);
        assert_eq!(runs(&[3.0, 1.0, 2.0], 1.0).median().unwrap().secs, 2.0);
    }
}
