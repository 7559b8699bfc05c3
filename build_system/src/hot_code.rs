//! `./y.sh hot-code`: records which functions of the backend compilations run, so that the
//! backend's link puts them next to each other (`build.rs`, `link/hot-functions.txt`).
//!
//! Each training compilation runs under `valgrind --tool=callgrind --demangle=no`; every
//! function of the backend dylib the profile names ran at least once. The list keeps the
//! order in which the profiles first name them: debug builds first (what users compile most),
//! then an optimized one. Symbol names carry each crate's hash, which depends on the build
//! profile: the list matches the profile it was recorded with (`dist`, what `./y.sh build`
//! ships), and a function renamed since only loses its place.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use crate::build::{self, DYLIB_NAME};
use crate::ctx::Ctx;
use crate::link_order;
use crate::util::{self, Result, step};

/// Test programs compiled for the profiles, with their flags: the shapes of a dev profile
/// (full and no debug info), then an optimized build.
const TRAINING: &[(&str, &[&str])] = &[
    ("collections", &["-Cdebuginfo=2"]),
    ("expr_interpreter", &["-Cdebuginfo=2"]),
    ("async_executor", &["-Cdebuginfo=2"]),
    ("dyn_traits", &["-Cdebuginfo=0"]),
    ("promote_slots", &["-Copt-level=3", "-Cdebuginfo=2"]),
];

pub fn hot_code(ctx: &Ctx) -> Result {
    if util::output(Command::new("valgrind").arg("--version")).is_err() {
        return Err("`./y.sh hot-code` needs valgrind (callgrind) on PATH".to_string());
    }
    let dylib = build::build(ctx)?;
    let rustc = ctx.toolchain.sysroot()?.join("bin").join("rustc");
    let work = ctx.target_dir().join("hot-code");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let mut order = Vec::new();
    let mut listed = HashSet::new();
    for (program, flags) in TRAINING {
        let profile = work.join(format!("{program}.callgrind"));
        step(format!("Recording the backend's functions: {program}.rs {}", flags.join(" ")));
        let mut cmd = Command::new("valgrind");
        cmd.args(["--tool=callgrind", "--demangle=no"])
            .arg(format!("--callgrind-out-file={}", profile.display()))
            .arg(&rustc)
            .args(["--edition=2024", "--crate-type=bin"])
            .args(*flags)
            .arg(format!("-Zcodegen-backend={}", dylib.display()))
            .arg(ctx.root.join("tests/programs").join(format!("{program}.rs")))
            .arg("-o")
            .arg(work.join(program));
        util::output(&mut cmd)?;
        let text = read(&profile)?;
        for name in functions_of_object(&text, DYLIB_NAME) {
            if listed.insert(name.clone()) {
                order.push(name);
            }
        }
    }
    let path = link_order::path(ctx);
    link_order::write(&path, &order)?;
    println!("{}: {} functions; `./y.sh build` links them first", path.display(), order.len());
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The functions a callgrind profile attributes to the object whose file name is `object`,
/// in the order the profile first names them. Names are compressed: `fn=(7) name` defines
/// id 7, a later `fn=(7)` refers to it; `cfn=`/`cob=` lines (callees) define ids the same way.
pub fn functions_of_object(profile: &str, object: &str) -> Vec<String> {
    let mut objects = HashMap::new();
    let mut functions = HashMap::new();
    let mut in_object = false;
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for line in profile.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        match key {
            "ob" | "cob" => {
                let name = resolve(&mut objects, value);
                if key == "ob" {
                    in_object = Path::new(&name).file_name().is_some_and(|f| f == object);
                }
            }
            "fn" | "cfn" => {
                let name = resolve(&mut functions, value);
                // Addresses stand for code without a symbol (PLT stubs): nothing to order.
                if key == "fn" && in_object && !name.starts_with("0x") && seen.insert(name.clone()) {
                    found.push(name);
                }
            }
            _ => {}
        }
    }
    found
}

/// The name a compressed `(id) name` or `(id)` value stands for; plain names pass through.
fn resolve(table: &mut HashMap<String, String>, value: &str) -> String {
    let Some(rest) = value.strip_prefix('(') else { return value.to_string() };
    let Some((id, name)) = rest.split_once(')') else { return value.to_string() };
    let name = name.trim_start();
    if !name.is_empty() {
        table.insert(id.to_string(), name.to_string());
        return name.to_string();
    }
    table.get(id).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_of_the_named_object_in_first_mention_order() {
        let profile = "\
ob=(1) /usr/lib/libc.so.6
fn=(1) malloc
ob=(2) /work/dist/librustc_codegen_fastclif.so
fn=(2) _RNvCs1_4main5alpha
cob=(1)
cfn=(1)
cfn=(3) _RNvCs1_4main4beta
calls=1 0x10
fn=(3)
fn=(4) 0x0000000000257790
fn=(2)
ob=(1)
fn=(1)
";
        assert_eq!(
            functions_of_object(profile, "librustc_codegen_fastclif.so"),
            ["_RNvCs1_4main5alpha", "_RNvCs1_4main4beta"]
        );
    }

    #[test]
    fn uncompressed_names_pass_through() {
        let profile = "ob=/x/librustc_codegen_fastclif.so\nfn=plain_name\n";
        assert_eq!(functions_of_object(profile, "librustc_codegen_fastclif.so"), ["plain_name"]);
    }
}
