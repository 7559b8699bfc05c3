// Generic functions and types: monomorphization over several types, trait bounds,
// where clauses, const generics, generic structs with impls, PhantomData-free wrappers.
use std::fmt::Debug;

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut m = xs[0];
    for &x in xs {
        if x > m {
            m = x;
        }
    }
    m
}

fn describe_all<T>(xs: &[T]) -> String
where
    T: Debug,
{
    xs.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join("/")
}

#[derive(Debug)]
struct Pair<T> {
    a: T,
    b: T,
}

impl<T: PartialOrd + Copy + Debug> Pair<T> {
    fn max(&self) -> T {
        if self.a > self.b { self.a } else { self.b }
    }
    fn swap(self) -> Pair<T> {
        Pair { a: self.b, b: self.a }
    }
}

fn sum_array<const N: usize>(a: [u32; N]) -> u32 {
    let mut s = 0;
    for x in a {
        s += x;
    }
    s + N as u32
}

struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    fn new() -> Self {
        Stack { items: Vec::new() }
    }
    fn push(&mut self, t: T) -> &mut Self {
        self.items.push(t);
        self
    }
    fn peek(&self) -> Option<T> {
        self.items.last().cloned()
    }
}

fn convert<A: Into<i64>>(a: A) -> i64 {
    a.into() * 2
}

fn main() {
    println!("{} {} {} {}", largest(&[3, 9, 2]), largest(&[1.5, -2.0]), largest(&['x', 'b']), largest(&[200u8, 255, 1]));
    println!("{}", describe_all(&["a", "b"]));
    println!("{}", describe_all(&[Some(1), None]));
    let p = Pair { a: 3i16, b: -4 };
    println!("{} {:?}", p.max(), p.swap());
    let q = Pair { a: "pear", b: "apple" };
    println!("{}", q.max());
    println!("{} {}", sum_array([1, 2, 3]), sum_array([10; 7]));
    let mut s: Stack<String> = Stack::new();
    s.push("one".to_string()).push("two".to_string());
    println!("{:?} {}", s.peek(), s.items.len());
    let mut n: Stack<(u8, char)> = Stack::new();
    println!("{:?}", n.push((1, 'a')).peek());
    println!("{} {} {}", convert(5u8), convert(-3i32), convert(7u32));
}
