// Advanced slices: sort/sort_unstable/sort_by/binary_search/chunks_exact/split_at/rotate/reverse/
// copy_from_slice/swap/fill/contains/position/split/group, slice patterns with rest bindings.
fn classify(s: &[i32]) -> String {
    match s {
        [] => "empty".into(),
        [x] => format!("one {}", x),
        [a, b] => format!("two {} {}", a, b),
        [first, .., last] if first == last => format!("same ends {}", first),
        [first, mid @ .., last] => format!("first {} mid {:?} last {}", first, mid, last),
    }
}

fn sum_rec(s: &[u64]) -> u64 { match s { [] => 0, [h, rest @ ..] => h + sum_rec(rest) } }

fn rev_pairs(s: &mut [u8]) { if let [a, rest @ .., b] = s { std::mem::swap(a, b); rev_pairs(rest); } }

fn main() {
    let mut rng = 12345u32;
    let mut v: Vec<i32> = (0..40).map(|_| { rng = rng.wrapping_mul(1103515245).wrapping_add(12345); ((rng >> 16) % 100) as i32 - 50 }).collect();
    let orig = v.clone();
    v.sort();
    println!("sorted {:?}", v);
    let mut u = orig.clone();
    u.sort_unstable();
    println!("unstable eq {}", u == v);
    let mut w = orig.clone();
    w.sort_by(|a, b| b.abs().cmp(&a.abs()).then(a.cmp(b)));
    println!("by abs desc {:?}", &w[..10]);
    let mut pairs: Vec<(u8, char)> = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
    pairs.sort_by_key(|p| p.0);
    println!("stable {:?}", pairs);
    for t in [-50, 0, 7, 49, 100] { println!("bsearch {} -> {:?}", t, v.binary_search(&t).map(|_| "found").map_err(|i| i)); }
    println!("partition_point {}", v.partition_point(|&x| x < 0));
    let data: Vec<u16> = (1..=23).collect();
    let ce = data.chunks_exact(5);
    println!("remainder {:?}", ce.remainder());
    println!("chunks_exact sums {:?}", data.chunks_exact(5).map(|c| c.iter().sum::<u16>()).collect::<Vec<_>>());
    let (l, r) = data.split_at(7);
    println!("split_at {:?} | {:?}", l, &r[..3]);
    let mut rot = [1, 2, 3, 4, 5, 6, 7];
    rot.rotate_left(3);
    println!("rotl {:?}", rot);
    rot.rotate_right(5);
    println!("rotr {:?}", rot);
    rot.reverse();
    println!("rev {:?}", rot);
    let mut dst = [0u8; 8];
    dst[2..6].copy_from_slice(&[9, 8, 7, 6]);
    dst.swap(0, 7);
    dst[6..].fill(3);
    println!("copy {:?}", dst);
    let mut cw = [1, 2, 3, 4, 5, 6];
    cw.copy_within(0..3, 3);
    println!("copy_within {:?}", cw);
    println!("contains {} {} position {:?} rposition {:?}", v.contains(&7), v.contains(&-51), v.iter().position(|&x| x > 40), v.iter().rposition(|&x| x < -40));
    println!("starts {} ends {}", data.starts_with(&[1, 2]), data.ends_with(&[23]));
    for s in [&[][..], &[5], &[1, 2], &[4, 9, 4], &[1, 2, 3, 4]] { println!("classify {}", classify(s)); }
    println!("sum_rec {}", sum_rec(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    let mut bytes = *b"abcdefg";
    rev_pairs(&mut bytes);
    println!("rev_pairs {}", String::from_utf8_lossy(&bytes));
    let parts: Vec<&[i32]> = orig.split(|&x| x % 7 == 0).collect();
    println!("split by %7 {} parts, first {:?}", parts.len(), parts[0]);
    let mut sorted = orig.clone();
    sorted.sort();
    sorted.dedup();
    println!("dedup len {}", sorted.len());
    let groups: Vec<usize> = v.chunk_by(|a, b| (a < &0) == (b < &0)).map(|g| g.len()).collect();
    println!("chunk_by {:?}", groups);
    let (mn, mx) = (v.iter().min().unwrap(), v.iter().max().unwrap());
    println!("min {} max {} first {:?} last {:?} get {:?} {:?}", mn, mx, v.first(), v.last(), v.get(3), v.get(99));
    if let [a, b, rest @ ..] = &v[..] { println!("pattern {} {} rest len {}", a, b, rest.len()); }
    let arr = [10, 20, 30, 40];
    let [x, y @ .., z] = arr;
    println!("array pattern {} {:?} {}", x, y, z);
    let mut m = [[0u8; 4]; 3];
    for (i, row) in m.iter_mut().enumerate() { for (j, c) in row.iter_mut().enumerate() { *c = (i * 4 + j) as u8; } }
    let flat = m.as_flattened();
    println!("flattened {:?}", flat);
    let (a, b) = v.split_at_mut(20);
    a[0] += b[0];
    let a0 = a[0];
    println!("split_at_mut {} iter_rev {:?}", a0, v.iter().rev().take(3).collect::<Vec<_>>());
    let mut sel = orig.clone();
    let (_, median, _) = sel.select_nth_unstable(20);
    println!("median {}", median);
    println!("concat {:?} join {:?}", [[1, 2], [3, 4]].concat(), [vec![1], vec![2, 3]].join(&0));
    println!("repeat {:?} to_vec {:?}", [1, 2].repeat(3), data[20..].to_vec());
    println!("is_sorted {} {}", v.is_sorted(), orig.is_sorted());
}
