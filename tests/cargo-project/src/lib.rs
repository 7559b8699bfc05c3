//! Library half of the cargo test project: generic and non-generic items used from main.rs,
//! so that code crosses a crate boundary (instantiated in the binary crate, or called there).

use std::collections::BTreeMap;
use std::fmt::Display;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    pub price_cents: u64,
    pub qty: u32,
}

impl Item {
    pub fn new(name: &str, price_cents: u64, qty: u32) -> Item {
        Item { name: name.to_string(), price_cents, qty }
    }
    pub fn total(&self) -> u64 {
        self.price_cents * self.qty as u64
    }
}

pub trait Describe {
    fn describe(&self) -> String;
}

impl Describe for Item {
    fn describe(&self) -> String {
        format!("{} x{} @ {}.{:02}", self.name, self.qty, self.price_cents / 100, self.price_cents % 100)
    }
}

/// Generic: instantiated in the calling crate.
pub fn largest<T: PartialOrd + Copy>(xs: &[T]) -> Option<T> {
    let mut it = xs.iter().copied();
    let mut best = it.next()?;
    for x in it {
        if x > best {
            best = x;
        }
    }
    Some(best)
}

pub fn join_all<T: Display>(xs: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&x.to_string());
    }
    out
}

/// Non-generic: compiled in this crate.
pub fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for w in text.split_whitespace() {
        *map.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    map
}
