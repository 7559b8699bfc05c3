//! After warm-up, allocating a function must not touch the heap: all scratch
//! state lives in a reused per-thread context and the output buffers in the
//! caller's `Ctx` only grow when a bigger function arrives.

mod common;

use regalloc2::{Algorithm, Ctx, RegallocOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

fn note() {
    if WATCHING.with(|w| w.get()) {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(p, l, n) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn no_heap_allocation_after_warm_up() {
    let env = common::envs().remove(0).1;
    let mut buf = Vec::new();
    let mut corpus = Vec::new();
    let mut case = 0;
    while corpus.len() < 300 {
        case += 1;
        if let Some(f) = common::gen_func(0xa110c, case, &mut buf) {
            corpus.push(f);
        }
    }
    let opts = RegallocOptions { algorithm: Algorithm::Fastalloc, ..Default::default() };
    let mut ctx = Ctx::default();
    // Warm-up: grows the per-thread context and `ctx.output`.
    for f in &corpus {
        regalloc2::run_with_ctx(f, &env, &opts, &mut ctx).unwrap();
    }
    // The counter itself must work.
    WATCHING.with(|w| w.set(true));
    drop(std::hint::black_box(vec![1u8; 16]));
    WATCHING.with(|w| w.set(false));
    assert_eq!(ALLOCS.load(Ordering::Relaxed), 1);

    ALLOCS.store(0, Ordering::Relaxed);
    WATCHING.with(|w| w.set(true));
    let mut edits = 0;
    for f in corpus.iter().rev() {
        edits += regalloc2::run_with_ctx(f, &env, &opts, &mut ctx).unwrap().edits.len();
    }
    WATCHING.with(|w| w.set(false));
    let n = ALLOCS.load(Ordering::Relaxed);
    assert!(edits > 0);
    assert_eq!(n, 0, "{n} heap allocations while allocating {} warmed-up functions", corpus.len());
}
