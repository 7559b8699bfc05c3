// Closures and function pointers: ref/move/mut captures, Fn/FnMut/FnOnce via generics and dyn,
// returned closures, closure->fn pointer coercion, fn item tables, recursion through fn ptrs.
fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 { f(x) }
fn apply_mut<F: FnMut() -> u32>(mut f: F, n: usize) -> Vec<u32> { (0..n).map(|_| f()).collect() }
fn apply_once<F: FnOnce() -> String>(f: F) -> String { f() }
fn dyn_apply(f: &dyn Fn(u64) -> u64, x: u64) -> u64 { f(f(x)) }
fn dyn_mut(f: &mut dyn FnMut(u8)) { for i in 0..4 { f(i); } }

fn make_adder(n: i32) -> impl Fn(i32) -> i32 { move |x| x + n }
fn make_counter() -> impl FnMut() -> u32 { let mut c = 0; move || { c += 3; c } }
fn make_boxed(kind: u8) -> Box<dyn Fn(f64) -> f64> {
    match kind {
        0 => Box::new(|x| x * 2.0),
        1 => { let off = 0.5; Box::new(move |x| x + off) }
        _ => Box::new(|x: f64| x.sqrt()),
    }
}
fn compose<A, B, C>(f: impl Fn(A) -> B, g: impl Fn(B) -> C) -> impl Fn(A) -> C { move |x| g(f(x)) }

fn double(x: i32) -> i32 { x * 2 }
fn square(x: i32) -> i32 { x * x }
fn negate(x: i32) -> i32 { -x }

fn fact(f: fn(u64) -> u64, n: u64) -> u64 { if n == 0 { 1 } else { n * f(n - 1) } }
fn fact_entry(n: u64) -> u64 { fact(fact_entry, n) }

fn even(n: u32) -> bool { if n == 0 { true } else { (ODD_PTR)(n - 1) } }
fn odd(n: u32) -> bool { if n == 0 { false } else { (EVEN_PTR)(n - 1) } }
static EVEN_PTR: fn(u32) -> bool = even;
static ODD_PTR: fn(u32) -> bool = odd;

fn main() {
    let k = 10;
    println!("apply ref {}", apply(|x| x + k, 5));
    let v = vec![1, 2, 3];
    let sum_v = move |m: i32| v.iter().sum::<i32>() * m;
    println!("apply move {}", apply(&sum_v, 3));
    let mut state = 1u32;
    println!("apply_mut {:?}", apply_mut(|| { state *= 2; state }, 5));
    println!("state after {}", state);
    let s = String::from("owned");
    println!("once {}", apply_once(move || s + "!"));
    println!("dyn {}", dyn_apply(&|x| x * 3 + 1, 4));
    let mut acc = Vec::new();
    dyn_mut(&mut |b| acc.push(b * 10));
    println!("dyn mut {:?}", acc);
    let add5 = make_adder(5);
    println!("adder {} {}", add5(1), apply(&add5, 100));
    let mut c = make_counter();
    println!("counter {} {} {}", c(), c(), c());
    for kind in 0..3 { println!("boxed {} -> {}", kind, make_boxed(kind)(16.0)); }
    let comp = compose(|x: i32| x + 1, |y: i32| format!("<{}>", y * 2));
    println!("compose {}", comp(20));
    let table: [fn(i32) -> i32; 3] = [double, square, negate];
    for (i, f) in table.iter().enumerate() { println!("table[{}](7) = {}", i, f(7)); }
    let nc: fn(i32) -> i32 = |x| x - 100;
    let table2 = [nc, double, |x| x % 3];
    println!("table2 {:?}", table2.iter().map(|f| f(50)).collect::<Vec<_>>());
    println!("fact {}", fact_entry(15));
    println!("even/odd {} {} {}", even(10), odd(7), even(13));
    let fns: Vec<Box<dyn Fn(i32) -> i32>> = (1..=4).map(|m| Box::new(move |x| x * m + m) as Box<dyn Fn(i32) -> i32>).collect();
    println!("vec of closures {:?}", fns.iter().map(|f| f(10)).collect::<Vec<_>>());
    let mut big = [0u64; 8];
    let mut fill = |i: usize, val: u64| big[i] = val;
    for i in 0..8 { fill(i, (i as u64) << 40 | 7); }
    println!("big {:x}", big.iter().fold(0u64, |a, b| a ^ b));
    let pairs = vec![(1, 'a'), (3, 'c'), (2, 'b')];
    let mut sorted = pairs.clone();
    sorted.sort_by(|a, b| b.0.cmp(&a.0));
    println!("sorted by closure {:?}", sorted);
    let tuple_cap = (1u8, 2.5f32, "str");
    let show = || format!("{} {} {}", tuple_cap.0, tuple_cap.1, tuple_cap.2);
    println!("tuple capture {}", show());
    let fp = fact_entry as fn(u64) -> u64;
    println!("fnptr eq {}", fp(5) == fact_entry(5));
}
