// Iterator adapters: map/filter/zip/enumerate/chain/take_while/skip/flat_map/rev/fold,
// custom Iterator impl, sum/product/min/max/count/any/all.
struct Fib {
    a: u64,
    b: u64,
}

impl Iterator for Fib {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let r = self.a;
        self.a = self.b;
        self.b += r;
        Some(r)
    }
}

fn main() {
    let v: Vec<u32> = (1..=10).collect();
    let squares: Vec<u32> = v.iter().map(|x| x * x).filter(|x| x % 2 == 1).collect();
    println!("{squares:?}");
    let pairs: Vec<(usize, char)> = "abc".chars().enumerate().collect();
    println!("{pairs:?}");
    let zipped: Vec<(u32, &str)> = v.iter().copied().zip(["x", "y", "z"]).collect();
    println!("{zipped:?}");
    let chained: Vec<u32> = (1..3).chain(7..9).rev().collect();
    println!("{chained:?}");
    let tw: Vec<u32> = v.iter().copied().take_while(|&x| x < 5).skip(1).collect();
    println!("{tw:?}");
    let fm: Vec<u32> = (1..4).flat_map(|x| (0..x).map(move |y| x * 10 + y)).collect();
    println!("{fm:?}");
    println!(
        "sum {} product {} min {:?} max {:?} count {}",
        v.iter().sum::<u32>(),
        v.iter().map(|&x| x as u64).product::<u64>(),
        v.iter().min(),
        v.iter().max(),
        v.iter().filter(|&&x| x > 3).count()
    );
    println!("any {} all {}", v.iter().any(|&x| x == 7), v.iter().all(|&x| x < 10));
    let fibs: Vec<u64> = Fib { a: 0, b: 1 }.take(15).collect();
    println!("{fibs:?}");
    let big = Fib { a: 0, b: 1 }.skip_while(|&x| x < 1_000_000).next();
    println!("first fib >= 1e6: {big:?}");
    let s = v.iter().fold(String::new(), |mut acc, x| {
        if !acc.is_empty() {
            acc.push('+');
        }
        acc += &x.to_string();
        acc
    });
    println!("{s}");
    let (ev, od): (Vec<u32>, Vec<u32>) = v.iter().partition(|&&x| x % 2 == 0);
    println!("{ev:?} {od:?}");
    let pos = v.iter().rposition(|&x| x % 3 == 0);
    println!("{pos:?} {:?}", v.chunks(3).map(|c| c.len()).collect::<Vec<_>>());
}
