// Slices: len, iteration, subslices (&arr[1..3], [..n], [n..]), split_at, windows, chunks,
// binary search, sorting, slices passed to functions, empty slices.
#[inline(never)]
fn total(xs: &[u32]) -> u32 {
    let mut t = 0;
    for x in xs {
        t += *x;
    }
    t
}

#[inline(never)]
fn first_negative(xs: &[i64]) -> Option<usize> {
    xs.iter().position(|&x| x < 0)
}

fn main() {
    let arr = [10u32, 20, 30, 40, 50, 60];
    let mid = &arr[1..3];
    println!("mid = {mid:?}, len = {}, total = {}", mid.len(), total(mid));
    println!("head = {:?}, tail = {:?}", &arr[..2], &arr[4..]);
    println!("all total = {}, empty total = {}", total(&arr), total(&arr[3..3]));
    let (l, r) = arr.split_at(4);
    println!("split {l:?} {r:?}");
    for w in arr.windows(3) {
        print!("{} ", w.iter().sum::<u32>());
    }
    println!();
    for c in arr.chunks(4) {
        print!("{c:?} ");
    }
    println!();
    let mut v = vec![5i64, 3, -8, 13, 1, -2, 21];
    println!("first negative at {:?}", first_negative(&v));
    v.sort();
    println!("sorted {v:?}");
    println!("search 13 -> {:?}, 4 -> {:?}", v.binary_search(&13), v.binary_search(&4));
    v.reverse();
    println!("reversed {v:?} contains 21: {}", v.contains(&21));
    let s: &[i64] = &v[2..5];
    println!("sub first {:?} last {:?} max {:?}", s.first(), s.last(), s.iter().max());
    let empty: &[u8] = &[];
    println!("empty {} {:?}", empty.is_empty(), empty.first());
    let mut m = [1, 2, 3, 4, 5, 6];
    m[1..5].rotate_left(1);
    m[..2].copy_from_slice(&[9, 9]);
    println!("m = {m:?}");
}
