// Enums: fieldless (C-like), with data (direct tags), with niches; matching on them.

#[derive(Clone, Copy)]
enum Color {
    Red,
    Green,
    Blue = 10,
}

enum Shape {
    Circle { radius: f32 },
    Rect(u16, u16),
    Empty,
}

enum Tree {
    Leaf(i64),
    Node(Box<Tree>, Box<Tree>),
}

enum Niche {
    First(&'static str),
    Second,
    Third,
}

#[inline(never)]
fn area(shape: &Shape) -> f32 {
    match shape {
        Shape::Circle { radius } => 3.0 * radius * radius,
        Shape::Rect(w, h) => (*w as f32) * (*h as f32),
        Shape::Empty => 0.0,
    }
}

#[inline(never)]
fn sum(tree: &Tree) -> i64 {
    match tree {
        Tree::Leaf(v) => *v,
        Tree::Node(l, r) => sum(l) + sum(r),
    }
}

fn main() {
    let color = Color::Green;
    let blue = Color::Blue;
    let circle = Shape::Circle { radius: 1.5 };
    let rect = Shape::Rect(3, 4);
    let empty = Shape::Empty;
    let tree = Tree::Node(Box::new(Tree::Leaf(1)), Box::new(Tree::Leaf(2)));
    let first = Niche::First("niche");
    let second = Niche::Second;
    let third = Niche::Third;
    let total = area(&circle) + area(&rect) + area(&empty);
    let s = sum(&tree);
    let picked = match (&first, &second, &third) {
        (Niche::First(t), _, _) => t.len(),
        _ => 0,
    };
    println!("{total} {s} {picked} {} {}", color as i32, blue as i32);
}
