// A panic while a destructor runs during unwinding aborts the process (panic_in_cleanup).
use std::hint::black_box;

struct PanicOnDrop(&'static str);
impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        println!("dropping {}", self.0);
        if black_box(self.0 == "bad") {
            panic!("second panic in drop");
        }
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(|| {
        let _ok = PanicOnDrop("good");
        panic!("first");
    });
    println!("caught {}", r.is_err());
    let _ = std::panic::catch_unwind(|| {
        let _d = PanicOnDrop("bad");
        let _e = PanicOnDrop("good");
        panic!("first");
    });
    println!("after");
}
