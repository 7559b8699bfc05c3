// Closures: passed to generic fns (static dispatch), as &dyn Fn, boxed, capturing by
// reference / by move / mutably, returning closures, FnOnce.
fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
    f(x)
}

fn apply_twice(f: &dyn Fn(i32) -> i32, x: i32) -> i32 {
    f(f(x))
}

fn call_n<F: FnMut()>(n: usize, mut f: F) {
    for _ in 0..n {
        f();
    }
}

fn consume<F: FnOnce() -> String>(f: F) -> String {
    f()
}

fn make_adder(k: i32) -> impl Fn(i32) -> i32 {
    move |x| x + k
}

fn make_boxed(kind: u8) -> Box<dyn Fn(u64) -> u64> {
    match kind {
        0 => Box::new(|x| x * 2),
        1 => Box::new(|x| x * x),
        _ => Box::new(move |x| x + kind as u64),
    }
}

fn main() {
    let offset = 10;
    println!("{}", apply(|x| x * 3 + offset, 4));
    println!("{}", apply_twice(&|x| x - offset, 100));
    let mut counter = 0;
    call_n(5, || counter += 2);
    println!("counter = {counter}");
    let s = String::from("moved");
    println!("{}", consume(move || s + " string"));
    let add7 = make_adder(7);
    println!("{} {}", add7(1), add7(-7));
    let fs: Vec<Box<dyn Fn(u64) -> u64>> = (0..3).map(make_boxed).collect();
    println!("{:?}", fs.iter().map(|f| f(9)).collect::<Vec<_>>());
    let mut v = vec![3, 1, 4, 1, 5, 9, 2, 6];
    v.sort_by(|a, b| b.cmp(a));
    println!("{v:?}");
    let evens: Vec<i32> = v.iter().copied().filter(|x| x % 2 == 0).map(|x| x * 10).collect();
    println!("{evens:?}");
    let total = v.iter().fold(0i64, |acc, &x| acc * 2 + x as i64);
    println!("fold {total}");
}
