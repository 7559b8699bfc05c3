// Locals assigned a constant: a lookup table indexed in a loop is read straight from the
// constant's memory, while a constant local that is later written, borrowed or moved out of
// keeps a copy of its own (writes stay local, two borrows are two addresses).
const RANK: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = ((i * 37 + 11) % 251) as u8;
        i += 1;
    }
    table
};

const WORDS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

#[derive(Debug, Clone, Copy)]
struct Point {
    x: i64,
    y: i64,
    z: i64,
}

const ORIGIN: Point = Point { x: 1, y: -2, z: 3 };

#[inline(never)]
fn rank(byte: u8) -> u8 {
    RANK[usize::from(byte)]
}

#[inline(never)]
fn rarest(needle: &[u8]) -> (u8, usize) {
    let mut best = (needle[0], 0);
    for (i, &b) in needle.iter().enumerate().skip(1) {
        if rank(b) < rank(best.0) {
            best = (b, i);
        }
    }
    best
}

#[inline(never)]
fn mutated_copy(bump: u8) -> [u8; 256] {
    let mut table = RANK;
    table[3] = table[3].wrapping_add(bump);
    table
}

#[inline(never)]
fn two_borrows() -> bool {
    let a = RANK;
    let b = RANK;
    std::ptr::eq(&a, &b)
}

#[inline(never)]
fn moved_out() -> Point {
    let p = ORIGIN;
    let q = p;
    Point { x: q.x + p.y, ..q }
}

fn main() {
    let needle = std::hint::black_box(b"the quick brown fox".as_slice());
    println!("rarest: {:?}", rarest(needle));
    let sum: u32 = (0..=255u8).map(|b| u32::from(rank(b))).sum();
    println!("sum of ranks: {sum}");
    let copy = mutated_copy(std::hint::black_box(200));
    println!("copy[3] = {}, RANK[3] = {}", copy[3], RANK[3]);
    println!("two borrows share an address: {}", two_borrows());
    for i in 0..WORDS.len() {
        let words = WORDS;
        print!("{} ", words[std::hint::black_box(i)]);
    }
    println!();
    println!("{:?}", moved_out());
    let mut total = 0u64;
    for round in 0..1000u64 {
        let table = RANK;
        total += u64::from(table[(round % 256) as usize]);
    }
    println!("total: {total}");
}
