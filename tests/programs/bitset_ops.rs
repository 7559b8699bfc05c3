// Bit manipulation: a growable bitset over u64 words with set/clear/toggle, popcount, rank,
// iteration over set bits via trailing_zeros, union/intersection/difference/xor, shifts,
// and a sieve of Eratosthenes built on it.
#[derive(Clone, PartialEq, Debug)]
struct BitSet { words: Vec<u64>, nbits: usize }

impl BitSet {
    fn new(nbits: usize) -> Self { BitSet { words: vec![0; nbits.div_ceil(64)], nbits } }
    fn set(&mut self, i: usize) { self.words[i / 64] |= 1u64 << (i % 64); }
    fn clear(&mut self, i: usize) { self.words[i / 64] &= !(1u64 << (i % 64)); }
    fn toggle(&mut self, i: usize) { self.words[i / 64] ^= 1u64 << (i % 64); }
    fn get(&self, i: usize) -> bool { self.words[i / 64] >> (i % 64) & 1 == 1 }
    fn count(&self) -> u32 { self.words.iter().map(|w| w.count_ones()).sum() }
    fn rank(&self, i: usize) -> u32 {
        let full: u32 = self.words[..i / 64].iter().map(|w| w.count_ones()).sum();
        let rem = i % 64;
        full + if rem == 0 { 0 } else { (self.words[i / 64] & ((1u64 << rem) - 1)).count_ones() }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut bits = w;
            std::iter::from_fn(move || { if bits == 0 { None } else { let t = bits.trailing_zeros() as usize; bits &= bits - 1; Some(wi * 64 + t) } })
        })
    }
    fn zip_with(&self, o: &BitSet, f: impl Fn(u64, u64) -> u64) -> BitSet { BitSet { words: self.words.iter().zip(&o.words).map(|(&a, &b)| f(a, b)).collect(), nbits: self.nbits } }
    fn shl(&self, k: usize) -> BitSet {
        let mut out = BitSet::new(self.nbits);
        let (ws, bs) = (k / 64, k % 64);
        for i in (ws..self.words.len()).rev() {
            let mut v = self.words[i - ws] << bs;
            if bs != 0 && i > ws { v |= self.words[i - ws - 1] >> (64 - bs); }
            out.words[i] = v;
        }
        let extra = out.words.len() * 64 - self.nbits;
        if extra > 0 { let last = out.words.len() - 1; out.words[last] &= u64::MAX >> extra; }
        out
    }
    fn highest(&self) -> Option<usize> { self.words.iter().enumerate().rev().find(|(_, w)| **w != 0).map(|(i, w)| i * 64 + 63 - w.leading_zeros() as usize) }
}

fn sieve(n: usize) -> BitSet {
    let mut composite = BitSet::new(n + 1);
    composite.set(0); composite.set(1);
    let mut i = 2;
    while i * i <= n { if !composite.get(i) { let mut j = i * i; while j <= n { composite.set(j); j += i; } } i += 1; }
    let mut primes = BitSet::new(n + 1);
    for k in 0..=n { if !composite.get(k) { primes.set(k); } }
    primes
}

fn main() {
    let mut a = BitSet::new(200);
    let mut b = BitSet::new(200);
    for i in (0..200).step_by(3) { a.set(i); }
    for i in (0..200).step_by(5) { b.set(i); }
    a.toggle(64); a.toggle(65); b.clear(0);
    println!("a count {} b count {} a[63..67] {:?}", a.count(), b.count(), (63..67).map(|i| a.get(i)).collect::<Vec<_>>());
    let and = a.zip_with(&b, |x, y| x & y);
    let or = a.zip_with(&b, |x, y| x | y);
    let diff = a.zip_with(&b, |x, y| x & !y);
    let xor = a.zip_with(&b, |x, y| x ^ y);
    println!("and {:?}", and.iter().collect::<Vec<_>>());
    println!("counts or {} diff {} xor {} check {}", or.count(), diff.count(), xor.count(), or.count() == and.count() + xor.count());
    println!("rank(100) {} rank(64) {} rank(0) {} highest {:?}", a.rank(100), a.rank(64), a.rank(0), a.highest());
    let s = b.shl(7);
    println!("shl 7 first {:?} highest {:?} count {}", s.iter().take(5).collect::<Vec<_>>(), s.highest(), s.count());
    let s2 = b.shl(64 + 3);
    println!("shl 67 first {:?} count {}", s2.iter().take(3).collect::<Vec<_>>(), s2.count());
    let p = sieve(10000);
    println!("primes <= 10000: {} last {:?} first {:?}", p.count(), p.highest(), p.iter().take(10).collect::<Vec<_>>());
    println!("twin primes < 1000: {}", (3..998).filter(|&i| p.get(i) && p.get(i + 2)).count());
    let words: Vec<String> = p.words[..3].iter().map(|w| format!("{:016x}", w)).collect();
    println!("words {:?}", words);
    let mut gray = Vec::new();
    for i in 0u32..16 { gray.push(i ^ (i >> 1)); }
    println!("gray {:?}", gray);
    let mut x = 0b1011_0110u32;
    let mut subsets = Vec::new();
    let mut sub = x;
    loop { subsets.push(sub); if sub == 0 { break; } sub = (sub - 1) & x; }
    println!("subsets of {:b}: {} {:?}", x, subsets.len(), &subsets[..6]);
    x = x.wrapping_neg() & x;
    println!("lowest set bit {:b} parity {}", x, 0xdeadbeefu32.count_ones() & 1);
    let v: u64 = 0x0123456789abcdef;
    let spread = (0..8).map(|i| ((v >> (i * 8)) & 0xff) as u8).collect::<Vec<_>>();
    println!("bytes {:?} pdep-ish {:#x}", spread, (0..16).fold(0u64, |acc, i| acc | (((v >> i) & 1) << (2 * i))));
}
