// Unwinding through frames of the LLVM-built standard library and back: panics raised in
// fastclif closures called by std (sort_by, iterator adaptors, fmt, HashMap::entry), drop order
// of fields, arrays and partially built collections while unwinding, poisoning, threads.
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::hint::black_box;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

thread_local! {
    static DROPS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(s: impl Into<String>) {
    DROPS.with(|d| d.borrow_mut().push(s.into()));
}

fn take_log() -> Vec<String> {
    DROPS.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

struct Noisy(u32);
impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

struct Pair {
    _first: Noisy,
    _second: Noisy,
}

struct Loud(i32);
impl fmt::Display for Loud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            panic!("cannot display {}", self.0);
        }
        write!(f, "loud({})", self.0)
    }
}

fn report<T: fmt::Debug>(what: &str, r: std::thread::Result<T>) {
    match r {
        Ok(v) => println!("{what}: ok {v:?}"),
        Err(e) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            println!("{what}: panicked \"{msg}\"");
        }
    }
    println!("  log {:?}", take_log());
}

#[inline(never)]
fn sort_with_panic(n: u32) -> Vec<u32> {
    let mut v: Vec<Noisy> = (0..n).map(|i| Noisy((i * 7919) % n)).collect();
    let calls = Cell::new(0);
    v.sort_by(|a, b| {
        calls.set(calls.get() + 1);
        if calls.get() == black_box(5) {
            panic!("comparator gave up after {} calls", calls.get());
        }
        a.0.cmp(&b.0)
    });
    v.iter().map(|x| x.0).collect()
}

fn main() {
    panic::set_hook(Box::new(|_| {}));

    // std::slice::sort calls back into our closure, which panics; every element must still be
    // dropped exactly once.
    let r = panic::catch_unwind(|| sort_with_panic(12));
    let mut dropped: Vec<String> = take_log();
    dropped.sort();
    println!("sort_by: panicked {} drops {}", r.is_err(), dropped.len());

    report("sort_ok", panic::catch_unwind(|| {
        let mut v = vec![5, 3, 9, 1];
        v.sort_by(|a, b| b.cmp(a));
        v
    }));

    // Partially collected Vec: elements built so far are dropped.
    report("collect", panic::catch_unwind(|| {
        (0..6)
            .map(|i| {
                if i == black_box(3) {
                    panic!("element {i}");
                }
                Noisy(i)
            })
            .collect::<Vec<_>>()
            .len()
    }));

    // Field and array drop order while unwinding.
    report("fields", panic::catch_unwind(|| {
        let _p = Pair { _first: Noisy(1), _second: Noisy(2) };
        let _arr = [Noisy(10), Noisy(11), Noisy(12)];
        let _t = (Noisy(20), Noisy(21));
        if black_box(true) {
            panic!("fields");
        }
        0
    }));

    // Panic inside Display, called from std's formatting machinery.
    report("fmt", panic::catch_unwind(|| format!("{} and {}", Loud(1), Loud(-2))));
    report("fmt_ok", panic::catch_unwind(|| format!("{}", Loud(7))));

    // HashMap::entry().or_insert_with with a panicking constructor.
    let mut map: HashMap<u32, Noisy> = HashMap::new();
    map.insert(1, Noisy(100));
    let r = panic::catch_unwind(AssertUnwindSafe(|| {
        map.entry(2).or_insert_with(|| panic!("no value for 2"));
    }));
    println!("entry: panicked {} len {}", r.is_err(), map.len());
    drop(map);
    println!("  log {:?}", take_log());

    // Poisoning: a panic while a MutexGuard is held.
    let m = Arc::new(Mutex::new(Noisy(300)));
    let m2 = Arc::clone(&m);
    let r = panic::catch_unwind(move || {
        let mut g = m2.lock().unwrap();
        g.0 += 1;
        panic!("holding the lock");
    });
    println!("mutex: panicked {} poisoned {}", r.is_err(), m.is_poisoned());
    let inner = m.lock().unwrap_or_else(|e| e.into_inner()).0;
    println!("  value {inner}");

    // RefCell double borrow panics inside std.
    let cell = RefCell::new(5);
    report("refcell", panic::catch_unwind(AssertUnwindSafe(|| {
        let _a = cell.borrow_mut();
        let _n = Noisy(400);
        *cell.borrow_mut() += 1;
    })));

    // A panic in a spawned thread is reported by join.
    let h = std::thread::spawn(|| {
        let _n = Noisy(500);
        if black_box(1) == 1 {
            panic!("thread body");
        }
        7
    });
    let r = h.join();
    println!("thread: err {}", r.is_err());
    let ok = std::thread::spawn(|| 40 + 2).join();
    println!("thread ok: {:?}", ok.ok());

    // Nested: a panic while unwinding is caught by an inner catch_unwind in a Drop impl.
    struct CatchInDrop;
    impl Drop for CatchInDrop {
        fn drop(&mut self) {
            let r = panic::catch_unwind(|| panic!("inside drop"));
            log(format!("drop caught {}", r.is_err()));
        }
    }
    report("drop_catch", panic::catch_unwind(|| {
        let _c = CatchInDrop;
        panic!("outer");
    }));

    let _ = panic::take_hook();
    std::process::exit(if r.is_err() { 3 } else { 0 });
}
