// Cow, Rc<RefCell>, Weak, Cell, OnceCell, LazyCell, Box<dyn Fn>, Option combinators
// (map/and_then/ok_or/unwrap_or_else/zip/take/replace/filter/xor/get_or_insert_with).
use std::borrow::Cow;
use std::cell::{Cell, LazyCell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

fn normalize(s: &str) -> Cow<'_, str> {
    if s.contains(' ') { Cow::Owned(s.replace(' ', "_")) } else { Cow::Borrowed(s) }
}

#[derive(Debug)]
struct Node { val: i32, children: RefCell<Vec<Rc<Node>>>, parent: RefCell<Weak<Node>> }

fn node(val: i32) -> Rc<Node> { Rc::new(Node { val, children: RefCell::new(vec![]), parent: RefCell::new(Weak::new()) }) }

fn main() {
    for s in ["plain", "has space", "two  spaces"] {
        let c = normalize(s);
        println!("cow {:?} borrowed={}", c, matches!(c, Cow::Borrowed(_)));
    }
    let mut c: Cow<[i32]> = Cow::Borrowed(&[1, 2, 3]);
    c.to_mut().push(4);
    println!("cow to_mut {:?} owned={}", c, matches!(c, Cow::Owned(_)));
    let shared = Rc::new(RefCell::new(vec![1, 2]));
    let s2 = Rc::clone(&shared);
    s2.borrow_mut().push(3);
    { let b1 = shared.borrow(); let b2 = shared.borrow(); println!("two borrows {} {}", b1.len(), b2[2]); }
    println!("try_borrow_mut while borrowed {}", { let _b = shared.borrow(); shared.try_borrow_mut().is_err() });
    println!("rc count {} weak {}", Rc::strong_count(&shared), Rc::weak_count(&shared));
    let leaf = node(3);
    let branch = node(5);
    *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
    branch.children.borrow_mut().push(Rc::clone(&leaf));
    println!("leaf parent {:?}", leaf.parent.borrow().upgrade().map(|p| p.val));
    println!("branch strong {} weak {} leaf strong {}", Rc::strong_count(&branch), Rc::weak_count(&branch), Rc::strong_count(&leaf));
    let w = Rc::downgrade(&branch);
    drop(branch);
    println!("after drop upgrade {:?} leaf parent {:?}", w.upgrade().is_none(), leaf.parent.borrow().upgrade().map(|p| p.val));
    let cell = Cell::new(10);
    let cr = &cell;
    cr.set(cr.get() * 2);
    println!("cell {} replace {} take {} now {}", cell.get(), cell.replace(7), cell.take(), cell.get());
    let swap_a = Cell::new(1); let swap_b = Cell::new(2);
    swap_a.swap(&swap_b);
    println!("swapped {} {}", swap_a.get(), swap_b.get());
    let once: OnceCell<String> = OnceCell::new();
    println!("once empty {:?}", once.get());
    println!("once init {}", once.get_or_init(|| "first".to_string()));
    println!("once again {} set err {}", once.get_or_init(|| "second".to_string()), once.set("third".into()).is_err());
    let calls = Cell::new(0);
    let lazy = LazyCell::new(|| { calls.set(calls.get() + 1); (1..=10).product::<u64>() });
    println!("lazy {} {} calls {}", *lazy, *lazy + 1, calls.get());
    let ops: Vec<(&str, Box<dyn Fn(i32) -> Option<i32>>)> = vec![
        ("half", Box::new(|x| if x % 2 == 0 { Some(x / 2) } else { None })),
        ("dec", Box::new(|x| x.checked_sub(1).filter(|v| *v >= 0))),
        ("sq", Box::new(|x| x.checked_mul(x))),
    ];
    for start in [8, 7, 0, 50000] {
        let mut cur = Some(start);
        let mut trace = Vec::new();
        for (name, op) in &ops { cur = cur.and_then(|v| op(v)); trace.push(format!("{}={:?}", name, cur)); }
        println!("chain {} -> {}", start, trace.join(" "));
    }
    let a: Option<i32> = Some(4);
    let b: Option<i32> = None;
    println!("map {:?} {:?} map_or {} {} unwrap_or_else {}", a.map(|x| x * 3), b.map(|x| x * 3), a.map_or(0, |x| x + 1), b.map_or(-1, |x| x), b.unwrap_or_else(|| 99));
    println!("ok_or {:?} {:?} zip {:?} {:?} xor {:?} or {:?}", a.ok_or("none"), b.ok_or_else(|| "lazy none".to_string()), a.zip(Some('z')), a.zip(b), a.xor(b), b.or(Some(1)));
    let mut t = Some(5);
    let taken = t.take();
    let mut r = Some(1);
    let old = r.replace(2);
    println!("take {:?} {:?} replace {:?} {:?}", taken, t, old, r);
    let mut g: Option<Vec<u8>> = None;
    g.get_or_insert_with(Vec::new).push(9);
    g.get_or_insert_with(Vec::new).push(8);
    println!("get_or_insert {:?} filter {:?} flatten {:?} copied {:?}", g, a.filter(|x| *x > 10), Some(Some(3)).flatten(), Some(&7).copied());
    let res: Result<u8, String> = "300".parse::<u8>().map_err(|e| e.to_string());
    println!("result {:?} ok {:?} unwrap_or_default {} and_then {:?}", res, res.clone().ok(), res.clone().unwrap_or_default(), Ok::<i32, String>(3).and_then(|v| if v > 2 { Err(format!("{} too big", v)) } else { Ok(v) }));
    println!("transpose {:?} is_some_and {} is_none_or {}", Some(Ok::<i32, String>(1)).transpose(), a.is_some_and(|x| x > 3), b.is_none_or(|x| x > 3));
    let rc_str: Rc<RefCell<String>> = Rc::new(RefCell::new(String::new()));
    let writers: Vec<Box<dyn Fn(&str)>> = (0..3).map(|i| { let r = Rc::clone(&rc_str); Box::new(move |s: &str| r.borrow_mut().push_str(&format!("{}{};", s, i))) as Box<dyn Fn(&str)> }).collect();
    for w in &writers { w("w"); }
    println!("shared string {} count {}", rc_str.borrow(), Rc::strong_count(&rc_str));
    drop(writers);
    println!("unwrap rc {:?}", Rc::try_unwrap(rc_str).map(|c| c.into_inner()));
}
