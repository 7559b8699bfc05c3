// Layout corner cases: #[repr(align(N))] locals/fields/arrays (over-aligned stack slots),
// #[repr(packed)] structs with unaligned field access, zero-sized types and arrays of them,
// Vec<ZST>, field reordering of repr(Rust) structs vs repr(C), enums containing aligned data.
use std::hint::black_box;
use std::mem::{align_of, align_of_val, size_of};

#[repr(align(64))]
#[derive(Clone, Copy, Debug)]
struct Line([u8; 8]);

#[repr(C, align(32))]
#[derive(Clone, Copy, Debug)]
struct Aligned32 { a: u8, b: u64 }

#[repr(packed)]
#[derive(Clone, Copy)]
struct Packed { tag: u8, val: u32, big: u64, f: f32 }

#[repr(C, packed(2))]
#[derive(Clone, Copy)]
struct Packed2 { a: u8, b: u32, c: u16 }

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Zst;

struct Mixed { a: u8, b: u64, c: u16, d: u8 }
#[repr(C)]
struct MixedC { a: u8, b: u64, c: u16, d: u8 }

enum HasAligned { A(Line), B(u8) }

#[inline(never)]
fn addr_mod(p: *const u8, m: usize) -> usize { p as usize % m }

#[inline(never)]
fn take_line(l: Line, k: u8) -> Line { let mut o = l; for b in o.0.iter_mut() { *b = b.wrapping_mul(k); } o }

#[inline(never)]
fn use_packed(p: Packed) -> u64 { let v = p.val; let b = p.big; let f = p.f; (p.tag as u64 + v as u64).wrapping_add(b).wrapping_add(f as u64) }

fn main() {
    println!("sizes line {} a32 {} packed {} packed2 {} zst {} mixed {} mixedC {} hasaligned {}", size_of::<Line>(), size_of::<Aligned32>(), size_of::<Packed>(), size_of::<Packed2>(), size_of::<Zst>(), size_of::<Mixed>(), size_of::<MixedC>(), size_of::<HasAligned>());
    println!("aligns line {} a32 {} packed {} packed2 {} hasaligned {}", align_of::<Line>(), align_of::<Aligned32>(), align_of::<Packed>(), align_of::<Packed2>(), align_of::<HasAligned>());
    let pad = black_box(1u8);
    let l1 = Line([1, 2, 3, 4, 5, 6, 7, pad]);
    let pad2 = black_box([7u8; 3]);
    let l2 = take_line(l1, 3);
    let a = Aligned32 { a: pad2[0], b: 99 };
    println!("stack alignment ok: {} {} {} {}", addr_mod(&l1 as *const Line as *const u8, 64), addr_mod(&l2 as *const Line as *const u8, 64), addr_mod(&a as *const Aligned32 as *const u8, 32), align_of_val(&l2));
    println!("l2 {:?} a {:?}", l2, a);
    let arr = [l1; 3];
    println!("array stride {} aligned {}", (&arr[1] as *const Line as usize) - (&arr[0] as *const Line as usize), addr_mod(&arr[2] as *const Line as *const u8, 64));
    let boxed = Box::new(Aligned32 { a: 1, b: 2 });
    let v: Vec<Line> = (0..5).map(|i| Line([i; 8])).collect();
    println!("heap aligned {} {}", addr_mod(&*boxed as *const Aligned32 as *const u8, 32), v.iter().all(|l| addr_mod(l as *const Line as *const u8, 64) == 0));
    let h = [HasAligned::A(l2), HasAligned::B(5)];
    for x in &h { match x { HasAligned::A(l) => println!("enum A {:?} aligned {}", l.0, addr_mod(l as *const Line as *const u8, 64)), HasAligned::B(b) => println!("enum B {}", b) } }
    let mut p = Packed { tag: 1, val: 0x01020304, big: u64::MAX - 1, f: 2.5 };
    p.val = p.val.wrapping_add(black_box(1));
    p.big ^= 0xff;
    let val = p.val; let big = p.big;
    println!("packed val {:#x} big {:#x} sum {}", val, big, use_packed(p));
    let ps = [p, Packed { tag: 2, val: 7, big: 8, f: -1.0 }];
    let bigs: Vec<u64> = ps.iter().map(|q| { let b = q.big; b }).collect();
    println!("packed array {:?} byte offset val {}", bigs, (std::ptr::addr_of!(ps[0].val) as usize) - (&ps[0] as *const Packed as usize));
    let p2 = Packed2 { a: 1, b: 0xdeadbeef, c: 0xabcd };
    let (b2, c2) = (p2.b, p2.c);
    println!("packed2 {:#x} {:#x} off {}", b2, c2, std::ptr::addr_of!(p2.b) as usize - &p2 as *const Packed2 as usize);
    let zs = [Zst; 1000];
    let vz: Vec<Zst> = std::iter::repeat(Zst).take(1_000_000).collect();
    println!("zst array {} vec len {} cap>=len {} eq {} size_of_val {}", zs.len(), vz.len(), vz.capacity() >= vz.len(), zs[999] == Zst::default(), std::mem::size_of_val(&zs));
    let unit_fn = || ();
    let units: Vec<()> = (0..5).map(|_| unit_fn()).collect();
    println!("units {:?} tuple-zst {}", units, size_of::<((), Zst, [u32; 0])>());
    let empty: [u64; 0] = [];
    println!("empty arr {:?} {}", empty, empty.iter().sum::<u64>());
    let m = Mixed { a: 1, b: 2, c: 3, d: 4 };
    let mc = MixedC { a: 1, b: 2, c: 3, d: 4 };
    println!("mixed sum {} {}", m.a as u64 + m.b + m.c as u64 + m.d as u64, mc.a as u64 + mc.b + mc.c as u64 + mc.d as u64);
}
