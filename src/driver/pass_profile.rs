//! Cranelift's per-pass timings (lowering, register allocation, emission, ...) reported as
//! `-Zself-profile` activities, so that a profile separates the phases inside "compile CLIF".

use std::any::Any;

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::settings::RegallocAlgorithm;
use cranelift_codegen::timing::{self, Pass, Profiler};
use rustc_data_structures::profiling::{SelfProfilerRef, TimingGuard};

/// Installs the adapter on this worker thread while it lives; restores the previous profiler
/// when dropped. Does nothing when self-profiling is off.
pub struct PassProfileScope {
    previous: Option<Box<dyn Profiler>>,
}

impl PassProfileScope {
    pub fn install(prof: &SelfProfilerRef, isa: &dyn TargetIsa) -> Self {
        if !prof.enabled() {
            return PassProfileScope { previous: None };
        }
        let adapter = SelfProfileAdapter { prof: prof.clone(), regalloc_label: regalloc_label(isa) };
        PassProfileScope { previous: Some(timing::set_thread_profiler(Box::new(adapter))) }
    }
}

impl Drop for PassProfileScope {
    fn drop(&mut self) {
        if let Some(previous) = self.previous.take() {
            // Dropping the adapter here releases its handle on the session's profiler.
            drop(timing::set_thread_profiler(previous));
        }
    }
}

/// The register allocation activity names the allocator that ran.
fn regalloc_label(isa: &dyn TargetIsa) -> &'static str {
    match (isa.flags().regalloc_algorithm(), regalloc2::single_pass_engine()) {
        (RegallocAlgorithm::Backtracking, _) => "clif: register allocation (ion)",
        (RegallocAlgorithm::SinglePass, regalloc2::SinglePassEngine::Fastclif) => {
            "clif: register allocation (fastclif)"
        }
        (RegallocAlgorithm::SinglePass, regalloc2::SinglePassEngine::Upstream) => {
            "clif: register allocation (upstream fastalloc)"
        }
    }
}

struct SelfProfileAdapter {
    prof: SelfProfilerRef,
    regalloc_label: &'static str,
}

/// An open activity. `guard` borrows `*_prof`, which lives on the heap and is declared after
/// `guard`, so it outlives it (fields drop in declaration order).
struct OpenPass {
    _guard: TimingGuard<'static>,
    _prof: Box<SelfProfilerRef>,
}

impl Profiler for SelfProfileAdapter {
    fn start_pass(&self, pass: Pass) -> Box<dyn Any> {
        let label = if pass == Pass::regalloc { self.regalloc_label } else { pass.description() };
        let prof = Box::new(self.prof.clone());
        let guard = prof.generic_activity(label);
        // SAFETY: the guard only borrows the boxed `SelfProfilerRef`, whose heap address does
        // not change when the box moves into `OpenPass`, and `OpenPass` drops the guard first.
        let guard = unsafe { std::mem::transmute::<TimingGuard<'_>, TimingGuard<'static>>(guard) };
        Box::new(OpenPass { _guard: guard, _prof: prof })
    }
}
