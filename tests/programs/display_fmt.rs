// Display/Debug impls: custom Display honoring width/fill/precision via f.pad and formatter
// flags, {:>10} on Display types, nested derived Debug with {:#?}, debug_struct/list/map
// builders, Display for enums, alternate flag handling, LowerHex impls.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::fmt;

struct Money { cents: i64 }
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let s = format!("{}${}.{:02}", if self.cents < 0 { "-" } else { "" }, self.cents.abs() / 100, self.cents.abs() % 100);
        f.pad(&s)
    }
}

struct Point { x: f64, y: f64 }
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "({:.*}, {:.*})", p, self.x, p, self.y),
            None => write!(f, "({}, {})", self.x, self.y),
        }
    }
}
impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { f.debug_struct("Pt").field("x", &self.x).field("y", &self.y).finish() }
}

#[derive(Debug, Clone, Copy)]
enum Color { Red, Rgb(u8, u8, u8), Named { name: &'static str, alpha: f32 } }
impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Color::Red => f.pad("red"),
            Color::Rgb(r, g, b) => if f.alternate() { write!(f, "#{:02x}{:02x}{:02x}", r, g, b) } else { write!(f, "rgb({}, {}, {})", r, g, b) },
            Color::Named { name, alpha } => write!(f, "{}@{:.1}", name, alpha),
        }
    }
}

struct Id(u32);
impl fmt::LowerHex for Id { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { let v = self.0; fmt::LowerHex::fmt(&v, f) } }

struct Registry { entries: Vec<(String, Color)>, index: BTreeMap<u32, &'static str> }
impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Registry")
            .field("count", &self.entries.len())
            .field("entries", &self.entries)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

struct Set(Vec<i32>);
impl fmt::Debug for Set { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { f.debug_set().entries(self.0.iter()).finish() } }

#[derive(Debug)]
struct Outer { name: String, inner: Inner, tuple: (i8, Option<Box<Inner>>), list: Vec<Color>, unit: (), empty: Vec<u8> }
#[derive(Debug)]
struct Inner { depth: u32, tags: [&'static str; 2] }

fn main() {
    let m = Money { cents: -12345 };
    println!("[{}] [{:>12}] [{:<12}] [{:^12}] [{:*>12}] [{:.3}]", m, m, m, m, m, m);
    let p = Point { x: 1.0 / 3.0, y: -2.5 };
    println!("[{}] [{:.2}] [{:?}] [{:#?}]", p, p, p, p);
    for c in [Color::Red, Color::Rgb(255, 128, 0), Color::Named { name: "sky", alpha: 0.25 }] {
        println!("[{}] [{:#}] [{:>8}] [{:?}]", c, c, c, c);
    }
    println!("hex [{:x}] [{:#x}] [{:08x}] [{:#010x}]", Id(48879), Id(48879), Id(255), Id(255));
    let mut index = BTreeMap::new();
    index.insert(7, "seven"); index.insert(1, "one");
    let reg = Registry { entries: vec![("a".into(), Color::Red), ("b".into(), Color::Rgb(1, 2, 3))], index };
    println!("{:?}", reg);
    println!("{:#?}", reg);
    println!("{:?} {:#?}", Set(vec![3, 1]), Set(vec![]));
    let o = Outer { name: "outer \"q\"".into(), inner: Inner { depth: 1, tags: ["x", "y\n"] }, tuple: (-1, Some(Box::new(Inner { depth: 2, tags: ["", "z"] }))), list: vec![Color::Red, Color::Named { name: "n", alpha: 1.0 }], unit: (), empty: vec![] };
    println!("{:?}", o);
    println!("{:#?}", o);
    let items = [("apple", 3, 0.5), ("kiwi", 12, 0.25), ("watermelon", 1, 3.75)];
    println!("{:<12}|{:>5}|{:>8}", "item", "qty", "price");
    println!("{:-<12}+{:->5}+{:->8}", "", "", "");
    for (n, q, pr) in items { println!("{:<12}|{:>5}|{:>8.2}", n, q, pr); }
    let total: f64 = items.iter().map(|&(_, q, p)| q as f64 * p).sum();
    println!("{:<12}|{:>5}|{:>8}", "total", "", Money { cents: (total * 100.0) as i64 });
    println!("{}", format_args!("{} + {} = {}", 1, 2, 1 + 2));
    let w = 15;
    println!("[{:>w$}] [{:^w$.1}]", Money { cents: 5 }, Point { x: 1.25, y: 2.75 });
    println!("[{:>1$}]", Color::Red, 9);
    let nested: Vec<Option<(u8, &str)>> = vec![Some((1, "a")), None];
    println!("{:?} {:#?}", nested, (1u8,));
    let s = format!("{m}|{p:.1}|{c}", m = Money { cents: 1 }, p = p, c = Color::Rgb(0, 0, 0));
    println!("named args {}", s);
    let e = 3.5; let label = "val";
    println!("inline {label}={e:>8.3} {label:?}");
}
