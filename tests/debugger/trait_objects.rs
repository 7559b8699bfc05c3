// Trait objects: &dyn, Box<dyn>, calls through the vtable.
// accept-difference: gdb "^warning: (Internal error: pc " -- gdb 13.1's own complaint about LLVM's debug info of std's code (a pc in a compile unit's ranges without a symbol table entry); fastclif's debug info does not trigger it
// accept-difference: gdb "^warning: (Error: pc " -- the same gdb 13.1 complaint, second line
// (lldb 14 crashes showing a frame whose arguments include a `&dyn Trait`, for LLVM's build as
// for fastclif's: the lldb script stops only in a method whose receiver is a concrete type.)

trait Animal {
    fn name(&self) -> String;
    fn legs(&self) -> u32;
}

struct Dog {
    age: u8,
}

struct Bird {
    wings: u8,
    song: &'static str,
}

impl Animal for Dog {
    fn name(&self) -> String {
        let prefix = "dog";
        format!("{prefix} aged {}", self.age)
    }
    fn legs(&self) -> u32 {
        4
    }
}

impl Animal for Bird {
    fn name(&self) -> String {
        format!("bird singing {}", self.song)
    }
    fn legs(&self) -> u32 {
        2 + self.wings as u32 * 0
    }
}

#[inline(never)]
fn describe(animal: &dyn Animal) -> u32 {
    let legs = animal.legs();
    let name = animal.name();
    legs + name.len() as u32
}

fn main() {
    let dog = Dog { age: 3 };
    let bird: Box<dyn Animal> = Box::new(Bird { wings: 2, song: "tweet" });
    let animals: [&dyn Animal; 2] = [&dog, &*bird];
    let mut total = 0;
    for a in animals.iter() {
        total += describe(*a);
    }
    println!("{total}");
}
