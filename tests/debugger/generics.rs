// Generic functions and types: instantiations named `largest<i32>` as LLVM names them, with
// their template parameters.

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Wrapper<T> {
    inner: T,
    tag: u8,
}

#[inline(never)]
fn largest<T: PartialOrd + Copy>(items: &[T]) -> T {
    let mut best = items[0];
    for &item in items {
        if item > best {
            best = item;
        }
    }
    best
}

#[inline(never)]
fn pair<A, B>(a: A, b: B) -> (B, A) {
    (b, a)
}

impl<T: Copy> Wrapper<T> {
    #[inline(never)]
    fn get(&self) -> T {
        self.inner
    }
}

fn main() {
    let ints = [3, 9, 2];
    let floats = [1.5f64, -2.0];
    let wrapped = Wrapper { inner: 'z', tag: 1 };
    let a = largest(&ints);
    let b = largest(&floats);
    let swapped = pair(1u8, "two");
    let c = wrapped.get();
    println!("{a} {b} {swapped:?} {c} {:?}", wrapped);
}
