// Large structs and ABI: 40-byte structs passed/returned by value through several calls,
// nested arrays of structs, returning mixed tuples (u8, u64, f32), 12+ mixed int/float args,
// recursion passing structs, small structs that fit in registers, struct with f32 pairs.
use std::hint::black_box;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Big { a: u64, b: i32, c: f64, d: [u8; 6], e: u16, f: f32 }

#[derive(Debug, Clone, Copy)]
struct Small { x: u16, y: u8 }

#[derive(Debug, Clone, Copy)]
struct FPair { a: f32, b: f32 }

#[derive(Debug, Clone, Copy)]
struct IF { i: i64, f: f64 }

#[derive(Debug, Clone, Copy, Default)]
struct Cell3 { v: [i16; 3], w: u8 }

#[inline(never)]
fn step(b: Big, k: u64) -> Big {
    Big { a: b.a.wrapping_mul(31).wrapping_add(k), b: b.b - k as i32, c: b.c * 1.5 + k as f64, d: [b.d[5], b.d[0], b.d[1], b.d[2], b.d[3], b.d[4].wrapping_add(k as u8)], e: b.e ^ (k as u16), f: b.f + 0.25 }
}
#[inline(never)]
fn chain(b: Big) -> Big { step(step(step(b, 1), 2), 3) }
#[inline(never)]
fn pick(flag: bool, x: Big, y: Big) -> Big { if flag { x } else { y } }
#[inline(never)]
fn mixed_tuple(n: u32) -> (u8, u64, f32) { (n as u8, (n as u64) << 33 | 5, n as f32 / 4.0) }
#[inline(never)]
fn tuple_in(t: (u8, u64, f32), s: Small) -> f64 { t.0 as f64 + t.1 as f64 + t.2 as f64 + s.x as f64 * s.y as f64 }
#[inline(never)]
fn many_args(a: u8, b: f64, c: i16, d: f32, e: u64, f: f64, g: i32, h: f32, i: u8, j: f64, k: i64, l: f32, m: u16, n: f64) -> f64 {
    a as f64 - b + c as f64 * d as f64 + e as f64 - f + g as f64 * h as f64 + i as f64 + j - k as f64 + l as f64 * m as f64 + n
}
#[inline(never)]
fn many_ints(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, i: u64, j: u64, k: u64, l: u64, m: Small, n: Big) -> u64 {
    a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l + m.x as u64 + n.a
}
#[inline(never)]
fn fpair(p: FPair, q: FPair) -> FPair { FPair { a: p.a * q.b, b: p.b + q.a } }
#[inline(never)]
fn ifmix(v: IF) -> IF { IF { i: v.i * 3, f: v.f / 3.0 } }
#[inline(never)]
fn rec(b: Big, depth: u32) -> Big { if depth == 0 { b } else { let n = rec(step(b, depth as u64), depth - 1); Big { a: n.a ^ b.a, ..n } } }
#[inline(never)]
fn grid_sum(g: [[Cell3; 3]; 2]) -> (i64, u32) {
    let mut s = 0i64; let mut w = 0u32;
    for row in g.iter() { for c in row.iter() { s += c.v.iter().map(|&x| x as i64).sum::<i64>(); w += c.w as u32; } }
    (s, w)
}
#[inline(never)]
fn build_grid(seed: i16) -> [[Cell3; 3]; 2] {
    let mut g = [[Cell3::default(); 3]; 2];
    for (r, row) in g.iter_mut().enumerate() { for (c, cell) in row.iter_mut().enumerate() { *cell = Cell3 { v: [seed * r as i16, seed - c as i16, (r * c) as i16], w: (r * 3 + c) as u8 }; } }
    g
}

fn main() {
    let b0 = black_box(Big { a: 0x1234_5678_9abc, b: -77, c: 2.5, d: [1, 2, 3, 4, 5, 6], e: 0xf0f0, f: -1.5 });
    println!("size {} align {}", std::mem::size_of::<Big>(), std::mem::align_of::<Big>());
    let b1 = chain(b0);
    println!("chain {:?}", b1);
    println!("pick {:?} {:?}", pick(black_box(true), b0, b1).a, pick(black_box(false), b0, b1).d);
    let mut arr = [b0; 4];
    for i in 1..4 { arr[i] = step(arr[i - 1], i as u64 * 10); }
    println!("array of big last {:?} eq {}", arr[3], arr[0] == b0);
    let t = mixed_tuple(black_box(77));
    println!("tuple {:?} -> {}", t, tuple_in(t, Small { x: 300, y: 7 }));
    println!("many_args {}", many_args(1, 2.5, -3, 4.5, 5, 6.25, -7, 8.5, 9, 10.75, -11, 12.5, 13, 14.125));
    println!("many_ints {}", many_ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, Small { x: 1000, y: 0 }, b0));
    println!("fpair {:?}", fpair(FPair { a: 1.5, b: -2.0 }, FPair { a: 0.5, b: 4.0 }));
    println!("ifmix {:?}", ifmix(IF { i: -14, f: 10.0 }));
    println!("rec {:?}", rec(b0, 6));
    let g = build_grid(black_box(5));
    println!("grid {:?}", grid_sum(g));
    println!("grid cell {:?}", g[1][2]);
    let fns: [fn(Big, u64) -> Big; 2] = [step, |b, k| Big { a: k, ..b }];
    println!("fn ptr big {:?}", fns.iter().fold(b0, |acc, f| f(acc, 9)).a);
    let boxed: Box<dyn Fn(Big) -> (u8, u64, f32)> = Box::new(|b| (b.d[0], b.a, b.f));
    println!("closure big {:?}", boxed(b1));
    let vb: Vec<Big> = (0..5).map(|i| step(b0, i)).collect();
    println!("vec big sum {}", vb.iter().map(|b| b.a).fold(0u64, |a, x| a.wrapping_add(x)));
}
