// The smallest useful program: one println!.
fn main() {
    println!("Hello, world!");
}
