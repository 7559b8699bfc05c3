//! Compile-time benchmark: many monomorphizations. Generic containers, iterator chains and
//! trait-bounded algorithms are instantiated for a dozen element types by a macro, so most
//! of the code the backend sees is generic code copied per type.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Debug;
use std::hash::Hash;

/// A ring buffer with a fixed capacity, generic over its element.
struct Ring<T> {
    items: VecDeque<T>,
    cap: usize,
}

impl<T: Clone + Debug> Ring<T> {
    fn new(cap: usize) -> Self {
        Ring { items: VecDeque::with_capacity(cap), cap }
    }
    fn push(&mut self, v: T) -> Option<T> {
        let evicted = if self.items.len() == self.cap { self.items.pop_front() } else { None };
        self.items.push_back(v);
        evicted
    }
    fn snapshot(&self) -> Vec<T> {
        self.items.iter().cloned().collect()
    }
}

trait Score {
    fn score(&self) -> u64;
}

macro_rules! int_score {
    ($($t:ty),*) => { $(impl Score for $t { fn score(&self) -> u64 { *self as u64 } })* };
}
int_score!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Score for char {
    fn score(&self) -> u64 {
        *self as u64
    }
}
impl Score for String {
    fn score(&self) -> u64 {
        self.bytes().map(u64::from).fold(0, u64::wrapping_add)
    }
}
impl<A: Score, B: Score> Score for (A, B) {
    fn score(&self) -> u64 {
        self.0.score().wrapping_mul(31).wrapping_add(self.1.score())
    }
}
impl<T: Score> Score for Option<T> {
    fn score(&self) -> u64 {
        self.as_ref().map_or(7, Score::score)
    }
}

fn histogram<T: Hash + Eq + Clone + Ord>(items: &[T]) -> BTreeMap<T, usize> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for it in items {
        *counts.entry(it.clone()).or_default() += 1;
    }
    counts.into_iter().collect()
}

fn pipeline<T: Score + Clone + Debug + Ord + Hash>(items: Vec<T>) -> u64 {
    let mut ring = Ring::new(8);
    let mut evicted = 0u64;
    for it in items.iter().cloned() {
        if let Some(old) = ring.push(it) {
            evicted = evicted.wrapping_add(old.score());
        }
    }
    let mut sorted = items.clone();
    sorted.sort();
    sorted.dedup();
    let hist = histogram(&items);
    let top: u64 = hist.iter().rev().take(3).map(|(k, n)| k.score().wrapping_mul(*n as u64)).fold(0, u64::wrapping_add);
    let windows: u64 = sorted
        .windows(2)
        .map(|w| w[1].score().wrapping_sub(w[0].score()))
        .fold(0, u64::wrapping_add);
    let snap: u64 = ring.snapshot().iter().map(Score::score).fold(0, u64::wrapping_add);
    let dbg = format!("{:?}", sorted.first()).len() as u64;
    evicted ^ top ^ windows.rotate_left(7) ^ snap ^ dbg
}

fn boxed_scores<T: Score + 'static>(items: Vec<T>) -> u64 {
    let objs: Vec<Box<dyn Score>> = items.into_iter().map(|x| Box::new(x) as Box<dyn Score>).collect();
    objs.iter().map(|o| o.score()).max().unwrap_or(0)
}

fn gen_ints(n: u64) -> impl Iterator<Item = u64> {
    let mut x = 0x2545F4914F6CDD1Du64;
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    })
}

macro_rules! run_for {
    ($total:ident; $($name:literal => $conv:expr),* $(,)?) => {
        $(
            let items: Vec<_> = gen_ints(500).map($conv).collect();
            let s = pipeline(items.clone()) ^ boxed_scores(items);
            println!("{:>10}: {s}", $name);
            $total = $total.wrapping_add(s);
        )*
    };
}

fn main() {
    let mut total = 0u64;
    run_for!(total;
        "u8" => |x| x as u8,
        "u16" => |x| x as u16,
        "u32" => |x| x as u32,
        "u64" => |x| x,
        "usize" => |x| x as usize,
        "i8" => |x| x as i8,
        "i16" => |x| x as i16,
        "i32" => |x| x as i32,
        "i64" => |x| x as i64,
        "isize" => |x| x as isize,
        "char" => |x| char::from(b'a' + (x % 26) as u8),
        "String" => |x| format!("s{}", x % 97),
        "(u8,u32)" => |x| (x as u8, (x >> 8) as u32),
        "(i16,char)" => |x| (x as i16, char::from(b'A' + (x % 26) as u8)),
        "Option<u16>" => |x| if x % 3 == 0 { None } else { Some(x as u16) },
        "(String,u8)" => |x| (format!("{}", x % 13), x as u8),
        "Option<(u8,i8)>" => |x| if x % 5 == 0 { None } else { Some((x as u8, (x >> 3) as i8)) },
        "((u8,u16),u32)" => |x| ((x as u8, x as u16), x as u32),
    );
    println!("total: {total}");
}
