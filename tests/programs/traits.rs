// Traits with static dispatch (generic bounds, impl Trait), default methods, associated
// constants and types, trait objects for comparison, operator overloading.
use std::fmt;
use std::ops::{Add, Mul};

trait Animal {
    const LEGS: u32;
    fn name(&self) -> String;
    fn sound(&self) -> &'static str;
    fn speak(&self) -> String {
        format!("{} says {} on {} legs", self.name(), self.sound(), Self::LEGS)
    }
}

struct Dog;
struct Bird {
    species: &'static str,
}

impl Animal for Dog {
    const LEGS: u32 = 4;
    fn name(&self) -> String {
        "Dog".into()
    }
    fn sound(&self) -> &'static str {
        "woof"
    }
}

impl Animal for Bird {
    const LEGS: u32 = 2;
    fn name(&self) -> String {
        format!("Bird({})", self.species)
    }
    fn sound(&self) -> &'static str {
        "tweet"
    }
    fn speak(&self) -> String {
        format!("{} sings", self.name())
    }
}

fn introduce<A: Animal>(a: &A) -> String {
    a.speak()
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct V2(i32, i32);

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2(self.0 + o.0, self.1 + o.1)
    }
}

impl Mul<i32> for V2 {
    type Output = V2;
    fn mul(self, k: i32) -> V2 {
        V2(self.0 * k, self.1 * k)
    }
}

impl fmt::Display for V2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}, {}>", self.0, self.1)
    }
}

trait Shape {
    fn area(&self) -> f64;
}
struct Sq(f64);
struct Circ(f64);
impl Shape for Sq {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}
impl Shape for Circ {
    fn area(&self) -> f64 {
        3.0 * self.0 * self.0
    }
}

fn total_area(shapes: &[&dyn Shape]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}

trait Container {
    type Item;
    fn get(&self, i: usize) -> Option<&Self::Item>;
}
struct Stack(Vec<u16>);
impl Container for Stack {
    type Item = u16;
    fn get(&self, i: usize) -> Option<&u16> {
        self.0.get(i)
    }
}

fn evens() -> impl Iterator<Item = u32> {
    (0..).step_by(2)
}

fn main() {
    println!("{}", introduce(&Dog));
    println!("{}", introduce(&Bird { species: "robin" }));
    println!("legs {} {}", Dog::LEGS, <Bird as Animal>::LEGS);
    let v = V2(1, 2) + V2(10, 20) * 3;
    println!("{v} {v:?} {}", v == V2(31, 62));
    println!("area {}", total_area(&[&Sq(2.0), &Circ(1.0), &Sq(0.5)]));
    let st = Stack(vec![5, 6, 7]);
    println!("{:?} {:?}", st.get(1), st.get(3));
    println!("{:?}", evens().skip(3).take(4).collect::<Vec<_>>());
}
