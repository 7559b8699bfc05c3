// Shadowing and blocks as expressions, if/match as expressions, unit-valued blocks,
// nested scopes and drop order (observable through Drop printing).
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn main() {
    let x = 5;
    let x = x * 2;
    {
        let x = "inner";
        println!("inner x = {x}");
    }
    let x = x + 1;
    println!("x = {x}");

    let y = {
        let a = 3;
        let b = 4;
        a * a + b * b
    };
    println!("y = {y}");
    let z = if y > 20 { "big" } else { "small" };
    let w = match y % 3 {
        0 => 'a',
        1 => 'b',
        _ => 'c',
    };
    println!("z = {z}, w = {w}");
    let parity = {
        let mut p = 0;
        for i in 0..y {
            p ^= i;
        }
        p
    };
    println!("parity = {parity}");

    let _a = Noisy("a");
    {
        let _b = Noisy("b");
        let _c = Noisy("c");
        println!("end of inner scope");
    }
    let moved = Noisy("moved");
    drop(moved);
    let v = vec![Noisy("v1"), Noisy("v2")];
    println!("vec has {}", v.len());
    std::mem::drop(v);
    println!("end of main");
}
