//! The module graph of one source tree: one node per file (`mir/value.rs` is `mir::value`,
//! `mir/mod.rs` is `mir`, `lib.rs` or `main.rs` the crate root), one edge per path that names
//! another module, resolved to the deepest module that has a file (`crate::mir::value::Place`
//! is a use of `mir::value`, `crate::mir::import_fn` one of `mir`).

use std::collections::BTreeMap;

use super::lexer::Token;
use super::paths::{self, PathRef};

/// Module path below the crate root; empty for the root itself.
pub type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: ModPath,
    pub to: ModPath,
    /// File of the reference, relative to the tree.
    pub file: String,
    pub line: usize,
}

pub struct Graph {
    /// What the root is called in messages and in `layers` blocks: `lib` or `main`.
    pub root_name: String,
    /// Every module and its file, relative to the tree.
    pub files: BTreeMap<ModPath, String>,
    /// One per reference, in file and line order.
    pub edges: Vec<Edge>,
}

/// The module a file relative to the tree root defines; `None` for anything but a `.rs` file.
pub fn module_of(file: &str) -> Option<ModPath> {
    let mut parts: Vec<String> = file.strip_suffix(".rs")?.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if matches!(parts.as_slice(), [p] if p == "lib" || p == "main") {
        parts.clear();
    }
    Some(parts)
}

impl Graph {
    /// `files` are (path relative to the tree, tokens of the file).
    pub fn build(files: &[(String, Vec<Token>)]) -> Graph {
        let root_name = ["lib", "main"]
            .into_iter()
            .find(|r| files.iter().any(|(f, _)| *f == format!("{r}.rs")))
            .unwrap_or("crate")
            .to_string();
        let mut graph = Graph { root_name, files: BTreeMap::new(), edges: Vec::new() };
        for (file, _) in files {
            if let Some(m) = module_of(file) {
                graph.files.insert(m, file.clone());
            }
        }
        for (file, tokens) in files {
            let Some(from) = module_of(file) else { continue };
            for r in paths::path_refs(tokens) {
                let Some(to) = graph.resolve(&from, &r) else { continue };
                // A file's own tests may use everything below the file.
                let own_test = r.in_test && to.starts_with(&from);
                if to != from && !own_test {
                    graph.edges.push(Edge { from: from.clone(), to, file: file.clone(), line: r.line });
                }
            }
        }
        graph
    }

    /// The deepest module with a file that the path `r`, written in module `from`, names;
    /// `None` for a path that leaves the crate or does not start at one of its modules.
    pub fn resolve(&self, from: &ModPath, r: &PathRef) -> Option<ModPath> {
        let segments = &r.segments;
        let mut full: ModPath = match segments.first()?.as_str() {
            "crate" => Vec::new(),
            "self" | "super" => from.iter().chain(&r.scope).cloned().collect(),
            // A relative path names a module only if it starts at a child of the file's
            // module (`value::Place` in `mir/mod.rs`); `std::fs`, `Vec::new` do not.
            first => {
                let mut child = from.clone();
                child.push(first.to_string());
                if !self.files.contains_key(&child) {
                    return None;
                }
                from.clone()
            }
        };
        let mut rest = match segments[0].as_str() {
            "crate" | "self" => &segments[1..],
            _ => &segments[..],
        };
        while let Some((first, tail)) = rest.split_first()
            && first == "super"
        {
            full.pop()?;
            rest = tail;
        }
        full.extend(rest.iter().cloned());
        while !self.files.contains_key(&full) {
            full.pop()?;
        }
        Some(full)
    }

    /// `mir::value`, or the root's name.
    pub fn name(&self, m: &[String]) -> String {
        if m.is_empty() { self.root_name.clone() } else { m.join("::") }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn graph(files: &[(&str, &str)]) -> Graph {
        let files: Vec<(String, Vec<Token>)> =
            files.iter().map(|(f, src)| (f.to_string(), tokenize(src))).collect();
        Graph::build(&files)
    }

    fn edges(g: &Graph) -> Vec<String> {
        g.edges
            .iter()
            .map(|e| format!("{} -> {} {}:{}", g.name(&e.from), g.name(&e.to), e.file, e.line))
            .collect()
    }

    #[test]
    fn module_names() {
        assert_eq!(module_of("lib.rs"), Some(vec![]));
        assert_eq!(module_of("mir/mod.rs"), Some(vec!["mir".to_string()]));
        assert_eq!(module_of("mir/value.rs"), Some(vec!["mir".to_string(), "value".to_string()]));
        assert_eq!(module_of("bench/main.rs"), Some(vec!["bench".to_string(), "main".to_string()]));
        assert_eq!(module_of("notes.md"), None);
    }

    #[test]
    fn resolution() {
        let g = graph(&[
            ("lib.rs", "mod mir; mod data;\nfn f() { mir::translate(); }"),
            (
                "mir/mod.rs",
                "mod value; mod call;\nuse self::value::Place;\npub fn import_fn() { value::x(); }",
            ),
            ("mir/value.rs", "use super::super::data::{self, Alloc};\nuse crate::mir::import_fn;"),
            (
                "mir/call.rs",
                "fn f() { super::value::Place::new(); crate::mir::value::x(); }\n\
                 #[cfg(test)]\nmod tests { use super::*; use crate::mir::value; }",
            ),
            ("data/mod.rs", "use std::fs;\nfn g() -> crate::mir::value::Val { Vec::new() }"),
        ]);
        assert_eq!(g.root_name, "lib");
        assert_eq!(
            edges(&g),
            [
                "lib -> mir lib.rs:2",
                "mir -> mir::value mir/mod.rs:2",
                "mir -> mir::value mir/mod.rs:3",
                "mir::value -> data mir/value.rs:1",
                "mir::value -> data mir/value.rs:1",
                "mir::value -> mir mir/value.rs:2",
                "mir::call -> mir::value mir/call.rs:1",
                "mir::call -> mir::value mir/call.rs:1",
                "mir::call -> mir::value mir/call.rs:3",
                "data -> mir::value data/mod.rs:2",
            ]
        );
    }

    #[test]
    fn own_tests_may_use_own_children() {
        let g = graph(&[
            ("main.rs", "mod a;"),
            ("a.rs", "mod b;\n#[cfg(test)]\nmod tests { use super::b::x; use crate::c; }"),
            ("a/b.rs", ""),
            ("c.rs", ""),
        ]);
        assert_eq!(edges(&g), ["a -> c a.rs:3"]);
    }
}
