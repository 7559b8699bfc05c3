// fastclif-test: rustflags = "-Copt-level=3"
// Copies whose byte count becomes a constant once small library functions are inlined
// (`ptr::copy_nonoverlapping`, `ptr::copy`, `read_unaligned`, `_mm_loadu_si128`) are loads and
// stores instead of `memcpy`/`memmove` calls (src/driver/small_copies.rs): every size around
// the piece widths, overlapping moves in both directions, unaligned addresses, and sizes just
// past the expansion limits, which keep the call.

use std::hint::black_box;
use std::ptr;

/// A byte pattern that differs at every position, so a missed or misplaced byte shows.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(37).wrapping_add(seed)).collect()
}

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// Copies `N` bytes between two buffers at odd offsets; the count is the constant `N`.
fn copy_fixed<const N: usize>(offset: usize) -> u64 {
    let src = pattern(N + 8, 1);
    let mut dst = vec![0xeeu8; N + 16];
    unsafe { ptr::copy_nonoverlapping(src.as_ptr().add(offset), dst.as_mut_ptr().add(offset + 1), N) };
    checksum(&dst)
}

/// Moves `N` bytes within one buffer, `shift` bytes forward (positive) or back (negative).
fn move_fixed<const N: usize>(shift: isize) -> u64 {
    let mut buf = pattern(N + 20, 3);
    let from = 10usize;
    let to = (from as isize + shift) as usize;
    unsafe { ptr::copy(buf.as_ptr().add(from), buf.as_mut_ptr().add(to), N) };
    checksum(&buf)
}

macro_rules! sizes {
    ($f:ident, $arg:expr; $($n:literal)*) => {{
        let mut out = Vec::new();
        $( out.push(($n, $f::<$n>(black_box($arg)))); )*
        out
    }};
}

fn unaligned_reads() -> u64 {
    let bytes = pattern(64, 9);
    let mut acc = 0u64;
    for start in 0..24 {
        unsafe {
            let p = bytes.as_ptr().add(start);
            acc = acc.wrapping_mul(31).wrapping_add(u64::from(ptr::read_unaligned(p as *const u16)));
            acc = acc.wrapping_mul(31).wrapping_add(u64::from(ptr::read_unaligned(p as *const u32)));
            acc = acc.wrapping_mul(31).wrapping_add(ptr::read_unaligned(p as *const u64));
            let wide = ptr::read_unaligned(p as *const u128);
            acc = acc.wrapping_mul(31).wrapping_add(wide as u64 ^ (wide >> 64) as u64);
            let three: [u8; 3] = ptr::read_unaligned(p as *const [u8; 3]);
            let many: [u8; 24] = ptr::read_unaligned(p as *const [u8; 24]);
            acc = acc.wrapping_mul(31).wrapping_add(checksum(&three) ^ checksum(&many));
        }
    }
    acc
}

fn unaligned_writes() -> u64 {
    let mut bytes = vec![0u8; 64];
    for start in 0..24 {
        unsafe {
            let p = bytes.as_mut_ptr().add(start);
            ptr::write_unaligned(p as *mut u64, 0x0102030405060708u64.rotate_left(start as u32));
            ptr::write_unaligned(p.add(8) as *mut u32, 0xa1b2c3d4u32 ^ start as u32);
            ptr::write_unaligned(p.add(12) as *mut [u8; 13], [start as u8; 13]);
        }
    }
    checksum(&bytes)
}

#[cfg(target_arch = "x86_64")]
fn vector_loads() -> u64 {
    use std::arch::x86_64::*;
    let bytes = pattern(80, 5);
    let mut out = [0u8; 96];
    let mut acc = 0u64;
    for start in 0..40 {
        unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().add(start) as *const __m128i);
            let w = _mm_add_epi8(v, _mm_set1_epi8(start as i8));
            _mm_storeu_si128(out.as_mut_ptr().add(start + 3) as *mut __m128i, w);
            acc = acc.wrapping_mul(31).wrapping_add(_mm_movemask_epi8(w) as u64);
        }
    }
    acc ^ checksum(&out)
}

#[cfg(not(target_arch = "x86_64"))]
fn vector_loads() -> u64 {
    0
}

fn main() {
    let copies = sizes!(copy_fixed, 3; 0 1 2 3 4 5 7 8 9 12 15 16 17 24 31 32 33 48 63 64 65 100 127 128 129 200);
    for (n, sum) in copies {
        println!("copy {n:>3}: {sum:016x}");
    }
    for shift in [-7isize, -3, -1, 1, 2, 5, 9] {
        let moves = sizes!(move_fixed, shift; 1 2 3 5 8 11 16 17 31 32 33 48 64 65);
        let line: Vec<String> = moves.iter().map(|(n, sum)| format!("{n}:{:04x}", sum & 0xffff)).collect();
        println!("move {shift:>2}: {}", line.join(" "));
    }
    println!("reads  {:016x}", unaligned_reads());
    println!("writes {:016x}", unaligned_writes());
    println!("vector {:016x}", vector_loads());
}
