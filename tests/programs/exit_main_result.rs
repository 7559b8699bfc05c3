// main returning Result<(), String>: an Err makes the process exit with code 1 after the Err
// is printed to stderr; stdout printed before must be flushed. Uses `?` on several error types.
#![allow(dead_code)]
use std::num::ParseIntError;

#[derive(Debug)]
enum AppError { Parse(ParseIntError), Range(i64) }
impl From<ParseIntError> for AppError { fn from(e: ParseIntError) -> Self { AppError::Parse(e) } }

fn parse_in_range(s: &str) -> Result<i64, AppError> {
    let v: i64 = s.trim().parse()?;
    if !(0..=1000).contains(&v) { return Err(AppError::Range(v)); }
    Ok(v)
}

fn total(items: &[&str]) -> Result<i64, String> {
    let mut sum = 0;
    for it in items {
        let v = parse_in_range(it).map_err(|e| format!("item {:?}: {:?}", it, e))?;
        println!("ok item {} -> {}", it, v);
        sum += v;
    }
    Ok(sum)
}

fn main() -> Result<(), String> {
    println!("first total {:?}", total(&["1", " 20 ", "300"]));
    println!("bad parse {:?}", total(&["5", "x"]));
    println!("bad range {:?}", total(&["5", "-3"]));
    let opt: Option<u8> = std::hint::black_box(Some(3));
    let v = opt.ok_or("missing")?;
    println!("got {}", v);
    let t = total(&["10", "2000", "7"])?;
    println!("not reached {}", t);
    Ok(())
}
