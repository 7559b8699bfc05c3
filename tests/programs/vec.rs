// Vec: push/pop/insert/remove, iterate, sum, growth across reallocations, vec of structs,
// retain, dedup, extend, drain, Vec<Vec<_>>.
#[derive(Debug, Clone)]
struct Entry {
    id: u32,
    score: i64,
}

fn main() {
    let mut v: Vec<u64> = Vec::new();
    for i in 0..1000 {
        v.push(i * i);
    }
    println!("len {} sum {} last {:?}", v.len(), v.iter().sum::<u64>(), v.last());
    println!("pop {:?} len {}", v.pop(), v.len());
    v.truncate(10);
    v.insert(3, 7);
    let removed = v.remove(0);
    println!("removed {removed} now {v:?}");
    v.retain(|x| x % 2 == 1);
    println!("odd {v:?}");
    let mut d = vec![1, 1, 2, 2, 2, 3, 1];
    d.dedup();
    println!("dedup {d:?}");
    d.extend([10, 20].iter());
    let drained: Vec<i32> = d.drain(1..3).collect();
    println!("drained {drained:?} left {d:?}");

    let mut entries: Vec<Entry> = (0..6).map(|i| Entry { id: i, score: (i as i64 * 37) % 11 - 5 }).collect();
    entries.sort_by_key(|e| e.score);
    println!("{entries:?}");
    let best = entries.iter().max_by_key(|e| e.score).unwrap();
    println!("best {} {}", best.id, best.score);

    let mut grid: Vec<Vec<u8>> = vec![vec![0; 3]; 3];
    grid[1][2] = 5;
    grid.push(vec![9]);
    println!("{grid:?}");
    let flat: Vec<u8> = grid.into_iter().flatten().collect();
    println!("flat {flat:?} cap>=len {}", flat.capacity() >= flat.len());
    let with_cap: Vec<i16> = Vec::with_capacity(64);
    println!("empty {} {}", with_cap.is_empty(), with_cap.capacity() >= 64);
}
