// Nested modules, inherent impls and trait impls: breakpoints by qualified name.

mod shapes {
    pub mod round {
        pub struct Circle {
            pub radius: f64,
        }

        impl Circle {
            pub fn area(&self) -> f64 {
                let r2 = self.radius * self.radius;
                r2 * 3.0
            }
        }

        pub fn unit() -> Circle {
            Circle { radius: 1.0 }
        }
    }

    pub trait Named {
        fn name(&self) -> &'static str;
    }

    impl Named for round::Circle {
        fn name(&self) -> &'static str {
            "circle"
        }
    }
}

use shapes::Named;

fn main() {
    let c = shapes::round::unit();
    let big = shapes::round::Circle { radius: 2.0 };
    let total = c.area() + big.area();
    println!("{total} {}", c.name());
}
