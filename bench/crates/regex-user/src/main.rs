//! Compile-time benchmark with a real crates.io dependency: regex-automata (and its
//! dependencies regex-syntax, aho-corasick, memchr) is compiled by the configuration under
//! test, then used to search a generated haystack.

use regex_automata::meta::Regex;

fn main() {
    let patterns = [
        r"[a-z0-9]+@[a-z]+\.(com|org|net)",
        r"\b\d{3}-\d{4}\b",
        r"(?i)fast(clif)?",
        r"(?m)^[A-Z][a-z]*$",
    ];
    let mut haystack = String::new();
    let mut x = 12345u64;
    for i in 0..2000 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        match x >> 62 {
            0 => haystack.push_str(&format!("user{}@example.org ", i % 10)),
            1 => haystack.push_str(&format!("{:03}-{:04} ", i % 1000, x % 10000)),
            2 => haystack.push_str("FastClif fastclif fast "),
            _ => haystack.push_str("Word\n"),
        }
    }
    let mut total = 0usize;
    for p in patterns {
        let re = Regex::new(p).expect("valid pattern");
        let n = re.find_iter(&haystack).count();
        println!("{p}: {n}");
        total += n;
    }
    println!("total: {total}");
}
