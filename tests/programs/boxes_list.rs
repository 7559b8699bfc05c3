// Heap data: Box, a recursive enum linked list, a binary tree with insert/traverse,
// Rc with shared ownership counts, Option<Box<_>> chains.
use std::rc::Rc;

#[derive(Debug)]
enum List {
    Cons(i32, Box<List>),
    Nil,
}

use List::{Cons, Nil};

impl List {
    fn sum(&self) -> i32 {
        match self {
            Cons(v, rest) => v + rest.sum(),
            Nil => 0,
        }
    }
}

struct Node {
    key: u32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn insert(node: &mut Option<Box<Node>>, key: u32) {
    match node {
        None => *node = Some(Box::new(Node { key, left: None, right: None })),
        Some(n) => {
            if key < n.key {
                insert(&mut n.left, key)
            } else {
                insert(&mut n.right, key)
            }
        }
    }
}

fn inorder(node: &Option<Box<Node>>, out: &mut Vec<u32>) {
    if let Some(n) = node {
        inorder(&n.left, out);
        out.push(n.key);
        inorder(&n.right, out);
    }
}

fn height(node: &Option<Box<Node>>) -> usize {
    node.as_ref().map_or(0, |n| 1 + height(&n.left).max(height(&n.right)))
}

fn main() {
    let list = Cons(1, Box::new(Cons(2, Box::new(Cons(3, Box::new(Nil))))));
    println!("{list:?} sum {}", list.sum());
    let mut root = None;
    for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65] {
        insert(&mut root, k);
    }
    let mut keys = Vec::new();
    inorder(&root, &mut keys);
    println!("inorder {keys:?} height {}", height(&root));
    let b = Box::new([1u64; 64]);
    println!("boxed array sum {}", b.iter().sum::<u64>());
    let shared = Rc::new(String::from("shared"));
    let a = Rc::clone(&shared);
    {
        let _b = Rc::clone(&shared);
        println!("count {}", Rc::strong_count(&shared));
    }
    println!("count {} {a}", Rc::strong_count(&shared));
    let mut long = Nil;
    for i in 0..1000 {
        long = Cons(i, Box::new(long));
    }
    println!("long sum {}", long.sum());
}
