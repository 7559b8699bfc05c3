// Statics with relocations: pointers into other statics, &str tables, fn pointer tables,
// &[&dyn Trait] statics, static mut via addr_of, #[no_mangle]/#[export_name] functions called
// through extern "Rust" and fn pointers, const arrays, byte strings, promoted consts, const fns.
use std::ptr::{addr_of, addr_of_mut};

trait Greet { fn greet(&self) -> String; }
struct En;
struct Fr(u8);
impl Greet for En { fn greet(&self) -> String { "hello".to_string() } }
impl Greet for Fr { fn greet(&self) -> String { format!("bonjour x{}", self.0) } }

static EN: En = En;
static USERS: &[&(dyn Greet + Sync)] = &[&EN, &Fr(2), &Fr(5)];
static NUMBERS: [u32; 5] = [10, 20, 30, 40, 50];
static THIRD: &u32 = &NUMBERS[2];
static SLICE_OF: &[u32] = &NUMBERS;
static NAMES: [&str; 4] = ["zero", "one", "two", "three"];
static NESTED: &[&[&str]] = &[&["a", "b"], &[], &["c"]];
static BYTES: &[u8; 6] = b"\x00ab\xffcd";
static OPS: [(&str, fn(i64, i64) -> i64); 4] = [("add", add), ("sub", sub), ("mul", |a, b| a * b), ("ext", exported_op)];
static mut COUNTER: u64 = 0;
static mut BUF: [u8; 8] = [0; 8];
const SQUARES: [u64; 8] = make_squares();
static STATIC_SQUARES: [u64; 8] = make_squares();
const GREETING: &str = concat!("const ", "str");

struct Link { val: u32, next: Option<&'static Link> }
static L3: Link = Link { val: 3, next: None };
static L2: Link = Link { val: 2, next: Some(&L3) };
static L1: Link = Link { val: 1, next: Some(&L2) };

const fn make_squares() -> [u64; 8] {
    let mut a = [0u64; 8];
    let mut i = 0;
    while i < 8 { a[i] = (i * i) as u64; i += 1; }
    a
}
const fn gcd(a: u64, b: u64) -> u64 { if b == 0 { a } else { gcd(b, a % b) } }
const GCD: u64 = gcd(1071, 462);

fn add(a: i64, b: i64) -> i64 { a + b }
fn sub(a: i64, b: i64) -> i64 { a - b }

#[unsafe(no_mangle)]
pub fn fastclif_test_nomangle(x: u32) -> u32 { x * 3 + 1 }

#[unsafe(export_name = "fastclif_test_exported")]
pub fn exported_op(a: i64, b: i64) -> i64 { a * 100 + b }

unsafe extern "Rust" {
    #[link_name = "fastclif_test_nomangle"]
    fn via_no_mangle(x: u32) -> u32;
    #[link_name = "fastclif_test_exported"]
    fn via_export_name(a: i64, b: i64) -> i64;
}

fn bump() -> u64 {
    unsafe {
        let p = addr_of_mut!(COUNTER);
        *p += 7;
        *p
    }
}

fn promoted() -> &'static [i32; 3] { &[4, 5, 6] }

fn main() {
    for u in USERS { println!("user: {}", u.greet()); }
    println!("third {} slice sum {} len {}", THIRD, SLICE_OF.iter().sum::<u32>(), SLICE_OF.len());
    println!("third ptr eq {}", std::ptr::eq(*THIRD as *const u32 as *const u8, &NUMBERS[2] as *const u32 as *const u8) || **&THIRD == 30);
    for (i, n) in NAMES.iter().enumerate() { print!("{}={} ", i, n); }
    println!();
    for (i, g) in NESTED.iter().enumerate() { println!("nested {} {:?}", i, g); }
    println!("bytes {:?} {}", BYTES, BYTES.len());
    for (name, f) in OPS.iter() { println!("op {} -> {}", name, f(12, 5)); }
    println!("bump {} {} {}", bump(), bump(), bump());
    unsafe {
        let b = addr_of_mut!(BUF);
        for i in 0..8 { (*b)[i] = (i as u8) * 11; }
        println!("buf {:?}", *addr_of!(BUF));
    }
    println!("squares {:?} {:?}", SQUARES, STATIC_SQUARES);
    println!("greeting {} gcd {}", GREETING, GCD);
    let mut l = Some(&L1);
    while let Some(n) = l { print!("link {} ", n.val); l = n.next; }
    println!();
    println!("promoted {:?} same {}", promoted(), std::ptr::eq(promoted(), promoted()));
    unsafe { println!("extern rust {} {}", via_no_mangle(5), via_export_name(3, 4)); }
    let fp: fn(u32) -> u32 = fastclif_test_nomangle;
    println!("nomangle via ptr {}", fp(10));
    let r: &'static [u8] = b"static bytes";
    println!("byte str {}", String::from_utf8_lossy(r));
    const TABLE: [[u8; 3]; 2] = [[1, 2, 3], [4, 5, 6]];
    let idx = std::hint::black_box(1);
    println!("const table {:?} {}", TABLE[idx], TABLE[idx][idx]);
}
