//! `./y.sh test architecture`: the source trees keep the structure ARCHITECTURE.md describes.
//! For each tree: every module sits in one of the layers of its `layers <tree>` block and uses
//! no higher layer; no import circle goes through more than two files; and, in the compiler
//! code, no function is longer than [`MAX_FN_LINES`]. Source is read, never compiled: this runs
//! in a second and needs no toolchain.

mod cycles;
mod functions;
mod intrinsic_names;
mod layers;
mod lexer;
mod modules;
mod paths;

use std::fs;
use std::path::Path;

use crate::ctx::Ctx;
use crate::tally::Tally;
use crate::util::Result;
use lexer::Token;
use modules::{Graph, ModPath};

pub const MAX_FN_LINES: usize = 150;

/// A source tree, named by its directory relative to the repository root (the name its
/// `layers` block uses).
pub struct Tree {
    pub dir: &'static str,
    /// Longest function allowed, in lines; `None`: no limit.
    pub max_fn_lines: Option<usize>,
}

pub const TREES: &[Tree] = &[
    Tree { dir: "src", max_fn_lines: Some(MAX_FN_LINES) },
    Tree { dir: "allocator/src", max_fn_lines: Some(MAX_FN_LINES) },
    Tree { dir: "build_system/src", max_fn_lines: None },
];

/// One check of one tree; it passes when nothing was found.
pub struct Check {
    pub name: String,
    pub problems: Vec<String>,
}

pub fn run(ctx: &Ctx, tally: &mut Tally) -> Result {
    let doc = ctx.root.join("ARCHITECTURE.md");
    for tree in TREES {
        for check in check_tree(&doc, &ctx.root, tree)? {
            if check.problems.is_empty() {
                tally.pass(&check.name);
            }
            for problem in &check.problems {
                tally.fail(&check.name, problem);
            }
        }
    }
    let core = ctx.toolchain.sysroot()?.join("lib/rustlib/src/rust/library/core/src/intrinsics");
    let check = check_intrinsic_names(&ctx.root.join(INTRINSICS_DIR), &core)?;
    match check.problems.is_empty() {
        true => tally.pass(&check.name),
        false => check.problems.iter().for_each(|p| tally.fail(&check.name, p)),
    }
    Ok(())
}

/// Where the backend lowers `core::intrinsics`, relative to the repository root.
pub const INTRINSICS_DIR: &str = "src/mir/intrinsics";

/// Every `sym::NAME` under `lowerings` names an intrinsic declared in the `core` sources at
/// `core_intrinsics` (the pinned toolchain's `library/core/src/intrinsics`, from rust-src).
pub fn check_intrinsic_names(lowerings: &Path, core_intrinsics: &Path) -> Result<Check> {
    let mut declared = std::collections::BTreeSet::new();
    let mut core_files = Vec::new();
    read_sources(core_intrinsics, "", &mut core_files)
        .map_err(|e| format!("{e} (the rust-src component of the pinned toolchain provides it)"))?;
    for (_, text) in &core_files {
        declared.extend(intrinsic_names::intrinsics_declared(&lexer::tokenize(text)));
    }
    let mut ours = Vec::new();
    read_sources(lowerings, "", &mut ours)?;
    ours.sort();
    let mut problems = Vec::new();
    for (file, text) in &ours {
        for (name, line) in intrinsic_names::symbols_used(&lexer::tokenize(text)) {
            if !declared.contains(&name) {
                problems.push(format!(
                    "`sym::{name}` at {INTRINSICS_DIR}/{file}:{line} is not an intrinsic of the pinned toolchain"
                ));
            }
        }
    }
    if declared.is_empty() {
        problems.push(format!("no `#[rustc_intrinsic]` found under {}", core_intrinsics.display()));
    }
    Ok(Check { name: "architecture src: intrinsic names".to_string(), problems })
}

/// Checks `tree` of the repository at `repo_root` against the markdown file `doc`.
pub fn check_tree(doc: &Path, repo_root: &Path, tree: &Tree) -> Result<Vec<Check>> {
    let markdown = fs::read_to_string(doc).map_err(|e| format!("cannot read {}: {e}", doc.display()))?;
    let doc_name =
        doc.file_name().map_or_else(|| doc.display().to_string(), |n| n.to_string_lossy().into_owned());
    let dir = repo_root.join(tree.dir);
    let mut files = Vec::new();
    read_sources(&dir, "", &mut files)?;
    files.sort();
    Ok(check_sources(&markdown, &doc_name, tree, &files))
}

/// The checks on sources given as (path relative to the tree, text).
pub fn check_sources(markdown: &str, doc_name: &str, tree: &Tree, files: &[(String, String)]) -> Vec<Check> {
    let tokens: Vec<(String, Vec<Token>)> =
        files.iter().map(|(file, src)| (file.clone(), lexer::tokenize(src))).collect();
    let graph = Graph::build(&tokens);
    let name = |what: &str| format!("architecture {}: {what}", tree.dir);

    let layer_problems = match layers::find(markdown, tree.dir) {
        Ok(Some(spec)) => layers::check(&spec, &graph, tree.dir),
        Ok(None) => vec![format!("no `layers {}` block in {doc_name}", tree.dir)],
        Err(e) => vec![format!("{doc_name}: {e}")],
    };
    let circles = cycles::circles(&graph).iter().map(|c| describe_circle(&graph, c, tree.dir)).collect();
    let mut checks = vec![
        Check { name: name("layers"), problems: layer_problems },
        Check { name: name("import circles"), problems: circles },
    ];
    if let Some(limit) = tree.max_fn_lines {
        let mut long = Vec::new();
        for (file, tokens) in &tokens {
            for f in functions::functions(tokens).into_iter().filter(|f| f.lines > limit) {
                long.push(format!(
                    "fn `{}` at {}/{file}:{} is {} lines long (limit {limit})",
                    f.name, tree.dir, f.line, f.lines
                ));
            }
        }
        checks.push(Check { name: name("function length"), problems: long });
    }
    checks
}

fn describe_circle(graph: &Graph, members: &[ModPath], dir: &str) -> String {
    let files: Vec<&str> = members.iter().map(|m| graph.files[m].as_str()).collect();
    let example: Vec<String> = cycles::example_cycle(graph, members)
        .iter()
        .map(|e| format!("{} -> {} at {dir}/{}:{}", graph.name(&e.from), graph.name(&e.to), e.file, e.line))
        .collect();
    format!(
        "import circle of {} files in {dir}: {}; for example {}",
        members.len(),
        files.join(", "),
        example.join(", ")
    )
}

/// Every `.rs` file below `dir`, as (path relative to the tree with `/`, text).
fn read_sources(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel_path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if path.is_dir() {
            read_sources(&path, &rel_path, out)?;
        } else if name.ends_with(".rs") {
            let text =
                fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            out.push((rel_path, text));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(f, s)| (f.to_string(), s.to_string())).collect()
    }

    fn problems(checks: &[Check]) -> Vec<String> {
        checks.iter().flat_map(|c| c.problems.iter().map(move |p| format!("{}: {p}", c.name))).collect()
    }

    const DOC: &str = "```layers t\nlib\ndriver\nmir::*\nleaf\n```\n";

    #[test]
    fn all_checks_on_a_small_tree() {
        let long_body = "    step();\n".repeat(MAX_FN_LINES);
        let tree = Tree { dir: "t", max_fn_lines: Some(MAX_FN_LINES) };
        let src = files(&[
            ("lib.rs", "mod driver; mod mir; mod leaf;\nfn f() { driver::go() }"),
            (
                "driver.rs",
                "use crate::mir::{self, value::Val};\n// crate::lib_only\nfn s() -> &'static str { \"super::x\" }",
            ),
            ("mir/mod.rs", "mod value; mod call;\nuse self::call::emit;"),
            ("mir/call.rs", "fn emit() { crate::leaf::help(); }"),
            (
                "mir/value.rs",
                &format!("fn long() {{\n{long_body}}}\nfn up() {{ super::super::driver::x(); }}"),
            ),
            ("leaf.rs", "use crate::mir::call;\n\nfn back() { crate::driver::y() }"),
        ]);
        assert_eq!(
            problems(&check_sources(DOC, "DOC.md", &tree, &src)),
            [
                "architecture t: layers: upward edge leaf -> mir::call at t/leaf.rs:1: `leaf` is in layer 4, `mir::call` in layer 3",
                "architecture t: layers: upward edge leaf -> driver at t/leaf.rs:3: `leaf` is in layer 4, `driver` in layer 2",
                "architecture t: layers: upward edge mir::value -> driver at t/mir/value.rs:153: `mir::value` is in layer 3, `driver` in layer 2",
                "architecture t: import circles: import circle of 5 files in t: driver.rs, leaf.rs, mir/mod.rs, mir/call.rs, mir/value.rs; \
                 for example driver -> mir at t/driver.rs:1, mir -> mir::call at t/mir/mod.rs:2, mir::call -> leaf at t/mir/call.rs:1, leaf -> driver at t/leaf.rs:3",
                "architecture t: function length: fn `long` at t/mir/value.rs:1 is 152 lines long (limit 150)",
            ]
        );
    }

    #[test]
    fn missing_block_is_a_failure() {
        let tree = Tree { dir: "src", max_fn_lines: None };
        let checks = check_sources("# nothing\n", "ARCHITECTURE.md", &tree, &files(&[("lib.rs", "")]));
        assert_eq!(problems(&checks), ["architecture src: layers: no `layers src` block in ARCHITECTURE.md"]);
    }

    /// The build system itself keeps to the layers ARCHITECTURE.md gives it.
    #[test]
    fn build_system_follows_its_layers() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let tree = TREES.iter().find(|t| t.dir == "build_system/src").unwrap();
        let checks = check_tree(&root.join("ARCHITECTURE.md"), &root, tree).unwrap();
        assert_eq!(problems(&checks), Vec::<String>::new());
    }
}
