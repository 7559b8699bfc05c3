// Unwinding: catch_unwind around arithmetic/index/unwrap panics, destructors running during
// unwinding (locals, partially built Vec, Box), panic_any payloads, resume_unwind, nested catch.
use std::hint::black_box;
use std::panic::{self, AssertUnwindSafe};

struct Guard(&'static str);
impl Drop for Guard { fn drop(&mut self) { println!("  drop guard {}", self.0); } }

fn try_op<F: FnOnce() -> i64 + panic::UnwindSafe>(name: &str, f: F) {
    match panic::catch_unwind(f) { Ok(v) => println!("{}: ok {}", name, v), Err(_) => println!("{}: panicked", name) }
}

#[inline(never)]
fn deep(n: u32) -> u32 {
    let _g = Guard(if n % 2 == 0 { "even" } else { "odd" });
    if n == 0 { panic!("bottom reached"); }
    deep(n - 1) + 1
}

fn main() {
    panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<String>().cloned().or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or("<non-string>".into());
        println!("  hook: {}", msg);
    }));
    try_op("add", || { let a: i32 = black_box(i32::MAX); (a + 1) as i64 });
    try_op("mul", || { let a: u16 = black_box(300); (a * 300) as i64 });
    try_op("neg", || { let a: i64 = black_box(i64::MIN); -a });
    try_op("shl", || { let s: u32 = black_box(40); (1i32 << s) as i64 });
    try_op("div0", || { let d: i64 = black_box(0); 10 / d });
    try_op("rem_min", || { let d: i64 = black_box(-1); i64::MIN % d });
    try_op("index", || { let v = vec![1i64, 2]; v[black_box(5)] });
    try_op("unwrap", || { let o: Option<i64> = black_box(None); o.unwrap() });
    try_op("fine", || 99);
    let r = panic::catch_unwind(|| deep(4));
    println!("deep caught {}", r.is_err());
    let mut log = Vec::new();
    let r = panic::catch_unwind(AssertUnwindSafe(|| {
        let _a = Guard("outer-a");
        let _b = Box::new(Guard("boxed-b"));
        let v: Vec<Guard> = vec![Guard("vec-0"), Guard("vec-1")];
        log.push(v.len());
        let inner = panic::catch_unwind(|| { let _c = Guard("inner-c"); panic!("inner") });
        log.push(inner.is_err() as usize);
        panic!("outer {}", log.len());
    }));
    println!("nested caught {} log {:?}", r.is_err(), log);
    let payload = panic::catch_unwind(|| panic::panic_any(42i32)).unwrap_err();
    println!("panic_any payload {:?}", payload.downcast_ref::<i32>());
    let resumed = panic::catch_unwind(|| {
        let _g = Guard("resume");
        let p = panic::catch_unwind(|| panic::panic_any(String::from("first"))).unwrap_err();
        panic::resume_unwind(p);
    });
    println!("resumed payload {:?}", resumed.unwrap_err().downcast_ref::<String>());
    let _ = panic::take_hook();
    let _last = Guard("main-local");
    let v: Vec<u8> = Vec::new();
    println!("final index panic (guard must drop during unwind)");
    println!("{}", v[black_box(3)]);
}
