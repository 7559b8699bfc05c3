// Generics and traits: associated types and consts, generic trait objects, blanket impls,
// operator overloading (Add/Sub/Mul/Neg/Index/IndexMut/AddAssign), derived PartialOrd/Ord/Hash/
// Default/Clone, sorting by keys, a custom Iterator, where-clauses, impl Trait arguments.
use std::collections::HashSet;
use std::fmt::Debug;
use std::ops::{Add, AddAssign, Index, IndexMut, Mul, Neg, Sub};

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
struct V3 { x: f64, y: f64, z: f64 }
impl Add for V3 { type Output = V3; fn add(self, o: V3) -> V3 { V3 { x: self.x + o.x, y: self.y + o.y, z: self.z + o.z } } }
impl Sub for V3 { type Output = V3; fn sub(self, o: V3) -> V3 { V3 { x: self.x - o.x, y: self.y - o.y, z: self.z - o.z } } }
impl Mul<f64> for V3 { type Output = V3; fn mul(self, k: f64) -> V3 { V3 { x: self.x * k, y: self.y * k, z: self.z * k } } }
impl Neg for V3 { type Output = V3; fn neg(self) -> V3 { self * -1.0 } }
impl AddAssign for V3 { fn add_assign(&mut self, o: V3) { *self = *self + o; } }

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct Person { last: String, first: String, age: u8 }

struct Grid<T> { w: usize, cells: Vec<T> }
impl<T: Clone + Default> Grid<T> { fn new(w: usize, h: usize) -> Self { Grid { w, cells: vec![T::default(); w * h] } } }
impl<T> Index<(usize, usize)> for Grid<T> { type Output = T; fn index(&self, (r, c): (usize, usize)) -> &T { &self.cells[r * self.w + c] } }
impl<T> IndexMut<(usize, usize)> for Grid<T> { fn index_mut(&mut self, (r, c): (usize, usize)) -> &mut T { &mut self.cells[r * self.w + c] } }

trait Shape { const SIDES: u32; type Unit: Debug + Copy; fn area(&self) -> Self::Unit; fn name() -> &'static str where Self: Sized; }
struct Sq(u32);
struct Tri(f32, f32);
impl Shape for Sq { const SIDES: u32 = 4; type Unit = u32; fn area(&self) -> u32 { self.0 * self.0 } fn name() -> &'static str { "square" } }
impl Shape for Tri { const SIDES: u32 = 3; type Unit = f32; fn area(&self) -> f32 { self.0 * self.1 / 2.0 } fn name() -> &'static str { "triangle" } }
fn report<S: Shape>(s: &S) -> String { format!("{} sides={} area={:?}", S::name(), S::SIDES, s.area()) }

trait Describe { fn describe(&self) -> String; }
impl<T: Debug> Describe for T { fn describe(&self) -> String { format!("<<{:?}>>", self) } }

trait Store<K> { fn put(&mut self, k: K); fn count(&self) -> usize; }
struct VecStore<K>(Vec<K>);
impl<K: PartialEq> Store<K> for VecStore<K> { fn put(&mut self, k: K) { if !self.0.contains(&k) { self.0.push(k) } } fn count(&self) -> usize { self.0.len() } }

struct Fib { a: u64, b: u64 }
impl Iterator for Fib { type Item = u64; fn next(&mut self) -> Option<u64> { let r = self.a; self.a = self.b; self.b += r; Some(r) } }

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T { let mut m = xs[0]; for &x in xs { if x > m { m = x; } } m }
fn sum_all<I>(it: I) -> i64 where I: IntoIterator, I::Item: Into<i64> { it.into_iter().map(Into::into).sum() }
fn show_all(items: &[impl Describe]) -> Vec<String> { items.iter().map(|i| i.describe()).collect() }

fn main() {
    let mut p = V3 { x: 1.0, y: 2.0, z: 3.0 };
    let q = V3 { x: 0.5, y: -1.0, z: 4.0 };
    p += q;
    println!("ops {:?} {:?} {:?} {:?}", p, p - q, -q, q * 3.0);
    println!("partial_cmp {:?} {:?} default {:?}", p.partial_cmp(&q), V3 { x: f64::NAN, ..q }.partial_cmp(&q), V3::default());
    let mut people = vec![
        Person { last: "Smith".into(), first: "Ann".into(), age: 40 },
        Person { last: "Jones".into(), first: "Bob".into(), age: 25 },
        Person { last: "Smith".into(), first: "Al".into(), age: 33 },
        Person { last: "Brown".into(), first: "Cy".into(), age: 25 },
    ];
    people.sort();
    println!("sorted {:?}", people.iter().map(|p| format!("{} {}", p.first, p.last)).collect::<Vec<_>>());
    people.sort_by_key(|p| (p.age, std::cmp::Reverse(p.first.clone())));
    println!("by age {:?}", people.iter().map(|p| (p.age, p.first.as_str())).collect::<Vec<_>>());
    let mut set: HashSet<Person> = people.iter().cloned().collect();
    set.insert(people[0].clone());
    set.insert(Person::default());
    println!("set len {} contains {} max {:?}", set.len(), set.contains(&people[1]), people.iter().max().map(|p| &p.first));
    let mut g: Grid<u16> = Grid::new(4, 3);
    for r in 0..3 { for c in 0..4 { g[(r, c)] = (r * 10 + c) as u16; } }
    g[(1, 1)] += 100;
    println!("grid {:?} {} {}", g.cells, g[(2, 3)], g[(1, 1)]);
    println!("{} | {}", report(&Sq(7)), report(&Tri(3.0, 5.0)));
    println!("blanket {} {} {:?}", 5.describe(), "s".describe(), show_all(&[Some(1), None]));
    let mut vs = VecStore(Vec::new());
    for k in ["a", "b", "a", "c", "b"] { vs.put(k); }
    let dynstore: &mut dyn Store<&str> = &mut vs;
    dynstore.put("d");
    println!("store count {}", dynstore.count());
    println!("fib {:?} sum {}", Fib { a: 0, b: 1 }.take(15).collect::<Vec<_>>(), Fib { a: 0, b: 1 }.skip(5).step_by(2).take(5).sum::<u64>());
    println!("largest {} {} {:?}", largest(&[3, 9, 2]), largest(&[1.5, -2.0]), largest(&['q', 'z', 'a']));
    println!("sum_all {} {}", sum_all(vec![1i32, 2, 3]), sum_all([200u8, 100]));
    let c = people.clone();
    println!("clone eq {} ne {}", c == people, c[0] != c[1]);
}
