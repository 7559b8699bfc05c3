// A panic that reaches a frame that must not unwind aborts the process: here an `extern "C"`
// function (panic_cannot_unwind). See unwind_in_cleanup for a panic during cleanup.
use std::hint::black_box;

extern "C" fn no_unwind(x: i32) -> i32 {
    if x > 0 {
        panic!("panic in extern C");
    }
    x
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    println!("start {}", no_unwind(-1));
    let r = std::panic::catch_unwind(|| no_unwind(-5));
    println!("fine {:?}", r.ok());
    // Caught or not, the process must abort before printing "after".
    let _ = std::panic::catch_unwind(|| no_unwind(black_box(1)));
    println!("after");
}
