// Trait upcasting with several supertraits (needs vtable pointers inside vtables): upcast
// &dyn Sub to each supertrait, Box<dyn Sub> to Box<dyn Super>, Rc upcasts, diamond shapes,
// dyn Trait with generic-method helpers (where Self: Sized), and dyn PartialEq-style dispatch.
use std::fmt::Debug;
use std::rc::Rc;

trait Base { fn base(&self) -> u32; }
trait Left: Base { fn left(&self) -> String; }
trait Right: Base { fn right(&self) -> f64; fn scaled(&self, k: f64) -> f64 { self.right() * k } }
trait Both: Left + Right + Debug { fn both(&self) -> String { format!("{}|{}|{}", self.left(), self.right(), self.base()) } }

#[derive(Debug)]
struct Thing { id: u32, name: &'static str, w: f64 }
impl Base for Thing { fn base(&self) -> u32 { self.id * 10 } }
impl Left for Thing { fn left(&self) -> String { format!("L:{}", self.name) } }
impl Right for Thing { fn right(&self) -> f64 { self.w } }
impl Both for Thing {}

#[derive(Debug)]
struct Other(i8);
impl Base for Other { fn base(&self) -> u32 { self.0.unsigned_abs() as u32 } }
impl Left for Other { fn left(&self) -> String { "other".into() } }
impl Right for Other { fn right(&self) -> f64 { self.0 as f64 / 2.0 } fn scaled(&self, k: f64) -> f64 { -k } }
impl Both for Other { fn both(&self) -> String { format!("custom {}", self.0) } }

trait Visitor {
    fn visit(&mut self, n: u64);
    fn visit_all<I: IntoIterator<Item = u64>>(&mut self, it: I) where Self: Sized { for n in it { self.visit(n); } }
}
struct Summer(u64);
impl Visitor for Summer { fn visit(&mut self, n: u64) { self.0 += n; } }
fn visit_dyn(v: &mut dyn Visitor, items: &[u64]) { for &i in items { v.visit(i * 2); } }

fn use_left(l: &dyn Left) -> String { format!("{} base={}", l.left(), l.base()) }
fn use_right(r: &dyn Right) -> String { format!("{:.2} scaled={:.2} base={}", r.right(), r.scaled(3.0), r.base()) }
fn use_base(b: &dyn Base) -> u32 { b.base() + 1 }

fn main() {
    let items: Vec<Box<dyn Both>> = vec![Box::new(Thing { id: 4, name: "four", w: 1.25 }), Box::new(Other(-7)), Box::new(Thing { id: 9, name: "nine", w: -0.5 })];
    for it in &items {
        let b: &dyn Both = it.as_ref();
        let l: &dyn Left = b;
        let r: &dyn Right = b;
        let base_via_l: &dyn Base = l;
        let base_via_r: &dyn Base = r;
        println!("{:?}: both={} left=[{}] right=[{}] base={} {} {}", b, b.both(), use_left(l), use_right(r), use_base(b), base_via_l.base(), base_via_r.base());
    }
    let boxed: Box<dyn Both> = Box::new(Thing { id: 1, name: "one", w: 2.0 });
    let as_right: Box<dyn Right> = boxed;
    println!("box upcast right {} {}", as_right.right(), as_right.scaled(0.5));
    let as_base: Box<dyn Base> = as_right;
    println!("box upcast base {}", as_base.base());
    let rc: Rc<dyn Both> = Rc::new(Other(3));
    let rc_left: Rc<dyn Left> = rc.clone();
    let rc_base: Rc<dyn Base> = rc_left.clone();
    println!("rc upcast {} {} count {}", rc_left.left(), rc_base.base(), Rc::strong_count(&rc));
    let dbg: &dyn Debug = &*items[0];
    println!("debug upcast {:?}", dbg);
    let mut s = Summer(0);
    s.visit_all([1, 2, 3]);
    visit_dyn(&mut s, &[10, 20]);
    let dv: &mut dyn Visitor = &mut s;
    dv.visit(1000);
    println!("visitor {}", s.0);
    let lefts: Vec<&dyn Left> = items.iter().map(|b| b.as_ref() as &dyn Left).collect();
    println!("lefts {:?}", lefts.iter().map(|l| l.left()).collect::<Vec<_>>());
    let total: f64 = items.iter().map(|b| { let r: &dyn Right = b.as_ref(); r.scaled(2.0) }).sum();
    println!("total scaled {}", total);
}
