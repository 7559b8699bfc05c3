// Unions, transmute and raw pointers: repr(C) unions, transmutes between arrays/ints/floats,
// ptr::read/write/copy/offset/add/sub/swap, NonNull, addr_of!, slice::from_raw_parts,
// MaybeUninit arrays, unaligned reads, pointer arithmetic and comparisons.
#![allow(unnecessary_transmutes)]
use std::mem::{self, MaybeUninit};
use std::ptr::{self, NonNull};

#[repr(C)]
union IntOrFloat { i: u32, f: f32, b: [u8; 4] }

#[repr(C)]
#[derive(Clone, Copy)]
union Wide { q: u64, h: [u16; 4], d: f64 }

#[repr(C)]
struct Header { kind: u8, _pad: [u8; 3], len: u32, payload: [u8; 8] }

fn main() {
    let mut u = IntOrFloat { f: 1.0 };
    unsafe {
        println!("union f->i {:#x} bytes {:?}", u.i, u.b);
        u.i = 0x4049_0fdb;
        println!("union i->f {}", u.f);
        u.b[3] = 0xc0;
        println!("union bytes->f {}", u.f);
    }
    let w = Wide { d: -2.5 };
    unsafe { println!("wide {:#018x} {:?}", w.q, w.h); }
    let arr: [u8; 8] = unsafe { mem::transmute(0x0102030405060708u64) };
    println!("transmute u64->arr {:?}", arr);
    let back: u64 = unsafe { mem::transmute(arr) };
    println!("back {:#x} f64 bits {:?}", back, unsafe { mem::transmute::<f64, [u32; 2]>(1.5) });
    let pair: (u32, u32) = unsafe { mem::transmute([7u32, 9]) };
    println!("arr->tuple-ish {} {}", pair.0.min(pair.1), pair.0.max(pair.1));
    let f: f32 = unsafe { mem::transmute(0x3f80_0000u32) };
    println!("transmute f32 {} i8 {}", f, unsafe { mem::transmute::<u8, i8>(200) });
    let mut data = [10i32, 20, 30, 40, 50, 60];
    let p = data.as_mut_ptr();
    unsafe {
        println!("read {} {} {}", ptr::read(p), *p.add(2), *p.offset(5));
        ptr::write(p.add(1), -20);
        let end = p.add(6);
        println!("sub {} offset_from {}", *end.sub(1), end.offset_from(p));
        ptr::swap(p, p.add(5));
        ptr::copy(p, p.add(2), 3);
        println!("after copy {:?}", data);
        let mut other = [0i32; 3];
        ptr::copy_nonoverlapping(data.as_ptr().add(3), other.as_mut_ptr(), 3);
        println!("nonoverlap {:?}", other);
        let s = std::slice::from_raw_parts(data.as_ptr().add(1), 4);
        println!("from_raw_parts {:?}", s);
        let sm = std::slice::from_raw_parts_mut(data.as_mut_ptr(), 2);
        sm[0] = 1000;
        let old = ptr::replace(&mut data[4], 4);
        println!("raw mut {:?} replace {}", data, old);
    }
    let mut x = 5u64;
    let nn = NonNull::new(&mut x as *mut u64).unwrap();
    unsafe { *nn.as_ptr() += 10; println!("nonnull {} {}", *nn.as_ref(), NonNull::<u64>::dangling().as_ptr() as usize); }
    println!("null is none {}", NonNull::new(ptr::null_mut::<u8>()).is_none());
    let h = Header { kind: 3, _pad: [0; 3], len: 8, payload: *b"PAYLOAD!" };
    let pk = ptr::addr_of!(h.kind);
    let pl = ptr::addr_of!(h.len);
    let pp = ptr::addr_of!(h.payload);
    println!("field offsets {} {} {}", pk as usize - &h as *const _ as usize, pl as usize - pk as usize, pp as usize - pk as usize);
    let bytes = unsafe { std::slice::from_raw_parts(&h as *const Header as *const u8, mem::size_of::<Header>()) };
    println!("header bytes {:?}", bytes);
    let unal = unsafe { ptr::read_unaligned(bytes.as_ptr().add(9) as *const u32) };
    println!("unaligned {:#x}", unal);
    let mut buf = [0u8; 10];
    unsafe { ptr::write_unaligned(buf.as_mut_ptr().add(3) as *mut u32, 0xdeadbeef); }
    println!("write_unaligned {:?}", buf);
    let mut mu: [MaybeUninit<String>; 4] = [const { MaybeUninit::uninit() }; 4];
    for (i, slot) in mu.iter_mut().enumerate() { slot.write(format!("s{}", i * i)); }
    let strs: [String; 4] = unsafe { mem::transmute(mu) };
    println!("maybeuninit {:?}", strs);
    let mut one = MaybeUninit::<[u64; 3]>::uninit();
    unsafe { one.as_mut_ptr().cast::<u64>().add(0).write(1); one.as_mut_ptr().cast::<u64>().add(1).write(2); one.as_mut_ptr().cast::<u64>().add(2).write(3); }
    println!("assume_init {:?}", unsafe { one.assume_init() });
    let v = vec![1u16, 2, 3];
    let (pv, len, cap) = (v.as_ptr(), v.len(), v.capacity());
    let v2 = unsafe { let mut v = mem::ManuallyDrop::new(v); Vec::from_raw_parts(v.as_mut_ptr(), len, cap) };
    println!("from_raw_parts vec {:?} same ptr {}", v2, v2.as_ptr() == pv);
    let a = [1u8, 2, 3];
    let pa = a.as_ptr();
    println!("ptr cmp {} {} wrapping {}", pa < unsafe { pa.add(1) }, pa == a.as_ptr(), unsafe { *pa.wrapping_add(2) });
    let bx = Box::new(77i32);
    let raw = Box::into_raw(bx);
    unsafe { *raw *= 2; let bx2 = Box::from_raw(raw); println!("box raw {}", bx2); }
    let fp = main as fn();
    println!("fn ptr non-null {}", fp as usize != 0);
    println!("align {} {} size {}", mem::align_of::<Wide>(), mem::align_of::<IntOrFloat>(), mem::size_of::<Header>());
}
