//! Huge functions are compiled once rustc has let go of its front end.
//!
//! rustc keeps the type context (its arenas, the MIR of every function, the mapped metadata of
//! every dependency) alive until `codegen_crate` has returned and its own bookkeeping is done;
//! only then does it drop it and call `join_codegen`. A worker that compiles a function of tens
//! of thousands of instructions in that window stacks Cranelift's memory for it (machine
//! instructions, allocation state) on top of everything the front end still holds: for
//! generated code (one function with 5,000 calls) that is the process's peak. Waiting for the
//! release moves that compilation below the front end's memory instead of on top of it.
//!
//! Waiting is only safe when rustc's main thread can no longer be waiting for the worker.
//! The scheduler lends the main thread's job token to workers and blocks before translating
//! each unit until it gets it back, so a worker must never wait while units remain to be handed
//! out. `UnitCount` marks the last unit of a crate that translates every unit, one at a time
//! on the main thread (no reused units, no `-Zthreads` batches): after it, the scheduler's loop
//! has ended and nothing on the main thread waits for a worker before the release.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Functions with more CLIF instructions than this wait for the release (when their unit is
/// the last one). The scaling benchmark's huge functions have 15,000 (`calls` at 5,000) to
/// 56,000; the largest function of regex-automata 0.4.8 has 2,205, so ordinary crates never
/// wait.
const WAITS_FOR_FRONT_END: usize = 10_000;

/// Whether `func` is big enough to wait for the release. `num_insts` (every instruction ever
/// made) bounds the layout's count from above, so only functions that may be huge are walked.
pub fn waits_for_release(func: &cranelift_codegen::ir::Function) -> bool {
    func.dfg.num_insts() > WAITS_FOR_FRONT_END && crate::stats::instruction_count(func) > WAITS_FOR_FRONT_END
}

/// The longest a worker waits. The release normally comes within a fraction of a second of
/// the last unit; this only bounds what an unforeseen path (one that never joins nor drops
/// the running codegen) would cost: a late compilation instead of a hung rustc.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// Set once rustc no longer holds its front end's memory, or codegen has failed.
#[derive(Default)]
pub struct FrontEndRelease {
    released: Mutex<bool>,
    wake: Condvar,
}

impl FrontEndRelease {
    pub fn release(&self) {
        *self.released.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.wake.notify_all();
    }

    pub fn wait(&self) {
        let released = self.released.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self.wake.wait_timeout_while(released, LONGEST_WAIT, |released| !*released);
    }
}

/// Held by a worker while it compiles a unit: if the unit fails (a fatal error unwinds the
/// worker), the release comes at once. rustc's main thread stops on that error and drops the
/// running codegen inside rustc_codegen_ssa, whose drop joins every worker, the waiting one
/// included, before our handle could release it.
pub struct ReleaseOnFailure(pub Arc<FrontEndRelease>);

impl Drop for ReleaseOnFailure {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.release();
        }
    }
}

/// Counts the units the scheduler has had translated, to recognise the last one.
#[derive(Default)]
pub struct UnitCount {
    handed_out: AtomicUsize,
}

impl UnitCount {
    /// Call once per unit translated in the scheduler's loop; true for the unit after which
    /// the loop is over. `total` is the number of codegen units of the crate; when some are
    /// reused the count never reaches it, and with `-Zthreads` the caller does not ask.
    pub fn is_last(&self, total: usize) -> bool {
        self.handed_out.fetch_add(1, Ordering::Relaxed) + 1 == total
    }
}

/// The scheduler's handle on the running codegen, which releases waiting workers when rustc
/// joins it or drops it (an error after `codegen_crate`).
pub struct Ongoing<T> {
    codegen: Option<T>,
    front_end: Arc<FrontEndRelease>,
}

impl<T> Ongoing<T> {
    pub fn new(codegen: T, front_end: Arc<FrontEndRelease>) -> Self {
        Ongoing { codegen: Some(codegen), front_end }
    }

    /// rustc has dropped its type context: let the workers go on, and hand over the codegen
    /// to be joined.
    pub fn into_codegen(mut self) -> T {
        self.front_end.release();
        self.codegen.take().expect("taken only here, which consumes the handle")
    }
}

impl<T> Drop for Ongoing<T> {
    fn drop(&mut self) {
        self.front_end.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_unit_is_the_one_that_reaches_the_total() {
        let count = UnitCount::default();
        assert!(!count.is_last(3));
        assert!(!count.is_last(3));
        assert!(count.is_last(3));
        assert!(!count.is_last(3));
    }

    #[test]
    fn waiting_worker_wakes_when_the_handle_is_dropped() {
        let release = Arc::new(FrontEndRelease::default());
        let handle = Ongoing::new((), release.clone());
        let worker = std::thread::spawn(move || release.wait());
        drop(handle);
        worker.join().unwrap();
    }

    #[test]
    fn a_failing_unit_releases_the_waiting_one() {
        let release = Arc::new(FrontEndRelease::default());
        let waiting = {
            let release = release.clone();
            std::thread::spawn(move || release.wait())
        };
        let failing = {
            let release = release.clone();
            std::thread::spawn(move || {
                let _guard = ReleaseOnFailure(release);
                panic!("the unit's compilation failed");
            })
        };
        assert!(failing.join().is_err());
        waiting.join().unwrap();
    }

    #[test]
    fn a_unit_that_succeeds_releases_nothing() {
        let release = Arc::new(FrontEndRelease::default());
        drop(ReleaseOnFailure(release.clone()));
        assert!(!*release.released.lock().unwrap());
    }

    #[test]
    fn joining_releases_before_handing_over() {
        let release = Arc::new(FrontEndRelease::default());
        let handle = Ongoing::new(7, release.clone());
        assert_eq!(handle.into_codegen(), 7);
        release.wait();
    }
}
