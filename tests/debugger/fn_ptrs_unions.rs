// Function pointers, unions, raw mutable pointers, a struct holding a fn pointer.
// (lldb 14 crashes printing a value that holds a Rust function pointer, for LLVM's build as for
// fastclif's: the lldb script prints the other values only.)

#[derive(Clone, Copy)]
#[repr(C)]
union Bits {
    int: u32,
    float: f32,
}

struct Handler {
    callback: fn(i32) -> i32,
    id: u16,
}

fn double(x: i32) -> i32 {
    x * 2
}

fn negate(x: i32) -> i32 {
    -x
}

#[inline(never)]
fn run(handler: &Handler, input: i32) -> i32 {
    let f = handler.callback;
    f(input)
}

fn main() {
    let bits = Bits { float: 1.0 };
    let handlers = [Handler { callback: double, id: 1 }, Handler { callback: negate, id: 2 }];
    let mut value = 5i32;
    let ptr: *mut i32 = &mut value;
    let op: fn(i32) -> i32 = double;
    let out = run(&handlers[0], 4) + run(&handlers[1], 4) + op(1);
    unsafe {
        *ptr += out;
        println!("{} {}", bits.int, value);
    }
}
