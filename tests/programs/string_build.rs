// String building: push/push_str, format!, concatenation, to_uppercase, char iteration,
// split/trim/replace, bytes, parsing, collecting into String.
fn main() {
    let mut s = String::new();
    for i in 0..5 {
        s.push_str("ab");
        s.push((b'0' + i) as char);
    }
    println!("{s} ({} bytes)", s.len());
    let t = s.clone() + "-" + &s[..3];
    println!("{t}");
    println!("{} {}", t.to_uppercase(), "MiXeD".to_lowercase());
    let words: Vec<&str> = "  the quick  brown fox ".split_whitespace().collect();
    println!("{words:?}");
    let joined = words.join("_");
    println!("{joined} {}", joined.replace("_", ", "));
    println!("trim [{}] [{}]", "  pad  ".trim(), "xxhixx".trim_matches('x'));
    let rev: String = "stressed".chars().rev().collect();
    println!("reversed {rev}");
    let csv = "1,2,,40,-5";
    let nums: Vec<i32> = csv.split(',').filter(|p| !p.is_empty()).map(|p| p.parse().unwrap()).collect();
    println!("{nums:?} sum {}", nums.iter().sum::<i32>());
    let uni = "héllo wörld ✓";
    println!("{} chars, {} bytes, starts {} ends {}", uni.chars().count(), uni.len(), uni.starts_with("hé"), uni.ends_with('✓'));
    println!("find {:?} {:?}", uni.find('w'), uni.find("zz"));
    let mut acc = String::with_capacity(4);
    for n in [3, 1, 4, 1, 5, 9, 2, 6] {
        acc += &n.to_string();
        acc.push(if n % 2 == 0 { '!' } else { '.' });
    }
    println!("{acc}");
    let repeated = "ab".repeat(5);
    println!("{repeated} cmp {:?}", "apple".cmp("apricot"));
    let line = format!("{:>6}|{:<6}|{:^6}", "r", "l", "c");
    println!("{line}");
}
