//! The allowed structure of a tree, written in ARCHITECTURE.md as a fenced block whose info
//! string is `layers <tree>`: one line per layer, top first, each the space-separated modules
//! of that layer (`mir::value`; the root is `lib` or `main`; `bench::*` is `bench` and
//! everything below it). A module may use its own layer and the ones below, never one above.
//!
//! When several entries match a module, the most specific one places it: a module's own name
//! beats any pattern and `mir::call::*` beats `mir::*`. So `mir::*` can hold a folder while
//! `mir::fx` sits lower, and a new file lands in its folder's layer without an edit here.

use std::collections::{BTreeMap, BTreeSet};

use super::modules::{Edge, Graph, ModPath};

#[derive(Debug, PartialEq, Eq)]
pub struct Layers {
    /// Top first.
    pub layers: Vec<Vec<String>>,
}

/// The `layers <tree>` block of `markdown`; `Ok(None)` when there is none.
pub fn find(markdown: &str, tree: &str) -> Result<Option<Layers>, String> {
    let mut found: Vec<(usize, Layers)> = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let t = line.trim_start();
        let fence = t.chars().take_while(|c| *c == '`').count();
        if fence < 3 {
            continue;
        }
        // Every fenced block is skipped as a whole, so that text inside a block that merely
        // shows the format is not taken for a block of its own.
        let mut body = Vec::new();
        let mut closed = false;
        for (_, l) in lines.by_ref() {
            let lt = l.trim();
            if lt.len() >= fence && lt.chars().all(|c| c == '`') {
                closed = true;
                break;
            }
            body.push(l);
        }
        let info: Vec<&str> = t[fence..].split_whitespace().collect();
        if info != ["layers", tree] {
            continue;
        }
        if !closed {
            return Err(format!("the `layers {tree}` block at line {} is not closed", n + 1));
        }
        let layers = body
            .iter()
            .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|l| !l.is_empty())
            .collect();
        found.push((n + 1, Layers { layers }));
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop().map(|(_, l)| l)),
        _ => Err(format!(
            "more than one `layers {tree}` block (lines {})",
            found.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// How specifically `entry` names the module `name`, higher is more specific; `None` if it
/// does not match.
fn specificity(entry: &str, name: &str) -> Option<usize> {
    match entry.strip_suffix("::*") {
        Some(prefix) => (name == prefix || name.strip_prefix(prefix).is_some_and(|r| r.starts_with("::")))
            .then(|| prefix.split("::").count()),
        None => (entry == name).then_some(usize::MAX),
    }
}

/// Every way `graph` departs from `spec`: modules in no layer or in several, entries that name
/// no module, and uses of a higher layer. `tree` is the tree's directory, for file names.
pub fn check(spec: &Layers, graph: &Graph, tree: &str) -> Vec<String> {
    let entries: Vec<(usize, &str)> = spec
        .layers
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |e| (i + 1, e.as_str())))
        .collect();
    let mut problems = Vec::new();
    let mut layer_of: BTreeMap<&ModPath, usize> = BTreeMap::new();
    let mut used: BTreeSet<(usize, &str)> = BTreeSet::new();
    for (m, file) in &graph.files {
        let name = graph.name(m);
        let matching = entries.iter().filter_map(|&(l, e)| Some(((l, e), specificity(e, &name)?)));
        let best = matching.clone().map(|(_, s)| s).max();
        used.extend(matching.clone().map(|(h, _)| h));
        let hits: Vec<(usize, &str)> = matching.filter(|(_, s)| Some(*s) == best).map(|(h, _)| h).collect();
        match hits[..] {
            [] => problems.push(format!("module `{name}` ({tree}/{file}) is in no layer")),
            [(layer, _)] => {
                layer_of.insert(m, layer);
            }
            _ => problems.push(format!(
                "module `{name}` is listed more than once: {}",
                hits.iter().map(|(l, e)| format!("`{e}` (layer {l})")).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    for entry in entries.iter().filter(|e| !used.contains(e)) {
        problems.push(format!("`{}` in layer {} names no module of {tree}", entry.1, entry.0));
    }
    problems.extend(upward_edges(graph, &layer_of, tree));
    problems
}

/// One message per pair of modules, at the first reference.
fn upward_edges(graph: &Graph, layer_of: &BTreeMap<&ModPath, usize>, tree: &str) -> Vec<String> {
    let mut upward: BTreeMap<(&ModPath, &ModPath), (usize, &Edge)> = BTreeMap::new();
    for e in &graph.edges {
        let (Some(&from), Some(&to)) = (layer_of.get(&e.from), layer_of.get(&e.to)) else { continue };
        if to < from {
            upward.entry((&e.from, &e.to)).or_insert((0, e)).0 += 1;
        }
    }
    let mut upward: Vec<_> = upward.into_values().collect();
    upward.sort_by(|a, b| (&a.1.file, a.1.line).cmp(&(&b.1.file, b.1.line)));
    let mut problems = Vec::new();
    for (count, e) in upward {
        let (from, to) = (graph.name(&e.from), graph.name(&e.to));
        let more = match count - 1 {
            0 => String::new(),
            1 => "; 1 more reference".to_string(),
            n => format!("; {n} more references"),
        };
        problems.push(format!(
            "upward edge {from} -> {to} at {tree}/{}:{}: `{from}` is in layer {}, `{to}` in layer {}{more}",
            e.file, e.line, layer_of[&e.from], layer_of[&e.to]
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    const MD: &str = "# Title\n\n```text\n```layers t\nnot this one\n```\n\n```layers t\nmain\n\ncmd  other\n\
                      util::*\n```\n\n```layers elsewhere\nx\n```\n";

    #[test]
    fn finds_the_block() {
        let l = find(MD, "t").unwrap().unwrap();
        assert_eq!(l.layers, [vec!["main"], vec!["cmd", "other"], vec!["util::*"]]);
        assert_eq!(find(MD, "u").unwrap(), None);
        assert!(
            find("```layers t\na\n```\n```layers t\nb\n```\n", "t").unwrap_err().contains("more than one")
        );
        assert!(find("```layers t\na\n", "t").unwrap_err().contains("not closed"));
    }

    fn graph(files: &[(&str, &str)]) -> Graph {
        let files: Vec<_> = files.iter().map(|(f, src)| (f.to_string(), tokenize(src))).collect();
        Graph::build(&files)
    }

    #[test]
    fn upward_edges_and_coverage() {
        let g = graph(&[
            ("main.rs", "mod cmd; mod util; mod stray;\nfn main() { cmd::run(); }"),
            ("cmd.rs", "use crate::util::io;"),
            ("util/mod.rs", "pub mod io;"),
            ("util/io.rs", "fn f() {\n    crate::cmd::helper();\n    crate::cmd::other();\n}"),
            ("stray.rs", ""),
        ]);
        let spec = find(MD, "t").unwrap().unwrap();
        assert_eq!(
            check(&spec, &g, "tree"),
            [
                "module `stray` (tree/stray.rs) is in no layer",
                "`other` in layer 2 names no module of tree",
                "upward edge util::io -> cmd at tree/util/io.rs:2: `util::io` is in layer 3, `cmd` in layer 2; 1 more reference",
            ]
        );
    }

    fn spec(layers: &[&str]) -> Layers {
        Layers { layers: layers.iter().map(|l| l.split_whitespace().map(str::to_string).collect()).collect() }
    }

    #[test]
    fn most_specific_entry_places_a_module() {
        let g = graph(&[
            ("lib.rs", "mod mir;"),
            ("mir/mod.rs", "mod fx; mod call;"),
            ("mir/fx.rs", "use super::call::x;"),
            ("mir/call.rs", "mod inner;"),
            ("mir/call/inner.rs", ""),
        ]);
        assert_eq!(
            check(&spec(&["lib", "mir::* mir::call::*", "mir::fx"]), &g, "t"),
            [
                "upward edge mir::fx -> mir::call at t/mir/fx.rs:1: `mir::fx` is in layer 3, `mir::call` in layer 2"
            ]
        );
    }

    #[test]
    fn listed_twice() {
        let g = graph(&[("lib.rs", "mod a;"), ("a.rs", "")]);
        assert_eq!(
            check(&spec(&["lib a::*", "a::*"]), &g, "t"),
            ["module `a` is listed more than once: `a::*` (layer 1), `a::*` (layer 2)"]
        );
        assert_eq!(check(&spec(&["lib a::*", "a"]), &g, "t"), Vec::<String>::new());
    }
}
