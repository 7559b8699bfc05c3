// A panic: exit code 101, stdout up to the panic must match (stderr is not compared).
#[inline(never)]
fn checked_get(v: &[u32], i: usize) -> u32 {
    v[i]
}

fn main() {
    let v = vec![1, 2, 3];
    println!("before: {}", checked_get(&v, 2));
    let i = std::hint::black_box(7);
    println!("this panics: {}", checked_get(&v, i));
    println!("not reached");
}
