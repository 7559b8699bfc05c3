// Tuples: construction, destructuring, returning tuples, nested tuples, tuple comparison.
#[inline(never)]
fn divmod(a: u32, b: u32) -> (u32, u32) {
    (a / b, a % b)
}

#[inline(never)]
fn swap<A, B>(t: (A, B)) -> (B, A) {
    (t.1, t.0)
}

#[inline(never)]
fn stats(xs: &[i32]) -> (i32, i32, i64, usize) {
    let mut min = i32::MAX;
    let mut max = i32::MIN;
    let mut sum = 0i64;
    for &x in xs {
        min = min.min(x);
        max = max.max(x);
        sum += x as i64;
    }
    (min, max, sum, xs.len())
}

fn main() {
    let (q, r) = divmod(1000, 7);
    println!("q = {q}, r = {r}");
    println!("{:?}", swap((1u8, "one")));
    println!("{:?}", swap(('x', (2.5f32, -1i64))));
    let (min, max, sum, n) = stats(&[5, -3, 12, 0, 7]);
    println!("min {min} max {max} sum {sum} n {n}");
    let nested = ((1, 2), (3, (4, 5)));
    let ((a, _), (c, (_, e))) = nested;
    println!("a {a} c {c} e {e} {:?}", nested);
    println!("cmp {} {}", (1, 2, 3) < (1, 3, 0), ("b", 1) > ("a", 9));
    let unit = ();
    println!("unit {unit:?}");
    let mut t = (0u64, String::new());
    for i in 0..5 {
        t.0 += i;
        t.1.push_str(&i.to_string());
    }
    println!("{t:?}");
}
