//! Run-time kernel: one hot loop carrying 20 integer and 4 float variables from iteration to
//! iteration (more live values than x86-64 has general registers); prints a checksum.

fn mix(iters: u64) -> (u64, f64) {
    let (mut a, mut b, mut c, mut d) = (1u64, 2u64, 3u64, 4u64);
    let (mut e, mut f, mut g, mut h) = (5u64, 6u64, 7u64, 8u64);
    let (mut i, mut j, mut k, mut l) = (9u64, 10u64, 11u64, 12u64);
    let (mut m, mut n, mut o, mut p) = (13u64, 14u64, 15u64, 16u64);
    let (mut q, mut r, mut s, mut t) = (17u64, 18u64, 19u64, 20u64);
    let (mut x, mut y, mut z, mut w) = (0.5f64, 0.25f64, 0.125f64, 1.0f64);
    let mut step = 0u64;
    while step < iters {
        a = a.wrapping_add(b ^ step);
        b = b.rotate_left(7) ^ c;
        c = c.wrapping_mul(3).wrapping_add(d);
        d ^= e >> 3;
        e = e.wrapping_add(f).rotate_left(11);
        f ^= g.wrapping_mul(5);
        g = g.wrapping_sub(h) ^ a;
        h = h.rotate_left(13).wrapping_add(i);
        i ^= j.wrapping_add(k);
        j = j.wrapping_mul(9) ^ l;
        k = k.wrapping_add(m >> 1);
        l ^= n.rotate_left(3);
        m = m.wrapping_add(o ^ p);
        n = n.wrapping_sub(q);
        o ^= r.wrapping_mul(7);
        p = p.rotate_left(17) ^ s;
        q = q.wrapping_add(t ^ a);
        r ^= b.wrapping_add(e);
        s = s.wrapping_mul(11).wrapping_add(h);
        t ^= k.rotate_left(5);
        if step % 3 == 0 {
            x = x * 0.999 + y;
            y = y * 0.5 + (a & 0xff) as f64 * 1e-3;
        } else {
            z = z * 0.75 + w * 0.25;
            w = w + x * 1e-6 - (t & 0xf) as f64 * 1e-4;
        }
        step += 1;
    }
    let ints = [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t];
    let folded = ints.iter().fold(0u64, |acc, v| acc.rotate_left(9) ^ v);
    (folded, x + y + z + w)
}

fn main() {
    let (ints, floats) = mix(120_000_000);
    println!("checksum: {ints:016x} {floats:.6e}");
}
