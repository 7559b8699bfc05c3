// Arrays: initialization, indexing with runtime (bounds-checked) indices, 2D arrays,
// arrays passed by value and by reference, get() returning Option.
#[inline(never)]
fn idx(i: usize) -> usize {
    std::hint::black_box(i)
}

#[inline(never)]
fn sum_by_value(a: [i32; 8]) -> i32 {
    a.iter().sum()
}

#[inline(never)]
fn double_in_place(a: &mut [i32; 8]) {
    for x in a.iter_mut() {
        *x *= 2;
    }
}

fn main() {
    let mut a = [0i32; 8];
    for i in 0..8 {
        a[idx(i)] = (i * i) as i32 - 10;
    }
    println!("a = {a:?}");
    println!("sum by value = {}", sum_by_value(a));
    double_in_place(&mut a);
    println!("doubled = {a:?}, a[5] = {}", a[idx(5)]);
    println!("get(3) = {:?}, get(8) = {:?}", a.get(idx(3)), a.get(idx(8)));

    let mut grid = [[0u8; 5]; 4];
    for r in 0..4 {
        for c in 0..5 {
            grid[r][c] = (r * 10 + c) as u8;
        }
    }
    println!("grid[3][4] = {}, row 2 = {:?}", grid[idx(3)][idx(4)], grid[2]);
    let diag: Vec<u8> = (0..4).map(|i| grid[i][i]).collect();
    println!("diag = {diag:?}");

    let words = ["zero", "one", "two", "three"];
    for i in [3, 1, 0] {
        print!("{} ", words[idx(i)]);
    }
    println!();
    let bytes = [0xABu8; 3];
    let mut copy = bytes;
    copy[0] = 1;
    println!("bytes {bytes:?} copy {copy:?} eq {}", bytes == copy);
    let big = [7u64; 100];
    println!("big len {} last {}", big.len(), big[idx(99)]);
}
