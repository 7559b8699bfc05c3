// Structs by value: small pairs (fit in registers), big structs (> 16 bytes, passed and
// returned in memory), nested structs, methods, mixed field sizes and padding.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pair {
    a: i32,
    b: i32,
}

#[derive(Debug, Clone, Copy)]
struct Mixed {
    tag: u8,
    value: u64,
    flag: bool,
    small: i16,
}

#[derive(Debug, Clone, Copy)]
struct Big {
    xs: [u64; 4],
    name: &'static str,
    p: Pair,
}

#[derive(Debug)]
struct Point3 {
    x: f64,
    y: f64,
    z: f64,
}

#[inline(never)]
fn add_pairs(p: Pair, q: Pair) -> Pair {
    Pair { a: p.a + q.a, b: p.b + q.b }
}

#[inline(never)]
fn make_big(seed: u64) -> Big {
    Big { xs: [seed, seed * 2, seed * 3, seed * 4], name: "big", p: Pair { a: seed as i32, b: -(seed as i32) } }
}

#[inline(never)]
fn sum_big(b: Big) -> u64 {
    b.xs.iter().sum::<u64>() + b.p.a as u64 + b.name.len() as u64
}

#[inline(never)]
fn tweak(mut m: Mixed) -> Mixed {
    m.tag = m.tag.wrapping_add(1);
    m.value ^= 0xffff;
    m.flag = !m.flag;
    m.small -= 1;
    m
}

impl Point3 {
    fn dot(&self, o: &Point3) -> f64 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    fn scaled(self, k: f64) -> Point3 {
        Point3 { x: self.x * k, y: self.y * k, z: self.z * k }
    }
}

fn main() {
    let p = add_pairs(Pair { a: 1, b: 2 }, Pair { a: 30, b: 40 });
    println!("{p:?} eq {}", p == Pair { a: 31, b: 42 });
    let b = make_big(7);
    println!("{b:?}");
    println!("sum_big = {}", sum_big(b));
    let m = tweak(Mixed { tag: 255, value: 0x1234_5678, flag: false, small: -32768 + 1 });
    println!("{m:?}");
    let v = Point3 { x: 1.0, y: 2.0, z: 3.0 };
    let w = Point3 { x: -1.0, y: 0.5, z: 2.0 }.scaled(2.0);
    println!("{w:?} dot = {}", v.dot(&w));
    let mut bigs = [make_big(1), make_big(2), make_big(3)];
    bigs[1].xs[3] = 99;
    let total: u64 = bigs.iter().map(|b| sum_big(*b)).sum();
    println!("total = {total}");
    println!("sizes {} {} {}", std::mem::size_of::<Pair>(), std::mem::size_of::<Mixed>(), std::mem::size_of::<Big>());
}
