// &str constants and println! with several arguments and format specs:
// {}, {:?}, {:x}, {:#x}, {:b}, {:o}, {:e}, width, fill, alignment, precision, named args.
const GREETING: &str = "fastclif";
static NUMBERS: [i32; 3] = [1, -22, 333];

fn main() {
    println!("{} {} {}", GREETING, GREETING.len(), NUMBERS.len());
    println!("{:?} {:?}", GREETING, NUMBERS);
    let n = 48879u32;
    println!("hex {:x} {:X} {:#x} {:08x}", n, n, n, 255);
    println!("bin {:b} {:#010b} oct {:o}", 10, 5, 64);
    println!("width [{:5}] [{:<5}] [{:>5}] [{:^5}] [{:*^9}]", 42, 42, 42, 42, "mid");
    println!("signs [{:+}] [{:+}] [{:05}] [{:<+6}]", 7, -7, -42, 3);
    let pi = 3.14159265358979f64;
    println!("float {} {:.2} {:8.3} {:e} {:?}", pi, pi, pi, 1234.5f64, 0.1f32 + 0.2f32);
    println!("floats {} {} {} {}", 1.0f64, 1.5e300f64, -0.0f64, f64::INFINITY);
    let name = "world";
    let count = 3;
    println!("named: hello {name}, {count} times, {count:>4}|{name:?}");
    println!("positional {0} {1} {0} [{2:w$}]", "a", "b", 7, w = 9);
    println!("escaped {{}} and a tab:\t| and unicode: {} {}", 'λ', "日本");
    println!("{:>width$.prec$}", 2.0f64.sqrt(), width = 12, prec = 5);
    println!("debug str {:?} char {:?}", "quote\"s and \\ and \n", '\'');
    println!("option {:?} {:?} result {:?}", Some(1), None::<i32>, Ok::<u8, ()>(2));
    println!("pretty {:#?}", (1, "two"));
    let s = format!("{}-{}", "a", 1);
    println!("format! gives {s} ({} bytes)", s.len());
}
