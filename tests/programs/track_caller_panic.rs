// #[track_caller]: Location::caller() line/column through nested track_caller fns, closures,
// generic fns and methods; a panic hook prints the panic message and location to stdout;
// the final Option::unwrap on None panics with exit code 101 (hook reports the unwrap line).
use std::panic::{self, Location};

#[track_caller]
fn here() -> &'static Location<'static> { Location::caller() }

#[track_caller]
fn outer() -> String { let l = here(); format!("outer sees {}:{}", l.line(), l.column()) }

#[track_caller]
fn generic_loc<T: std::fmt::Debug>(t: T) -> String { format!("{:?} at line {}", t, Location::caller().line()) }

#[track_caller]
fn checked(v: u32) -> u32 { if v > 10 { panic!("too big: {}", v) } v }

struct Wrapper(Vec<u8>);
impl Wrapper {
    #[track_caller]
    fn at(&self, i: usize) -> u8 { match self.0.get(i) { Some(v) => *v, None => panic!("index {} out of range (called from line {})", i, Location::caller().line()) } }
}

fn main() {
    let l = here();
    println!("direct {}:{} file ends with rs: {}", l.line(), l.column(), l.file().ends_with(".rs"));
    println!("{}", outer());
    println!("{}", generic_loc(5u8));
    println!("{}", generic_loc("s"));
    let lines: Vec<u32> = (0..3).map(|_| here().line()).collect();
    println!("in closure {:?}", lines);
    let f: fn() -> &'static Location<'static> = here;
    println!("via fn ptr line {}", f().line());
    panic::set_hook(Box::new(|info| {
        let loc = info.location().unwrap();
        let msg = info.payload().downcast_ref::<String>().cloned().or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
        println!("hook: '{}' at line {} col {}", msg, loc.line(), loc.column());
    }));
    println!("checked ok {}", checked(5));
    let w = Wrapper(vec![1, 2, 3]);
    println!("at {}", w.at(1));
    let none: Option<u32> = std::hint::black_box(None);
    println!("about to unwrap None");
    none.unwrap();
}
