//! Run-time kernel: a stack-machine interpreter, a `match` over an enum of instructions in a
//! loop, running a program that counts primes below 120,000 by trial division, then a small
//! expression tree (`Box`ed enum) evaluated many times; prints the results.

#[derive(Clone, Copy, Debug)]
enum Op {
    Push(i64),
    Load(usize),
    Store(usize),
    Add,
    Sub,
    Mul,
    Rem,
    Lt,
    Eq,
    Jmp(usize),
    Jz(usize),
    Dup,
    Pop,
    Halt,
}

fn run(code: &[Op], vars: &mut [i64; 8]) -> u64 {
    let mut stack: Vec<i64> = Vec::with_capacity(64);
    let mut pc = 0;
    let mut steps = 0u64;
    loop {
        steps += 1;
        let op = code[pc];
        pc += 1;
        match op {
            Op::Push(v) => stack.push(v),
            Op::Load(i) => stack.push(vars[i]),
            Op::Store(i) => vars[i] = stack.pop().unwrap(),
            Op::Add | Op::Sub | Op::Mul | Op::Rem | Op::Lt | Op::Eq => {
                let b = stack.pop().unwrap();
                let a = stack.pop().unwrap();
                stack.push(match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Rem => a % b,
                    Op::Lt => (a < b) as i64,
                    _ => (a == b) as i64,
                });
            }
            Op::Jmp(t) => pc = t,
            Op::Jz(t) => {
                if stack.pop().unwrap() == 0 {
                    pc = t;
                }
            }
            Op::Dup => {
                let v = *stack.last().unwrap();
                stack.push(v);
            }
            Op::Pop => {
                stack.pop();
            }
            Op::Halt => return steps,
        }
    }
}

/// Counts the primes below `vars[3]` by trial division. vars: 0 = n, 1 = d, 2 = count,
/// 4 = is_prime.
fn primes_program() -> Vec<Op> {
    use Op::*;
    vec![
        /* 0 */ Push(2), Store(0), Push(0), Store(2),
        /* 4: while n < limit */ Load(0), Load(3), Lt, Jz(40),
        /* 8 */ Push(2), Store(1), Push(1), Store(4),
        /* 12: while !(n < d * d) */ Load(0), Load(1), Dup, Mul, Lt, Push(0), Eq, Jz(33),
        /* 20: if n % d == 0 { is_prime = 0; break } */ Load(0), Load(1), Rem, Jz(29),
        /* 24: d += 1 */ Load(1), Push(1), Add, Store(1), Jmp(12),
        /* 29 */ Push(0), Store(4), Jmp(33), Halt,
        /* 33: count += is_prime */ Load(2), Load(4), Add, Store(2),
        /* 37: n -= -1 */ Load(0), Push(-1), Jmp(41),
        /* 40 */ Halt,
        /* 41 */ Sub, Store(0), Push(7), Pop, Jmp(4),
    ]
}

enum Expr {
    Num(f64),
    Var,
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

fn eval(e: &Expr, x: f64) -> f64 {
    match e {
        Expr::Num(v) => *v,
        Expr::Var => x,
        Expr::Add(a, b) => eval(a, x) + eval(b, x),
        Expr::Mul(a, b) => eval(a, x) * eval(b, x),
        Expr::Neg(a) => -eval(a, x),
    }
}

fn main() {
    let code = primes_program();
    let mut vars = [0i64; 8];
    vars[3] = 120_000;
    let steps = run(&code, &mut vars);

    use Expr::*;
    let b = Box::new;
    let poly = Add(
        b(Mul(b(Var), b(Mul(b(Var), b(Num(0.5)))))),
        b(Add(b(Neg(b(Mul(b(Num(3.0)), b(Var))))), b(Num(1.25)))),
    );
    let mut acc = 0.0;
    for i in 0..6_000_000 {
        acc += eval(&poly, i as f64 * 1e-5);
    }
    println!("primes below {}: {} ({steps} steps); poly sum {acc:.6e}", vars[3], vars[2]);
}
