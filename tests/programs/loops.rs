// while, loop with break value, for over ranges (inclusive, reversed, stepped), labeled breaks.
fn main() {
    let mut i = 0;
    let mut sum = 0u64;
    while i < 100 {
        sum += i;
        i += 1;
    }
    println!("while sum = {sum}");

    let mut n = 27u64;
    let steps = loop {
        if n == 1 {
            break i;
        }
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        i += 1;
    };
    println!("loop value = {steps}");

    let mut v = Vec::new();
    for k in (0..20).rev().step_by(3) {
        v.push(k);
    }
    println!("rev step_by = {v:?}");

    let mut total = 0i32;
    for k in -5..=5 {
        if k == 0 {
            continue;
        }
        total += 100 / k;
    }
    println!("inclusive total = {total}");

    let mut found = None;
    'outer: for a in 1..50u32 {
        for b in a..50 {
            for c in b..50 {
                if a * a + b * b == c * c && a + b + c == 40 {
                    found = Some((a, b, c));
                    break 'outer;
                }
            }
        }
    }
    println!("triple = {found:?}");

    let mut count = 0;
    for _ in 0..0 {
        count += 1;
    }
    for _ in 5..3 {
        count += 1;
    }
    println!("empty ranges ran {count} times");
}
