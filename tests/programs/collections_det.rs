// HashMap/HashSet/BTreeMap/BTreeSet/BinaryHeap/VecDeque with deterministic output
// (hash containers are sorted before printing).
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};

fn word_freq(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.split_whitespace() { *m.entry(w.to_lowercase()).or_insert(0) += 1; }
    m
}

fn main() {
    let text = "the quick brown fox jumps over the lazy dog The Fox barks and the dog runs";
    let freq = word_freq(text);
    let mut items: Vec<_> = freq.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("freq {:?}", &items[..5]);
    println!("len {} contains fox {} get cat {:?}", freq.len(), freq.contains_key("fox"), freq.get("cat"));
    let mut hm: HashMap<u64, Vec<u64>> = HashMap::new();
    for i in 0..200u64 { hm.entry(i % 13).or_default().push(i); }
    hm.retain(|k, _| k % 2 == 0);
    let mut keys: Vec<_> = hm.keys().copied().collect();
    keys.sort_unstable();
    println!("retained keys {:?} sum of 4: {}", keys, hm[&4].iter().sum::<u64>());
    if let Some(v) = hm.get_mut(&0) { v.truncate(3); }
    println!("removed {:?} 0 -> {:?}", hm.remove(&12).map(|v| v.len()), hm.get(&0));
    let a: HashSet<i32> = (0..20).filter(|x| x % 2 == 0).collect();
    let b: HashSet<i32> = (0..20).filter(|x| x % 3 == 0).collect();
    let mut inter: Vec<_> = a.intersection(&b).copied().collect();
    inter.sort();
    let mut uni: Vec<_> = a.union(&b).copied().collect();
    uni.sort();
    let mut diff: Vec<_> = a.difference(&b).copied().collect();
    diff.sort();
    let mut sym: Vec<_> = a.symmetric_difference(&b).copied().collect();
    sym.sort();
    println!("inter {:?}\nunion {:?}\ndiff {:?}\nsym {:?}", inter, uni, diff, sym);
    println!("subset {} disjoint {}", [0, 6].iter().copied().collect::<HashSet<_>>().is_subset(&a), a.is_disjoint(&b));
    let mut bt = BTreeMap::new();
    for (i, w) in text.split(' ').enumerate() { bt.insert(w, i); }
    println!("btree first {:?} last {:?} len {}", bt.first_key_value(), bt.last_key_value(), bt.len());
    println!("range {:?}", bt.range("d".."m").collect::<Vec<_>>());
    let mut scores: BTreeMap<u32, String> = (1..=10).map(|i| (i * 7 % 11, format!("s{}", i))).collect();
    scores.entry(100).or_insert_with(|| "hundred".into());
    let split = scores.split_off(&6);
    println!("scores {:?}\nsplit {:?}", scores, split);
    let bs: BTreeSet<char> = "mississippi river".chars().collect();
    println!("btreeset {:?} {}", bs, bs.iter().rev().collect::<String>());
    let mut heap = BinaryHeap::new();
    for x in [5, 1, 8, 3, 9, 2, 8, 7] { heap.push(x); }
    println!("peek {:?} len {}", heap.peek(), heap.len());
    let mut popped = Vec::new();
    while let Some(x) = heap.pop() { popped.push(x); }
    println!("heap order {:?}", popped);
    let mut minheap: BinaryHeap<Reverse<(u32, &str)>> = BinaryHeap::new();
    for (p, n) in [(3, "c"), (1, "a"), (2, "b"), (1, "aa")] { minheap.push(Reverse((p, n))); }
    println!("minheap {:?}", std::iter::from_fn(|| minheap.pop().map(|Reverse(x)| x)).collect::<Vec<_>>());
    println!("into_sorted {:?}", BinaryHeap::from(vec![4, 10, 1, 7]).into_sorted_vec());
    let mut dq: VecDeque<i32> = VecDeque::with_capacity(4);
    for i in 0..6 { if i % 2 == 0 { dq.push_back(i) } else { dq.push_front(i) } }
    println!("deque {:?} front {:?} back {:?}", dq, dq.front(), dq.back());
    dq.rotate_left(2);
    println!("rotated {:?}", dq);
    let (pf, pb) = (dq.pop_front(), dq.pop_back());
    println!("popf {:?} popb {:?}", pf, pb);
    let (x, y) = dq.as_slices();
    println!("slices {} {} contains3 {} idx2 {}", x.len() + y.len(), dq.iter().sum::<i32>(), dq.contains(&3), dq[2]);
    dq.make_contiguous().sort();
    println!("sorted deque {:?}", dq);
    let mut window: VecDeque<u32> = VecDeque::new();
    let mut maxes = Vec::new();
    for (i, v) in [3u32, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5].iter().enumerate() {
        while window.back().map_or(false, |&b| b < *v) { window.pop_back(); }
        window.push_back(*v);
        if i >= 3 { maxes.push(*window.front().unwrap()); if window.len() > 3 { window.pop_front(); } }
    }
    println!("window maxes {:?}", maxes);
    let big: HashMap<u32, u32> = (0..10000u32).map(|i| (i, i.wrapping_mul(2654435761))).collect();
    let s: u64 = (0..10000).map(|i| big[&i] as u64).sum();
    println!("big map len {} sum {}", big.len(), s);
}
