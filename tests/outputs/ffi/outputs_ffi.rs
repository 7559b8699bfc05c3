//! A C-ABI library built as a `cdylib` (loaded with `dlopen` by `host_dlopen.c` and by Python
//! `ctypes` in `host_ctypes.py`) and as a `staticlib` (linked into `host_static.c`), once by
//! fastclif and once by LLVM; `./y.sh test outputs` compares what the hosts print.

use std::ffi::{CStr, c_char, c_int};
use std::panic::catch_unwind;
use std::sync::atomic::{AtomicU64, Ordering};

/// Read-only data: `.rodata` in both builds.
#[unsafe(no_mangle)]
pub static OUTPUTS_VERSION: u32 = 0x0001_0203;

/// Zero-initialized and writable: `.bss`, as LLVM places it.
#[unsafe(no_mangle)]
pub static OUTPUTS_CALLS: AtomicU64 = AtomicU64::new(0);

/// Initialized and writable: `.data`.
#[unsafe(no_mangle)]
pub static mut OUTPUTS_SCALE: i32 = 3;

fn count() {
    OUTPUTS_CALLS.fetch_add(1, Ordering::Relaxed);
}

#[unsafe(no_mangle)]
pub extern "C" fn outputs_add(a: i32, b: i32) -> i32 {
    count();
    a.wrapping_add(b)
}

/// # Safety
/// `s` is a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn outputs_strlen(s: *const c_char) -> usize {
    count();
    unsafe { CStr::from_ptr(s) }.to_bytes().len()
}

/// Divides `a` by `b` into `*out`; a panic (division by zero) is caught at the boundary and
/// becomes the error code -1 instead of unwinding into C.
///
/// # Safety
/// `out` points to a writable `i32`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn outputs_checked_div(a: i32, b: i32, out: *mut i32) -> c_int {
    count();
    match catch_unwind(|| a / std::hint::black_box(b)) {
        Ok(q) => {
            unsafe { *out = q };
            0
        }
        Err(_) => -1,
    }
}

/// Applies the C callback `f` to every element, scaled by `OUTPUTS_SCALE`.
///
/// # Safety
/// `xs` points to `n` writable `i32`s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn outputs_map(xs: *mut i32, n: usize, f: extern "C" fn(i32) -> i32) {
    count();
    let scale = unsafe { OUTPUTS_SCALE };
    for x in unsafe { std::slice::from_raw_parts_mut(xs, n) } {
        *x = f(*x) * scale;
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn outputs_set_scale(scale: i32) {
    count();
    unsafe { OUTPUTS_SCALE = scale };
}

/// Writes a description into `buf` (NUL-terminated, truncated to `len`) and returns the full
/// length: formatting, allocation and a trait object inside the library.
///
/// # Safety
/// `buf` points to `len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn outputs_describe(x: f64, buf: *mut c_char, len: usize) -> usize {
    count();
    let shown: Box<dyn std::fmt::Display> = if x.fract() == 0.0 { Box::new(x as i64) } else { Box::new(x) };
    let text = format!("value={shown} sqrt={:.3} words={:?}", x.abs().sqrt(), ["a", "b"]);
    if len > 0 {
        let n = text.len().min(len - 1);
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
            *buf.add(n) = 0;
        }
    }
    text.len()
}

/// Sums 1..=n on four threads: thread spawning and joining inside a loaded library.
#[unsafe(no_mangle)]
pub extern "C" fn outputs_parallel_sum(n: u64) -> u64 {
    count();
    let handles: Vec<_> =
        (0..4u64).map(|t| std::thread::spawn(move || (1..=n).filter(|i| i % 4 == t).sum::<u64>())).collect();
    handles.into_iter().map(|h| h.join().unwrap()).sum()
}

/// Public Rust functions are not exported from a cdylib.
pub fn outputs_not_exported(x: i32) -> i32 {
    x * 2
}
