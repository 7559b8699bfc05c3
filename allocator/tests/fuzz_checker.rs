//! Random functions from regalloc2's own generator, allocated by fastclif's
//! allocator and verified by regalloc2's symbolic checker.
//!
//! Default: 20,000 checked functions, spread over three machine variants
//! (deterministic seed; the generator rejects many byte strings, those do
//! not count).
//! Long run: `FASTCLIF_FUZZ_CASES=1000000 cargo test -p regalloc2@0.15.3
//! --release --test fuzz_checker -- --nocapture`. `FASTCLIF_FUZZ_SEED`
//! picks another seed; `FASTCLIF_FUZZ_SKIP=N` starts after the first N
//! generator cases (to split a long run into shards); `--nocapture` shows a
//! progress line every 50,000 checked functions.
//!
//! Every run also prints a digest of all allocation outputs. With
//! `FASTCLIF_FUZZ_NO_CHECK=1` the checker is skipped and only the digest is
//! computed (seconds instead of hours): an allocator change meant to keep
//! every decision (a speed-up, a refactor) must print the same digest as the
//! revision it replaces, and then inherits that revision's long checked runs
//! over the same cases.

mod common;

use regalloc2::checker::Checker;
use regalloc2::{Function, Output};
use std::hash::{Hash, Hasher};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

#[test]
fn random_functions_pass_checker() {
    let cases = env_u64("FASTCLIF_FUZZ_CASES", 20_000);
    let seed = env_u64("FASTCLIF_FUZZ_SEED", 0x5eed_fa57_c11f);
    let envs = common::envs();
    let mut buf = Vec::new();
    let mut out = Output::default();
    let mut checked = 0u64;
    let mut skipped = 0u64;
    let mut failures = Vec::new();
    let mut insts = 0usize;
    let mut debug_points = 0usize;
    let skip = env_u64("FASTCLIF_FUZZ_SKIP", 0);
    let check = env_u64("FASTCLIF_FUZZ_NO_CHECK", 0) == 0;
    let mut digest = std::hash::DefaultHasher::new();
    let mut case = skip;
    while checked < cases && case - skip < cases.saturating_mul(20) {
        case += 1;
        let Some(func) = common::gen_func(seed, case, &mut buf) else {
            skipped += 1;
            continue;
        };
        let (name, env) = &envs[(case % envs.len() as u64) as usize];
        insts += func.num_insts();
        let result = regalloc2::run_fastclif(&func, env, &mut out);
        case.hash(&mut digest);
        format!(
            "{result:?} {:?} {:?} {} {:?}",
            out.allocs, out.edits, out.num_spillslots, out.debug_locations
        )
        .hash(&mut digest);
        match result {
            Ok(()) if !check => {}
            Ok(()) => {
                let mut checker = Checker::new(&func, env);
                checker.prepare(&out);
                if let Err(e) = checker.run() {
                    failures.push(format!("case {case} env {name}: checker: {e:?}\n{func:?}"));
                }
                match common::verify_debug_locations(&func, &out) {
                    Ok(n) => debug_points += n,
                    Err(e) => failures.push(format!("case {case} env {name}: debug info: {e}\n{func:?}")),
                }
            }
            Err(e) => failures.push(format!("case {case} env {name}: error {e:?}\n{func:?}")),
        }
        checked += 1;
        if checked.is_multiple_of(50_000) {
            eprintln!(
                "fuzz_checker: {checked} checked (last case {case}), {} failures so far",
                failures.len()
            );
        }
        if failures.len() >= 3 {
            break;
        }
    }
    eprintln!(
        "fuzz_checker: seed {seed:#x}: {checked} functions {} ({insts} insts), \
         {skipped} generator rejects, {debug_points} debug-location points verified, {} failures; \
         output digest {:016x}",
        if check { "checked" } else { "allocated (checker off)" },
        failures.len(),
        digest.finish()
    );
    if let Some(first) = failures.first() {
        panic!("{} failing case(s); first:\n{first}", failures.len());
    }
}

/// Guard against a vacuous checker run: dropping our moves or scrambling an
/// operand location must be caught.
#[test]
fn checker_catches_broken_output() {
    let envs = common::envs();
    let env = &envs[0].1;
    let mut buf = Vec::new();
    let mut out = Output::default();
    let (mut tried, mut caught) = (0, 0);
    for case in 0..2000u64 {
        let Some(func) = common::gen_func(7, case, &mut buf) else {
            continue;
        };
        regalloc2::run_fastclif(&func, env, &mut out).unwrap();
        if out.edits.is_empty() {
            continue;
        }
        let mut broken = out.clone();
        broken.edits.clear();
        tried += 1;
        let mut checker = Checker::new(&func, env);
        checker.prepare(&broken);
        if checker.run().is_err() {
            caught += 1;
        }
        if tried == 50 {
            break;
        }
    }
    eprintln!("checker_catches_broken_output: {caught}/{tried} corrupted outputs rejected");
    assert!(tried > 10 && caught * 10 >= tried * 9);
}
