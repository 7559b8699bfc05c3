//! Progress lines of `./y.sh bench`: one per measurement, counted against the planned total.

use std::io::Write as _;

/// `[3/24] fastclif-ion regex-user rep 2 ... 4.21s` lines.
pub struct Progress {
    done: usize,
    total: usize,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress { done: 0, total }
    }
    pub fn add(&mut self, n: usize) {
        self.total += n;
    }
    pub fn start(&mut self, label: &str) {
        self.done += 1;
        let mut out = std::io::stdout();
        let _ = write!(out, "[{}/{}] {label} ... ", self.done, self.total);
        let _ = out.flush();
    }
    pub fn finish(&self, result: &str) {
        println!("{result}");
    }
    pub fn skip(&mut self, label: &str) {
        self.start(label);
        self.finish("skipped (failed before)");
    }
}
