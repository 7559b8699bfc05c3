//! Run-time kernel: sorts 1.2M u64 from an LCG with the standard library's (generic, so
//! compiled by the backend under test) stable and unstable sorts; prints a checksum.
fn main() {
    let mut x = 0x853c49e6748fea9bu64;
    let data: Vec<u64> = (0..1_200_000)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x >> 11
        })
        .collect();
    let mut a = data.clone();
    a.sort_unstable();
    let mut b = data;
    b.sort_by_key(|v| std::cmp::Reverse(*v));
    let mut sum = 0u64;
    for (i, v) in a.iter().enumerate().step_by(997) {
        sum = sum.wrapping_mul(1_000_003).wrapping_add(*v ^ i as u64);
    }
    assert!(a.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(a.first(), b.last());
    println!("checksum: {sum}");
}
