// f64::round_ties_even / f32::round_ties_even (the `round_ties_even_f64` intrinsic spelling).
use std::hint::black_box;
fn main() {
    for x in [0.5f64, 1.5, 2.5, -0.5, -1.5, 2.4999, 1e300, -3.5] {
        println!("{} -> {} / {}", x, black_box(x).round_ties_even(), black_box(x as f32).round_ties_even());
    }
}
