// debugger: panic-backtrace
// Recursion: `bt` through several frames of the same function, `up`/`frame` to read an outer
// frame's arguments, `finish` out of one level; with RUST_BACKTRACE=1 the panic's backtrace
// shows the same frames with file:line as the LLVM build's.

#[inline(never)]
fn factorial(n: u64) -> u64 {
    if n <= 1 {
        let base = 1;
        return base;
    }
    let rest = factorial(n - 1);
    n * rest
}

#[inline(never)]
fn countdown(n: u32) {
    if n == 0 {
        panic!("liftoff");
    }
    countdown(n - 1);
}

fn main() {
    let result = factorial(5);
    println!("{result}");
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        countdown(3);
    }
}
