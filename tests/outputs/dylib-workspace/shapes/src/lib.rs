//! The dependency that `dy_engine` re-exports: generic and non-generic functions, statics
//! (zero-initialized, initialized, thread-local), a trait object.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Zero-initialized and writable (`.bss`).
pub static CALLS: AtomicUsize = AtomicUsize::new(0);
pub static GREETING: &str = "hello from dy_shapes";
pub static PRIMES: [u32; 6] = [2, 3, 5, 7, 11, 13];

thread_local! {
    static BUMPS: Cell<u32> = const { Cell::new(0) };
}

pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String;
}

pub struct Square(pub f64);
pub struct Circle(pub f64);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
    fn name(&self) -> String {
        format!("square {}", self.0)
    }
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.0 * self.0
    }
    fn name(&self) -> String {
        format!("circle {}", self.0)
    }
}

fn count() {
    CALLS.fetch_add(1, Ordering::SeqCst);
}

pub fn shapes() -> Vec<Box<dyn Shape>> {
    count();
    vec![Box::new(Square(2.0)), Box::new(Circle(1.5))]
}

pub fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    count();
    shapes.iter().map(|s| s.area()).sum()
}

/// Generic: instantiated in the crate that calls it.
pub fn largest<T: PartialOrd + Copy>(xs: &[T]) -> Option<T> {
    count();
    xs.iter().copied().fold(None, |best, x| match best {
        Some(b) if b >= x => Some(b),
        _ => Some(x),
    })
}

#[inline]
pub fn double(x: u32) -> u32 {
    x * 2
}

pub fn bump() -> u32 {
    BUMPS.with(|b| {
        b.set(b.get() + 1);
        b.get()
    })
}
