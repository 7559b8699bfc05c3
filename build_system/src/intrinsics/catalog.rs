//! Every intrinsic of stdarch's x86 modules with its family, its treatment (`skips.rs`), the
//! immediates it is instantiated with and how it is called, grouped into test programs.

use std::collections::BTreeMap;

use super::emit::{self, Plan};
use super::family;
use super::imm::{self, CONTROL_VALUES, COUNT_VALUES};
use super::skips::{self, Treatment};
use super::stdarch::{Intrinsic, Stdarch};

pub struct Entry {
    pub intrinsic: Intrinsic,
    pub family: String,
    pub treatment: Treatment,
    /// Why the generator cannot call it, if it cannot (an argument or result type it has no
    /// values or printer for, immediates it cannot satisfy).
    pub plan: Result<Plan, String>,
}

impl Entry {
    /// Will a program call it?
    pub fn tested(&self) -> bool {
        self.plan.is_ok() && !matches!(self.treatment, Treatment::NotCalled(_))
    }

    /// Instantiations, the unit of a program's size.
    pub fn cost(&self) -> usize {
        self.plan.as_ref().map_or(0, |p| p.imms.len()) + 1
    }
}

pub struct Catalog {
    pub stdarch: Stdarch,
    pub entries: Vec<Entry>,
}

/// How much of each intrinsic to instantiate.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Immediate tuples per intrinsic.
    pub imms: usize,
    /// Immediate tuples for comparisons, whose predicate immediates (up to 32) are all
    /// worth seeing.
    pub cmp_imms: usize,
}

/// Intrinsics whose immediate is a count or position (`COUNT_VALUES`) rather than a control
/// word (`CONTROL_VALUES`), by a word in their name.
const COUNT_WORDS: &[&str] = &[
    "sll", "srl", "sra", "slli", "srli", "srai", "rol", "ror", "shld", "shrd", "bslli", "bsrli", "alignr",
    "align_", "extract", "insert", "shl", "shr", "_si64", "bextri",
];

impl Catalog {
    pub fn new(stdarch: Stdarch, limits: Limits) -> Catalog {
        let mut entries = Vec::new();
        for i in &stdarch.intrinsics {
            let fam = family::family_of(&i.file, &i.features);
            let treatment = skips::treatment(&i.name, &fam);
            // Custom tests write their own calls; what is not called needs no plan.
            let plan = match treatment {
                Treatment::Custom(..) | Treatment::NotCalled(_) => {
                    Ok(Plan { args: Vec::new(), imms: vec![Vec::new()], prints_result: false })
                }
                _ => choose_imms(&stdarch, i, limits).and_then(|imms| emit::plan(i, imms)),
            };
            entries.push(Entry { intrinsic: i.clone(), family: fam, treatment, plan });
        }
        Catalog { stdarch, entries }
    }

    /// Families in report order, each with its entries (indices), in source order.
    pub fn families(&self) -> Vec<(String, Vec<usize>)> {
        let mut by: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for (n, e) in self.entries.iter().enumerate() {
            by.entry((family::order(&e.family), e.family.clone())).or_default().push(n);
        }
        by.into_iter().map(|((_, f), v)| (f, v)).collect()
    }
}

fn choose_imms(sa: &Stdarch, i: &Intrinsic, limits: Limits) -> Result<Vec<Vec<i128>>, String> {
    if i.consts.is_empty() {
        return Ok(vec![Vec::new()]);
    }
    let f = sa.function(&i.name).ok_or("source not found")?;
    let c = imm::constraints(sa, f, &i.consts)?;
    let lower = i.name.to_ascii_lowercase();
    let preferred = if COUNT_WORDS.iter().any(|w| lower.contains(w)) { COUNT_VALUES } else { CONTROL_VALUES };
    let max = if lower.contains("cmp") { limits.cmp_imms } else { limits.imms };
    imm::choose(&i.consts, &c, max, preferred)
}

impl Catalog {
    /// The emitter's view of `entries` (which must be tested ones).
    pub fn tests(&self, entries: &[usize]) -> Vec<emit::Test<'_>> {
        entries
            .iter()
            .map(|&n| {
                let e = &self.entries[n];
                emit::Test {
                    intrinsic: &e.intrinsic,
                    treatment: e.treatment,
                    plan: e.plan.as_ref().expect("a tested entry has a plan"),
                }
            })
            .collect()
    }
}

/// One generated program: intrinsics of one family that enable the same features.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// File stem, e.g. `avx512f_vl_03`.
    pub id: String,
    pub family: String,
    pub features: Vec<String>,
    pub entries: Vec<usize>,
}

/// Splits the tested entries of `families` into programs of at most `budget` instantiations,
/// one feature set per program (the program checks the CPU for exactly those features).
pub fn chunks(cat: &Catalog, families: &[(String, Vec<usize>)], budget: usize) -> Vec<Chunk> {
    let mut out = Vec::new();
    for (fam, entries) in families {
        let mut groups: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
        for &n in entries {
            let e = &cat.entries[n];
            if !e.tested() {
                continue;
            }
            let mut feats = e.intrinsic.features.clone();
            feats.sort();
            match groups.iter_mut().find(|(f, _)| *f == feats) {
                Some((_, v)) => v.push(n),
                None => groups.push((feats, vec![n])),
            }
        }
        let mut serial = 0;
        for (feats, members) in groups {
            let mut cur: Vec<usize> = Vec::new();
            let mut cost = 0;
            for n in members {
                let c = cat.entries[n].cost();
                if !cur.is_empty() && cost + c > budget {
                    out.push(Chunk {
                        id: format!("{}_{serial:02}", family::slug(fam)),
                        family: fam.clone(),
                        features: feats.clone(),
                        entries: std::mem::take(&mut cur),
                    });
                    serial += 1;
                    cost = 0;
                }
                cost += c;
                cur.push(n);
            }
            if !cur.is_empty() {
                out.push(Chunk {
                    id: format!("{}_{serial:02}", family::slug(fam)),
                    family: fam.clone(),
                    features: feats.clone(),
                    entries: cur,
                });
                serial += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intrinsics::family::{FEATURE_GATES, REQUIRED};

    /// The pinned toolchain's stdarch, if rust-src is installed (the build system's tests run
    /// with that toolchain, from the repository, where rust-toolchain.toml pins it).
    fn real_stdarch() -> Option<Stdarch> {
        let out = std::process::Command::new("rustc").args(["--print", "sysroot"]).output().ok()?;
        let sysroot = std::path::PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        Stdarch::load(&super::super::stdarch::source_root(&sysroot)).ok()
    }

    fn generate_all(cat: &Catalog) -> Vec<String> {
        chunks(cat, &cat.families(), 400)
            .iter()
            .map(|c| {
                let tests = cat.tests(&c.entries);
                emit::program(&c.id, &c.family, &c.features, &tests, "", FEATURE_GATES).source
            })
            .collect()
    }

    #[test]
    fn pinned_stdarch() {
        let Some(sa) = real_stdarch() else {
            println!("no rust-src in the pinned toolchain: nothing to check");
            return;
        };
        let cat = Catalog::new(sa, Limits { imms: 12, cmp_imms: 32 });
        assert!(cat.entries.len() > 6000, "{}", cat.entries.len());
        for fam in REQUIRED {
            assert!(cat.entries.iter().any(|e| e.family == *fam), "no intrinsic in {fam}");
        }
        for e in &cat.entries {
            assert_ne!(e.family, "OTHER", "{} has no family", e.intrinsic.name);
            if family::is_required(&e.family) {
                assert!(e.plan.is_ok(), "{}: {:?}", e.intrinsic.name, e.plan.as_ref().err());
            }
        }
        // The reference cache keys on the program text: the same stdarch must give the same
        // programs.
        let again = Catalog::new(real_stdarch().unwrap(), Limits { imms: 12, cmp_imms: 32 });
        assert!(generate_all(&cat) == generate_all(&again), "generation is not deterministic");
    }
}
