// Built by `./y.sh test flags` with `-Zprint-codegen-stats` and `-Zprint-codegen-stats-json`:
// the statistics must not change what the program does, and a rebuild that reuses every
// codegen unit must report nothing translated.

#[inline(never)]
fn mix(state: u64, i: u64) -> u64 {
    if i % 3 == 0 { state.rotate_left(7) ^ i } else { state.wrapping_mul(31).wrapping_add(i) }
}

fn main() {
    let mut state = 17u64;
    for i in 0..40 {
        state = mix(state, i);
    }
    let words: Vec<String> = (1..=4).map(|n| format!("w{n}")).collect();
    println!("{state:x} {}", words.join(","));
    std::process::exit((state % 97) as i32);
}
