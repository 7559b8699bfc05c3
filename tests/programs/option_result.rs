// Option/Result: matching, ?, combinators (map, and_then, unwrap_or, ok_or), if let,
// let-else, errors carrying data.
#[allow(dead_code)] // fields are only read through Debug
#[derive(Debug)]
enum ParseError {
    Empty,
    BadDigit(char),
    TooBig(u64),
}

fn parse(s: &str) -> Result<u32, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        let d = c.to_digit(10).ok_or(ParseError::BadDigit(c))?;
        n = n * 10 + d as u64;
        if n > u32::MAX as u64 {
            return Err(ParseError::TooBig(n));
        }
    }
    Ok(n as u32)
}

fn sum_all(items: &[&str]) -> Result<u64, ParseError> {
    let mut t = 0u64;
    for s in items {
        t += parse(s)? as u64;
    }
    Ok(t)
}

fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn describe(o: Option<i32>) -> String {
    let Some(v) = o else { return "nothing".to_string() };
    match v {
        i32::MIN..=-1 => format!("negative {v}"),
        0 => "zero".to_string(),
        _ => format!("positive {v}"),
    }
}

fn main() {
    for s in ["123", "", "12a", "99999999999", "4294967295"] {
        match parse(s) {
            Ok(n) => println!("{s:?} -> {n}"),
            Err(e) => println!("{s:?} -> error {e:?}"),
        }
    }
    println!("{:?}", sum_all(&["1", "2", "3"]));
    println!("{:?}", sum_all(&["1", "x", "3"]));
    println!("{:?} {:?} {:?}", half(8).and_then(half), half(6).and_then(half), half(7).map(|x| x + 1));
    println!("{} {}", half(3).unwrap_or(42), half(10).map_or(-1, |x| x as i32));
    for o in [Some(-5), Some(0), Some(9), None] {
        println!("{}", describe(o));
    }
    if let Some(x) = half(100) {
        println!("if let {x}");
    }
    let r: Result<i32, String> = "17".parse::<i32>().map_err(|e| e.to_string());
    println!("{r:?} {:?}", "x".parse::<i32>().is_err());
    let v: Option<Vec<u32>> = [2, 4, 6].iter().map(|&x| half(x)).collect();
    let w: Option<Vec<u32>> = [2, 5].iter().map(|&x| half(x)).collect();
    println!("{v:?} {w:?}");
}
