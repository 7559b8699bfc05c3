//! Run-time kernel: `Vec` push/sort/dedup/retain, `HashMap` and `BTreeMap` insert, lookup,
//! update and removal, `VecDeque` and `BTreeSet`; prints a checksum. The hash maps use
//! `DefaultHasher`'s fixed keys so that the run is deterministic.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::hash::BuildHasherDefault;

type Map<K, V> = HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

fn main() {
    let mut x = 0x2545f4914f6cdd1du64;
    let mut next = move || {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        x >> 20
    };
    let mut checksum = 0u64;
    for round in 0..12u64 {
        let mut v: Vec<u64> = Vec::new();
        for _ in 0..60_000 {
            v.push(next() % 20_000);
        }
        v.sort();
        v.dedup();
        v.retain(|x| x % 7 != round);
        checksum = checksum.wrapping_mul(31).wrapping_add(v.len() as u64 + v[v.len() / 2]);

        let mut counts: Map<u64, u32> = Map::default();
        for _ in 0..60_000 {
            *counts.entry(next() % 5_000).or_insert(0) += 1;
        }
        let mut hits = 0u64;
        for k in 0..10_000u64 {
            if let Some(c) = counts.get(&k) {
                hits += *c as u64;
            }
        }
        counts.retain(|k, _| k % 2 == 0);
        checksum = checksum.wrapping_mul(31).wrapping_add(hits + counts.len() as u64);

        let mut names: Map<String, usize> = Map::default();
        for i in 0..8_000 {
            names.insert(format!("key{}", (i * 7919) % 10_007), i);
        }
        let found = (0..10_007).filter(|i| names.contains_key(&format!("key{i}"))).count();
        checksum = checksum.wrapping_mul(31).wrapping_add(found as u64);

        let mut tree: BTreeMap<u64, u64> = BTreeMap::new();
        for i in 0..40_000 {
            let k = next() % 100_000;
            *tree.entry(k).or_default() += i;
        }
        let range_sum: u64 = tree.range(20_000..60_000).map(|(k, v)| k ^ v).fold(0, u64::wrapping_add);
        for k in (0..100_000).step_by(3) {
            tree.remove(&k);
        }
        checksum = checksum.wrapping_mul(31).wrapping_add(range_sum ^ tree.len() as u64);

        let mut set = BTreeSet::new();
        let mut queue = VecDeque::new();
        for i in 0..40_000u64 {
            queue.push_back(i ^ next() % 1000);
            if queue.len() > 100 {
                set.insert(queue.pop_front().unwrap());
            }
        }
        checksum = checksum.wrapping_mul(31).wrapping_add(set.len() as u64 + queue.iter().sum::<u64>());
    }
    println!("checksum: {checksum:016x}");
}
