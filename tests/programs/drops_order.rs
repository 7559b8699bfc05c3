// Drop semantics: order of locals, struct fields, Vec elements, temporaries, mem::drop,
// mem::forget, ManuallyDrop, Option<Box<T>>::take, drops in loops and on reassignment,
// drop during unwinding-free early return, moved-out values not dropped twice.
use std::mem::{self, ManuallyDrop};

struct D(&'static str, u32);
impl Drop for D {
    fn drop(&mut self) { println!("drop {}#{}", self.0, self.1); }
}

struct Pair { _first: D, _second: D }

enum E { One(D), Two(D, D), Zero }

fn make(name: &'static str, n: u32) -> D { println!("make {}#{}", name, n); D(name, n) }

fn early(flag: bool) -> u32 {
    let _a = make("early_a", 1);
    if flag { return 1; }
    let _b = make("early_b", 2);
    2
}

fn consume(d: D) -> u32 { println!("consume {}", d.1); d.1 * 2 }

fn main() {
    {
        let _x = make("local", 1);
        let _y = make("local", 2);
        let _ = make("underscore", 3);
        println!("end of scope 1");
    }
    {
        let _p = Pair { _second: make("field_second", 2), _first: make("field_first", 1) };
        let t = (make("tuple", 1), make("tuple", 2));
        let (_a, _) = t;
        println!("end of scope 2");
    }
    let v = vec![make("vec", 1), make("vec", 2), make("vec", 3)];
    let mut v2 = v;
    let removed = v2.remove(1);
    println!("removed {}", removed.1);
    v2.truncate(1);
    println!("truncated");
    drop(v2);
    println!("after vec drop");
    mem::forget(make("forgotten", 9));
    let md = ManuallyDrop::new(make("manual", 5));
    println!("manual value {}", md.1);
    let mut md2 = ManuallyDrop::new(make("manual2", 6));
    unsafe { ManuallyDrop::drop(&mut md2); }
    let mut ob: Option<Box<D>> = Some(Box::new(make("boxed", 1)));
    let taken = ob.take();
    println!("taken is_some {} ob is_none {}", taken.is_some(), ob.is_none());
    drop(taken);
    for i in 0..3 {
        let _it = make("loop", i);
        if i == 1 { println!("continue at 1"); continue; }
        println!("body {}", i);
    }
    let mut slot = make("slot", 1);
    println!("reassign from {}", slot.1);
    slot = make("slot", 2);
    println!("slot now {}", slot.1);
    println!("early {} {}", early(true), early(false));
    println!("consumed {}", consume(make("arg", 21)));
    println!("temp len {}", make("temp", 7).0.len());
    let es = [E::One(make("e1", 1)), E::Two(make("e2", 1), make("e2", 2)), E::Zero];
    for e in es.iter() {
        match e { E::One(d) => println!("match one {}", d.1), E::Two(a, b) => println!("match two {} {}", a.1, b.1), E::Zero => println!("match zero") }
    }
    let moved = es;
    let [first, ..] = moved;
    println!("kept first {}", matches!(first, E::One(_)));
    let mut replaced = make("replace_old", 1);
    let old = mem::replace(&mut replaced, make("replace_new", 2));
    println!("old {} new {}", old.1, replaced.1);
    let bx: Box<[D]> = vec![make("slice", 1), make("slice", 2)].into_boxed_slice();
    println!("boxed slice len {}", bx.len());
    let opt = Some(make("opt", 1));
    if let Some(ref d) = opt { println!("peek opt {}", d.1); }
    println!("end of main");
}
