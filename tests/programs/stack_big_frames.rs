// Big stack frames: local arrays larger than a page (stack probes), big arrays passed and
// returned by value, deep recursion with moderately sized frames, many live locals.
use std::hint::black_box;

#[inline(never)]
fn big_local(seed: u64) -> u64 {
    let mut buf = [0u64; 20000];
    for i in 0..buf.len() { buf[i] = (i as u64).wrapping_mul(seed) ^ (i as u64 >> 3); }
    let mut acc = 0u64;
    for i in (0..buf.len()).step_by(97) { acc = acc.wrapping_add(buf[i]); }
    acc ^ buf[19999]
}

#[inline(never)]
fn make_array(k: u32) -> [u32; 4096] {
    let mut a = [0u32; 4096];
    for (i, x) in a.iter_mut().enumerate() { *x = (i as u32).wrapping_mul(k).rotate_left(5); }
    a
}

#[inline(never)]
fn sum_array(a: [u32; 4096]) -> u64 { a.iter().map(|&x| x as u64).sum() }

#[inline(never)]
fn recurse(depth: u32, carry: [u16; 256]) -> u64 {
    if depth == 0 { return carry.iter().map(|&x| x as u64).sum(); }
    let mut next = carry;
    next[(depth as usize) % 256] = next[(depth as usize) % 256].wrapping_add(depth as u16);
    recurse(depth - 1, next) + (carry[0] as u64)
}

#[inline(never)]
fn many_locals(x: u64) -> u64 {
    let a = x.wrapping_mul(3); let b = a ^ 0x55; let c = b.rotate_left(7); let d = c.wrapping_add(a);
    let e = d >> 3; let f = e * 5; let g = f ^ b; let h = g.wrapping_sub(c); let i = h | 1; let j = i.wrapping_mul(d);
    let k = [a, b, c, d, e, f, g, h, i, j];
    let mut big = [[0u8; 600]; 10];
    for (n, row) in big.iter_mut().enumerate() { row.fill(k[n] as u8); }
    k.iter().zip(big.iter()).map(|(v, row)| v.wrapping_add(row.iter().map(|&b| b as u64).sum())).fold(0, |s: u64, v| s.wrapping_add(v))
}

fn main() {
    println!("big_local {} {}", big_local(black_box(3)), big_local(black_box(0x9e3779b97f4a7c15)));
    let arr = make_array(black_box(7));
    println!("array first {:?} last {}", &arr[..4], arr[4095]);
    println!("sum_array {}", sum_array(arr));
    let copied = black_box(arr);
    println!("copied eq {}", copied == arr);
    println!("recurse {}", recurse(black_box(2000), [1; 256]));
    println!("many_locals {} {}", many_locals(black_box(12345)), many_locals(black_box(u64::MAX)));
    let boxed: Box<[u8; 100000]> = Box::new([3; 100000]);
    println!("boxed big {}", boxed.iter().map(|&b| b as u32).sum::<u32>());
    let mut vecs: Vec<[u64; 64]> = Vec::new();
    for i in 0..100 { vecs.push([i; 64]); }
    println!("vec of arrays {}", vecs.iter().map(|a| a.iter().sum::<u64>()).sum::<u64>());
    let t = std::thread::Builder::new().stack_size(1 << 20).spawn(|| big_local(11) ^ recurse(300, [2; 256])).unwrap().join().unwrap();
    println!("thread with big frames {}", t);
}
