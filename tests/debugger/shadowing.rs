// Shadowed names in nested scopes: each `x` is the innermost one visible at the stop.

fn main() {
    let x = 1;
    let y = x * 10;
    {
        let x = "inner";
        let z = x.len();
        {
            let x = 3.5f64;
            let w = x * 2.0;
            println!("{x} {w} {z}");
        }
        println!("{x} {z}");
    }
    let x = x + y;
    println!("{x}");
    for i in 0..2 {
        let x = i * 100;
        println!("{x}");
    }
}
