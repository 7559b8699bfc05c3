//! SVG bar charts for the report, drawn with `plotters` (SVG backend only).

use std::path::Path;

use plotters::prelude::*;

use super::callgrind::PHASES;
use super::results::{Cell, Results};

/// One group of bars per benchmark (or configuration); one bar per series in each group.
/// `None` values (failed cells) leave a gap.
pub struct BarChart<'a> {
    pub title: &'a str,
    pub y_label: &'a str,
    pub groups: Vec<String>,
    pub series: Vec<(String, Vec<Option<f64>>)>,
}

const COLORS: &[RGBColor] = &[
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0xb0, 0x7a, 0xa1),
];

impl BarChart<'_> {
    pub fn draw(&self, path: &Path) -> Result<(), String> {
        self.try_draw(path).map_err(|e| format!("cannot draw {}: {e}", path.display()))
    }

    fn try_draw(&self, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
        let n = self.groups.len().max(1);
        let width = (160 * n as u32).clamp(640, 1400);
        let root = SVGBackend::new(path, (width, 420)).into_drawing_area();
        root.fill(&WHITE)?;
        let top = self.series.iter().flat_map(|(_, v)| v.iter().flatten()).fold(0.0f64, |a, b| a.max(*b));
        let top = if top > 0.0 { top * 1.15 } else { 1.0 };
        let mut chart = ChartBuilder::on(&root)
            .caption(self.title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..n as f64, 0f64..top)?;
        chart.configure_mesh().disable_x_mesh().x_labels(0).y_desc(self.y_label).draw()?;
        let k = self.series.len().max(1) as f64;
        let bar = 0.8 / k;
        for (si, (name, values)) in self.series.iter().enumerate() {
            let color = COLORS[si % COLORS.len()];
            let bars = values.iter().enumerate().filter_map(|(gi, v)| {
                let x0 = gi as f64 + 0.1 + si as f64 * bar;
                v.map(|v| Rectangle::new([(x0, 0.0), (x0 + bar * 0.92, v)], color.filled()))
            });
            chart
                .draw_series(bars)?
                .label(name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
        }
        let labels = self.groups.iter().enumerate().map(|(gi, g)| {
            EmptyElement::at((gi as f64 + 0.5, 0.0))
                + Text::new(g.clone(), (-(g.len() as i32) * 3, 6), ("sans-serif", 13))
        });
        chart.draw_series(labels)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        root.present()?;
        Ok(())
    }
}

/// Medians relative to a baseline configuration (LLVM if present), one group per benchmark.
fn relative_chart<'a>(title: &'a str, cells: &[Cell], configs: &[String]) -> (BarChart<'a>, String) {
    let baseline = if configs.iter().any(|c| c == "llvm") { "llvm".to_string() } else { configs[0].clone() };
    let mut groups: Vec<String> = Vec::new();
    for c in cells {
        if !groups.contains(&c.bench) {
            groups.push(c.bench.clone());
        }
    }
    let median =
        |b: &str, c: &str| cells.iter().find(|x| x.bench == b && x.config == c).and_then(Cell::median);
    let series = configs
        .iter()
        .map(|c| {
            let vals =
                groups.iter().map(|g| super::stats::ratio(median(g, c), median(g, &baseline))).collect();
            (c.clone(), vals)
        })
        .collect();
    let chart = BarChart { title, y_label: "", groups, series };
    (chart, format!("median time / {baseline}"))
}

/// Draws the charts that have data; returns (title, file name) pairs for the report.
pub fn write_all(dir: &Path, results: &Results) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut emit = |chart: &BarChart, file: &str| match chart.draw(&dir.join(file)) {
        Ok(()) => out.push((chart.title.to_string(), file.to_string())),
        Err(e) => println!("warning: {e}"),
    };
    let configs = &results.configs;
    if !results.compile.is_empty() && !configs.is_empty() {
        let (mut c, label) = relative_chart("Compile time (lower is better)", &results.compile, configs);
        c.y_label = &label;
        emit(&c, "compile.svg");
    }
    if !results.runtime.is_empty() && !configs.is_empty() {
        let (mut c, label) =
            relative_chart("Run time of generated code (lower is better)", &results.runtime, configs);
        c.y_label = &label;
        emit(&c, "runtime.svg");
    }
    let cg: Vec<_> = results.callgrind.iter().filter(|r| r.error.is_none()).collect();
    if !cg.is_empty() {
        let millions = |v: Option<u64>| v.map(|v| v as f64 / 1e6);
        let mut series = vec![("rustc total".to_string(), cg.iter().map(|r| millions(r.total)).collect())];
        for (i, (name, _)) in PHASES.iter().enumerate() {
            series.push((name.to_string(), cg.iter().map(|r| millions(r.phases[i])).collect()));
        }
        let c = BarChart {
            title: "Instructions of the final rustc (callgrind)",
            y_label: "million instructions",
            groups: cg.iter().map(|r| r.config.clone()).collect(),
            series,
        };
        emit(&c, "callgrind.svg");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_svg() {
        let path = std::env::temp_dir().join(format!("fastclif-chart-{}.svg", std::process::id()));
        let c = BarChart {
            title: "t",
            y_label: "y",
            groups: vec!["a".into(), "b".into()],
            series: vec![("s1".into(), vec![Some(1.0), None]), ("s2".into(), vec![Some(0.5), Some(2.0)])],
        };
        c.draw(&path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("s2"));
        let _ = std::fs::remove_file(&path);
    }
}
