// Calls with many arguments of mixed types (more than fit in registers), returning values
// of different widths, bool and char arguments.
#[inline(never)]
fn mix(a: u8, b: i16, c: u32, d: u64, e: i64, f: usize, g: bool, h: char) -> i64 {
    let mut r = a as i64 + b as i64 * 3 + c as i64 - (d as i64 >> 2) + e + f as i64;
    if g {
        r += h as i64;
    } else {
        r -= h as i64;
    }
    r
}

#[inline(never)]
fn many(a: i32, b: i32, c: i32, d: i32, e: i32, f: i32, g: i32, h: i32, i: i32, j: i32) -> i32 {
    a - b + c * d - e + f * g - h + i * j
}

#[inline(never)]
fn narrow(x: u64) -> u8 {
    x as u8
}

#[inline(never)]
fn signed_narrow(x: i64) -> i16 {
    x as i16
}

#[inline(never)]
fn pick(flag: bool, a: char, b: char) -> char {
    if flag { a } else { b }
}

#[inline(never)]
fn floats(a: f32, b: f64, c: f32, d: f64) -> f64 {
    a as f64 * b + c as f64 / d
}

fn main() {
    println!("{}", mix(200, -300, 4_000_000_000, 1 << 40, -5, 12345, true, 'Z'));
    println!("{}", mix(1, 2, 3, 4, 5, 6, false, 'é'));
    println!("{}", many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    println!("{} {}", narrow(0x1234_5678_9abc_def0), signed_narrow(-70000));
    println!("{} {}", pick(true, 'a', 'b'), pick(false, 'a', '✓'));
    println!("{}", floats(1.5, 2.25, 3.0, 0.5));
}
