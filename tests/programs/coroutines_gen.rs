// Coroutines (nightly feature, the machinery under async and gen blocks): yield/return values,
// resume arguments, state kept across yields (including borrows of locals), pinned boxed
// coroutines in a Vec, and an Iterator adapter over a coroutine.
#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]
use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;

fn drive<C: Coroutine<(), Yield = u64, Return = String> + Unpin>(mut c: C) -> (Vec<u64>, String) {
    let mut ys = Vec::new();
    loop {
        match Pin::new(&mut c).resume(()) {
            CoroutineState::Yielded(y) => ys.push(y),
            CoroutineState::Complete(r) => return (ys, r),
        }
    }
}

struct Iter<C>(Pin<Box<C>>);
impl<C: Coroutine<(), Return = ()>> Iterator for Iter<C> {
    type Item = C::Yield;
    fn next(&mut self) -> Option<C::Yield> { match self.0.as_mut().resume(()) { CoroutineState::Yielded(v) => Some(v), CoroutineState::Complete(()) => None } }
}

fn main() {
    let fib = #[coroutine] || { let (mut a, mut b) = (0u64, 1u64); for _ in 0..12 { yield a; let t = a + b; a = b; b = t; } format!("done at {}", a) };
    println!("fib {:?}", drive(fib));
    let mut acc = #[coroutine] |mut x: i32| { let mut total = 0; loop { total += x; if total > 20 { return total * 100; } x = yield total; } };
    let mut trace = Vec::new();
    let mut input = 3;
    loop {
        match Pin::new(&mut acc).resume(input) {
            CoroutineState::Yielded(t) => { trace.push(t); input = t % 7 + 1; }
            CoroutineState::Complete(r) => { trace.push(r); break; }
        }
    }
    println!("resume args {:?}", trace);
    let words = Iter(Box::pin(#[coroutine] static || {
        let text = String::from("the borrowed words live across yields");
        let parts: Vec<&str> = text.split(' ').collect();
        for p in parts.iter().rev() { yield p.len(); }
        yield text.len();
    }));
    println!("self-referential {:?}", words.collect::<Vec<_>>());
    let mut gens: Vec<Pin<Box<dyn Coroutine<Yield = u8, Return = u8>>>> = Vec::new();
    for k in 1..=3u8 { gens.push(Box::pin(#[coroutine] move || { for i in 0..k { yield i * k; } k * 10 })); }
    let mut round = 0;
    let mut done = vec![None; 3];
    while done.iter().any(|d| d.is_none()) {
        let mut line = Vec::new();
        for (i, g) in gens.iter_mut().enumerate() {
            if done[i].is_some() { continue; }
            match g.as_mut().resume(()) { CoroutineState::Yielded(v) => line.push(v), CoroutineState::Complete(r) => done[i] = Some(r) }
        }
        println!("round {} yields {:?}", round, line);
        round += 1;
    }
    println!("returns {:?}", done);
    let big = #[coroutine] || { let arr = [7u64; 64]; let mut s = 0; for i in 0..arr.len() { s += arr[i] * i as u64; if i % 16 == 0 { yield s; } } s.to_string() };
    println!("big state {:?}", drive(big));
}
