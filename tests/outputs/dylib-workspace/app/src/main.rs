use dy_engine::{Shape, Square};

fn main() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<String>().map_or("?", String::as_str);
        println!("panic hook: {msg}");
    }));
    println!("{}", dy_engine::GREETING);
    println!("{}", dy_engine::describe());
    println!(
        "largest {:?} {:?} {:?}",
        dy_engine::largest(&[3, 7, 1]),
        dy_engine::largest(&[2.5, -1.0]),
        dy_engine::largest::<u8>(&[])
    );
    println!("double {} primes {:?}", dy_engine::double(21), dy_engine::PRIMES);
    println!("bump {} {}", dy_engine::bump(), dy_engine::bump());
    println!("checked {:?} {:?}", dy_engine::checked(4), dy_engine::checked(-1));
    let caught = std::panic::catch_unwind(|| dy_engine::must_be_even(7));
    println!("must_be_even {} {:?}", dy_engine::must_be_even(8), caught.is_err());
    let own: Box<dyn Shape> = Box::new(Square(3.0));
    println!("own {} {}", own.name(), own.area());
    println!("calls {}", dy_engine::CALLS.load(std::sync::atomic::Ordering::SeqCst));
}
