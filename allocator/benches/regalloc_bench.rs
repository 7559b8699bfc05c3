//! Compare fastclif's allocator with upstream's `fastalloc` and Ion on a
//! corpus of generated functions: time per allocator and the moves each one
//! inserts (spills = register to stack, reloads = stack to register,
//! moves = register to register).
//!
//! `cargo bench -p regalloc2@0.15.3 --bench regalloc_bench`
//! Env: `FASTCLIF_BENCH_FUNCS` (default 3000), `FASTCLIF_BENCH_ROUNDS` (5),
//! `FASTCLIF_BENCH_ONLY` (run one allocator, or `none`; handy with
//! `perf stat -e instructions` on a busy machine, where wall time is noisy),
//! `FASTCLIF_BENCH_CORPUS` (`fuzz`, `real`, default both),
//! `FASTCLIF_BENCH_REAL` (a `.jsonl` captured with `FASTCLIF_DUMP_REGALLOC`;
//! default `allocator/corpus/tests_programs.jsonl`).

#[path = "../tests/common/mod.rs"]
mod common;

use regalloc2::{Algorithm, Ctx, Edit, Function, MachineEnv, Output, RegallocOptions, SinglePassEngine};
use std::time::{Duration, Instant};

#[derive(Default, Debug, Clone, Copy)]
struct Quality {
    spills: usize,
    reloads: usize,
    moves: usize,
    slots: usize,
}

fn quality(out: &Output, env: &MachineEnv, q: &mut Quality) {
    let is_stack = |a: regalloc2::Allocation| {
        a.is_stack() || a.as_reg().is_some_and(|r| env.fixed_stack_slots.contains(&r))
    };
    for (_, e) in &out.edits {
        let Edit::Move { from, to } = e;
        match (is_stack(*from), is_stack(*to)) {
            (false, true) => q.spills += 1,
            (true, false) => q.reloads += 1,
            _ => q.moves += 1,
        }
    }
    q.slots += out.num_spillslots;
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Time the three allocators over `corpus` (each function with its machine)
/// and print one line each plus the speedups.
fn run_corpus<F: Function>(label: &str, corpus: &[(&F, &MachineEnv)], rounds: usize) {
    let insts: usize = corpus.iter().map(|(f, _)| f.num_insts()).sum();
    println!("{label} corpus: {} functions, {} instructions, {} rounds", corpus.len(), insts, rounds);

    let only = std::env::var("FASTCLIF_BENCH_ONLY").ok();
    struct Contender {
        name: &'static str,
        engine: SinglePassEngine,
        opts: RegallocOptions,
        ctx: Ctx,
        best: Duration,
        quality: Quality,
    }
    let mut contenders: Vec<Contender> = [
        ("fastclif", Algorithm::Fastalloc, SinglePassEngine::Fastclif),
        ("upstream-fastalloc", Algorithm::Fastalloc, SinglePassEngine::Upstream),
        ("upstream-ion", Algorithm::Ion, SinglePassEngine::Fastclif),
    ]
    .into_iter()
    .filter(|(name, ..)| only.as_deref().is_none_or(|o| o == *name))
    .map(|(name, algorithm, engine)| Contender {
        name,
        engine,
        opts: RegallocOptions { algorithm, ..Default::default() },
        ctx: Ctx::default(),
        best: Duration::MAX,
        quality: Quality::default(),
    })
    .collect();
    // Rounds are interleaved (each round runs every allocator once) so that a
    // slow phase of a shared machine hits all of them alike. The order turns
    // from round to round: whoever runs first in a round finds the caches
    // filled by the previous round's last allocator, and that should not
    // always be the same one.
    let n = contenders.len();
    for round in 0..rounds {
        for k in 0..n {
            let c = &mut contenders[(round + k) % n];
            regalloc2::set_single_pass_engine(c.engine);
            let t = Instant::now();
            for &(f, env) in corpus {
                let out = regalloc2::run_with_ctx(f, env, &c.opts, &mut c.ctx).expect("allocation");
                if round == 0 {
                    quality(out, env, &mut c.quality);
                }
            }
            c.best = c.best.min(t.elapsed());
        }
    }
    let mut results = Vec::new();
    for c in &contenders {
        let q = c.quality;
        println!(
            "{:>20}: {:>9.2?} best round ({:>6.1} ns/inst) | spills {:>8} reloads {:>8} moves {:>8} total {:>8} slots {:>7}",
            c.name,
            c.best,
            c.best.as_nanos() as f64 / insts as f64,
            q.spills,
            q.reloads,
            q.moves,
            q.spills + q.reloads + q.moves,
            q.slots
        );
        results.push((c.name, c.best));
    }
    regalloc2::set_single_pass_engine(SinglePassEngine::Fastclif);
    if results.len() < 2 || results[0].0 != "fastclif" {
        return;
    }
    let ours = results[0].1.as_secs_f64();
    for (name, t) in &results[1..] {
        println!("speedup of fastclif over {name}: {:.2}x", t.as_secs_f64() / ours);
    }
}

/// Functions captured from real code with `FASTCLIF_DUMP_REGALLOC` (one JSON
/// `SerializableFunction` per line).
fn load_real(path: &str) -> Vec<regalloc2::serialize::SerializableFunction> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.is_empty()).map(|l| serde_json::from_str(l).expect("corpus line")).collect()
}

fn main() {
    let want = env_usize("FASTCLIF_BENCH_FUNCS", 3000);
    let rounds = env_usize("FASTCLIF_BENCH_ROUNDS", 5);
    let which = std::env::var("FASTCLIF_BENCH_CORPUS").unwrap_or_default();
    if which != "real" {
        let env = common::envs().remove(0).1;
        let mut buf = Vec::new();
        let mut funcs = Vec::new();
        let mut case = 0;
        while funcs.len() < want {
            case += 1;
            if let Some(f) = common::gen_func(0xbe9c, case, &mut buf) {
                funcs.push(f);
            }
        }
        let corpus: Vec<_> = funcs.iter().map(|f| (f, &env)).collect();
        run_corpus("fuzz", &corpus, rounds);
    }
    if which != "fuzz" {
        let path = std::env::var("FASTCLIF_BENCH_REAL").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/tests_programs.jsonl").to_string()
        });
        let funcs = load_real(&path);
        let corpus: Vec<_> = funcs.iter().map(|f| (f, f.machine_env())).collect();
        run_corpus("real", &corpus, rounds.max(20));
    }
}
