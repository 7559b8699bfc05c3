//! Integration tests: the library through its public API only, from a separate crate.

use fastclif_cargo_test::{Describe, Item, average_price, join_all, word_counts};

#[test]
fn basket_through_the_public_api() {
    let basket = [Item::new("tea", 325, 2), Item::new("jam", 480, 1)];
    let totals: Vec<u64> = basket.iter().map(Item::total).collect();
    assert_eq!(totals, [650, 480]);
    assert_eq!(join_all(&totals, "+"), "650+480");
    assert_eq!(basket[0].describe(), "tea x2 @ 3.25");
    assert_eq!(average_price(&basket), 402);
}

#[test]
fn counts_words() {
    let counts = word_counts("a b A c b a");
    assert_eq!(counts.get("a"), Some(&3));
    assert_eq!(counts.len(), 3);
}

#[test]
#[should_panic(expected = "average of an empty basket")]
fn empty_basket_panics_across_crates() {
    average_price(&[]);
}
