//! The output of `bench scaling`: scaling.md, the same tables on stdout, and the `scaling`
//! entries of results.json.

use std::fs;
use std::path::{Path, PathBuf};

use super::growth::{self, Derived, GROWTH_LIMIT, Growth, Point, RSS_MARGIN, Runs, TIME_MARGIN};
use super::shapes;
use crate::bench::json::Json;
use crate::bench::stats::{mib, ratio_text, secs, thousands};
use crate::util::Result;

const HEADER: &[&str] = &[
    "N",
    "floor",
    "LLVM",
    "fastclif",
    "LLVM above floor",
    "fastclif above floor",
    "time fastclif/LLVM",
    "RSS fastclif/LLVM",
    "LLVM time growth",
    "fastclif time growth",
    "LLVM RSS growth",
    "fastclif RSS growth",
    "marked",
];

const CPU_HEADER: &[&str] = &[
    "N",
    "floor",
    "LLVM",
    "fastclif",
    "LLVM above floor",
    "fastclif above floor",
    "fastclif/LLVM",
    "LLVM growth",
    "fastclif growth",
];

/// What the columns mean; under the tables.
fn legend() -> String {
    format!(
        "Each configuration cell is the median wall time and the median peak RSS of the rustc \
         process over the repetitions (`-Copt-level=0`, without `-Ztime-passes`, which moves \
         rustc's peak RSS): *floor* is `--emit=metadata` (the front end alone), *LLVM* the \
         default backend, *fastclif* `-Zcodegen-backend=<dist dylib>`. \
         *Above floor* is a backend's value minus the floor's (time, and peak RSS as +MiB): \
         what code generation and linking add. *time fastclif/LLVM* divides the two times above \
         the floor, *RSS fastclif/LLVM* the two peak RSS (lower is better for fastclif). A \
         *growth* column is the factor by which the time above the floor, or the RSS above the \
         floor's RSS, grows per doubling of N from the previous size: 2× is linear, 4× \
         quadratic. Factors in parentheses have a base too small to mean much (under {}s or {} \
         MiB, or under the run-to-run spread of wall or CPU time at either size). `!` marks \
         fastclif needing more peak RSS than LLVM (by over {:.0}% and by more than the larger \
         run-to-run spread of the two backends' peaks), more time above the floor (by over \
         {:.0}% and by more than the largest run-to-run spread among the three configurations \
         at that size: the front end's own spread, about 10% of its time on \
         these shapes, is larger than a backend's whole cost at the big sizes), and growth \
         above {GROWTH_LIMIT}×. The in-process table measures the time above the front end \
         without that spread; its totals' growth is not marked because they include rustc's \
         MIR work, whose growth is marked in its own column, and the backends' own work \
         (total minus rustc's MIR work) is. The CPU tables show user + system time, which \
         other load on the machine disturbs less than wall time (but which adds up parallel \
         codegen threads).\n",
        growth::MIN_TIME_BASE_SECS,
        growth::MIN_RSS_BASE_KB / 1024.0,
        RSS_MARGIN * 100.0,
        TIME_MARGIN * 100.0,
    )
}

fn header(cols: &[&str]) -> String {
    format!("| {} |\n|{}\n", cols.join(" | "), " --- |".repeat(cols.len()))
}

/// The tables of all shapes, two per shape (wall time and RSS; CPU time), with the legend.
pub fn tables(points: &[Point]) -> String {
    let derived = growth::derive(points);
    let mut out = String::new();
    let mut shapes_seen: Vec<&str> = Vec::new();
    for p in points {
        if !shapes_seen.contains(&p.shape.as_str()) {
            shapes_seen.push(&p.shape);
        }
    }
    for shape in shapes_seen {
        let what = shapes::find(shape).map_or("", |s| s.what);
        let rows = || points.iter().zip(&derived).filter(|(p, _)| p.shape == shape);
        out.push_str(&format!("### {shape}: {what}\n\n{}", header(HEADER)));
        for (p, d) in rows() {
            out.push_str(&format!("| {} |\n", row(p, d).join(" | ")));
        }
        out.push_str(&format!("\nCPU time (user + system):\n\n{}", header(CPU_HEADER)));
        for (p, d) in rows() {
            out.push_str(&format!("| {} |\n", cpu_row(p, d).join(" | ")));
        }
        out.push_str(&format!(
            "\nTime above the front end inside the rustc process (a second compilation per \
             sample, with `-Ztime-passes`: codegen_crate + finish_ongoing_codegen + link), and the \
             part of it that is rustc's own MIR work (mono item collection, which optimizes the \
             MIR of every function, and partitioning; the same under both backends):\n\n{}",
            header(BACKEND_HEADER)
        ));
        for (p, d) in rows() {
            out.push_str(&format!("| {} |\n", backend_row(p, d).join(" | ")));
        }
        out.push('\n');
    }
    out.push_str(&legend());
    out
}

fn row(p: &Point, d: &Derived) -> Vec<String> {
    let config = |r: &Runs| match (r.median(), &r.error) {
        (_, Some(_)) => "FAILED".to_string(),
        (Some(m), None) => format!("{}, {}", secs(m.secs), mib(m.rss_kb as u64)),
        (None, None) => "–".to_string(),
    };
    let above = |a: Option<growth::Above>| {
        a.map_or("–".to_string(), |a| format!("{}, {:+.0} MiB", signed_secs(a.secs), a.rss_kb / 1024.0))
    };
    let marked = |text: String, flag: &str| {
        if d.flags.iter().any(|f| f == flag) { format!("{text} !") } else { text }
    };
    let mut flags = d.flags.clone();
    if let Some(e) = &p.output_error {
        flags.insert(0, format!("OUTPUT: {e}"));
    }
    vec![
        thousands(p.size as u64),
        config(&p.floor),
        config(&p.llvm),
        config(&p.fastclif),
        above(d.llvm),
        above(d.fastclif),
        marked(ratio_text(d.time_ratio), "time > LLVM"),
        marked(ratio_text(d.rss_ratio), "RSS > LLVM"),
        growth_text(d.llvm_time_growth),
        growth_text(d.fastclif_time_growth),
        growth_text(d.llvm_rss_growth),
        growth_text(d.fastclif_rss_growth),
        flags.join("; "),
    ]
}

const BACKEND_HEADER: &[&str] = &[
    "N",
    "LLVM",
    "fastclif",
    "fastclif/LLVM",
    "LLVM growth",
    "fastclif growth",
    "of which rustc's MIR work (LLVM, fastclif)",
    "its growth",
    "LLVM growth without it",
    "fastclif growth without it",
];

fn backend_row(p: &Point, d: &Derived) -> Vec<String> {
    let time = |v: Option<f64>| v.map_or("–".to_string(), secs);
    let ratio = ratio_text(d.backend_ratio);
    let marked = d.flags.iter().any(|f| f == "backend time > LLVM");
    // Totals include rustc's MIR work, which the backend does not control: their growth is
    // shown without a mark (`growth::flags`).
    let unmarked = |g: Option<Growth>| factor_text(g, false);
    vec![
        thousands(p.size as u64),
        time(d.llvm_backend_secs),
        time(d.fastclif_backend_secs),
        if marked { format!("{ratio} !") } else { ratio },
        unmarked(d.llvm_backend_growth),
        unmarked(d.fastclif_backend_growth),
        format!("{}, {}", time(d.llvm_mir_secs), time(d.fastclif_mir_secs)),
        growth_text(d.mir_growth),
        growth_text(d.llvm_own_growth),
        growth_text(d.fastclif_own_growth),
    ]
}

fn cpu_row(p: &Point, d: &Derived) -> Vec<String> {
    let config = |r: &Runs| match (r.median(), &r.error) {
        (_, Some(_)) => "FAILED".to_string(),
        (Some(m), None) => secs(m.cpu_secs),
        (None, None) => "–".to_string(),
    };
    let above = |a: Option<growth::Above>| a.map_or("–".to_string(), |a| signed_secs(a.cpu_secs));
    let clearly_slower = match (d.llvm, d.fastclif) {
        (Some(l), Some(f)) => growth::clearly_above(f.cpu_secs, l.cpu_secs, TIME_MARGIN, d.cpu_noise_secs),
        _ => false,
    };
    let ratio =
        if clearly_slower { format!("{} !", ratio_text(d.cpu_ratio)) } else { ratio_text(d.cpu_ratio) };
    vec![
        thousands(p.size as u64),
        config(&p.floor),
        config(&p.llvm),
        config(&p.fastclif),
        above(d.llvm),
        above(d.fastclif),
        ratio,
        growth_text(d.llvm_cpu_growth),
        growth_text(d.fastclif_cpu_growth),
    ]
}

/// Times above the floor can be slightly negative on a noisy machine; keep the sign.
fn signed_secs(s: f64) -> String {
    if s < 0.0 { format!("-{}", secs(-s)) } else { secs(s) }
}

fn growth_text(g: Option<Growth>) -> String {
    factor_text(g, true)
}

/// A growth factor, in parentheses on a base too small to mean much; with `mark`, `!` when
/// it is too fast.
fn factor_text(g: Option<Growth>, mark: bool) -> String {
    match g {
        None => "–".to_string(),
        Some(g) if !g.significant => format!("({:.2}×)", g.factor),
        Some(g) if mark && g.too_fast() => format!("{:.2}× !", g.factor),
        Some(g) => format!("{:.2}×", g.factor),
    }
}

/// Writes `dir/scaling.md` (header notes, tables, failures); returns its path.
pub fn write(dir: &Path, notes: &[(String, String)], points: &[Point]) -> Result<PathBuf> {
    let mut md = String::from("# fastclif scaling benchmark (`./y.sh bench scaling`)\n\n");
    for (k, v) in notes {
        md.push_str(&format!("- {k}: {v}\n"));
    }
    md.push_str(
        "\nHuge generated functions (build_system/src/bench/scaling/shapes.rs; the sources are in \
         target/bench-work/scaling/), compiled by rustc three ways, repetitions interleaved \
         (floor, LLVM, fastclif, floor, ...). Does compile time and memory stay linear in N?\n\n",
    );
    md.push_str(&tables(points));
    let fails: Vec<String> = points.iter().flat_map(Point::failures).map(|f| format!("- {f}")).collect();
    md.push_str("\n## Failures\n\n");
    md.push_str(&if fails.is_empty() { "none\n".to_string() } else { fails.join("\n") + "\n" });
    let path = dir.join("scaling.md");
    fs::write(&path, md).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn runs_json(r: &Runs) -> Json {
    let m = r.median();
    Json::obj(vec![
        ("seconds", Json::nums(&r.samples.iter().map(|s| s.secs).collect::<Vec<_>>())),
        ("cpu_seconds", Json::nums(&r.samples.iter().map(|s| s.cpu_secs).collect::<Vec<_>>())),
        ("peak_rss_kib", Json::nums(&r.samples.iter().map(|s| s.rss_kb as f64).collect::<Vec<_>>())),
        ("median_seconds", Json::opt_num(m.map(|m| m.secs))),
        ("median_cpu_seconds", Json::opt_num(m.map(|m| m.cpu_secs))),
        ("median_peak_rss_kib", Json::opt_num(m.map(|m| m.rss_kb))),
        ("median_backend_seconds", Json::opt_num(m.and_then(|m| m.backend_secs))),
        ("median_rustc_mir_seconds", Json::opt_num(m.and_then(|m| m.mir_secs))),
        ("error", Json::opt_str(r.error.as_deref())),
    ])
}

/// The `scaling` array of results.json: raw samples, medians and the derived values.
pub fn json(points: &[Point]) -> Json {
    let derived = growth::derive(points);
    let growth = |g: Option<Growth>| Json::opt_num(g.map(|g| g.factor));
    Json::Arr(
        points
            .iter()
            .zip(&derived)
            .map(|(p, d)| {
                Json::obj(vec![
                    ("shape", Json::str(&p.shape)),
                    ("n", Json::Num(p.size as f64)),
                    ("floor", runs_json(&p.floor)),
                    ("llvm", runs_json(&p.llvm)),
                    ("fastclif", runs_json(&p.fastclif)),
                    ("output_error", Json::opt_str(p.output_error.as_deref())),
                    ("llvm_above_floor_seconds", Json::opt_num(d.llvm.map(|a| a.secs))),
                    ("fastclif_above_floor_seconds", Json::opt_num(d.fastclif.map(|a| a.secs))),
                    ("llvm_above_floor_cpu_seconds", Json::opt_num(d.llvm.map(|a| a.cpu_secs))),
                    ("fastclif_above_floor_cpu_seconds", Json::opt_num(d.fastclif.map(|a| a.cpu_secs))),
                    ("llvm_above_floor_rss_kib", Json::opt_num(d.llvm.map(|a| a.rss_kb))),
                    ("fastclif_above_floor_rss_kib", Json::opt_num(d.fastclif.map(|a| a.rss_kb))),
                    ("time_ratio", Json::opt_num(d.time_ratio)),
                    ("cpu_ratio", Json::opt_num(d.cpu_ratio)),
                    ("rss_ratio", Json::opt_num(d.rss_ratio)),
                    ("llvm_time_growth", growth(d.llvm_time_growth)),
                    ("fastclif_time_growth", growth(d.fastclif_time_growth)),
                    ("llvm_cpu_growth", growth(d.llvm_cpu_growth)),
                    ("fastclif_cpu_growth", growth(d.fastclif_cpu_growth)),
                    ("llvm_rss_growth", growth(d.llvm_rss_growth)),
                    ("fastclif_rss_growth", growth(d.fastclif_rss_growth)),
                    ("llvm_backend_growth", growth(d.llvm_backend_growth)),
                    ("fastclif_backend_growth", growth(d.fastclif_backend_growth)),
                    ("rustc_mir_growth", growth(d.mir_growth)),
                    ("llvm_own_growth", growth(d.llvm_own_growth)),
                    ("fastclif_own_growth", growth(d.fastclif_own_growth)),
                    ("marked", Json::Arr(d.flags.iter().map(Json::str).collect())),
                ])
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::growth::Sample;
    use super::*;

    fn runs(secs: f64, rss_mib: u64) -> Runs {
        Runs {
            samples: vec![Sample {
                secs,
                cpu_secs: secs + 0.5,
                rss_kb: rss_mib * 1024,
                backend_secs: Some(secs / 4.0),
                mir_secs: Some(secs / 16.0),
            }],
            error: None,
        }
    }

    fn sample() -> Vec<Point> {
        let mut a = Point::new("calls", 1000);
        (a.floor, a.llvm, a.fastclif) = (runs(1.0, 100), runs(2.0, 300), runs(1.5, 150));
        let mut b = Point::new("calls", 2000);
        (b.floor, b.llvm, b.fastclif) = (runs(2.0, 150), runs(4.0, 500), runs(4.5, 550));
        let mut c = Point::new("lets", 1000);
        (c.floor, c.llvm) = (runs(1.0, 100), runs(2.0, 300));
        c.fastclif.error = Some("exit code 101: boom".into());
        vec![a, b, c]
    }

    #[test]
    fn renders_tables() {
        let t = tables(&sample());
        assert!(t.contains("### calls: `main` calling N distinct"), "{t}");
        assert!(t.contains("### lets: one function"), "{t}");
        assert!(
            t.contains("| 1,000 | 1.00s, 100 MiB | 2.00s, 300 MiB | 1.50s, 150 MiB | 1.00s, +200 MiB | 0.50s, +50 MiB | 0.50× | 0.50× | – | – | – | – |  |"),
            "{t}"
        );
        // fastclif: 2.50 s above the floor after 0.50 s (5x, marked), 400 MiB after 50 MiB.
        assert!(
            t.contains("| 2,000 | 2.00s, 150 MiB | 4.00s, 500 MiB | 4.50s, 550 MiB | 2.00s, +350 MiB | 2.50s, +400 MiB | 1.25× ! | 1.10× ! | 2.00× | 5.00× ! | 1.75× | 8.00× ! | RSS > LLVM; time > LLVM; backend time > LLVM; fastclif time grows 5.00x; fastclif RSS grows 8.00x; fastclif backend's own time grows 3.00x |"),
            "{t}"
        );
        // In-process backend time: a quarter of each run's wall time in this sample, a
        // sixteenth rustc's MIR work; the totals' growth is not marked, the rest's is.
        assert!(
            t.contains("| 2,000 | 1.00s | 1.12s | 1.12× ! | 2.00× | 3.00× | 0.25s, 0.28s | (3.00×) | 2.00× | 3.00× ! |"),
            "{t}"
        );
        assert!(
            t.contains("| 1,000 | 1.00s, 100 MiB | 2.00s, 300 MiB | FAILED | 1.00s, +200 MiB | – |"),
            "{t}"
        );
        assert!(t.contains("growth above 2.3×."), "{t}");
        assert!(t.contains("(by over 2% and by more than the larger"), "{t}");
        // CPU: fastclif 5.0 s - 2.5 s above the floor, LLVM 4.5 s - 2.5 s.
        assert!(
            t.contains("| 2,000 | 2.50s | 4.50s | 5.00s | 2.00s | 2.50s | 1.25× ! | 2.00× | 5.00× ! |"),
            "{t}"
        );
        assert_eq!(growth_text(Some(Growth { factor: 3.0, significant: false })), "(3.00×)");
        assert_eq!(signed_secs(-0.25), "-0.25s");
    }

    #[test]
    fn writes_markdown_and_json() {
        let dir = std::env::temp_dir().join(format!("fastclif-scaling-table-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = write(&dir, &[("commit".into(), "abc".into())], &sample()).unwrap();
        let md = fs::read_to_string(path).unwrap();
        assert!(md.contains("- commit: abc"));
        assert!(md.contains("- scaling lets N=1000 fastclif: exit code 101: boom"));
        let j = json(&sample()).render();
        assert!(j.contains("\"fastclif_time_growth\": 5"), "{j}");
        assert!(j.contains("\"error\": \"exit code 101: boom\""));
        let _ = fs::remove_dir_all(&dir);
    }
}
