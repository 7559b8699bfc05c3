// Many simultaneously live values (more than there are registers), values live across
// calls, and loops carrying many variables: exercises spilling in the register allocator.
#[inline(never)]
fn opaque(x: u64) -> u64 {
    std::hint::black_box(x) ^ 0x5555
}

#[inline(never)]
fn pressure(seed: u64) -> u64 {
    let a = seed + 1;
    let b = a * 3;
    let c = b ^ 0xff;
    let d = c.wrapping_mul(a);
    let e = d >> 3;
    let f = e + b;
    let g = f ^ c;
    let h = g.wrapping_sub(d);
    let i = h.rotate_left(7);
    let j = i + a + b;
    let k = opaque(j);
    let l = k ^ e;
    let m = l.wrapping_add(f);
    let n = m.wrapping_mul(g | 1);
    let o = opaque(n) + h;
    let p = o ^ i;
    let q = p + j + k;
    let r = q.wrapping_mul(l | 3);
    a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ n ^ o ^ p ^ q ^ r
}

#[inline(never)]
fn loop_carried(n: u32) -> (u32, u32, u32, u32, u32, u32, u32, u32, u32, u32) {
    let (mut a, mut b, mut c, mut d, mut e) = (1u32, 2u32, 3u32, 4u32, 5u32);
    let (mut f, mut g, mut h, mut i, mut j) = (6u32, 7u32, 8u32, 9u32, 10u32);
    for k in 0..n {
        a = a.wrapping_add(b ^ k);
        b = b.wrapping_mul(3).wrapping_add(c);
        c = c.rotate_left(1) ^ d;
        d = d.wrapping_add(e).wrapping_add(k);
        e = e ^ f.wrapping_mul(7);
        f = f.wrapping_add(g >> 1);
        g = g.wrapping_sub(h);
        h = h ^ i.rotate_right(3);
        i = i.wrapping_add(j).wrapping_add(a);
        j = j.wrapping_mul(5) ^ b;
    }
    (a, b, c, d, e, f, g, h, i, j)
}

#[inline(never)]
fn floats_live(x: f64) -> f64 {
    let v: [f64; 20] = std::array::from_fn(|i| x * (i as f64 + 1.0));
    let s1 = v[0] + v[1] * v[2] - v[3] / v[4];
    let s2 = opaque(s1 as u64) as f64;
    let s3 = v[5] * v[6] + v[7] - v[8] + v[9] * v[10];
    s1 + s2 + s3 + v[11..].iter().sum::<f64>()
}

fn main() {
    for s in [0u64, 1, 12345, u64::MAX / 3] {
        println!("pressure({s}) = {}", pressure(s));
    }
    println!("{:?}", loop_carried(1000));
    println!("{}", floats_live(1.25));
}
