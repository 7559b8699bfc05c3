// Arithmetic overflow with overflow checks on (the harness builds like a debug profile):
// must panic with exit code 101 after printing the first lines.
#[inline(never)]
fn add(a: u8, b: u8) -> u8 {
    a + b
}

fn main() {
    println!("{}", add(100, 100));
    println!("{}", add(std::hint::black_box(200), 55));
    println!("{}", add(std::hint::black_box(200), 56));
    println!("not reached");
}
