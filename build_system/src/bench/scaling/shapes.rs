//! The programs of `./y.sh bench scaling`: one huge generated function per shape, its size
//! set by N (and `fns`, N small functions spread over many codegen units). Every program is
//! deterministic, computes its result at run time from a seed the compiler cannot see through
//! (`black_box`, the argument count) and prints it, so both backends really have to compile
//! the function and their binaries can be compared.
//!
//! All arithmetic that could overflow is `wrapping_*`: the programs are compiled at
//! opt-level 0, where overflow checks are on, and a panic would only measure the panic path.
//!
//! This module needs nothing of the build system (ARCHITECTURE.md places it below `bench`).

use std::fmt::Write as _;

/// One program family.
#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    /// What grows with N, for the report.
    pub what: &'static str,
    /// Default sizes, smallest first, each twice the one before. Calibrated on the 2-core
    /// development machine: the largest makes LLVM's rustc peak above 1 GB where rustc's front
    /// end allows it within the budget of the whole default run (about 25 minutes of CPU
    /// time). The front end grows super-linearly on most shapes and holds the peak RSS
    /// itself, so `lets`, `chain` and `literal` stop earlier (see each shape).
    pub sizes: &'static [usize],
    generate: fn(usize) -> String,
}

impl Shape {
    /// The Rust source of the program of size `n`.
    pub fn source(&self, n: usize) -> String {
        (self.generate)(n)
    }
}

pub static SHAPES: &[Shape] = &[
    Shape {
        name: "lets",
        what: "one function: N `let`s, each followed by an if/else (about 3N blocks)",
        // 8,000: ~650 MiB; at 16,000 the front end alone takes about a minute per compile.
        sizes: &[1000, 2000, 4000, 8000],
        generate: lets,
    },
    Shape {
        name: "match",
        what: "one function: a `match` of N integer arms, each computing something else",
        // 40,000: ~1.25 GiB, front end ~30 s.
        sizes: &[5000, 10000, 20000, 40000],
        generate: match_arms,
    },
    Shape {
        name: "chain",
        what: "one function: N `let`s, each two calls of the previous value (many temporaries)",
        // 20,000: ~700 MiB, front end ~45 s (type checking is quadratic here); 40,000 would
        // take about three minutes per compile.
        sizes: &[2500, 5000, 10000, 20000],
        generate: chain,
    },
    Shape {
        name: "literal",
        what: "one function: an array literal of N computed elements, returned as a Vec",
        // 40,000: ~480 MiB, front end ~25 s and growing 2.5x per doubling; 1 GB would need
        // about 200,000 elements.
        sizes: &[5000, 10000, 20000, 40000],
        generate: literal,
    },
    Shape {
        name: "calls",
        what: "`main` calling N distinct #[inline(never)] functions while a Vec is live (N cleanup edges)",
        // 40,000: ~1 GiB.
        sizes: &[5000, 10000, 20000, 40000],
        generate: calls,
    },
    Shape {
        name: "fns",
        what: "N small functions (a branch, four operations) in modules of 500, reached through a static table",
        // Not one huge function but many small ones in many codegen units, as in a big
        // library: issue 16's "20,000 small functions". 40,000: ~1.1 GiB with LLVM.
        sizes: &[5000, 10000, 20000, 40000],
        generate: fns,
    },
];

/// Functions per module in the `fns` shape: rustc starts a codegen unit per module (and merges
/// them down to its unit count), so the functions spread over every unit.
const FNS_PER_MODULE: usize = 500;

fn fns(n: usize) -> String {
    let mut s = String::new();
    for module in 0..n.div_ceil(FNS_PER_MODULE) {
        let _ = writeln!(s, "mod m{module} {{");
        for i in module * FNS_PER_MODULE..n.min((module + 1) * FNS_PER_MODULE) {
            let _ = writeln!(
                s,
                "    #[inline(never)]\n    pub fn f{i}(x: u64, y: u64) -> u64 {{\n        \
                 let z = x.wrapping_mul({}).wrapping_add(y);\n        \
                 if z > {i} {{ z ^ (y >> {}) }} else {{ z.rotate_left({}) }}\n    }}",
                2 * i + 3,
                i % 13 + 1,
                i % 31 + 1
            );
        }
        s.push_str("}\n");
    }
    let _ = writeln!(s, "\nstatic FNS: [fn(u64, u64) -> u64; {n}] = [");
    for i in 0..n {
        let _ = writeln!(s, "    m{}::f{i},", i / FNS_PER_MODULE);
    }
    s.push_str(
        "];\n\nfn main() {\n    \
         let seed = std::hint::black_box(0x9e37_79b9_7f4a_7c15u64) ^ std::env::args().count() as u64;\n    \
         let mut acc = seed;\n    \
         for f in FNS.iter() { acc = f(acc, seed).rotate_left(5); }\n    \
         println!(\"{acc}\");\n}\n",
    );
    s
}

pub fn find(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.name == name)
}

/// `main` for the shapes whose huge function is `big(seed)`: the seed is opaque to the
/// compiler, and `big` runs on a thread with a large stack because opt-level-0 frames of
/// huge functions (one slot per local and temporary) can outgrow the main thread's 8 MiB.
fn main_calling_big(out: &mut String, print: &str) {
    out.push_str(
        "fn main() {\n    \
         let seed = std::hint::black_box(0x9e37_79b9_7f4a_7c15u64) ^ std::env::args().count() as u64;\n    \
         let worker = std::thread::Builder::new().stack_size(1 << 30);\n    \
         let result = worker.spawn(move || big(seed)).unwrap().join().unwrap();\n",
    );
    let _ = writeln!(out, "    {print}\n}}");
}

fn lets(n: usize) -> String {
    let mut s = String::from("#[inline(never)]\nfn big(seed: u64) -> u64 {\n    let mut acc: u64 = seed;\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "    let x{i} = acc.wrapping_mul({}).wrapping_add(seed >> {});\n    \
             if x{i} % 3 == 0 {{ acc = acc.wrapping_add(x{i}); }} else {{ acc ^= x{i}.rotate_left({}); }}",
            2 * i + 1,
            i % 13,
            i % 31
        );
    }
    s.push_str("    acc\n}\n\n");
    main_calling_big(&mut s, "println!(\"{result}\");");
    s
}

/// Arm `i` of the `match` shape: six kinds of bodies, each with its own constants.
fn match_arm(i: usize) -> String {
    let k = i as u64;
    match i % 6 {
        0 => format!("seed.wrapping_mul({}).wrapping_add({i})", 2 * k + 1),
        1 => format!("(seed ^ {}).rotate_left({})", k.wrapping_mul(0x9e37_79b9), i % 63),
        2 => format!("seed.wrapping_sub({i}).wrapping_mul(seed | 1)"),
        3 => format!(
            "if seed & {} != 0 {{ seed >> {} }} else {{ seed.wrapping_add({}) }}",
            1u64 << (i % 64),
            i % 17 + 1,
            k * 31
        ),
        4 => format!("{{ let t = seed.wrapping_add({i}); t.wrapping_mul(t) ^ {} }}", k << 5),
        _ => format!("(seed.count_ones() as u64).wrapping_add({}) ^ seed.rotate_right({})", k * 7, i % 61),
    }
}

fn match_arms(n: usize) -> String {
    let mut s = String::from("#[inline(never)]\nfn arm(k: u64, seed: u64) -> u64 {\n    match k {\n");
    for i in 0..n {
        let _ = writeln!(s, "        {i} => {},", match_arm(i));
    }
    s.push_str("        _ => seed,\n    }\n}\n\n");
    // Every arm runs once, each seeded with the result so far.
    let _ = write!(
        s,
        "fn big(seed: u64) -> u64 {{\n    let mut acc = seed;\n    \
         for k in 0..{n}u64 {{ acc = acc.rotate_left(7) ^ arm(k, acc); }}\n    acc\n}}\n\n"
    );
    main_calling_big(&mut s, "println!(\"{result}\");");
    // The huge function of this shape is `arm`; `big` only drives it.
    s
}

fn chain(n: usize) -> String {
    let mut s = String::from(
        "#[inline(never)]\nfn f(a: u64, b: u64) -> u64 {\n    \
         a.wrapping_mul(0x0000_0100_0000_01b3).wrapping_add(b) ^ (a >> 7)\n}\n\n\
         #[inline(never)]\nfn big(seed: u64) -> u64 {\n    let a0 = seed;\n",
    );
    for i in 1..=n {
        let _ = writeln!(s, "    let a{i} = f(a{p}, {i}).wrapping_add(f({i}, a{p} >> 3));", p = i - 1);
    }
    let _ = writeln!(s, "    a{n}\n}}\n");
    main_calling_big(&mut s, "println!(\"{result}\");");
    s
}

/// Element `i` of the `literal` shape: four kinds of expression, so the elements differ.
fn literal_element(i: usize) -> String {
    let k = i as u64;
    match i % 4 {
        0 => format!("seed.wrapping_mul({})", 2 * k + 1),
        1 => format!("(seed ^ {}) >> {}", k.wrapping_mul(2_654_435_761), i % 29),
        2 => format!("seed.rotate_left({}) & {}", i % 64, !(k << 3)),
        _ => format!("(seed | {i}) ^ {}", k << 3),
    }
}

fn literal(n: usize) -> String {
    let mut s = format!("#[inline(never)]\nfn big(seed: u64) -> Vec<u64> {{\n    let a: [u64; {n}] = [\n");
    for i in 0..n {
        let _ = writeln!(s, "        {},", literal_element(i));
    }
    s.push_str("    ];\n    a.to_vec()\n}\n\n");
    main_calling_big(
        &mut s,
        "let mut h = 0u64;\n    \
         for (i, x) in result.iter().enumerate() { h = h.rotate_left(5) ^ x ^ i as u64; }\n    \
         println!(\"{} {h}\", result.len());",
    );
    s
}

fn calls(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "#[inline(never)]\nfn f{i}(v: &mut Vec<u64>) {{ v.push({}); }}", 3 * i + 1);
    }
    // `main` itself is the huge function here; `v` needs dropping if any call unwinds, so
    // every call gets a cleanup edge.
    s.push_str("\nfn main() {\n    let mut v: Vec<u64> = Vec::new();\n");
    for i in 0..n {
        let _ = writeln!(s, "    f{i}(&mut v);");
    }
    s.push_str(
        "    let h = v.iter().fold(0u64, |h, x| h.rotate_left(3) ^ x);\n    \
         println!(\"{} {h}\", v.len());\n}\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_double_and_names_are_unique() {
        for shape in SHAPES {
            assert!(shape.sizes.len() >= 4, "{}: fewer than four sizes", shape.name);
            for w in shape.sizes.windows(2) {
                assert_eq!(w[1], 2 * w[0], "{}: sizes must double", shape.name);
            }
            assert!(std::ptr::eq(find(shape.name).unwrap(), shape), "{}: name used twice", shape.name);
        }
        assert!(find("bogus").is_none());
    }

    #[test]
    fn sources_are_deterministic_and_grow_with_n() {
        for shape in SHAPES {
            let (a, b) = (shape.source(100), shape.source(100));
            assert_eq!(a, b, "{}", shape.name);
            let big = shape.source(200);
            // Roughly twice the per-N part: the fixed part is small.
            assert!(big.len() > a.len() * 3 / 2, "{}: {} vs {}", shape.name, big.len(), a.len());
            assert!(a.contains("fn main()") && a.contains("println!"), "{}", shape.name);
        }
    }

    /// Every shape's program is balanced Rust with one item per N where it should be.
    #[test]
    fn sources_have_the_expected_structure() {
        for shape in SHAPES {
            let src = shape.source(50);
            let depth = src.chars().try_fold(0i64, |d, c| {
                let d = d + i64::from(c == '{') - i64::from(c == '}');
                (d >= 0).then_some(d)
            });
            assert_eq!(depth, Some(0), "{}: unbalanced braces", shape.name);
            assert_eq!(src.matches('(').count(), src.matches(')').count(), "{}", shape.name);
        }
        let lets = find("lets").unwrap().source(50);
        assert_eq!(lets.matches("    let x").count(), 50);
        assert_eq!(lets.matches(" else { acc ^= ").count(), 50);
        assert!(lets.contains("let x49 = acc.wrapping_mul(99).wrapping_add(seed >> 10);"));
        let arms = find("match").unwrap().source(50);
        assert_eq!(arms.matches(" => ").count(), 51);
        assert!(arms.contains("        49 => "));
        // The arms differ from each other.
        let bodies: std::collections::BTreeSet<String> = (0..50).map(match_arm).collect();
        assert_eq!(bodies.len(), 50);
        let chain = find("chain").unwrap().source(50);
        assert!(chain.contains("let a50 = f(a49, 50).wrapping_add(f(50, a49 >> 3));"));
        assert!(chain.contains("    a50\n}"));
        let literal = find("literal").unwrap().source(50);
        assert!(literal.contains("[u64; 50]"));
        assert_eq!(literal.lines().filter(|l| l.starts_with("        ") && l.ends_with(',')).count(), 50);
        let calls = find("calls").unwrap().source(50);
        assert_eq!(calls.matches("#[inline(never)]").count(), 50);
        assert_eq!(calls.matches("(&mut v);").count(), 50);
        assert!(calls.contains("fn f49(v: &mut Vec<u64>) { v.push(148); }"));
    }

    /// Small instances build and run without panicking (opt-level 0, so with overflow
    /// checks), printing a line. Skipped when no `rustc` can be started; inside the
    /// repository rustup picks the pinned toolchain.
    #[test]
    fn small_programs_build_and_run() {
        use std::process::Command;
        let dir = std::env::temp_dir().join(format!("fastclif-scaling-shapes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for shape in SHAPES {
            let src = dir.join(format!("{}_40.rs", shape.name));
            let exe = dir.join(format!("{}_40", shape.name));
            std::fs::write(&src, shape.source(40)).unwrap();
            let Ok(out) = Command::new("rustc")
                .current_dir(&dir)
                .args(["--edition=2024", "-Copt-level=0", "-o"])
                .arg(&exe)
                .arg(&src)
                .output()
            else {
                break;
            };
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && stderr.is_empty(), "{}: {stderr}", shape.name);
            let run = Command::new(&exe).output().unwrap();
            assert!(run.status.success(), "{}: {}", shape.name, String::from_utf8_lossy(&run.stderr));
            let stdout = String::from_utf8_lossy(&run.stdout);
            assert_eq!(stdout.lines().count(), 1, "{}: {stdout}", shape.name);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
