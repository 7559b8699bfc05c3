// Hashing: a hand-written FNV-1a Hasher + BuildHasher used by HashMap/HashSet, derived and
// manual Hash impls (consistent with Eq), hashing of tuples/slices/strings/enums, and
// deterministic hash values printed via the custom hasher.
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

#[derive(Default, Clone, Copy)]
struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 { self.0 }
    fn write(&mut self, bytes: &[u8]) {
        if self.0 == 0 { self.0 = 0xcbf29ce484222325; }
        for &b in bytes { self.0 ^= b as u64; self.0 = self.0.wrapping_mul(0x100000001b3); }
    }
}
type FnvBuild = BuildHasherDefault<Fnv>;

#[derive(Hash, PartialEq, Eq, Debug, Clone)]
enum Key { Id(u32), Name(String), Pair(i16, char), Unit }

struct Caseless(String);
impl PartialEq for Caseless { fn eq(&self, o: &Self) -> bool { self.0.eq_ignore_ascii_case(&o.0) } }
impl Eq for Caseless {}
impl Hash for Caseless { fn hash<H: Hasher>(&self, h: &mut H) { for b in self.0.bytes() { h.write_u8(b.to_ascii_lowercase()); } h.write_u8(0xff); } }

fn h<T: Hash + ?Sized>(v: &T) -> u64 { let mut s = Fnv::default(); v.hash(&mut s); s.finish() }

fn main() {
    println!("u8 {:016x} u64 {:016x} i128 {:016x}", h(&7u8), h(&7u64), h(&-7i128));
    println!("str {:016x} string {:016x} same {}", h("hello"), h(&String::from("hello")), h("hello") == h(&String::from("hello")));
    println!("tuple {:016x} slice {:016x} arr {:016x}", h(&(1u8, 'x', true)), h(&[1u16, 2, 3][..]), h(&[1u16, 2, 3]));
    println!("prefix-free {} {}", h(&("ab", "c")) != h(&("a", "bc")), h(&vec![1u8]) != h(&vec![1u8, 0]));
    for k in [Key::Id(5), Key::Name("n".into()), Key::Pair(-1, 'z'), Key::Unit] { println!("key {:?} -> {:016x}", k, h(&k)); }
    let mut m: HashMap<Key, usize, FnvBuild> = HashMap::default();
    for i in 0..50u32 { *m.entry(if i % 5 == 0 { Key::Unit } else if i % 3 == 0 { Key::Name(format!("n{}", i % 4)) } else { Key::Id(i % 7) }).or_insert(0) += i as usize; }
    let mut entries: Vec<_> = m.iter().map(|(k, v)| (format!("{:?}", k), *v)).collect();
    entries.sort();
    println!("fnv map {:?}", entries);
    let mut cs: HashSet<Caseless, FnvBuild> = HashSet::default();
    for w in ["Hello", "HELLO", "world", "World", "rust", "hello"] { cs.insert(Caseless(w.to_string())); }
    println!("caseless set len {} contains RUST {}", cs.len(), cs.contains(&Caseless("RUST".into())));
    let bh = FnvBuild::default();
    println!("hash_one {:016x} {:016x}", bh.hash_one("abc"), bh.hash_one((1u32, 2u32)));
    let big: HashMap<u64, u64, FnvBuild> = (0..5000u64).map(|i| (i * 7919 % 10007, i)).collect();
    let mut ks: Vec<_> = big.keys().copied().filter(|k| k % 1000 == 0).collect();
    ks.sort();
    println!("big len {} sample {:?} lookups {}", big.len(), ks, (0..10007u64).filter(|k| big.contains_key(k)).count());
    let mut counts = [0usize; 8];
    for i in 0..8000u32 { counts[(h(&i) % 8) as usize] += 1; }
    println!("bucket spread {:?}", counts);
}
