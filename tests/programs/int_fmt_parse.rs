// Integer/float formatting and parsing corner cases: width/precision/sign/alternate flags,
// hex/octal/binary/exponent, extreme values of every width, parse errors and their kinds.
use std::hint::black_box;

fn main() {
    let f = black_box(3.14159265f64);
    println!("[{:08.3}] [{:+}] [{:+.2}] [{:e}] [{:E}] [{:.2e}] [{:10.1e}]", f, f, -f, f, 1234567.0f64, 0.000345f64, 9.99e-7f64);
    println!("[{:08.3}] [{:+08.2}] [{:<8.1}] [{:^9.2}] [{:>+9.3}]", -f, f, f, f, f);
    let n = black_box(255i32);
    println!("[{:#x}] [{:#X}] [{:#b}] [{:o}] [{:#o}] [{:x}] [{:010b}] [{:#010x}] [{:+}] [{:+}]", n, n, n, n, n, -n, 5, n, n, -n);
    println!("[{:e}] [{:E}] [{:e}]", 1500i32, 123456789u64, 0u8);
    println!("i8 {} {} u8 {} i16 {} {} u16 {}", i8::MIN, i8::MAX, u8::MAX, i16::MIN, i16::MAX, u16::MAX);
    println!("i32 {} {} u32 {} i64 {} {} u64 {}", i32::MIN, i32::MAX, u32::MAX, i64::MIN, i64::MAX, u64::MAX);
    println!("isize {} usize {} hex {:x} {:x} {:X}", isize::MIN, usize::MAX, i64::MIN, -1i8, u64::MAX);
    println!("binary {:b} {:b} octal {:o}", i8::MIN, u16::MAX, i64::MIN);
    println!("[{:>25}] [{:<25}] [{:^25}] [{:025}]", i64::MIN, u64::MAX, i64::MAX, i64::MIN);
    println!("[{:+025}] [{:#066b}]", 1i64, 1u64 << 63);
    println!("[{:5}] [{:<5}] [{:^5}] [{:>5}] [{:05}] [{:+05}] [{:x>7}]", 42u8, 42, 42, 42, -4, 4, -9);
    let w = black_box(12); let p = black_box(4);
    println!("[{:w$.p$}] [{:>1$}] [{:.*}] [{:>w2$}]", f, 8, 3, f, 7, w = w, p = p, w2 = 6);
    println!("[{:?}] [{:?}] [{:?}] [{:?}] [{:?}]", 1.0f64, 0.1f32, 1e100f64, -0.0f32, 123456789.0f32);
    println!("[{}] [{}] [{}] [{}] [{}]", 1.0f64, 1e-7f64, 1.5e300f64, f32::MIN_POSITIVE, 1.0e7f32);
    println!("[{:.0}] [{:.0}] [{:.0}] [{:.1}] [{:.3}]", 0.5f64, 1.5f64, 2.5f64, 0.05f64, 1.0005f64);
    println!("[{:#?}] [{:#x?}] [{:02X?}]", (1, "a"), [255u8, 16], [10u8, 11]);
    for s in ["0", "-0", "+5", "127", "128", "-128", "-129", "  1", "1 ", "", "-", "0x10", "00012", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616"] {
        println!("parse {:?}: i8 {:?} u8 {:?} i64 {:?} u64 {:?}", s, s.parse::<i8>().map_err(|e| e.kind().clone()), s.parse::<u8>().map_err(|e| e.kind().clone()), s.parse::<i64>().map_err(|e| e.kind().clone()), s.parse::<u64>().map_err(|e| e.kind().clone()));
    }
    for s in ["1.5", "-0.0", "1e308", "1e309", "NaN", "inf", "-Infinity", ".5", "5.", "1_0", "0x1p3", "  2", "2.2250738585072014e-308", "4.9e-324", "123456789012345678901234567890"] {
        println!("parse f {:?}: f64 {:?} f32 {:?}", s, s.parse::<f64>(), s.parse::<f32>());
    }
    let roundtrip: Vec<bool> = [0.1f64, 1.0 / 3.0, 2.0f64.sqrt(), 1e-300, 6.02214076e23].iter().map(|&x| x.to_string().parse::<f64>().unwrap() == x).collect();
    println!("roundtrip {:?}", roundtrip);
    let mut s = String::new();
    for v in [u64::MAX, 0, 1, 10, 99, 100, 12345678901234567890] { s += &format!("{}|{:x}|", v, v); }
    println!("{}", s);
    println!("to_string {} {} {} {}", (-5i8).to_string(), 200u8.to_string(), i128::MIN.to_string().len(), 'c'.to_string());
    println!("char fmt [{:>3}] [{:<3}] [{:?}] [{:^5}]", 'x', 'y', '\'', "ab");
    println!("ptr-like {:p}", std::ptr::null::<u8>());
}
