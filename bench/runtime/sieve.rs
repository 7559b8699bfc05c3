//! Run-time kernel: sieve of Eratosthenes up to 3 million; prints a checksum of the primes.
fn main() {
    const N: usize = 3_000_000;
    let mut composite = vec![false; N + 1];
    let mut i = 2;
    while i * i <= N {
        if !composite[i] {
            let mut j = i * i;
            while j <= N {
                composite[j] = true;
                j += i;
            }
        }
        i += 1;
    }
    let mut count = 0u64;
    let mut sum = 0u64;
    for (n, &c) in composite.iter().enumerate().skip(2) {
        if !c {
            count += 1;
            sum = sum.wrapping_mul(31).wrapping_add(n as u64);
        }
    }
    println!("primes: {count} checksum: {sum}");
}
