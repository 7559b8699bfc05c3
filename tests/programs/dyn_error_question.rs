// Error handling as real crates do it: Box<dyn Error> with `?` across error types, custom
// Error impls with source() chains, From conversions, downcasting errors, impl Trait returns
// (iterators and closures), and an iterator of closures.
use std::error::Error;
use std::fmt;

#[derive(Debug)]
struct ConfigError { key: String, source: Option<std::num::ParseIntError> }
impl fmt::Display for ConfigError { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "bad config key '{}'", self.key) } }
impl Error for ConfigError { fn source(&self) -> Option<&(dyn Error + 'static)> { self.source.as_ref().map(|e| e as &(dyn Error + 'static)) } }

#[derive(Debug)]
enum AppError { Missing(&'static str), Config(ConfigError) }
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { match self { AppError::Missing(k) => write!(f, "missing {}", k), AppError::Config(c) => write!(f, "config: {}", c) } }
}
impl Error for AppError { fn source(&self) -> Option<&(dyn Error + 'static)> { match self { AppError::Config(c) => Some(c), _ => None } } }
impl From<ConfigError> for AppError { fn from(c: ConfigError) -> Self { AppError::Config(c) } }

fn get_num(cfg: &[(&str, &str)], key: &str) -> Result<i32, ConfigError> {
    let v = cfg.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).ok_or(ConfigError { key: key.into(), source: None })?;
    v.parse().map_err(|e| ConfigError { key: key.into(), source: Some(e) })
}

fn load(cfg: &[(&str, &str)]) -> Result<i32, AppError> {
    if cfg.is_empty() { return Err(AppError::Missing("everything")); }
    let a = get_num(cfg, "a")?;
    let b = get_num(cfg, "b")?;
    Ok(a * b)
}

fn dynamic(s: &str) -> Result<f64, Box<dyn Error>> {
    let n: i64 = s.split('/').next().ok_or("empty")?.trim().parse()?;
    let d: f64 = s.split('/').nth(1).ok_or_else(|| format!("no divisor in {:?}", s))?.trim().parse()?;
    if d == 0.0 { return Err(Box::new(AppError::Missing("nonzero divisor"))); }
    let cfg = [("a", "2"), ("b", s)];
    if s.contains('!') { load(&cfg)?; }
    Ok(n as f64 / d)
}

fn chain(e: &dyn Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur { s += &format!(" <- {}", c); cur = c.source(); }
    s
}

fn evens(limit: u32) -> impl Iterator<Item = u32> + Clone { (0..limit).filter(|x| x % 2 == 0) }
fn scaler(k: f64) -> impl Fn(f64) -> f64 { move |x| x * k }
fn pipeline() -> impl Iterator<Item = Box<dyn Fn(i64) -> i64>> { (1..=4).map(|i| Box::new(move |x: i64| x * i + i) as Box<dyn Fn(i64) -> i64>) }
fn either(flag: bool) -> Box<dyn Iterator<Item = char>> { if flag { Box::new("abc".chars()) } else { Box::new(std::iter::repeat('z').take(2)) } }

fn main() {
    for cfg in [&[("a", "3"), ("b", "4")][..], &[("a", "3")], &[("a", "x"), ("b", "1")], &[]] {
        match load(cfg) { Ok(v) => println!("load ok {}", v), Err(e) => println!("load err: {} | chain: {} | debug: {:?}", e, chain(&e), e) }
    }
    for s in ["10 / 4", "7", "x/2", "8/zero", "9/0", "6/3!", ""] {
        match dynamic(s) {
            Ok(v) => println!("dynamic {:?} = {}", s, v),
            Err(e) => {
                let kind = if e.is::<std::num::ParseIntError>() { "int" } else if e.is::<std::num::ParseFloatError>() { "float" } else if let Some(a) = e.downcast_ref::<AppError>() { if matches!(a, AppError::Config(_)) { "app-config" } else { "app" } } else { "other" };
                println!("dynamic {:?} err [{}] {} | chain {}", s, kind, e, chain(e.as_ref()));
            }
        }
    }
    let e = evens(10);
    println!("impl iter {:?} sum {}", e.clone().collect::<Vec<_>>(), e.sum::<u32>());
    let sc = scaler(2.5);
    println!("impl fn {} {}", sc(4.0), [1.0, 2.0].map(&sc)[1]);
    println!("pipeline {:?}", pipeline().map(|f| f(10)).collect::<Vec<_>>());
    println!("composed {}", pipeline().fold(1i64, |acc, f| f(acc)));
    println!("either {:?} {:?}", either(true).collect::<String>(), either(false).collect::<String>());
    let boxed: Box<dyn Error + Send + Sync> = From::from("plain string error");
    println!("from str {} debug {:?}", boxed, boxed.to_string().len());
    let r: Result<(), Box<dyn Error>> = Err(std::io::Error::new(std::io::ErrorKind::Other, "io failure").into());
    if let Err(e) = r { println!("io err {} is io {}", e, e.downcast_ref::<std::io::Error>().map(|i| i.kind() == std::io::ErrorKind::Other).unwrap_or(false)); }
}
