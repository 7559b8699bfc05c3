//! The program `./y.sh test outputs` compiles with every `--emit` combination. Two modules, so
//! that `-Ccodegen-units=3` gives more than one codegen unit.

mod geometry {
    #[inline(never)]
    pub fn square_sum(a: u64, b: u64) -> u64 {
        a * a + b * b
    }
}

mod text {
    pub static GREETING: &str = "hello from --emit";

    pub fn shout(s: &str) -> String {
        s.split(' ').map(str::to_uppercase).collect::<Vec<_>>().join("-")
    }
}

fn main() {
    println!("{} {}", text::shout(text::GREETING), geometry::square_sum(3, 4));
}
