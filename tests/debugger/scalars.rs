// Integers, floats, bool, char, unit and never-returning functions: `info locals`, `info args`,
// `print`, `ptype`, `finish` with a returned value.

#[inline(never)]
fn mix(a: i8, b: u16, c: i32, d: u64, e: f32, f: f64, g: bool, h: char) -> i64 {
    let sum = a as i64 + b as i64 + c as i64 + d as i64;
    let scaled = (e as f64 + f) * if g { 2.0 } else { 1.0 };
    sum + scaled as i64 + h as i64
}

#[inline(never)]
fn wide(x: i128, y: u128, z: isize, w: usize) -> u128 {
    let mixed = x as u128 ^ y;
    mixed ^ z as u128 ^ w as u128
}

fn main() {
    let small: i8 = -5;
    let unsigned: u16 = 65000;
    let int: i32 = -123456;
    let long: u64 = 1 << 40;
    let single: f32 = 1.5;
    let double: f64 = -2.25;
    let flag = true;
    let letter = 'λ';
    let unit = ();
    let total = mix(small, unsigned, int, long, single, double, flag, letter);
    let big = wide(-1, 1267650600228229401496703205376, -7, 9);
    println!("{total} {big} {unit:?}");
}
