// Recursive functions: fib, ackermann (small), mutual recursion, gcd.
fn fib(n: u32) -> u64 {
    if n < 2 { n as u64 } else { fib(n - 1) + fib(n - 2) }
}

fn ackermann(m: u64, n: u64) -> u64 {
    match (m, n) {
        (0, n) => n + 1,
        (m, 0) => ackermann(m - 1, 1),
        (m, n) => ackermann(m - 1, ackermann(m, n - 1)),
    }
}

fn is_even(n: u32) -> bool {
    if n == 0 { true } else { is_odd(n - 1) }
}

fn is_odd(n: u32) -> bool {
    if n == 0 { false } else { is_even(n - 1) }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn depth(n: u32) -> u32 {
    // Enough frames to notice a broken stack layout, far from overflowing.
    let pad = [n; 8];
    if n == 0 { pad[7] } else { depth(n - 1) + pad[3] % 3 }
}

fn main() {
    for n in [0, 1, 2, 10, 25] {
        println!("fib({n}) = {}", fib(n));
    }
    println!("ackermann(2, 3) = {}", ackermann(2, 3));
    println!("ackermann(3, 3) = {}", ackermann(3, 3));
    println!("even(10) = {}, odd(7) = {}, even(7) = {}", is_even(10), is_odd(7), is_even(7));
    println!("gcd = {} {}", gcd(1071, 462), gcd(2u64.pow(40), 6u64.pow(20)));
    println!("depth = {}", depth(2000));
}
