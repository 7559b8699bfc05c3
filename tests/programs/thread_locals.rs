// thread_local! with Cell/RefCell, const-initialised thread locals, lazy init, values in
// spawned threads being independent of main's, destructors of TLS values.
use std::cell::{Cell, RefCell};
use std::thread;

thread_local! {
    static COUNTER: Cell<u32> = Cell::new(100);
    static NAMES: RefCell<Vec<String>> = RefCell::new(Vec::new());
    static FAST: Cell<u64> = const { Cell::new(7) };
    static BIG: RefCell<[u64; 16]> = const { RefCell::new([0; 16]) };
    static LAZY: String = make_lazy();
}

fn make_lazy() -> String { format!("lazy-{}", 6 * 7) }

struct Noisy(u32);
impl Drop for Noisy {
    fn drop(&mut self) { println!("tls drop Noisy({})", self.0); }
}
thread_local! { static NOISY: RefCell<Option<Noisy>> = const { RefCell::new(None) }; }

fn bump(n: u32) -> u32 { COUNTER.with(|c| { c.set(c.get() + n); c.get() }) }

fn record(s: &str) { NAMES.with_borrow_mut(|v| v.push(s.to_string())); }

fn main() {
    println!("initial {}", COUNTER.get());
    println!("bump {} {}", bump(1), bump(10));
    record("main-a");
    record("main-b");
    FAST.set(FAST.get() * 3);
    BIG.with_borrow_mut(|b| for (i, x) in b.iter_mut().enumerate() { *x = (i as u64) << 32 | i as u64; });
    LAZY.with(|s| println!("lazy {}", s));
    let h = thread::spawn(|| {
        let before = COUNTER.get();
        let after = bump(5);
        record("thread");
        FAST.set(FAST.get() + 1);
        let names = NAMES.with_borrow(|v| v.clone());
        let big_sum: u64 = BIG.with_borrow(|b| b.iter().sum());
        NOISY.with_borrow_mut(|n| *n = Some(Noisy(2)));
        LAZY.with(|s| s.len());
        format!("thread before={} after={} fast={} names={:?} big={}", before, after, FAST.get(), names, big_sum)
    });
    let out = h.join().unwrap();
    println!("{}", out);
    println!("main counter {} fast {}", COUNTER.get(), FAST.get());
    println!("main names {:?}", NAMES.with_borrow(|v| v.clone()));
    println!("main big {}", BIG.with_borrow(|b| b.iter().fold(0u64, |a, x| a ^ x)));
    let results: Vec<u32> = (0..3)
        .map(|i| thread::spawn(move || { for _ in 0..=i { bump(i + 1); } COUNTER.get() }))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    println!("per-thread counters {:?}", results);
    COUNTER.replace(1);
    println!("take {} now {}", COUNTER.take(), COUNTER.get());
    NAMES.with_borrow_mut(|v| v.clear());
    println!("cleared {}", NAMES.with_borrow(|v| v.len()));
}
