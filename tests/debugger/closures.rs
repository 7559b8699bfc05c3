// Closures: captures by reference, by mutable reference and by move; closure arguments and
// the environment as a variable.

#[inline(never)]
fn apply<F: Fn(i32) -> i32>(f: F, value: i32) -> i32 {
    f(value)
}

fn main() {
    let base = 10;
    let label = String::from("add");
    let add = |x: i32| {
        let shifted = x + base;
        shifted * 2
    };
    let mut counter = 0u32;
    let mut bump = |by: u32| {
        counter += by;
        counter
    };
    bump(3);
    let owned = move |suffix: &str| -> usize {
        let joined = format!("{label}{suffix}");
        joined.len()
    };
    let result = apply(&add, 5);
    let size = owned("ed");
    println!("{result} {size} {}", bump(1));
}
