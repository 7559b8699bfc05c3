//! Import circles: strongly connected components of the module graph. Two files that use each
//! other (a parent and the child that shares its types) are tolerated; a circle through more
//! files means none of them can be understood, tested or moved without the others.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::modules::{Edge, Graph, ModPath};

/// Components of more than two modules, each sorted, in order of their first member.
pub fn circles(graph: &Graph) -> Vec<Vec<ModPath>> {
    let succ = successors(graph);
    let mut tarjan = Tarjan {
        succ: &succ,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for m in graph.files.keys() {
        if !tarjan.index.contains_key(m) {
            tarjan.visit(m);
        }
    }
    let mut found: Vec<Vec<ModPath>> = tarjan.found.into_iter().filter(|c| c.len() > 2).collect();
    for c in &mut found {
        c.sort();
    }
    found.sort();
    found
}

/// A shortest cycle of at least three modules inside `members` (a component from [`circles`]),
/// as the edges that make it up; a shortest cycle of any length if the component only holds
/// two-module ones.
pub fn example_cycle<'g>(graph: &'g Graph, members: &[ModPath]) -> Vec<&'g Edge> {
    let inside: BTreeSet<&ModPath> = members.iter().collect();
    let mut first_edge: BTreeMap<(&ModPath, &ModPath), &Edge> = BTreeMap::new();
    for e in &graph.edges {
        if inside.contains(&e.from) && inside.contains(&e.to) {
            first_edge.entry((&e.from, &e.to)).or_insert(e);
        }
    }
    let mut best: Option<Vec<&ModPath>> = None;
    for &(a, b) in first_edge.keys() {
        // a -> b, then the shortest way back from b to a that does not go straight back.
        if let Some(back) = indirect_path(&first_edge, b, a)
            && best.as_ref().is_none_or(|p| back.len() + 1 < p.len())
        {
            best = Some(std::iter::once(a).chain(back).collect());
        }
    }
    if best.is_none()
        && let Some(&(a, b)) = first_edge.keys().next()
    {
        best = Some(vec![a, b, a]);
    }
    best.unwrap_or_default().windows(2).map(|w| first_edge[&(w[0], w[1])]).collect()
}

/// Breadth-first path `from` .. `to` (both included) over `edges`, other than the edge
/// `from -> to` itself.
fn indirect_path<'a>(
    edges: &BTreeMap<(&'a ModPath, &'a ModPath), &Edge>,
    from: &'a ModPath,
    to: &'a ModPath,
) -> Option<Vec<&'a ModPath>> {
    let mut came_from: BTreeMap<&ModPath, &ModPath> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(m) = queue.pop_front() {
        for &(a, b) in edges.keys() {
            if a != m || came_from.contains_key(b) || b == from || (a == from && b == to) {
                continue;
            }
            came_from.insert(b, a);
            if b == to {
                let mut path = vec![to];
                while let Some(&prev) = came_from.get(path.last().unwrap()) {
                    path.push(prev);
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(b);
        }
    }
    None
}

fn successors(graph: &Graph) -> BTreeMap<&ModPath, BTreeSet<&ModPath>> {
    let mut succ: BTreeMap<&ModPath, BTreeSet<&ModPath>> = BTreeMap::new();
    for e in &graph.edges {
        succ.entry(&e.from).or_default().insert(&e.to);
    }
    succ
}

struct Tarjan<'a> {
    succ: &'a BTreeMap<&'a ModPath, BTreeSet<&'a ModPath>>,
    index: BTreeMap<&'a ModPath, usize>,
    low: BTreeMap<&'a ModPath, usize>,
    stack: Vec<&'a ModPath>,
    on_stack: BTreeSet<&'a ModPath>,
    found: Vec<Vec<ModPath>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, m: &'a ModPath) {
        let i = self.index.len();
        self.index.insert(m, i);
        self.low.insert(m, i);
        self.stack.push(m);
        self.on_stack.insert(m);
        for &n in self.succ.get(m).into_iter().flatten() {
            if !self.index.contains_key(n) {
                self.visit(n);
                let low = self.low[m].min(self.low[n]);
                self.low.insert(m, low);
            } else if self.on_stack.contains(n) {
                let low = self.low[m].min(self.index[n]);
                self.low.insert(m, low);
            }
        }
        if self.low[m] == self.index[m] {
            let mut component = Vec::new();
            while let Some(n) = self.stack.pop() {
                self.on_stack.remove(n);
                component.push(n.clone());
                if n == m {
                    break;
                }
            }
            self.found.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn graph(files: &[(&str, &str)]) -> Graph {
        let files: Vec<_> = files.iter().map(|(f, src)| (f.to_string(), tokenize(src))).collect();
        Graph::build(&files)
    }

    fn m(name: &str) -> ModPath {
        vec![name.to_string()]
    }

    #[test]
    fn circle_of_three() {
        let g = graph(&[
            ("main.rs", "mod a; mod b; mod c; mod d;"),
            ("a.rs", "use crate::b;\nuse crate::d;"),
            ("b.rs", "fn f() { crate::c::g(); }"),
            ("c.rs", "\n\nuse crate::a::X;"),
            ("d.rs", "use crate::a;"),
        ]);
        assert_eq!(circles(&g), [vec![m("a"), m("b"), m("c"), m("d")]]);
        let cycle: Vec<String> = example_cycle(&g, &circles(&g)[0])
            .iter()
            .map(|e| format!("{} -> {} at {}:{}", g.name(&e.from), g.name(&e.to), e.file, e.line))
            .collect();
        assert_eq!(cycle, ["a -> b at a.rs:1", "b -> c at b.rs:1", "c -> a at c.rs:3"]);
    }

    #[test]
    fn two_files_are_no_circle() {
        let g = graph(&[("main.rs", "mod a; mod b;"), ("a.rs", "use crate::b;"), ("b.rs", "use super::a;")]);
        assert!(circles(&g).is_empty());
    }

    #[test]
    fn chain_of_pairs_shows_a_pair() {
        let g = graph(&[
            ("main.rs", "mod a; mod b; mod c;"),
            ("a.rs", "use crate::b;"),
            ("b.rs", "use crate::{a, c};"),
            ("c.rs", "use crate::b;"),
        ]);
        let found = circles(&g);
        assert_eq!(found, [vec![m("a"), m("b"), m("c")]]);
        assert_eq!(example_cycle(&g, &found[0]).len(), 2);
    }
}
