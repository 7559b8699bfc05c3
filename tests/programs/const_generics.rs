// Const generics: arrays of generic length in structs and fns, const-parameter arithmetic in
// impls, a fixed-capacity stack, matrices with const dims, const-generic default traits,
// std::array::from_fn, and const blocks / inline consts.
use std::fmt::Debug;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Mat<const R: usize, const C: usize>([[i64; C]; R]);

impl<const R: usize, const C: usize> Mat<R, C> {
    fn from_fn(f: impl Fn(usize, usize) -> i64) -> Self { Mat(std::array::from_fn(|r| std::array::from_fn(|c| f(r, c)))) }
    fn transpose(&self) -> Mat<C, R> { Mat::from_fn(|r, c| self.0[c][r]) }
    fn mul<const K: usize>(&self, o: &Mat<C, K>) -> Mat<R, K> { Mat::from_fn(|r, k| (0..C).map(|c| self.0[r][c] * o.0[c][k]).sum()) }
    const CELLS: usize = R * C;
}

struct Stack<T, const N: usize> { items: [Option<T>; N], len: usize }
impl<T: Copy + Debug, const N: usize> Stack<T, N> {
    fn new() -> Self { Stack { items: [None; N], len: 0 } }
    fn push(&mut self, v: T) -> Result<(), T> { if self.len == N { return Err(v); } self.items[self.len] = Some(v); self.len += 1; Ok(()) }
    fn pop(&mut self) -> Option<T> { if self.len == 0 { None } else { self.len -= 1; self.items[self.len].take() } }
}

fn sum_arr<const N: usize>(a: [u32; N]) -> u32 { a.iter().sum() }
fn first_last<T: Copy, const N: usize>(a: &[T; N]) -> Option<(T, T)> { if N == 0 { None } else { Some((a[0], a[N - 1])) } }
fn chunked<const W: usize>(data: &[u8]) -> Vec<[u8; W]> { data.chunks_exact(W).map(|c| c.try_into().unwrap()).collect() }
fn rotate<const N: usize>(mut a: [char; N], k: usize) -> [char; N] { a.rotate_left(k % N.max(1)); a }

trait Named { const NAME: &'static str; }
struct Buf<const N: usize>;
impl<const N: usize> Named for Buf<N> { const NAME: &'static str = if N > 8 { "big" } else { "small" }; }

fn main() {
    let a: Mat<2, 3> = Mat::from_fn(|r, c| (r * 3 + c) as i64 - 2);
    let b: Mat<3, 2> = a.transpose();
    let p = a.mul(&b);
    println!("a {:?}\nb {:?}\np {:?} cells {} {}", a, b, p, Mat::<2, 3>::CELLS, Mat::<4, 4>::CELLS);
    let i3: Mat<3, 3> = Mat::from_fn(|r, c| (r == c) as i64);
    println!("identity mul eq {}", b.transpose().mul(&i3) == a);
    let mut s: Stack<u16, 4> = Stack::new();
    for v in 10..16 { println!("push {} -> {:?}", v, s.push(v)); }
    println!("pops {:?} {:?} len {}", s.pop(), s.pop(), s.len);
    println!("sum_arr {} {} {}", sum_arr([1, 2, 3]), sum_arr([7; 100]), sum_arr([]));
    println!("first_last {:?} {:?}", first_last(&[3.5, 1.0, 9.25]), first_last::<u8, 0>(&[]));
    println!("chunked {:?} {:?}", chunked::<3>(b"abcdefgh"), chunked::<4>(&[1, 2, 3, 4, 5, 6, 7, 8]));
    println!("rotate {:?}", rotate(['a', 'b', 'c', 'd', 'e'], 7));
    println!("names {} {}", Buf::<4>::NAME, Buf::<64>::NAME);
    let squares: [u64; 10] = std::array::from_fn(|i| (i * i) as u64);
    let k = const { 1u64 << 40 };
    println!("squares {:?} k {}", squares, k);
    let arrs: [[u8; 2]; 3] = [[1, 2], [3, 4], [5, 6]];
    let flat: [u8; 6] = unsafe { std::mem::transmute(arrs) };
    println!("flat {:?} try_into {:?}", flat, <[u8; 4]>::try_from(&flat[1..5]));
    let e: Result<[u8; 4], _> = <[u8; 4]>::try_from(&flat[..3]);
    println!("try_into err {}", e.is_err());
}
