use fastclif_cargo_test::{Describe, Item, join_all, largest, word_counts};

fn main() {
    let items = vec![Item::new("apple", 45, 3), Item::new("bread", 250, 1), Item::new("milk", 119, 2)];
    let mut sum = 0;
    for item in &items {
        println!("{} = {}", item.describe(), item.total());
        sum += item.total();
    }
    println!("sum = {sum}");
    let totals: Vec<u64> = items.iter().map(Item::total).collect();
    println!("largest total = {:?}", largest(&totals));
    println!("largest of none = {:?}", largest::<i32>(&[]));
    println!("largest f = {:?}", largest(&[1.5f64, -2.0, 9.25]));
    println!("joined = {}", join_all(&[1, 2, 3], ", "));
    for (word, n) in word_counts("the quick brown fox jumps over the lazy dog The End") {
        println!("{word}: {n}");
    }
    let cheap: Vec<&str> = items.iter().filter(|i| i.price_cents < 200).map(|i| i.name.as_str()).collect();
    println!("cheap = {cheap:?}");
}
