// Enum layouts: niche-encoded Options, tagged unions with data, explicit (negative, u8, i64)
// discriminants, repr(C)/repr(u8) enums with fields, uninhabited variants, mem::discriminant.
#![allow(dead_code)]
use std::hint::black_box;
use std::mem::{discriminant, size_of};
use std::num::NonZeroU32;

enum Void {}

#[allow(dead_code)]
enum WithVoid {
    A(u32),
    B(Void),
    C,
}

#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(i64)]
enum Big {
    Neg = -5,
    Zero = 0,
    Huge = 1 << 40,
}

#[derive(Debug, Clone, Copy)]
#[repr(u8)]
enum Small {
    A = 3,
    B = 200,
    C,
}

#[derive(Debug)]
#[repr(C)]
enum CEnum {
    X(u8, u32),
    Y { f: f64 },
    Z,
}

#[derive(Debug)]
#[repr(u8)]
enum U8Enum {
    P(u16) = 7,
    Q(i64, bool),
    R,
}

#[derive(Debug, Clone)]
enum Shape {
    Circle(f64),
    Rect { w: u32, h: u32 },
    Label(String),
    Empty,
}

// niche inside a field: the bool in the struct leaves room for the tag
#[derive(Debug)]
enum Niche {
    Has(u8, bool),
    Other,
    Third,
}

fn describe(o: Option<&u32>) -> u32 {
    match o { Some(v) => *v, None => 999 }
}

fn shape_val(s: &Shape) -> u64 {
    match s {
        Shape::Circle(r) => (*r * 10.0) as u64,
        Shape::Rect { w, h } => (*w as u64) * (*h as u64),
        Shape::Label(l) => l.len() as u64,
        Shape::Empty => 0,
    }
}

fn void_match(w: &WithVoid) -> u32 {
    match w { WithVoid::A(x) => *x, WithVoid::B(v) => match *v {}, WithVoid::C => 77 }
}

fn main() {
    let x = 41u32;
    println!("opt ref: {} {}", describe(black_box(Some(&x))), describe(black_box(None)));
    let nz: Option<NonZeroU32> = black_box(NonZeroU32::new(5));
    let nz0: Option<NonZeroU32> = black_box(NonZeroU32::new(0));
    println!("nonzero: {:?} {:?}", nz.map(|n| n.get()), nz0);
    let ob: [Option<bool>; 3] = black_box([Some(true), Some(false), None]);
    for b in ob { print!("{:?} ", b); }
    println!();
    let nested: [Option<Option<bool>>; 4] = black_box([Some(Some(true)), Some(Some(false)), Some(None), None]);
    for n in nested {
        let s = match n { Some(Some(true)) => "SST", Some(Some(false)) => "SSF", Some(None) => "SN", None => "N" };
        print!("{} ", s);
    }
    println!();
    let oo: Option<Option<u8>> = black_box(Some(None));
    println!("oo {:?} {}", oo, oo.is_some());
    let shapes = vec![Shape::Circle(1.5), Shape::Rect { w: 3, h: 7 }, Shape::Label("hello".into()), Shape::Empty];
    for s in &shapes { println!("{:?} -> {}", s, shape_val(s)); }
    println!("disc eq: {} {}", discriminant(&shapes[0]) == discriminant(&Shape::Circle(9.0)), discriminant(&shapes[1]) == discriminant(&shapes[2]));
    for b in [Big::Neg, Big::Zero, Big::Huge] { println!("big {:?} = {}", b, b as i64); }
    let bb = black_box(Big::Neg);
    println!("neg eq {}", bb == Big::Neg);
    for s in [Small::A, Small::B, Small::C] { println!("small {:?} = {}", s, s as u8); }
    let ce = black_box([CEnum::X(9, 100000), CEnum::Y { f: 2.25 }, CEnum::Z]);
    for c in &ce {
        match c {
            CEnum::X(a, b) => println!("cx {} {}", a, b),
            CEnum::Y { f } => println!("cy {}", f),
            CEnum::Z => println!("cz"),
        }
    }
    let ue = black_box([U8Enum::P(65535), U8Enum::Q(-3, true), U8Enum::R]);
    for u in &ue {
        let tag = unsafe { *(u as *const U8Enum as *const u8) };
        println!("u8enum {:?} tag={}", u, tag);
    }
    let ns = black_box([Niche::Has(4, true), Niche::Other, Niche::Third, Niche::Has(0, false)]);
    for n in &ns {
        let v = match n { Niche::Has(a, true) => *a as i32, Niche::Has(a, false) => -(*a as i32) - 1, Niche::Other => 100, Niche::Third => 200 };
        println!("niche {:?} -> {}", n, v);
    }
    let wv = black_box([WithVoid::A(12), WithVoid::C]);
    for w in &wv { println!("void {}", void_match(w)); }
    println!("sizes: optref={} optnz={} optbool={} oob={} shape={} big={} small={} cenum={} u8enum={} niche={} withvoid={}",
        size_of::<Option<&u32>>(), size_of::<Option<NonZeroU32>>(), size_of::<Option<bool>>(), size_of::<Option<Option<bool>>>(),
        size_of::<Shape>(), size_of::<Big>(), size_of::<Small>(), size_of::<CEnum>(), size_of::<U8Enum>(), size_of::<Niche>(), size_of::<WithVoid>());
    println!("void size {} opt<void> {}", size_of::<Void>(), size_of::<Option<Void>>());
}
