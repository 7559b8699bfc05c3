// Trait objects: Box/&/Rc, multi-method vtables, default methods, generic helpers,
// supertrait upcasting, dyn Any downcast, drop through Box<dyn Trait>.
use std::any::Any;
use std::fmt::Debug;
use std::rc::Rc;

trait Named {
    fn name(&self) -> String;
    fn id(&self) -> u32 { 0 }
}

trait Animal: Named {
    fn legs(&self) -> u32;
    fn speak(&self) -> String { format!("{} makes a sound", self.name()) }
    fn weight(&self) -> f64;
    fn rename(&mut self, n: &str);
}

#[derive(Debug)]
struct Dog { name: String, kg: f64 }
#[derive(Debug)]
struct Bird { wings: u8, id: u32 }

impl Named for Dog { fn name(&self) -> String { self.name.clone() } }
impl Named for Bird {
    fn name(&self) -> String { format!("bird#{}", self.id) }
    fn id(&self) -> u32 { self.id }
}
impl Animal for Dog {
    fn legs(&self) -> u32 { 4 }
    fn speak(&self) -> String { format!("{} says woof", self.name) }
    fn weight(&self) -> f64 { self.kg }
    fn rename(&mut self, n: &str) { self.name = n.to_string(); }
}
impl Animal for Bird {
    fn legs(&self) -> u32 { 2 }
    fn weight(&self) -> f64 { 0.25 * self.wings as f64 }
    fn rename(&mut self, n: &str) { self.id = n.len() as u32; }
}
impl Drop for Dog { fn drop(&mut self) { println!("drop dog {}", self.name); } }
impl Drop for Bird { fn drop(&mut self) { println!("drop bird {}", self.id); } }

fn total_legs(zoo: &[Box<dyn Animal>]) -> u32 { zoo.iter().map(|a| a.legs()).sum() }

fn show_named(n: &dyn Named) -> String { format!("[{} id={}]", n.name(), n.id()) }

fn generic_speak<T: Animal + ?Sized>(a: &T) -> String { a.speak().to_uppercase() }

fn describe_any(v: &dyn Any) -> String {
    if let Some(i) = v.downcast_ref::<i32>() { format!("i32 {}", i) }
    else if let Some(s) = v.downcast_ref::<String>() { format!("string {:?}", s) }
    else if let Some(d) = v.downcast_ref::<Dog>() { format!("dog {}", d.name) }
    else { "unknown".to_string() }
}

trait Counter { fn bump(&mut self) -> u64; fn get(&self) -> u64; }
struct Step(u64, u64);
impl Counter for Step {
    fn bump(&mut self) -> u64 { self.0 += self.1; self.0 }
    fn get(&self) -> u64 { self.0 }
}

fn main() {
    let mut zoo: Vec<Box<dyn Animal>> = vec![
        Box::new(Dog { name: "rex".into(), kg: 30.5 }),
        Box::new(Bird { wings: 2, id: 7 }),
        Box::new(Dog { name: "fido".into(), kg: 12.0 }),
    ];
    for a in &zoo { println!("{} legs={} w={:.2} {}", a.speak(), a.legs(), a.weight(), generic_speak(a.as_ref())); }
    println!("total legs {}", total_legs(&zoo));
    zoo[0].rename("max");
    zoo[1].rename("abcde");
    for a in &zoo {
        let up: &dyn Named = a.as_ref();
        println!("upcast {}", show_named(up));
    }
    let rc: Rc<dyn Animal> = Rc::new(Bird { wings: 4, id: 99 });
    let rc2 = Rc::clone(&rc);
    println!("rc {} {} count={}", rc2.speak(), rc.weight(), Rc::strong_count(&rc));
    drop(rc2);
    let r: &dyn Debug = &zoo.len();
    println!("debug dyn {:?}", r);
    let anys: Vec<Box<dyn Any>> = vec![Box::new(5i32), Box::new(String::from("hi")), Box::new(2.5f32), Box::new(Dog { name: "anydog".into(), kg: 1.0 })];
    for a in &anys { println!("any: {}", describe_any(a.as_ref())); }
    let b: Box<dyn Any> = Box::new(123i32);
    match b.downcast::<i32>() { Ok(v) => println!("downcast box {}", *v + 1), Err(_) => println!("no") }
    let mut counters: Vec<Box<dyn Counter>> = (1..=3).map(|i| Box::new(Step(i * 10, i)) as Box<dyn Counter>).collect();
    for _ in 0..3 { for c in counters.iter_mut() { c.bump(); } }
    println!("counters {:?}", counters.iter().map(|c| c.get()).collect::<Vec<_>>());
    let removed = zoo.remove(1);
    println!("removed {}", removed.name());
    drop(removed);
    drop(anys);
    println!("end of main");
}
