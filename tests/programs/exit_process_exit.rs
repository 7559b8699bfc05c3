// std::process::exit(42) from a nested function after printing, with live values that are not
// dropped (their Drop output must not appear) and buffered stdout that must still be flushed.
use std::io::Write;

struct Loud(u32);
impl Drop for Loud { fn drop(&mut self) { println!("drop Loud {}", self.0); } }

fn deep(n: u32, acc: &mut Vec<u32>) -> u32 {
    let _guard = Loud(n);
    acc.push(n * n);
    if n == 0 {
        let sum: u32 = acc.iter().sum();
        print!("sum at bottom {} ", sum);
        println!("(partial line above)");
        let mut out = std::io::stdout().lock();
        write!(out, "locked write {:?}", acc).unwrap();
        writeln!(out).unwrap();
        drop(out);
        std::process::exit(std::hint::black_box(42));
    }
    deep(n - 1, acc)
}

fn main() {
    {
        let _scoped = Loud(100);
        println!("scoped value lives");
    }
    let _kept = Loud(200);
    let mut acc = Vec::new();
    for i in 0..3 { println!("line {}", i); }
    let r = deep(5, &mut acc);
    println!("not reached {}", r);
}
