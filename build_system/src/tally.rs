//! The one place that decides how a test result is printed (`ok   name` / `FAIL name: reason`)
//! and counted, so that every suite reports in the same format.

use crate::util::Result;

#[derive(Default)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    /// Failures listed as expected (real crates with `expect = "fail"`); they are counted in
    /// `failed` but do not make the run fail.
    pub expected_failures: usize,
}

impl Tally {
    pub fn pass(&mut self, name: &str) {
        self.passed += 1;
        println!("ok   {name}");
    }
    pub fn fail(&mut self, name: &str, reason: &str) {
        self.failed += 1;
        println!("FAIL {name}: {reason}");
    }
    pub fn fail_expected(&mut self, name: &str, reason: &str, why_expected: &str) {
        self.failed += 1;
        self.expected_failures += 1;
        println!("FAIL {name} (expected: {why_expected}): {reason}");
    }
    pub fn record(&mut self, name: &str, result: Result) {
        match result {
            Ok(()) => self.pass(name),
            Err(reason) => self.fail(name, &reason),
        }
    }
}
