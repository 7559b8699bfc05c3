// Non-zero exit code through std::process::exit; output printed before must be flushed.
fn main() {
    println!("about to exit with 3");
    let code = std::hint::black_box(3);
    if code > 0 {
        std::process::exit(code);
    }
    println!("not reached");
}
