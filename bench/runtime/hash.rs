//! Run-time kernel: hashes 200k pseudo-random byte strings (1 to 64 bytes) with FNV-1a and a
//! hand-written SipHash-1-3, 12 rounds over the set; prints a checksum. Byte loads, shifts,
//! rotations and wrapping arithmetic in user code (no std hasher).

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

struct Sip {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl Sip {
    fn new(k0: u64, k1: u64) -> Sip {
        Sip {
            v0: k0 ^ 0x736f6d6570736575,
            v1: k1 ^ 0x646f72616e646f6d,
            v2: k0 ^ 0x6c7967656e657261,
            v3: k1 ^ 0x7465646279746573,
        }
    }

    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(13);
        self.v1 ^= self.v0;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(16);
        self.v3 ^= self.v2;
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(21);
        self.v3 ^= self.v0;
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(17);
        self.v1 ^= self.v2;
        self.v2 = self.v2.rotate_left(32);
    }

    fn absorb(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.v0 ^= m;
    }
}

fn load_le(bytes: &[u8]) -> u64 {
    let mut m = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        m |= (b as u64) << (8 * i);
    }
    m
}

fn siphash13(k0: u64, k1: u64, bytes: &[u8]) -> u64 {
    let mut s = Sip::new(k0, k1);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        s.absorb(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let tail = chunks.remainder();
    s.absorb(((bytes.len() as u64 & 0xff) << 56) | load_le(tail));
    s.v2 ^= 0xff;
    for _ in 0..3 {
        s.round();
    }
    s.v0 ^ s.v1 ^ s.v2 ^ s.v3
}

fn main() {
    let mut x = 0x9e3779b97f4a7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let strings: Vec<Vec<u8>> = (0..200_000)
        .map(|_| {
            let len = 1 + (next() % 64) as usize;
            (0..len).map(|_| (next() >> 24) as u8).collect()
        })
        .collect();
    let mut sum = 0u64;
    for round in 0..12u64 {
        for s in &strings {
            let a = fnv1a(s);
            let b = siphash13(round, a, s);
            sum = sum.rotate_left(5) ^ a.wrapping_add(b);
        }
    }
    println!("checksum: {sum:016x}");
}
