//! Real functions: every allocation problem in the captured corpus
//! (`allocator/corpus/*.jsonl`, written by `FASTCLIF_DUMP_REGALLOC` while
//! fastclif compiled real programs) is allocated by fastclif's allocator and
//! verified by regalloc2's symbolic checker.
//!
//! `FASTCLIF_CORPUS=FILE[:FILE..]` checks other captures instead (for
//! example a fresh dump of a crate that failed).

use regalloc2::checker::Checker;
use regalloc2::serialize::SerializableFunction;
use regalloc2::{Function, Output};
use std::path::PathBuf;

fn corpus_files() -> Vec<PathBuf> {
    if let Ok(list) = std::env::var("FASTCLIF_CORPUS") {
        return std::env::split_paths(&list).collect();
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("allocator/corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Prints a function with its allocation, for `FASTCLIF_CORPUS_SHOW=LINE`.
fn show(f: &impl Function, out: &Output) {
    let mut edits = out.edits.iter().peekable();
    for b in 0..f.num_blocks() {
        let b = regalloc2::Block::new(b);
        eprintln!(
            "block{} params {:?} preds {:?} succs {:?}",
            b.index(),
            f.block_params(b),
            f.block_preds(b),
            f.block_succs(b)
        );
        for i in f.block_insns(b).iter() {
            while let Some((at, e)) = edits.next_if(|(at, _)| *at <= regalloc2::ProgPoint::before(i)) {
                eprintln!("    {at:?} {e:?}");
            }
            let allocs = out.inst_allocs(i);
            let ops: Vec<String> =
                f.inst_operands(i).iter().zip(allocs).map(|(o, a)| format!("{o} => {a}")).collect();
            let clob = f.inst_clobbers(i);
            eprintln!("  inst{} {} clobbers {clob}", i.index(), ops.join(", "));
            if f.is_branch(i) {
                for k in 0..f.block_succs(b).len() {
                    eprintln!("    args to succ {k}: {:?}", f.branch_blockparams(b, i, k));
                }
            }
            while let Some((at, e)) = edits.next_if(|(at, _)| *at <= regalloc2::ProgPoint::after(i)) {
                eprintln!("    {at:?} {e:?}");
            }
        }
    }
}

#[test]
fn captured_functions_pass_checker() {
    let show_line: Option<usize> = std::env::var("FASTCLIF_CORPUS_SHOW").ok().and_then(|s| s.parse().ok());
    let mut out = Output::default();
    let (mut checked, mut insts) = (0usize, 0usize);
    let mut failures = Vec::new();
    for path in corpus_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (line_no, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let func: SerializableFunction = match serde_json::from_str(line) {
                Ok(f) => f,
                // A capture cut short by a killed process ends in a partial line.
                Err(_) if line_no + 1 == text.lines().count() => continue,
                Err(e) => panic!("{}:{}: {e}", path.display(), line_no + 1),
            };
            let env = func.machine_env().clone();
            insts += func.num_insts();
            checked += 1;
            let place = format!("{}:{}", path.display(), line_no + 1);
            match regalloc2::run_fastclif(&func, &env, &mut out) {
                Ok(()) => {
                    if show_line == Some(line_no + 1) {
                        show(&func, &out);
                    }
                    let mut checker = Checker::new(&func, &env);
                    checker.prepare(&out);
                    if let Err(e) = checker.run() {
                        failures.push(format!("{place}: checker: {e:?}"));
                    }
                }
                Err(e) => failures.push(format!("{place}: error {e:?}")),
            }
        }
    }
    eprintln!("corpus_checker: {checked} functions ({insts} insts), {} failures", failures.len());
    assert!(checked > 0, "empty corpus");
    if !failures.is_empty() {
        panic!("{} failing function(s):\n{}", failures.len(), failures[..failures.len().min(10)].join("\n"));
    }
}
