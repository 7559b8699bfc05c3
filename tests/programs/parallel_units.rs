// fastclif-test: rustflags = "-Zthreads=2 -Ccodegen-units=6"
// Several codegen units translated on rustc's thread pool in batches (`-Zthreads`): functions,
// generic instances, statics and vtables spread over modules must link and run as one program.

mod shapes {
    pub trait Area {
        fn area(&self) -> f64;
        fn name(&self) -> String;
    }

    pub struct Square(pub f64);
    pub struct Triangle(pub f64, pub f64);

    impl Area for Square {
        fn area(&self) -> f64 {
            self.0 * self.0
        }
        fn name(&self) -> String {
            format!("square {}", self.0)
        }
    }

    impl Area for Triangle {
        fn area(&self) -> f64 {
            self.0 * self.1 / 2.0
        }
        fn name(&self) -> String {
            format!("triangle {}x{}", self.0, self.1)
        }
    }

    pub fn all() -> Vec<Box<dyn Area>> {
        vec![Box::new(Square(3.0)), Box::new(Triangle(4.0, 5.0)), Box::new(Square(0.5))]
    }
}

mod numbers {
    pub static PRIMES: [u32; 8] = [2, 3, 5, 7, 11, 13, 17, 19];

    pub fn sum_by<T: Copy + Into<u64>>(values: &[T], weight: impl Fn(usize) -> u64) -> u64 {
        values.iter().enumerate().map(|(i, v)| (*v).into() * weight(i)).sum()
    }

    pub fn collatz_steps(mut n: u64) -> u32 {
        let mut steps = 0;
        while n != 1 {
            n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
            steps += 1;
        }
        steps
    }
}

mod text {
    use std::collections::BTreeMap;

    pub fn word_counts(text: &str) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word).or_insert(0) += 1;
        }
        counts
    }

    pub fn shout(words: &[&str]) -> String {
        words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join("-")
    }
}

mod cells {
    use std::cell::RefCell;
    use std::rc::Rc;

    #[derive(Debug)]
    pub struct Node {
        pub value: i32,
        pub children: Vec<Rc<RefCell<Node>>>,
    }

    pub fn tree(depth: i32) -> Rc<RefCell<Node>> {
        let node = Rc::new(RefCell::new(Node { value: depth, children: Vec::new() }));
        if depth > 0 {
            for _ in 0..2 {
                node.borrow_mut().children.push(tree(depth - 1));
            }
        }
        node
    }

    pub fn total(node: &Rc<RefCell<Node>>) -> i32 {
        let node = node.borrow();
        node.value + node.children.iter().map(total).sum::<i32>()
    }
}

fn main() {
    for shape in shapes::all() {
        println!("{}: {:.3}", shape.name(), shape.area());
    }
    let small: [u8; 4] = [1, 2, 3, 4];
    println!("weighted u8 {}", numbers::sum_by(&small, |i| i as u64 + 1));
    println!("weighted primes {}", numbers::sum_by(&numbers::PRIMES, |i| 1 << i));
    let steps: Vec<u32> = (1..=12).map(numbers::collatz_steps).collect();
    println!("collatz {steps:?}");
    let counts = text::word_counts("the quick fox and the lazy dog and the cat");
    println!("counts {counts:?}");
    println!("{}", text::shout(&["codegen", "units", "in", "parallel"]));
    let root = cells::tree(5);
    println!("tree total {}, root children {}", cells::total(&root), root.borrow().children.len());
}
