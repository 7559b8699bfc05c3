// Stepping through straight-line code: `step` into calls (stopping after the callee's prologue,
// on its first line), `next` over calls, `finish` with the value, `until`, `advance`, `up`.

#[inline(never)]
fn square(v: i32) -> i32 {
    let result = v * v;
    result
}

#[inline(never)]
fn add_squares(a: i32, b: i32) -> i32 {
    let sa = square(a);
    let sb = square(b);
    sa + sb
}

#[inline(never)]
fn describe(n: i32) -> bool {
    let big = n > 10;
    let odd = n % 2 == 1;
    big && odd
}

fn main() {
    let first = add_squares(1, 2);
    let second = add_squares(first, 3);
    let flag = describe(second);
    let third = square(4);
    println!("{first} {second} {flag} {third}");
}
