// Calling boxed `dyn FnOnce` closures: the receiver is an unsized `dyn` value passed by move.
fn run_all(tasks: Vec<Box<dyn FnOnce() -> u32 + Send>>) -> u32 {
    let mut sum = 0;
    for t in tasks {
        sum += t();
    }
    sum
}
fn main() {
    let s = String::from("abc");
    let v: Vec<Box<dyn FnOnce() -> u32 + Send>> = vec![Box::new(move || s.len() as u32), Box::new(|| 40)];
    println!("{}", run_all(v));
    let f: Box<dyn FnOnce(u32) -> String> = Box::new(|x| format!("x={x}"));
    println!("{}", f(7));
}
