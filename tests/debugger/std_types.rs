// Standard library types through the pretty printers: String, Vec, Box, Rc, Arc, RefCell,
// Cell, HashMap.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

#[inline(never)]
fn consume(names: &Vec<String>) -> usize {
    names.iter().map(|n| n.len()).sum()
}

fn main() {
    let string = String::from("a string");
    let vec = vec![1i32, 2, 3];
    let names = vec![String::from("ann"), String::from("bob")];
    let boxed = Box::new(99u64);
    let boxed_str: Box<str> = "boxed".into();
    let rc = Rc::new(5i16);
    let rc2 = Rc::clone(&rc);
    let arc = Arc::new(String::from("shared"));
    let cell = Cell::new(3u8);
    let refcell = RefCell::new(vec![7u8]);
    let mut map = HashMap::new();
    map.insert(1u32, "one");
    let count = consume(&names);
    println!("{string} {vec:?} {count} {boxed} {boxed_str} {rc} {rc2} {arc} {} {:?} {}", cell.get(), refcell.borrow(), map.len());
}
