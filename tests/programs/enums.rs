// Enums: C-like with explicit discriminants, data-carrying variants, match with guards,
// methods on enums, niche-optimized layouts (Option<&T>, Option<bool>).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Color {
    Red = 1,
    Green = 20,
    Blue = 300,
}

#[derive(Debug)]
enum Shape {
    Circle { r: f64 },
    Rect { w: f64, h: f64 },
    Triangle(f64, f64, f64),
    Empty,
}

impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle { r } => 3.0 * r * r,
            Shape::Rect { w, h } => w * h,
            Shape::Triangle(a, b, c) => {
                let s = (a + b + c) / 2.0;
                (s * (s - a) * (s - b) * (s - c)).sqrt()
            }
            Shape::Empty => 0.0,
        }
    }
}

#[derive(Debug)]
enum Token {
    Num(i64),
    Op(char),
    Ident(String),
}

fn eval(tokens: &[Token]) -> i64 {
    let mut acc = 0;
    let mut op = '+';
    for t in tokens {
        match t {
            Token::Num(n) if op == '+' => acc += n,
            Token::Num(n) if op == '-' => acc -= n,
            Token::Num(n) => acc *= n,
            Token::Op(c) => op = *c,
            Token::Ident(name) => acc += name.len() as i64,
        }
    }
    acc
}

fn main() {
    for c in [Color::Red, Color::Green, Color::Blue] {
        println!("{c:?} = {} (is red: {})", c as i32, c == Color::Red);
    }
    let shapes = [Shape::Circle { r: 2.0 }, Shape::Rect { w: 3.0, h: 4.5 }, Shape::Triangle(3.0, 4.0, 5.0), Shape::Empty];
    for s in &shapes {
        println!("{s:?} area {}", s.area());
    }
    let toks = vec![Token::Num(5), Token::Op('*'), Token::Num(4), Token::Op('-'), Token::Num(3), Token::Op('+'), Token::Ident("abc".into())];
    println!("eval = {}", eval(&toks));
    let x = 5;
    let r: Option<&i32> = if x > 3 { Some(&x) } else { None };
    let b: Option<bool> = Some(false);
    println!("{r:?} {b:?} sizes {} {}", std::mem::size_of::<Option<&i32>>(), std::mem::size_of::<Option<bool>>());
    let o = std::cmp::Ordering::Less;
    println!("ordering as i8 = {}", o as i8);
}
