//! Run-time kernel: small functions that are not inlined, called from loops: free functions,
//! inherent and trait methods (static and `dyn` dispatch), generic functions taking closures,
//! `&dyn Fn` closures and a recursive function; prints a checksum.

#[inline(never)]
fn add3(a: u64, b: u64, c: u64) -> u64 {
    a.wrapping_add(b).wrapping_add(c)
}

#[inline(never)]
fn mix(a: u64, b: u64) -> u64 {
    (a ^ b).wrapping_mul(0x9e3779b97f4a7c15).rotate_left(17)
}

#[inline(never)]
fn pair(a: u32, b: u32) -> (u32, u32) {
    (a.wrapping_add(b), a ^ b)
}

#[derive(Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
}

impl Point {
    #[inline(never)]
    fn offset(self, dx: f64, dy: f64) -> Point {
        Point { x: self.x + dx, y: self.y + dy }
    }

    #[inline(never)]
    fn dot(&self, other: &Point) -> f64 {
        self.x * other.x + self.y * other.y
    }
}

trait Shape {
    fn area(&self) -> f64;
    fn scale(&mut self, k: f64);
}

struct Square(f64);
struct Rect(f64, f64);
struct Circle(f64);

impl Shape for Square {
    #[inline(never)]
    fn area(&self) -> f64 {
        self.0 * self.0
    }
    #[inline(never)]
    fn scale(&mut self, k: f64) {
        self.0 *= k;
    }
}

impl Shape for Rect {
    #[inline(never)]
    fn area(&self) -> f64 {
        self.0 * self.1
    }
    #[inline(never)]
    fn scale(&mut self, k: f64) {
        self.0 *= k;
        self.1 /= k;
    }
}

impl Shape for Circle {
    #[inline(never)]
    fn area(&self) -> f64 {
        3.14159 * self.0 * self.0
    }
    #[inline(never)]
    fn scale(&mut self, k: f64) {
        self.0 *= k.sqrt();
    }
}

#[inline(never)]
fn apply<F: Fn(u64) -> u64>(f: F, n: u64) -> u64 {
    f(n)
}

#[inline(never)]
fn apply_dyn(f: &dyn Fn(u64) -> u64, n: u64) -> u64 {
    f(n)
}

#[inline(never)]
fn total_area<S: Shape>(s: &S) -> f64 {
    s.area()
}

fn fib(n: u32) -> u64 {
    if n < 2 { n as u64 } else { fib(n - 1) + fib(n - 2) }
}

fn main() {
    let mut acc = 0u64;
    for i in 0..30_000_000u64 {
        acc = add3(acc, i, mix(acc, i));
        let (s, x) = pair(i as u32, acc as u32);
        acc ^= (s as u64) << 1 | x as u64;
    }

    let mut p = Point { x: 0.0, y: 1.0 };
    let q = Point { x: 0.5, y: -0.25 };
    let mut dots = 0.0;
    for i in 0..20_000_000 {
        p = p.offset(1e-6, -1e-6 * (i & 7) as f64);
        dots += p.dot(&q);
    }

    let mut shapes: Vec<Box<dyn Shape>> = Vec::new();
    for i in 0..30 {
        match i % 3 {
            0 => shapes.push(Box::new(Square(1.0 + i as f64))),
            1 => shapes.push(Box::new(Rect(1.0, 2.0 + i as f64))),
            _ => shapes.push(Box::new(Circle(0.5 + i as f64))),
        }
    }
    let mut areas = 0.0;
    for round in 0..400_000 {
        for s in shapes.iter_mut() {
            areas += s.area();
            s.scale(if round % 2 == 0 { 1.001 } else { 1.0 / 1.001 });
        }
    }
    let sq = Square(3.0);
    for _ in 0..6_000_000 {
        areas += total_area(&sq) * 1e-9;
    }

    let k = acc | 1;
    let add_k = |n: u64| n.wrapping_mul(k).wrapping_add(1);
    let mut c = 0u64;
    for i in 0..20_000_000 {
        c = apply(add_k, c ^ i);
        c = apply_dyn(&|n| n.rotate_left(3) ^ k, c);
    }

    let f = fib(32);
    println!("checksum: {acc:016x} {dots:.6e} {areas:.6e} {c:016x} {f}");
}
