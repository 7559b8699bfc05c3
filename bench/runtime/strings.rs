//! Run-time kernel: building `String`s with `push_str`, `format!` and `write!`, splitting,
//! parsing integers and floats back, case conversion, `replace`, `chars` and `find`; prints a
//! checksum.

use std::fmt::Write;

fn main() {
    let mut checksum = 0u64;
    for round in 0..90u64 {
        let mut text = String::new();
        for i in 0..25_000u64 {
            let v = i.wrapping_mul(2654435761) % 100_000;
            write!(text, "{v},{}.{:03};", i % 97, (v * 7) % 1000).unwrap();
            if i % 10 == 9 {
                text.push_str("word Hello\n");
            }
        }
        let mut ints = 0u64;
        let mut floats = 0.0f64;
        let mut words = 0usize;
        for line in text.lines() {
            for field in line.split(';') {
                if let Some((a, b)) = field.split_once(',') {
                    ints = ints.wrapping_add(a.parse::<u64>().unwrap());
                    floats += b.parse::<f64>().unwrap();
                } else if !field.is_empty() {
                    words += field.split_whitespace().count();
                }
            }
        }
        let upper = text[..20_000].to_uppercase();
        let replaced = upper.replace("HELLO", "bye");
        let vowels = replaced.chars().filter(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'e' | 'y')).count();
        let labels: Vec<String> = (0..10_000).map(|i| format!("item-{i:05}-{}", round)).collect();
        let joined = labels.join("|");
        let pos = joined.find("item-07777").unwrap_or(0);
        let digits: u64 = joined.bytes().filter(u8::is_ascii_digit).map(|b| (b - b'0') as u64).sum();
        for s in [ints, floats as u64, words as u64, vowels as u64, pos as u64, digits, replaced.len() as u64] {
            checksum = checksum.rotate_left(9) ^ s;
        }
    }
    println!("checksum: {checksum:016x}");
}
