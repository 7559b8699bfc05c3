// Hand-written sorting algorithms (quicksort, mergesort, heapsort, insertion, radix) on 1000
// pseudo-random numbers from an LCG; verifies against slice::sort and prints checksums.
struct Lcg(u64);
impl Lcg { fn next(&mut self) -> u32 { self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (self.0 >> 33) as u32 } }

fn quicksort<T: PartialOrd + Copy>(v: &mut [T]) {
    if v.len() <= 1 { return; }
    let mid = v.len() / 2;
    let last = v.len() - 1;
    if v[mid] < v[0] { v.swap(mid, 0); }
    if v[last] < v[0] { v.swap(last, 0); }
    if v[mid] < v[last] { v.swap(mid, last); }
    let pivot = v[last];
    let mut store = 0;
    for i in 0..last { if v[i] < pivot { v.swap(i, store); store += 1; } }
    v.swap(store, last);
    let (left, right) = v.split_at_mut(store);
    quicksort(left);
    quicksort(&mut right[1..]);
}

fn mergesort(v: &[i64]) -> Vec<i64> {
    if v.len() <= 1 { return v.to_vec(); }
    let (a, b) = v.split_at(v.len() / 2);
    let (a, b) = (mergesort(a), mergesort(b));
    let mut out = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() { if a[i] <= b[j] { out.push(a[i]); i += 1; } else { out.push(b[j]); j += 1; } }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn sift_down(v: &mut [u32], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end { break; }
        if child + 1 < end && v[child] < v[child + 1] { child += 1; }
        if v[root] >= v[child] { break; }
        v.swap(root, child);
        root = child;
    }
}
fn heapsort(v: &mut [u32]) {
    for i in (0..v.len() / 2).rev() { sift_down(v, i, v.len()); }
    for end in (1..v.len()).rev() { v.swap(0, end); sift_down(v, 0, end); }
}

fn insertion(v: &mut [f64]) {
    for i in 1..v.len() { let x = v[i]; let mut j = i; while j > 0 && v[j - 1] > x { v[j] = v[j - 1]; j -= 1; } v[j] = x; }
}

fn radix(v: &mut Vec<u32>) {
    let mut buf = vec![0u32; v.len()];
    for shift in (0..32).step_by(8) {
        let mut counts = [0usize; 257];
        for &x in v.iter() { counts[((x >> shift) & 0xff) as usize + 1] += 1; }
        for i in 0..256 { counts[i + 1] += counts[i]; }
        for &x in v.iter() { let b = ((x >> shift) & 0xff) as usize; buf[counts[b]] = x; counts[b] += 1; }
        std::mem::swap(v, &mut buf);
    }
}

fn checksum<T: Copy + Into<f64>>(v: &[T]) -> f64 { v.iter().enumerate().map(|(i, &x)| x.into() * ((i % 7) as f64 + 1.0)).sum() }

fn main() {
    let mut rng = Lcg(42);
    let base: Vec<u32> = (0..1000).map(|_| rng.next() % 100_000).collect();
    let mut reference = base.clone();
    reference.sort();
    println!("first {:?} ref min {} max {} checksum {}", &base[..5], reference[0], reference[999], checksum(&reference));
    let mut q = base.clone();
    quicksort(&mut q);
    println!("quicksort ok {} checksum {}", q == reference, checksum(&q));
    let signed: Vec<i64> = base.iter().map(|&x| x as i64 - 50_000).collect();
    let m = mergesort(&signed);
    let mut sref = signed.clone();
    sref.sort();
    println!("mergesort ok {} first {:?} last {:?} sum {}", m == sref, &m[..3], &m[997..], m.iter().sum::<i64>());
    let mut h = base.clone();
    heapsort(&mut h);
    println!("heapsort ok {} median {}", h == reference, h[500]);
    let mut fl: Vec<f64> = base.iter().take(300).map(|&x| (x as f64).sqrt() - 150.0).collect();
    insertion(&mut fl);
    println!("insertion sorted {} first {:.4} last {:.4} checksum {:.3}", fl.windows(2).all(|w| w[0] <= w[1]), fl[0], fl[299], checksum(&fl));
    let mut big: Vec<u32> = (0..1000).map(|_| rng.next()).collect();
    let mut bref = big.clone();
    bref.sort_unstable();
    radix(&mut big);
    println!("radix ok {} min {} max {}", big == bref, big[0], big[999]);
    let mut qf: Vec<f32> = (0..200).map(|_| rng.next() as f32 / 1e6).collect();
    quicksort(&mut qf);
    println!("quicksort f32 sorted {} checksum {:.2}", qf.windows(2).all(|w| w[0] <= w[1]), checksum(&qf));
    let mut dups: Vec<u32> = (0..500).map(|_| rng.next() % 5).collect();
    quicksort(&mut dups);
    println!("dups sorted {} counts {:?}", dups.is_sorted(), (0..5).map(|k| dups.iter().filter(|&&x| x == k).count()).collect::<Vec<_>>());
}
