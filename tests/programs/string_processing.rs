// String processing: split/trim/parse/char_indices/case conversion/replace, width/fill/align,
// {:#?} pretty Debug of nested structs, write! into String, contains/find/rfind/matches.
#![allow(dead_code)]
use std::fmt::Write;

#[derive(Debug)]
struct Entry { key: String, values: Vec<i32>, meta: Option<Meta> }
#[derive(Debug)]
struct Meta { flag: bool, ratio: f32, tags: [&'static str; 2] }

fn parse_line(line: &str) -> Option<Entry> {
    let (k, rest) = line.split_once('=')?;
    let values = rest.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect::<Option<Vec<i32>>>()?;
    Some(Entry { key: k.trim().to_string(), values, meta: None })
}

fn main() {
    let input = "  alpha = 1, 2,3 \n beta=  -4,5\n\ngamma = x,1\n delta = \n";
    for (i, line) in input.lines().enumerate() {
        println!("line {} {:?} -> {:?}", i, line, parse_line(line).map(|e| (e.key, e.values)));
    }
    let s = "Hello, Wörld! ñandú — 東京 straße";
    println!("len {} chars {} upper {} lower {}", s.len(), s.chars().count(), s.to_uppercase(), s.to_lowercase());
    for (i, c) in s.char_indices().filter(|(_, c)| !c.is_ascii()) { print!("{}:{} ", i, c); }
    println!();
    println!("find {:?} rfind {:?} contains {} starts {} ends {}", s.find('ö'), s.rfind(' '), s.contains("東京"), s.starts_with("Hell"), s.ends_with("ße"));
    println!("find str {:?} find closure {:?} none {:?}", s.find("ndú"), s.find(|c: char| c.is_uppercase() && c != 'H'), s.find("zzz"));
    println!("replace {} replacen {}", s.replace("l", "L"), s.replacen('o', "0", 1));
    println!("split ws {:?}", s.split_whitespace().collect::<Vec<_>>());
    println!("splitn {:?} rsplit {:?}", "a:b:c:d".splitn(3, ':').collect::<Vec<_>>(), "a:b:c:d".rsplit(':').collect::<Vec<_>>());
    println!("split_terminator {:?} matches {:?}", "x;y;z;".split_terminator(';').collect::<Vec<_>>(), "abcabcab".match_indices("ab").collect::<Vec<_>>());
    println!("trim {:?} {:?} {:?} {:?}", "  pad  ".trim(), "xxhixx".trim_matches('x'), "  l".trim_start(), "0042".trim_start_matches('0'));
    println!("strip {:?} {:?}", "prefix-body".strip_prefix("prefix-"), "body.rs".strip_suffix(".txt"));
    let long = "the quick brown fox jumps over the lazy dog ".repeat(50);
    println!("long find {:?} count {} rfind {:?}", long.find("lazy dog the"), long.matches("fox").count(), long.rfind("quick"));
    let hay: String = (0..3000).map(|i| if i == 2777 { 'Z' } else { (b'a' + (i % 26) as u8) as char }).collect();
    println!("needle {:?} {:?} bytes {:?}", hay.find('Z'), hay.find("yzab"), hay.as_bytes().iter().position(|&b| b == b'Z'));
    println!("|{:>8}|{:<8}|{:^8}|{:*^9}|{:-<6}|{:>+5}|", "r", "l", "c", "mid", 7, 3);
    println!("|{:10.3}|{:<10}|{:^10?}|{:>w$}|{:.*}|", 3.14159, true, Some(1), "dyn", 2, 1.23456, w = 6);
    println!("|{:5}|{:<5}|{:05}|{:x<5}|", 42, 42, -42, 'c');
    let e = Entry { key: "k1".into(), values: vec![1, -2], meta: Some(Meta { flag: true, ratio: 0.5, tags: ["a", "b\"q"] }) };
    println!("{:?}", e);
    println!("{:#?}", e);
    let mut out = String::new();
    for i in 0..5 { write!(out, "{}-{:02x};", i, i * 50).unwrap(); }
    writeln!(out, " end").unwrap();
    print!("{}", out);
    let csv = "name,age,city\nann,31,oslo\nbob,27,rome\ncyd,45,lima";
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let total_age: u32 = rows[1..].iter().map(|r| r[1].parse::<u32>().unwrap()).sum();
    for r in &rows { println!("{:<6}|{:>4}|{:^8}", r[0], r[1], r[2]); }
    println!("total age {}", total_age);
    let rev: String = "stressed".chars().rev().collect();
    let caps: String = "hello world foo".split(' ').map(|w| { let mut c = w.chars(); match c.next() { Some(f) => f.to_uppercase().collect::<String>() + c.as_str(), None => String::new() } }).collect::<Vec<_>>().join(" ");
    println!("rev {} caps {}", rev, caps);
    let mut st = String::from("abc");
    st.insert(1, 'X');
    st.insert_str(0, ">>");
    st.push_str("<<");
    println!("insert {} pop {:?} remove {} truncated {}", st.clone(), st.clone().pop(), st.remove(2), { st.truncate(3); st.clone() });
    println!("bytes {:?} utf8 {:?} lossy {}", "é".as_bytes(), std::str::from_utf8(std::hint::black_box(&[0xff, 0x41])).is_err(), String::from_utf8_lossy(&[0x41, 0xff, 0x42]));
    println!("cmp {} {} eq_ignore_case {}", "apple" < "banana", "Zeta" < "alpha", "HeLLo".eq_ignore_ascii_case("hello"));
    println!("escape {} | {}", "tab\there\n".escape_debug(), "ü".escape_unicode());
    println!("char_count by cat: alpha {} digit {} ws {}", s.chars().filter(|c| c.is_alphabetic()).count(), "a1b22c333".chars().filter(char::is_ascii_digit).count(), s.chars().filter(|c| c.is_whitespace()).count());
}
