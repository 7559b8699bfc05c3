//! `-Zprint-codegen-stats` and `-Zprint-codegen-stats-json`: how much MIR the backend
//! translated this session, how much CLIF that became, and how much machine code came out.
//!
//! rustc asks the backend for its statistics once, after every codegen unit is joined
//! (`CodegenBackend::print_statistics`), while translation and compilation run on several
//! threads; the counters are therefore process-wide atomics. They are only written when
//! [`enable`] was called, so a normal build pays one relaxed load per function.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// One counted quantity: its key in the JSON output, its label in the text output.
#[derive(Clone, Copy)]
pub enum Counter {
    FunctionsTranslated,
    MirBlocks,
    MirStatements,
    ClifBlocksTranslated,
    ClifInstsTranslated,
    FunctionsCompiled,
    ClifBlocksCompiled,
    ClifInstsCompiled,
    SlotAccessesPromoted,
    CodeBytes,
}

const COUNTERS: [Counter; 10] = [
    Counter::FunctionsTranslated,
    Counter::MirBlocks,
    Counter::MirStatements,
    Counter::ClifBlocksTranslated,
    Counter::ClifInstsTranslated,
    Counter::FunctionsCompiled,
    Counter::ClifBlocksCompiled,
    Counter::ClifInstsCompiled,
    Counter::SlotAccessesPromoted,
    Counter::CodeBytes,
];

static VALUES: [AtomicU64; COUNTERS.len()] = [const { AtomicU64::new(0) }; COUNTERS.len()];

impl Counter {
    fn key(self) -> &'static str {
        match self {
            Counter::FunctionsTranslated => "functions_translated",
            Counter::MirBlocks => "mir_blocks",
            Counter::MirStatements => "mir_statements",
            Counter::ClifBlocksTranslated => "clif_blocks_translated",
            Counter::ClifInstsTranslated => "clif_instructions_translated",
            Counter::FunctionsCompiled => "functions_compiled",
            Counter::ClifBlocksCompiled => "clif_blocks_compiled",
            Counter::ClifInstsCompiled => "clif_instructions_compiled",
            Counter::SlotAccessesPromoted => "slot_accesses_promoted",
            Counter::CodeBytes => "machine_code_bytes",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Counter::FunctionsTranslated => "functions translated from MIR",
            Counter::MirBlocks => "reachable MIR blocks (one terminator each)",
            Counter::MirStatements => "MIR statements in those blocks",
            Counter::ClifBlocksTranslated => "CLIF blocks after translation",
            Counter::ClifInstsTranslated => "CLIF instructions after translation",
            Counter::FunctionsCompiled => "functions compiled by Cranelift",
            Counter::ClifBlocksCompiled => {
                "CLIF blocks handed to Cranelift (after inlining and block fusing)"
            }
            Counter::ClifInstsCompiled => "CLIF instructions handed to Cranelift (and after slot promotion)",
            Counter::SlotAccessesPromoted => {
                "stack slot loads and stores turned into SSA values (optimized builds)"
            }
            Counter::CodeBytes => "machine code bytes",
        }
    }
}

/// Starts counting; called at session start when either flag is given.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The instructions in `func`'s layout: the size these statistics count, and the one inlining
/// and the front-end wait (`driver`) measure functions by.
pub fn instruction_count(func: &cranelift_codegen::ir::Function) -> usize {
    func.layout.blocks().map(|block| func.layout.block_insts(block).count()).sum()
}

/// Adds the blocks and instructions of `func`'s layout to the two counters.
pub fn add_clif_size(func: &cranelift_codegen::ir::Function, blocks: Counter, insts: Counter) {
    add(blocks, func.layout.blocks().count());
    add(insts, instruction_count(func));
}

pub fn add(counter: Counter, amount: usize) {
    VALUES[counter as usize].fetch_add(amount as u64, Ordering::Relaxed);
}

fn value(counter: Counter) -> u64 {
    VALUES[counter as usize].load(Ordering::Relaxed)
}

fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 { 0.0 } else { numerator as f64 / denominator as f64 }
}

/// MIR statements plus terminators: the unit the CLIF-per-MIR ratio is taken over.
fn mir_operations() -> u64 {
    value(Counter::MirStatements) + value(Counter::MirBlocks)
}

/// The ratios a reader wants next to the raw counts.
fn derived() -> [(&'static str, &'static str, f64); 3] {
    [
        (
            "clif_instructions_per_mir_operation",
            "CLIF instructions per MIR statement or terminator",
            ratio(value(Counter::ClifInstsTranslated), mir_operations()),
        ),
        (
            "clif_instructions_per_function",
            "CLIF instructions per translated function",
            ratio(value(Counter::ClifInstsTranslated), value(Counter::FunctionsTranslated)),
        ),
        (
            "machine_code_bytes_per_function",
            "machine code bytes per compiled function",
            ratio(value(Counter::CodeBytes), value(Counter::FunctionsCompiled)),
        ),
    ]
}

/// The `-Zprint-codegen-stats` report. Codegen units that incremental compilation reused
/// were neither translated nor compiled, so they are not counted.
pub fn text() -> String {
    let mut out = String::from("fastclif codegen statistics (codegen units built in this session)\n");
    for counter in COUNTERS {
        let _ = writeln!(out, "{:>14}  {}", value(counter), counter.label());
    }
    for (_, label, value) in derived() {
        let _ = writeln!(out, "{value:>14.2}  {label}");
    }
    out
}

/// The `-Zprint-codegen-stats-json` file: one flat object, names prefixed with the backend's.
pub fn json() -> String {
    let mut fields: Vec<String> =
        COUNTERS.iter().map(|&c| format!("  \"fastclif.{}\": {}", c.key(), value(c))).collect();
    fields.extend(derived().iter().map(|(key, _, value)| format!("  \"fastclif.{key}\": {value:.4}")));
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}
