// Integer intrinsics for all widths: bit counting, byte swaps, rotates, checked/wrapping/
// saturating/overflowing ops, pow, isqrt, ilog, abs_diff, euclid division, from_str_radix.
use std::hint::black_box;

macro_rules! bits {
    ($t:ty, $v:expr) => {{
        let v: $t = black_box($v);
        println!("{:>5} {:>22}: ones={} lz={} tz={} lo={} swap={:?} rev={:?} rl={:?} rr={:?}",
            stringify!($t), v, v.count_ones(), v.leading_zeros(), v.trailing_zeros(), v.leading_ones(),
            v.swap_bytes(), v.reverse_bits(), v.rotate_left(3), v.rotate_right(5));
    }};
}

macro_rules! arith {
    ($t:ty, $a:expr, $b:expr) => {{
        let a: $t = black_box($a);
        let b: $t = black_box($b);
        println!("{:>5} {} {}: chk add={:?} sub={:?} mul={:?} div={:?} rem={:?} shl={:?}", stringify!($t), a, b,
            a.checked_add(b), a.checked_sub(b), a.checked_mul(b), a.checked_div(b), a.checked_rem(b), a.checked_shl(b as u32));
        println!("      wrap add={} sub={} mul={} neg={} shl={} shr={}", a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b),
            a.wrapping_neg(), a.wrapping_shl(b as u32), a.wrapping_shr(b as u32));
        println!("      sat add={} sub={} mul={}", a.saturating_add(b), a.saturating_sub(b), a.saturating_mul(b));
        println!("      ovf add={:?} sub={:?} mul={:?}", a.overflowing_add(b), a.overflowing_sub(b), a.overflowing_mul(b));
        println!("      absdiff={} pow3={:?} wpow={}", a.abs_diff(b), a.checked_pow(3), a.wrapping_pow(7));
    }};
}

macro_rules! euclid {
    ($t:ty, $a:expr, $b:expr) => {{
        let a: $t = black_box($a);
        let b: $t = black_box($b);
        println!("{:>5} euclid {} {}: div={} rem={} /={} %={}", stringify!($t), a, b, a.div_euclid(b), a.rem_euclid(b), a / b, a % b);
    }};
}

fn main() {
    bits!(u8, 0b1011_0000);
    bits!(i8, -3);
    bits!(u16, 0x1234);
    bits!(i16, i16::MIN);
    bits!(u32, 0xdead_beef);
    bits!(i32, -1);
    bits!(u64, 0x0000_0100_0000_0000);
    bits!(i64, 12345678987654321);
    bits!(usize, 0);
    bits!(isize, isize::MAX);
    arith!(u8, 200, 100);
    arith!(i8, -100, 50);
    arith!(u16, 3, 60000);
    arith!(i16, 300, 200);
    arith!(u32, 4_000_000_000, 7);
    arith!(i32, i32::MIN, -1);
    arith!(u64, u64::MAX / 3, 5);
    arith!(i64, -9_000_000_000, 1_500_000_000);
    arith!(usize, 17, 0);
    arith!(isize, isize::MIN + 1, -1);
    euclid!(i8, -7, 3);
    euclid!(i16, 7, -3);
    euclid!(i32, -7, -3);
    euclid!(i64, i64::MIN + 1, 10);
    euclid!(u32, 7, 3);
    for v in [0u64, 1, 2, 3, 15, 16, 17, 1 << 40, u64::MAX] {
        let v = black_box(v);
        println!("isqrt({}) = {} ilog2={:?} ilog10={:?} pow2={} npow2={:?}", v, v.isqrt(), v.checked_ilog2(), v.checked_ilog10(), v.is_power_of_two(), v.checked_next_power_of_two());
    }
    println!("pow {} {} {} {}", 2u32.pow(31), (-2i64).pow(63), 10u64.pow(19), 7u8.wrapping_pow(9));
    println!("signum {} {} {} abs {} unsigned_abs {}", (-5i32).signum(), 0i8.signum(), 9i64.signum(), (-128i16).abs(), i8::MIN.unsigned_abs());
    println!("checked_abs {:?} {:?}", i32::MIN.checked_abs(), (-9i32).checked_abs());
    for (s, r) in [("ff", 16), ("-1010", 2), ("777", 8), ("zz", 36), ("128", 10), ("+42", 10), ("", 10), ("1_0", 10)] {
        println!("radix {:?}/{}: i8={:?} u16={:?} i64={:?}", s, r, i8::from_str_radix(s, r), u16::from_str_radix(s, r), i64::from_str_radix(s, r));
    }
    println!("to_be {:?} to_le {:?} from_be {}", black_box(0x01020304u32).to_be_bytes(), black_box(-2i16).to_le_bytes(), u64::from_be_bytes([1, 2, 3, 4, 5, 6, 7, 8]));
    println!("midpoint-ish {} {}", black_box(u32::MAX).div_ceil(7), black_box(100u64).next_multiple_of(24));
    println!("min/max {} {} {} {}", 5i8.min(-3), 7u16.max(9), i64::MIN.max(-1), black_box(3u8).clamp(4, 9));
}
