// Unsizing and DSTs: array->slice coercions, custom DST structs with slice and dyn tails,
// Box<[T]>, Rc<str>, Box<str>, size_of_val/align_of_val on unsized values.
use std::fmt::Display;
use std::mem::{align_of_val, size_of_val};
use std::rc::Rc;

struct Packet<T: ?Sized> {
    len: usize,
    tag: u8,
    data: T,
}

fn sum_slice(s: &[u16]) -> u32 { s.iter().map(|&x| x as u32).sum() }

fn packet_sum(p: &Packet<[u8]>) -> u32 {
    p.data.iter().map(|&b| b as u32).sum::<u32>() + p.len as u32 + p.tag as u32
}

fn packet_show(p: &Packet<dyn Display>) -> String { format!("len={} tag={} data={}", p.len, p.tag, &p.data) }

fn first_last<T: Copy>(b: &[T]) -> Option<(T, T)> { Some((*b.first()?, *b.last()?)) }

fn main() {
    let arr = [1u16, 2, 3, 400, 5];
    let s: &[u16] = &arr;
    println!("sum {} len {}", sum_slice(s), s.len());
    println!("sum sub {}", sum_slice(&arr[1..4]));
    let p = Packet { len: 4, tag: 9, data: [10u8, 20, 30, 40] };
    let pd: &Packet<[u8]> = &p;
    println!("packet sum {} data len {}", packet_sum(pd), pd.data.len());
    println!("size_of_val packet {} align {}", size_of_val(pd), align_of_val(pd));
    let bp: Box<Packet<[u8]>> = Box::new(Packet { len: 2, tag: 1, data: [7u8, 8] });
    println!("boxed packet sum {} size {}", packet_sum(&bp), size_of_val(&*bp));
    let d1 = Packet { len: 1, tag: 2, data: 3.5f64 };
    let d2 = Packet { len: 5, tag: 6, data: String::from("dyn-tail") };
    let d3 = Packet { len: 0, tag: 255, data: 'x' };
    let dyns: [&Packet<dyn Display>; 3] = [&d1, &d2, &d3];
    for d in dyns {
        println!("{} size={} align={}", packet_show(d), size_of_val(d), align_of_val(d));
    }
    let bs: Box<[i64]> = vec![5, -6, 7, -8].into_boxed_slice();
    println!("box slice {:?} len {} sum {} size {}", bs, bs.len(), bs.iter().sum::<i64>(), size_of_val(&*bs));
    let bs2: Box<[u8]> = Box::new([1u8, 2, 3]);
    println!("box arr->slice {:?} {:?}", bs2, first_last(&bs2));
    let empty: Box<[u32]> = Box::new([]);
    println!("empty {:?} {:?}", empty, first_last(&empty));
    let rs: Rc<str> = Rc::from("shared string");
    let rs2 = rs.clone();
    println!("rc str {} len {} count {} size {}", rs2, rs.len(), Rc::strong_count(&rs), size_of_val(&*rs));
    let rsl: Rc<[u32]> = Rc::from(vec![9, 8, 7]);
    println!("rc slice {:?} {}", rsl, rsl.iter().product::<u32>());
    let bstr: Box<str> = String::from("boxed str").into_boxed_str();
    println!("box str {} upper {}", bstr, bstr.to_uppercase());
    let bd: Box<dyn Display> = Box::new(42u64);
    println!("box dyn display {} size {} align {}", bd, size_of_val(&*bd), align_of_val(&*bd));
    let nested: &[&[u8]] = &[b"ab", b"cde", b""];
    for n in nested { println!("nested {:?} {}", n, n.len()); }
    let strs: [&str; 3] = ["a", "bb", "ccc"];
    let joined: String = strs.concat();
    println!("joined {} {}", joined, size_of_val(&strs));
    let mut buf = [0u8; 6];
    let sl: &mut [u8] = &mut buf;
    for (i, b) in sl.iter_mut().enumerate() { *b = (i * i) as u8; }
    println!("mut slice {:?}", buf);
    let two_d: [[u8; 3]; 2] = [[1, 2, 3], [4, 5, 6]];
    let flat: &[[u8; 3]] = &two_d;
    println!("2d {:?} {}", flat, flat.iter().flatten().count());
}
