// extern "C": Rust-defined C-ABI fns through fn pointers, libc strlen/abs/qsort with a Rust
// comparator callback, repr(C) structs by value (float pairs, mixed, large), returned structs,
// variadic snprintf into a buffer.
use std::ffi::{c_char, c_int, c_void, CStr};

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Vec2 { x: f32, y: f32 }

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Mixed { a: u8, b: f64, c: i32 }

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Large { v: [u64; 5], tag: u16 }

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct IntPair { lo: i32, hi: i64 }

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct D2 { a: f64, b: f64 }

unsafe extern "C" {
    fn strlen(s: *const c_char) -> usize;
    fn abs(x: c_int) -> c_int;
    fn labs(x: i64) -> i64;
    fn qsort(base: *mut c_void, n: usize, size: usize, cmp: extern "C" fn(*const c_void, *const c_void) -> c_int);
    fn snprintf(buf: *mut c_char, n: usize, fmt: *const c_char, ...) -> c_int;
    fn memcmp(a: *const c_void, b: *const c_void, n: usize) -> c_int;
}

extern "C" fn cmp_i32_desc(a: *const c_void, b: *const c_void) -> c_int {
    let (a, b) = unsafe { (*(a as *const i32), *(b as *const i32)) };
    (b > a) as c_int - (b < a) as c_int
}

extern "C" fn cmp_pair(a: *const c_void, b: *const c_void) -> c_int {
    let (a, b) = unsafe { (&*(a as *const IntPair), &*(b as *const IntPair)) };
    match a.hi.cmp(&b.hi).then(a.lo.cmp(&b.lo)) { std::cmp::Ordering::Less => -1, std::cmp::Ordering::Equal => 0, _ => 1 }
}

extern "C" fn vadd(a: Vec2, b: Vec2) -> Vec2 { Vec2 { x: a.x + b.x, y: a.y * b.y } }
extern "C" fn mixed_sum(m: Mixed, k: f32) -> f64 { m.a as f64 + m.b + m.c as f64 * k as f64 }
extern "C" fn large_rev(l: Large) -> Large { let mut v = l.v; v.reverse(); Large { v, tag: l.tag + 1 } }
extern "C" fn make_pair(lo: i32, hi: i64) -> IntPair { IntPair { lo: lo * 2, hi: hi - 1 } }
extern "C" fn d2_swap(d: D2) -> D2 { D2 { a: d.b, b: d.a } }
extern "C" fn many(a: i8, b: u16, c: f32, d: i64, e: f64, f: u8, g: i32, h: f32, i: u64, j: f64, k: i16, l: f64) -> f64 {
    a as f64 + b as f64 + c as f64 + d as f64 + e + f as f64 + g as f64 + h as f64 + i as f64 + j + k as f64 + l
}

fn fmt_c(fmt: &CStr, f: impl FnOnce(*mut c_char, usize, *const c_char) -> c_int) -> String {
    let mut buf = [0u8; 128];
    let n = f(buf.as_mut_ptr() as *mut c_char, buf.len(), fmt.as_ptr());
    format!("[{}] {}", n, CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap())
}

fn main() {
    let s = c"hello, C world";
    unsafe { println!("strlen {} abs {} labs {}", strlen(s.as_ptr()), abs(-42), labs(i64::MIN + 1)); }
    let mut arr = [5i32, -3, 99, 0, 42, 7, -100, 13];
    unsafe { qsort(arr.as_mut_ptr() as *mut c_void, arr.len(), 4, cmp_i32_desc); }
    println!("qsort desc {:?}", arr);
    let mut pairs = [make_pair(3, 10), make_pair(1, 10), make_pair(-5, -2), make_pair(8, 0)];
    unsafe { qsort(pairs.as_mut_ptr() as *mut c_void, pairs.len(), size_of::<IntPair>(), cmp_pair); }
    println!("qsort pairs {:?}", pairs);
    let fp: extern "C" fn(Vec2, Vec2) -> Vec2 = vadd;
    println!("vadd {:?}", fp(Vec2 { x: 1.5, y: 2.0 }, Vec2 { x: -0.25, y: 4.0 }));
    let m = Mixed { a: 200, b: 0.125, c: -7 };
    println!("mixed {}", (mixed_sum as extern "C" fn(Mixed, f32) -> f64)(m, 1.5));
    let l = Large { v: [1, 2, 3, u64::MAX, 5], tag: 9 };
    let r = large_rev(l);
    println!("large {:?} orig {:?}", r, l.v);
    println!("d2 {:?}", d2_swap(D2 { a: 1.0, b: -2.0 }));
    let mf: extern "C" fn(i8, u16, f32, i64, f64, u8, i32, f32, u64, f64, i16, f64) -> f64 = many;
    println!("many {}", mf(-1, 2, 3.5, -4, 5.25, 6, -7, 8.5, 9, 10.125, -11, 12.0));
    println!("{}", fmt_c(c"int %d neg %d long %ld str %s", |b, n, f| unsafe { snprintf(b, n, f, 42 as c_int, -7 as c_int, 1234567890123i64, c"cstr".as_ptr()) }));
    println!("{}", fmt_c(c"float %.3f %e %g", |b, n, f| unsafe { snprintf(b, n, f, 3.14159f64, 0.000123f64, 1e20f64) }));
    println!("{}", fmt_c(c"hex %x %08X char %c pct %%", |b, n, f| unsafe { snprintf(b, n, f, 255u32, 0xabcdu32, b'Z' as c_int) }));
    println!("{}", fmt_c(c"mixed %d %.2f %d %.1f %s %u", |b, n, f| unsafe { snprintf(b, n, f, 1 as c_int, 2.5f64, 3 as c_int, 4.25f64, c"five".as_ptr(), 6u32) }));
    let x = [1u8, 2, 3];
    let y = [1u8, 2, 4];
    unsafe { println!("memcmp {} {}", memcmp(x.as_ptr() as *const c_void, y.as_ptr() as *const c_void, 3).signum(), memcmp(x.as_ptr() as *const c_void, x.as_ptr() as *const c_void, 3)); }
    let cbs: [extern "C" fn(D2) -> D2; 2] = [d2_swap, d2_swap];
    let twice = cbs.iter().fold(D2 { a: 3.0, b: 4.0 }, |acc, f| f(acc));
    println!("twice {:?}", twice);
}
