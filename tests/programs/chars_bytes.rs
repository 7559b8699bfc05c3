// char and byte handling: char methods, conversions char<->u32<->u8, byte strings,
// ASCII case conversion, UTF-8 encoding, a tiny Caesar cipher.
fn caesar(s: &str, k: u8) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' => ((b - b'a' + k) % 26 + b'a') as char,
            b'A'..=b'Z' => ((b - b'A' + k) % 26 + b'A') as char,
            _ => b as char,
        })
        .collect()
}

fn main() {
    for c in ['a', 'Z', '7', ' ', 'é', '€', '🦀'] {
        println!(
            "{c:?}: u32 {} alpha {} digit {} upper {:?} len_utf8 {}",
            c as u32,
            c.is_alphabetic(),
            c.is_ascii_digit(),
            c.to_uppercase().collect::<String>(),
            c.len_utf8()
        );
    }
    let bytes = b"Hello\x00\xff";
    println!("{bytes:?} len {}", bytes.len());
    let mut buf = [0u8; 4];
    let enc = '€'.encode_utf8(&mut buf);
    println!("euro bytes {:?} {:x?}", enc.as_bytes(), enc.as_bytes());
    println!("from_u32 {:?} {:?}", char::from_u32(0x41), char::from_u32(0xD800));
    println!("from_digit {:?} to_digit {:?}", char::from_digit(7, 10), 'f'.to_digit(16));
    println!("{}", caesar("Hello, World!", 3));
    println!("{}", caesar(&caesar("Round Trip", 13), 13));
    let mut up = *b"mixed Case 123";
    up.make_ascii_uppercase();
    println!("{}", String::from_utf8_lossy(&up));
    let count_vowels = "programming in rust".chars().filter(|c| "aeiou".contains(*c)).count();
    println!("vowels {count_vowels}");
    let b: u8 = b'a' + 25;
    println!("byte {} as char {}", b, b as char);
    println!("{:?}", std::str::from_utf8(&[0xe2, 0x9c, 0x93]));
}
