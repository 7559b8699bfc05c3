//! A `dylib` that re-exports its dependency, as Bevy's `bevy_dylib` does.

pub use dy_shapes::*;

pub fn describe() -> String {
    let all = shapes();
    let names: Vec<String> = all.iter().map(|s| s.name()).collect();
    format!("{} / total area {:.2}", names.join(", "), total_area(&all))
}

/// A panic inside the dylib, caught inside the dylib.
pub fn checked(x: i32) -> Result<i32, String> {
    std::panic::catch_unwind(|| {
        if x < 0 {
            panic!("negative: {x}");
        }
        x * 10
    })
    .map_err(|e| e.downcast_ref::<String>().cloned().unwrap_or_default())
}

/// A panic inside the dylib that unwinds into the caller's crate.
pub fn must_be_even(x: u32) -> u32 {
    assert!(x % 2 == 0, "{x} is odd");
    x / 2
}
