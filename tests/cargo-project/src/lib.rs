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
///
/// ```
/// use fastclif_cargo_test::largest;
///
/// assert_eq!(largest(&[3, 9, 2]), Some(9));
/// assert_eq!(largest(&[0.5, -1.0]), Some(0.5));
/// assert_eq!(largest::<u8>(&[]), None);
/// ```
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

/// Panics on an empty basket; the tests below check the panic through libtest's harness.
pub fn average_price(items: &[Item]) -> u64 {
    assert!(!items.is_empty(), "average of an empty basket");
    items.iter().map(|i| i.price_cents).sum::<u64>() / items.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Witness<'a>(&'a std::cell::Cell<u32>);
    impl Drop for Witness<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn totals_add_up() {
        assert_eq!(Item::new("pen", 150, 3).total(), 450);
        assert_eq!(largest(&[3, 9, 2]), Some(9));
    }

    #[test]
    #[should_panic]
    fn empty_basket_panics() {
        average_price(&[]);
    }

    #[test]
    #[should_panic(expected = "average of an empty basket")]
    fn empty_basket_message() {
        let _ = average_price(&[]);
    }

    #[test]
    #[should_panic(expected = "index out of bounds")]
    fn out_of_bounds() {
        let v = vec![1u8, 2, 3];
        let i = std::hint::black_box(7);
        let _ = v[i];
    }

    #[test]
    fn drops_run_while_unwinding() {
        let drops = std::cell::Cell::new(0);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _a = Witness(&drops);
            let _b = Witness(&drops);
            average_price(&[]);
        }));
        assert!(r.is_err());
        assert_eq!(drops.get(), 2);
    }
}
