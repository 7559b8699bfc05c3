//! Run-time kernel: sieve of Eratosthenes up to 3 million, 25 times (the limit shrinking by
//! 1,000 each time); prints the last count and a checksum of all the primes found.
fn sieve(n: usize) -> (u64, u64) {
    let mut composite = vec![false; n + 1];
    let mut i = 2;
    while i * i <= n {
        if !composite[i] {
            let mut j = i * i;
            while j <= n {
                composite[j] = true;
                j += i;
            }
        }
        i += 1;
    }
    let mut count = 0u64;
    let mut sum = 0u64;
    for (k, &c) in composite.iter().enumerate().skip(2) {
        if !c {
            count += 1;
            sum = sum.wrapping_mul(31).wrapping_add(k as u64);
        }
    }
    (count, sum)
}

fn main() {
    let mut checksum = 0u64;
    let mut count = 0;
    for round in 0..25 {
        let (c, sum) = sieve(3_000_000 - 1_000 * round);
        count = c;
        checksum = checksum.rotate_left(3) ^ sum;
    }
    println!("primes: {count} checksum: {checksum}");
}
