// std collections with deterministic output: HashMap (printed via sorted keys), BTreeMap,
// HashSet/BTreeSet operations, VecDeque, BinaryHeap.
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};

fn main() {
    let text = "one two three two three three four four four four";
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in text.split(' ') {
        *counts.entry(w).or_default() += 1;
    }
    let mut keys: Vec<_> = counts.keys().copied().collect();
    keys.sort();
    for k in keys {
        println!("{k}: {}", counts[k]);
    }
    println!("contains two: {} five: {}", counts.contains_key("two"), counts.contains_key("five"));

    let mut tree = BTreeMap::new();
    for (i, w) in text.split(' ').enumerate() {
        tree.insert(w.len() * 100 + i, w);
    }
    println!("{:?}", tree.iter().take(4).collect::<Vec<_>>());
    println!("range {:?}", tree.range(400..500).map(|(k, _)| *k).collect::<Vec<_>>());

    let a: HashSet<u32> = (1..10).collect();
    let b: HashSet<u32> = (5..15).step_by(2).collect();
    let mut inter: Vec<_> = a.intersection(&b).copied().collect();
    inter.sort();
    println!("intersection {inter:?}");
    let sa: BTreeSet<u32> = a.into_iter().collect();
    let sb: BTreeSet<u32> = b.into_iter().collect();
    println!("union {:?}", sa.union(&sb).collect::<Vec<_>>());
    println!("difference {:?}", sa.difference(&sb).collect::<Vec<_>>());

    let mut dq: VecDeque<i32> = VecDeque::new();
    for i in 0..5 {
        if i % 2 == 0 { dq.push_back(i) } else { dq.push_front(i) }
    }
    println!("deque {dq:?} front {:?} back {:?}", dq.front(), dq.back());
    let mut heap = BinaryHeap::from(vec![5, 1, 8, 3, 9, 2]);
    let mut sorted = Vec::new();
    while let Some(x) = heap.pop() {
        sorted.push(x);
    }
    println!("heap order {sorted:?}");
}
