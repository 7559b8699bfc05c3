// Control flow: labeled break/continue across nested loops, loop with break value, labeled
// block breaks, while with complex short-circuit conditions, nested matches with guards and
// bindings, early returns from deep nesting, let-else, if-let chains of Options.
use std::hint::black_box;

fn find_pair(grid: &[[i32; 5]; 5], target: i32) -> Option<(usize, usize)> {
    let mut found = None;
    'outer: for (r, row) in grid.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            if v < 0 { continue 'outer; }
            if v == target { found = Some((r, c)); break 'outer; }
        }
    }
    found
}

fn classify(x: i32, y: i32) -> &'static str {
    match (x.signum(), y) {
        (0, _) => "x zero",
        (1, y) if y > 100 => "pos big y",
        (1, y) if y % 2 == 0 => match y { 0 => "pos zero", 2 | 4 | 6 => "pos small even", _ => "pos even" },
        (1, _) => "pos odd",
        (-1, y @ -10..=10) if y != 0 => "neg near",
        (-1, _) => "neg far",
        _ => unreachable!(),
    }
}

fn parse_kv(s: &str) -> Option<(String, i32)> {
    let Some((k, v)) = s.split_once(':') else { return None; };
    let Ok(n) = v.parse::<i32>() else { return Some((k.to_string(), -1)); };
    Some((k.to_uppercase(), n))
}

fn main() {
    let mut grid = [[0i32; 5]; 5];
    for r in 0..5 { for c in 0..5 { grid[r][c] = (r * 5 + c) as i32 * if (r + c) % 7 == 6 { -1 } else { 1 }; } }
    for t in [7, 12, 24, 99] { println!("find {} -> {:?}", t, find_pair(&grid, t)); }
    let mut n = black_box(27u64);
    let steps = loop { if n == 1 { break 0; } let mut s = 0; while n != 1 { n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 }; s += 1; } break s; };
    println!("loop value {}", steps);
    let first_sq = 'blk: {
        for i in 10.. { if i * i % 17 == 13 { break 'blk i; } if i > 1000 { break 'blk -1; } }
        -2
    };
    println!("labeled block {}", first_sq);
    let mut count = 0;
    'a: for i in 0..10 {
        'b: for j in 0..10 {
            'c: for k in 0..10 {
                if k > j { continue 'b; }
                if j > i { continue 'a; }
                if (i + j + k) % 5 == 0 { continue 'c; }
                if i * j * k > 200 { break 'a; }
                count += 1;
            }
        }
    }
    println!("triple nest count {}", count);
    let v = black_box(vec![3, 8, 1, 0, 9, 4, 4, 7]);
    let mut i = 0;
    while i < v.len() && (v[i] != 0 || i == 0) && !(v[i] > 8 && i > 2) { i += 1; }
    println!("while stop at {}", i);
    let mut a = 0u32; let mut b = 100u32;
    while a < b && (b - a) % 7 != 0 || a == 0 { a += 3; b -= 2; }
    println!("while a={} b={}", a, b);
    for (x, y) in [(0, 5), (3, 200), (4, 0), (5, 4), (7, 8), (9, 9), (-2, 5), (-3, 0), (-1, 50)] { println!("classify {} {} -> {}", x, y, classify(x, y)); }
    for s in ["a:1", "bb:x", "nocolon", "cc:-42"] { println!("parse {:?} -> {:?}", s, parse_kv(s)); }
    let opts = [Some(3), None, Some(10), Some(-1)];
    for o in opts {
        let r = if let Some(x) = o && x > 0 { if x > 5 { "big" } else { "small" } } else if o.is_none() { "none" } else { "neg" };
        print!("{} ", r);
    }
    println!();
    let mut stack = vec![1];
    let mut visited = Vec::new();
    while let Some(top) = stack.pop() {
        if visited.contains(&top) || top > 20 { continue; }
        visited.push(top);
        stack.push(top * 2);
        stack.push(top + 3);
    }
    visited.sort();
    println!("visited {:?}", visited);
    let mut fizz = String::new();
    for i in 1..=20 { fizz += match (i % 3, i % 5) { (0, 0) => "FB", (0, _) => "F", (_, 0) => "B", _ => "." }; }
    println!("fizz {}", fizz);
    let mut total = 0i64;
    for i in (0..50).rev().step_by(3) { if i % 4 == 0 { continue; } total += i; if total > 300 { break; } }
    println!("rev step total {}", total);
}
