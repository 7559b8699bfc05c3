//! Run-time kernel: iterator chains over ranges, slices and `Vec`s (map, filter, zip, fold,
//! sum, enumerate, chain, rev, skip/step_by, flat_map, windows, chunks, take_while, any,
//! position, max_by_key, collect); prints a checksum.

fn main() {
    let n = 200_000usize;
    let a: Vec<u64> = (0..n as u64).map(|i| i.wrapping_mul(2654435761) % 1_000_003).collect();
    let b: Vec<u64> = a.iter().rev().map(|v| v ^ 0x5555).collect();
    let mut checksum = 0u64;
    for round in 0..36u64 {
        let s1: u64 = a.iter().zip(&b).map(|(x, y)| x.wrapping_mul(*y) >> 7).sum();
        let s2 = (0..n as u64).filter(|i| i % 3 != round % 3).fold(0u64, |acc, i| acc.wrapping_add(i * i));
        let s3: u64 = a.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(i, v)| v ^ i as u64).sum();
        let s4: u64 = a.windows(3).map(|w| w[0].max(w[1]).max(w[2])).step_by(2).sum();
        let s5: u64 = b.chunks(16).map(|c| c.iter().copied().min().unwrap_or(0)).sum();
        let s6 = a.iter().chain(b.iter()).skip(round as usize).take(n).filter(|v| **v & 1 == 1).count() as u64;
        let s7: u64 = (0..2000u64).flat_map(|i| (0..i % 50).map(move |j| i ^ j)).sum();
        let s8 = a.iter().take_while(|v| **v != round).count() as u64;
        let s9 = a.iter().position(|v| *v == b[n / 2 + round as usize]).unwrap_or(0) as u64;
        let s10 = a.iter().enumerate().max_by_key(|(i, v)| (*v ^ round, *i)).map_or(0, |(i, _)| i) as u64;
        let evens: Vec<u64> = a.iter().copied().filter(|v| v % 2 == 0).map(|v| v / 2).collect();
        let s11 = evens.iter().rev().step_by(3).fold(0u64, |acc, v| acc.rotate_left(1) ^ v);
        let s12 = a.iter().any(|v| *v == 1_000_003) as u64 + b.iter().all(|v| *v < 2_000_000) as u64;
        for s in [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12] {
            checksum = checksum.rotate_left(7) ^ s;
        }
    }
    println!("checksum: {checksum:016x}");
}
