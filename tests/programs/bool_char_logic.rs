// bool and char logic: char::from_u32/from_digit, classification, to_digit, case mapping,
// escape_debug/escape_default, char arithmetic, bool ops (& | ^ ! && ||), bool casts, matches!.
use std::hint::black_box;

fn kind(c: char) -> &'static str {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' => "vowel",
        'a'..='z' => "consonant",
        'A'..='Z' => "upper",
        '0'..='9' => "digit",
        c if c.is_whitespace() => "space",
        c if c.is_alphabetic() => "other-alpha",
        _ => "symbol",
    }
}

fn main() {
    for code in [0x41u32, 0x7a, 0xe9, 0x1F600, 0xD800, 0x110000, 0x0, 0x10FFFF] {
        let c = char::from_u32(black_box(code));
        println!("from_u32 {:#x} -> {:?} len_utf8 {:?} len_utf16 {:?}", code, c, c.map(|c| c.len_utf8()), c.map(|c| c.len_utf16()));
    }
    let sample = "aZ9 _é\tΩ😀-ß";
    for c in sample.chars() {
        println!("{:?}: alnum={} alpha={} num={} ws={} ctrl={} upper={} lower={} ascii={} punct={} kind={} u32={}",
            c, c.is_alphanumeric(), c.is_alphabetic(), c.is_numeric(), c.is_whitespace(), c.is_control(), c.is_uppercase(),
            c.is_lowercase(), c.is_ascii(), c.is_ascii_punctuation(), kind(c), c as u32);
    }
    for c in ['7', 'f', 'F', 'z', 'g', ' '] { println!("to_digit {:?}: b10={:?} b16={:?} b36={:?}", c, c.to_digit(10), c.to_digit(16), c.to_digit(36)); }
    println!("from_digit {:?} {:?} {:?}", char::from_digit(7, 10), char::from_digit(11, 16), char::from_digit(10, 10));
    println!("case {} {} {} {}", 'ß'.to_uppercase(), 'Σ'.to_lowercase(), 'a'.to_ascii_uppercase(), 'İ'.to_lowercase());
    println!("escape_debug {} | {} | {}", '\n'.escape_debug(), '\u{301}'.escape_debug(), "q\"uo'te\\".escape_debug());
    println!("escape_default {} | {}", 'é'.escape_default(), "a\tb\r".escape_default());
    let mut c = black_box('a');
    let mut shifted = String::new();
    for _ in 0..5 { shifted.push(c); c = (c as u8 + 3) as char; }
    println!("shifted {}", shifted);
    println!("char range {:?}", ('x'..='z').chain('A'..'D').collect::<String>());
    println!("rot13 {}", "Hello, World!".chars().map(|c| match c { 'a'..='z' => ((c as u8 - b'a' + 13) % 26 + b'a') as char, 'A'..='Z' => ((c as u8 - b'A' + 13) % 26 + b'A') as char, _ => c }).collect::<String>());
    println!("char cmp {} {} max {:?}", 'a' < 'b', 'Z' < 'a', sample.chars().max());
    let bools = [black_box(true), black_box(false)];
    for &a in &bools {
        for &b in &bools {
            println!("a={} b={}: and={} or={} xor={} nand={} a&&b={} a||b={} eq={} gt={} as_u8={} sum={}", a, b, a & b, a | b, a ^ b, !(a & b), a && b, a || b, a == b, a > b, a as u8, a as i32 + b as i32);
        }
    }
    let mut flags = 0u8;
    for (i, &f) in [true, false, true, true, false, false, true, false].iter().enumerate() { flags |= (f as u8) << i; }
    println!("packed flags {:08b}", flags);
    let unpacked: Vec<bool> = (0..8).map(|i| flags >> i & 1 == 1).collect();
    println!("unpacked {:?}", unpacked);
    let mut t = black_box(false);
    t ^= true;
    t &= black_box(true);
    t |= false;
    println!("compound {} not {} then {:?} then_some {:?}", t, !t, t.then(|| 5), (!t).then_some(6));
    let mut calls = 0;
    let mut side = |v: bool| { calls += 1; v };
    let sc = side(false) && side(true) || side(true);
    println!("short circuit {} calls {}", sc, calls);
    let vals = [1, 5, 10, 15, 42, -3];
    for v in vals { print!("{}:{}{} ", v, matches!(v, 1..=9) as u8, matches!(v, x if x % 5 == 0)); }
    println!();
    let opt = Some('q');
    println!("matches opt {} {}", matches!(opt, Some('a'..='z')), matches!(opt, Some(c) if c.is_uppercase()));
    println!("bool parse {:?} {:?} {:?}", "true".parse::<bool>(), "False".parse::<bool>().is_err(), "x".parse::<char>());
    println!("count true {}", [true, false, true].iter().filter(|&&b| b).count());
    println!("char from u8 {} utf8 bytes {:?}", char::from(65u8), '😀'.encode_utf8(&mut [0u8; 4]).as_bytes());
    let mut u16buf = [0u16; 2];
    println!("utf16 {:?} decode {:?}", '😀'.encode_utf16(&mut u16buf), char::decode_utf16([0xD83D, 0xDE00, 0xDC00]).map(|r| r.map_err(|e| e.unpaired_surrogate())).collect::<Vec<_>>());
}
