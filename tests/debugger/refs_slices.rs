// References, raw pointers, arrays, slices, &str and &mut.

#[inline(never)]
fn total(values: &[u32], scale: &mut u32) -> u32 {
    *scale += 1;
    let mut sum = 0;
    for v in values {
        sum += v * *scale;
    }
    sum
}

fn main() {
    let number = 17i32;
    let reference = &number;
    let double_ref = &reference;
    let raw = &number as *const i32;
    let array = [10u32, 20, 30, 40];
    let slice = &array[1..3];
    let text = "hello, debugger";
    let sub = &text[7..];
    let mut scale = 2u32;
    let empty: &[u8] = &[];
    let matrix = [[1u8, 2], [3, 4]];
    let sum = total(slice, &mut scale);
    println!("{sum} {reference} {double_ref} {raw:?} {sub} {empty:?} {:?}", matrix[1]);
}
