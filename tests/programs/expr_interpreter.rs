// Enum-heavy interpreter: a tokenizer + recursive-descent parser building Box<Expr> trees,
// a tree-walking evaluator with variables, and a compiler to a stack machine whose results
// must agree with the tree evaluator.
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Tok { Num(i64), Ident(String), Op(char), LParen, RParen }

#[derive(Debug, Clone)]
enum Expr {
    Lit(i64),
    Var(String),
    Neg(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy)]
enum Ins { Push(i64), Load(usize), Neg, Add, Sub, Mul, Div, Mod, Lt, JmpIfZero(usize), Jmp(usize) }

fn lex(s: &str) -> Vec<Tok> {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0; let mut out = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        if c.is_ascii_digit() { let st = i; while i < cs.len() && cs[i].is_ascii_digit() { i += 1; } out.push(Tok::Num(cs[st..i].iter().collect::<String>().parse().unwrap())); continue; }
        if c.is_alphabetic() { let st = i; while i < cs.len() && cs[i].is_alphanumeric() { i += 1; } out.push(Tok::Ident(cs[st..i].iter().collect())); continue; }
        match c { '(' => out.push(Tok::LParen), ')' => out.push(Tok::RParen), ' ' => {}, _ => out.push(Tok::Op(c)) }
        i += 1;
    }
    out
}

struct Parser { toks: Vec<Tok>, pos: usize }
impl Parser {
    fn peek(&self) -> Option<&Tok> { self.toks.get(self.pos) }
    fn next(&mut self) -> Option<Tok> { let t = self.toks.get(self.pos).cloned(); self.pos += 1; t }
    fn expr(&mut self) -> Expr {
        if let Some(Tok::Ident(k)) = self.peek() && k == "if" {
            self.next();
            let c = self.cmp(); self.next(); let t = self.expr(); self.next(); let e = self.expr();
            return Expr::If(Box::new(c), Box::new(t), Box::new(e));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Expr { let l = self.sum(); if self.peek() == Some(&Tok::Op('<')) { self.next(); let r = self.sum(); Expr::Bin('<', Box::new(l), Box::new(r)) } else { l } }
    fn sum(&mut self) -> Expr {
        let mut l = self.term();
        while let Some(Tok::Op(c @ ('+' | '-'))) = self.peek().cloned() { self.next(); let r = self.term(); l = Expr::Bin(c, Box::new(l), Box::new(r)); }
        l
    }
    fn term(&mut self) -> Expr {
        let mut l = self.unary();
        while let Some(Tok::Op(c @ ('*' | '/' | '%'))) = self.peek().cloned() { self.next(); let r = self.unary(); l = Expr::Bin(c, Box::new(l), Box::new(r)); }
        l
    }
    fn unary(&mut self) -> Expr {
        match self.next() {
            Some(Tok::Op('-')) => Expr::Neg(Box::new(self.unary())),
            Some(Tok::Num(n)) => Expr::Lit(n),
            Some(Tok::Ident(v)) => Expr::Var(v),
            Some(Tok::LParen) => { let e = self.expr(); self.next(); e }
            t => panic!("unexpected {:?}", t),
        }
    }
}

fn eval(e: &Expr, env: &HashMap<String, i64>) -> Result<i64, String> {
    Ok(match e {
        Expr::Lit(n) => *n,
        Expr::Var(v) => *env.get(v).ok_or_else(|| format!("unbound {}", v))?,
        Expr::Neg(x) => -eval(x, env)?,
        Expr::If(c, t, f) => if eval(c, env)? != 0 { eval(t, env)? } else { eval(f, env)? },
        Expr::Bin(op, l, r) => {
            let (a, b) = (eval(l, env)?, eval(r, env)?);
            match op { '+' => a.wrapping_add(b), '-' => a.wrapping_sub(b), '*' => a.wrapping_mul(b), '<' => (a < b) as i64,
                '/' | '%' if b == 0 => return Err("division by zero".into()), '/' => a / b, '%' => a % b, _ => return Err(format!("bad op {}", op)) }
        }
    })
}

fn compile(e: &Expr, vars: &[&str], code: &mut Vec<Ins>) {
    match e {
        Expr::Lit(n) => code.push(Ins::Push(*n)),
        Expr::Var(v) => code.push(Ins::Load(vars.iter().position(|x| x == v).unwrap())),
        Expr::Neg(x) => { compile(x, vars, code); code.push(Ins::Neg); }
        Expr::Bin(op, l, r) => { compile(l, vars, code); compile(r, vars, code); code.push(match op { '+' => Ins::Add, '-' => Ins::Sub, '*' => Ins::Mul, '/' => Ins::Div, '%' => Ins::Mod, _ => Ins::Lt }); }
        Expr::If(c, t, f) => {
            compile(c, vars, code); let jz = code.len(); code.push(Ins::JmpIfZero(0));
            compile(t, vars, code); let jmp = code.len(); code.push(Ins::Jmp(0));
            code[jz] = Ins::JmpIfZero(code.len()); compile(f, vars, code); code[jmp] = Ins::Jmp(code.len());
        }
    }
}

fn run(code: &[Ins], vals: &[i64]) -> i64 {
    let mut st: Vec<i64> = Vec::new(); let mut pc = 0;
    while pc < code.len() {
        let ins = code[pc]; pc += 1;
        match ins {
            Ins::Push(n) => st.push(n), Ins::Load(i) => st.push(vals[i]), Ins::Neg => { let a = st.pop().unwrap(); st.push(-a) }
            Ins::JmpIfZero(t) => if st.pop().unwrap() == 0 { pc = t },
            Ins::Jmp(t) => pc = t,
            bin => { let b = st.pop().unwrap(); let a = st.pop().unwrap();
                st.push(match bin { Ins::Add => a.wrapping_add(b), Ins::Sub => a.wrapping_sub(b), Ins::Mul => a.wrapping_mul(b), Ins::Div => a / b, Ins::Mod => a % b, Ins::Lt => (a < b) as i64, _ => unreachable!() }) }
        }
    }
    st.pop().unwrap()
}

fn main() {
    let vars = ["x", "y", "z"];
    let env: HashMap<String, i64> = [("x", 7), ("y", -3), ("z", 100)].iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let progs = ["1 + 2 * 3", "(1 + 2) * 3", "x * x - y * y", "-(x + y) * -z % 13", "if x < y then 1 else z / x", "z / (x + y - 4)", "if (x * 3) < z then if y < 0 then 111 else 222 else 333", "w + 1", "((((x))))*((y))+z-x%y"];
    for src in progs {
        let ast = Parser { toks: lex(src), pos: 0 }.expr();
        let tree = eval(&ast, &env);
        print!("{:<50} => {:?}", src, tree);
        if tree.is_ok() {
            let mut code = Vec::new();
            compile(&ast, &vars, &mut code);
            let vm = run(&code, &[7, -3, 100]);
            print!(" vm={} ins={}", vm, code.len());
        }
        println!();
    }
    println!("{:?}", Parser { toks: lex("-x + 2 * (y - 1)"), pos: 0 }.expr());
    let mut big = Expr::Lit(1);
    for i in 0..200 { big = Expr::Bin(if i % 3 == 0 { '*' } else { '+' }, Box::new(big), Box::new(Expr::Var(vars[i % 3].to_string()))); }
    let mut code = Vec::new();
    compile(&big, &vars, &mut code);
    println!("deep tree {:?} vm {}", eval(&big, &env), run(&code, &[7, -3, 100]));
}
