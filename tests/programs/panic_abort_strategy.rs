// fastclif-test: rustflags = "-Cpanic=abort"
// With -Cpanic=abort there are no landing pads: Drop still runs on normal paths, and a panic
// aborts the process (same signal as LLVM's build) without running destructors.
use std::hint::black_box;

struct Loud(&'static str);
impl Drop for Loud {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn checked(x: u32) -> u32 {
    let _g = Loud("checked");
    x.checked_mul(3).expect("overflow")
}

fn main() {
    println!("{}", checked(black_box(7)));
    let _outer = Loud("outer (not dropped: abort)");
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    println!("{}", checked(black_box(u32::MAX)));
}
