// Option and Result (niche and tagged layouts), as locals, arguments and return values.

#[inline(never)]
fn parse(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(v) => Ok(v * 2),
        Err(_) => Err(format!("bad: {text}")),
    }
}

#[inline(never)]
fn first_even(values: &[i32]) -> Option<i32> {
    for v in values {
        if v % 2 == 0 {
            return Some(*v);
        }
    }
    None
}

fn main() {
    let some: Option<i32> = Some(42);
    let none: Option<i32> = None;
    let some_ref: Option<&u8> = Some(&7);
    let nested: Option<Option<bool>> = Some(None);
    let ok: Result<u32, String> = parse("21");
    let err: Result<u32, String> = parse("x");
    let even = first_even(&[1, 3, 4, 5]);
    let missing = first_even(&[1, 3]);
    let unit_ok: Result<(), i8> = Ok(());
    println!("{some:?} {none:?} {some_ref:?} {nested:?} {ok:?} {err:?} {even:?} {missing:?} {unit_ok:?}");
}
