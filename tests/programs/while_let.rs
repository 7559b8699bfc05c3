// while let: popping a stack, iterating with next(), a simple state machine, and
// a worklist algorithm (BFS over a small graph).
use std::collections::VecDeque;

fn main() {
    let mut stack = vec![1, 2, 3, 4, 5];
    let mut out = Vec::new();
    while let Some(top) = stack.pop() {
        if top == 3 {
            stack.push(30);
            stack.push(31);
        }
        out.push(top);
    }
    println!("popped {out:?}");

    let text = "a1b22c333";
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        let mut digits = String::new();
        while let Some(&d) = it.peek() {
            if !d.is_ascii_digit() {
                break;
            }
            digits.push(d);
            it.next();
        }
        println!("{c} -> {digits}");
    }

    let edges: [(usize, usize); 7] = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 5), (2, 5)];
    let mut dist = [usize::MAX; 6];
    let mut queue = VecDeque::new();
    dist[0] = 0;
    queue.push_back(0);
    while let Some(n) = queue.pop_front() {
        for &(a, b) in &edges {
            if a == n && dist[b] == usize::MAX {
                dist[b] = dist[n] + 1;
                queue.push_back(b);
            }
        }
    }
    println!("dist {dist:?}");

    let mut n = Some(100u32);
    let mut steps = 0;
    while let Some(x) = n {
        n = if x > 1 { Some(x / 3) } else { None };
        steps += 1;
    }
    println!("steps {steps}");
}
