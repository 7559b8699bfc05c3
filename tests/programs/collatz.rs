// u64 math: Collatz sequence lengths, finding the longest chain under a bound,
// wide multiplication, modular exponentiation, integer square root.
fn collatz_len(mut n: u64) -> u32 {
    let mut steps = 0;
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

fn mod_pow(mut base: u64, mut exp: u64, m: u64) -> u64 {
    let mut result = 1u64;
    base %= m;
    while exp > 0 {
        if exp & 1 == 1 {
            result = ((result as u128 * base as u128) % m as u128) as u64;
        }
        base = ((base as u128 * base as u128) % m as u128) as u64;
        exp >>= 1;
    }
    result
}

fn isqrt(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let mut lo = 1u64;
    let mut hi = n.min(1 << 32);
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if mid.checked_mul(mid).is_some_and(|sq| sq <= n) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

fn main() {
    for n in [1u64, 6, 7, 27, 97, 871] {
        println!("collatz({n}) = {}", collatz_len(n));
    }
    let mut best = (0u64, 0u32);
    for n in 1..30000u64 {
        let l = collatz_len(n);
        if l > best.1 {
            best = (n, l);
        }
    }
    println!("longest under 30000: {} with {} steps", best.0, best.1);
    println!("2^64-1 as u128 squared = {}", (u64::MAX as u128) * (u64::MAX as u128));
    println!("mod_pow = {} {}", mod_pow(2, 1_000_000, 1_000_000_007), mod_pow(12345, 6789, 998_244_353));
    for n in [0u64, 1, 15, 16, 17, 1 << 40, u64::MAX] {
        println!("isqrt({n}) = {}", isqrt(n));
    }
}
