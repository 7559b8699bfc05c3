// References: mutation through &mut, passing &mut to functions, swapping, reborrows,
// references to struct fields and array elements.
fn bump(x: &mut i32, by: i32) {
    *x += by;
}

fn swap_ends(v: &mut [u16]) {
    let n = v.len();
    v.swap(0, n - 1);
}

fn largest_mut<'a>(a: &'a mut i64, b: &'a mut i64) -> &'a mut i64 {
    if *a >= *b { a } else { b }
}

struct Counter {
    hits: u32,
    misses: u32,
}

fn record(c: &mut Counter, hit: bool) {
    let field = if hit { &mut c.hits } else { &mut c.misses };
    *field += 1;
}

fn main() {
    let mut x = 10;
    bump(&mut x, 5);
    bump(&mut x, -20);
    println!("x = {x}");

    let mut arr = [1u16, 2, 3, 4, 5];
    swap_ends(&mut arr);
    let r = &mut arr[2];
    *r *= 100;
    println!("arr = {arr:?}");

    let (mut a, mut b) = (3i64, 8i64);
    *largest_mut(&mut a, &mut b) += 1000;
    println!("a = {a}, b = {b}");
    std::mem::swap(&mut a, &mut b);
    println!("swapped a = {a}, b = {b}");

    let mut c = Counter { hits: 0, misses: 0 };
    for i in 0..10 {
        record(&mut c, i % 3 == 0);
    }
    println!("hits = {}, misses = {}", c.hits, c.misses);

    let mut s = String::from("abc");
    let rs = &mut s;
    rs.push('d');
    let rrs = &mut *rs;
    rrs.push_str("ef");
    println!("s = {s}");

    let y = 42;
    let ry = &y;
    let rry = &ry;
    println!("deref = {}", **rry + 1);
}
