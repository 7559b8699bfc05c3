// Structs, tuple structs, unit structs, nested structs and tuples.

struct Point {
    x: i32,
    y: i32,
}

struct Meters(f64);

struct Unit;

struct Line {
    from: Point,
    to: Point,
    label: &'static str,
    width: Meters,
}

#[inline(never)]
fn length(line: &Line) -> f64 {
    let dx = (line.to.x - line.from.x) as f64;
    let dy = (line.to.y - line.from.y) as f64;
    (dx * dx + dy * dy).sqrt() * line.width.0
}

fn main() {
    let origin = Point { x: 0, y: 0 };
    let target = Point { x: 3, y: 4 };
    let line = Line { from: origin, to: target, label: "diagonal", width: Meters(2.0) };
    let pair = (7u8, -3i64);
    let triple = ('a', 2.5f32, (true, 9u16));
    let marker = Unit;
    let len = length(&line);
    let _ = &marker;
    println!("{len} {} {} {}", line.label, pair.0, triple.2.1);
}
