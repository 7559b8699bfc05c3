// Iterator adaptors: zip/chain/flat_map/filter_map/scan/take_while/skip_while/step_by/rev/
// windows/chunks/enumerate/peekable/fold/sum/product/min_by_key/max_by/partition/collect.
use std::collections::{BTreeMap, HashSet, VecDeque};

fn main() {
    let a = [3i64, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    let b = ["x", "y", "z"];
    println!("zip {:?}", a.iter().zip(b.iter()).collect::<Vec<_>>());
    println!("chain {:?}", a[..3].iter().chain(a[12..].iter()).rev().collect::<Vec<_>>());
    println!("flat_map {:?}", (1..4).flat_map(|i| (0..i).map(move |j| i * 10 + j)).collect::<Vec<_>>());
    println!("filter_map {:?}", ["1", "x", "30", "-4", "5.5"].iter().filter_map(|s| s.parse::<i32>().ok()).collect::<Vec<_>>());
    println!("scan {:?}", a.iter().scan(0, |acc, &x| { *acc += x; Some(*acc) }).collect::<Vec<_>>());
    println!("take_while {:?} skip_while {:?}", a.iter().take_while(|&&x| x < 5).collect::<Vec<_>>(), a.iter().skip_while(|&&x| x != 9).count());
    println!("skip/step {:?}", a.iter().skip(2).step_by(3).collect::<Vec<_>>());
    println!("step_by range {:?} rev {:?}", (0..50).step_by(7).collect::<Vec<_>>(), (0..=20).rev().step_by(6).collect::<Vec<_>>());
    println!("windows {:?}", a.windows(3).map(|w| w.iter().sum::<i64>()).collect::<Vec<_>>());
    println!("chunks {:?}", a.chunks(4).map(|c| c.to_vec()).collect::<Vec<_>>());
    println!("rchunks {:?}", a.rchunks(6).map(|c| c.len()).collect::<Vec<_>>());
    println!("enumerate max {:?}", a.iter().enumerate().max_by_key(|&(i, v)| (*v, std::cmp::Reverse(i))));
    let mut pk = a.iter().peekable();
    let mut runs = Vec::new();
    while let Some(&x) = pk.next() {
        let mut len = 1;
        while pk.peek().map_or(false, |&&n| n > x) { pk.next(); len += 1; }
        runs.push(len);
    }
    println!("peekable runs {:?}", runs);
    let mut it = (1..10).peekable();
    println!("next_if {:?} {:?} {:?}", it.next_if(|&x| x == 1), it.next_if_eq(&5), it.next());
    println!("fold {} sum {} product {}", a.iter().fold(String::new(), |s, x| s + &x.to_string()), a.iter().sum::<i64>(), a.iter().map(|&x| x as u128).product::<u128>());
    let words = ["apple", "fig", "banana", "kiwi", "cherry", "date"];
    println!("min_by_key {:?} max_by {:?}", words.iter().min_by_key(|w| w.len()), words.iter().max_by(|x, y| x.chars().last().cmp(&y.chars().last())));
    println!("position {:?} rposition {:?} any {} all {}", a.iter().position(|&x| x == 9), a.iter().rposition(|&x| x == 9), a.iter().any(|&x| x > 8), a.iter().all(|&x| x > 0));
    let (even, odd): (Vec<i64>, Vec<i64>) = a.iter().partition(|&&x| x % 2 == 0);
    println!("partition {:?} {:?}", even, odd);
    let set: HashSet<i64> = a.iter().copied().collect();
    let mut sv: Vec<_> = set.into_iter().collect();
    sv.sort();
    println!("dedup via set {:?}", sv);
    let bt: BTreeMap<usize, Vec<&str>> = words.iter().fold(BTreeMap::new(), |mut m, w| { m.entry(w.len()).or_insert_with(Vec::new).push(*w); m });
    println!("grouped {:?}", bt);
    let dq: VecDeque<char> = "hello".chars().rev().collect();
    let s: String = dq.iter().collect();
    println!("deque {:?} string {}", dq, s);
    let unz: (Vec<i32>, Vec<char>) = vec![(1, 'a'), (2, 'b')].into_iter().unzip();
    println!("unzip {:?}", unz);
    println!("cycle {:?}", b.iter().copied().cycle().take(7).collect::<String>());
    println!("last {:?} nth {:?} count {}", a.iter().last(), a.iter().nth(4), a.iter().filter(|&&x| x == 5).count());
    println!("successors {:?}", std::iter::successors(Some(1u64), |&x| if x < 1000 { Some(x * 3) } else { None }).collect::<Vec<_>>());
    println!("repeat {:?} once {:?}", std::iter::repeat(7).take(3).collect::<Vec<_>>(), std::iter::once(1).chain(std::iter::empty()).collect::<Vec<_>>());
    let nested = vec![vec![1, 2], vec![], vec![3], vec![4, 5, 6]];
    println!("flatten {:?}", nested.iter().flatten().map(|x| x * x).collect::<Vec<_>>());
    let opt_sum: Option<i32> = ["1", "2", "3"].iter().map(|s| s.parse::<i32>().ok()).sum();
    let res: Result<Vec<i32>, _> = ["1", "b", "3"].iter().map(|s| s.parse::<i32>()).collect();
    println!("option sum {:?} result collect err {}", opt_sum, res.is_err());
    println!("inspect sum {}", (1..=5).inspect(|_| ()).map(|x| x * x).sum::<i32>());
    println!("cmp {:?} eq {} lt {}", [1, 2, 3].iter().cmp([1, 2, 4].iter()), (0..3).eq([0, 1, 2]), [1.0, 2.0].iter().lt([1.0, 3.0].iter()));
    let mut v: Vec<u32> = (0..20).map(|x| (x * 37 + 11) % 23).collect();
    v.dedup();
    println!("map_while {:?}", v.iter().map_while(|&x| if x > 2 { Some(x * 2) } else { None }).collect::<Vec<_>>());
    println!("reduce {:?} try_fold {:?}", v.iter().copied().reduce(|a, b| a.max(b)), v.iter().try_fold(0u32, |acc, &x| acc.checked_add(x)));
    println!("sum f64 {:.3} rev enumerate {:?}", (1..=10).map(|x| 1.0 / x as f64).sum::<f64>(), b.iter().rev().enumerate().collect::<Vec<_>>());
    println!("array map {:?} zip arrays {:?}", [1, 2, 3].map(|x| x * 100), std::iter::zip([1, 2], ['a', 'b']).collect::<Vec<_>>());
}
