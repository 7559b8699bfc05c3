//! `fastclif-build`: the build system behind `./y.sh`.
//!
//! Each subcommand lives in its own module; this file only parses the command line.

/// Shadows std's `println!` in every module below: output goes to stdout as usual, but a
/// closed pipe (`./y.sh test | head`) is ignored instead of panicking.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod architecture;
mod artifacts;
mod bench;
mod build;
mod cargo_fastclif;
mod cargo_forms;
mod cargo_project;
mod clean;
mod codegen_stats;
mod config;
mod crate_list;
mod crate_source;
mod crates;
mod ctx;
mod debugger;
mod env_tracking;
mod flags;
mod hot_code;
mod install;
mod intrinsics;
mod libtest;
mod link_order;
mod lint;
mod mini_toml;
mod output_diff;
mod outputs;
mod prepare;
mod programs;
mod tally;
mod test;
mod toolchain;
mod tools;
mod util;

use std::path::PathBuf;
use std::process::ExitCode;

use config::Config;
use ctx::Ctx;
use toolchain::Toolchain;
use util::Result;

const USAGE_HEAD: &str = "\
Usage: ./y.sh [-v|--verbose] <command> [args]

Commands:
  prepare          install the pinned toolchain + components (rustup) and fetch crate dependencies
  build            build the backend (profile dist, or backend_profile) -> target/dist/ and dist/librustc_codegen_fastclif.so
  install          build, then copy the backend into the pinned toolchain's sysroot so that
                   `-Zcodegen-backend=fastclif` finds it by name, and write the `cargo fastclif`
                   subcommand (cargo-fastclif) to ~/.cargo/bin
  lint             cargo fmt --check and cargo clippy -D warnings over the workspace (CI's first stage)
  hot-code         record (callgrind) which backend functions compilations run and write
                   link/hot-functions.txt, the order `build` links them in (needs valgrind)
  test [SUITE..] [NAME..]
                   run tests; SUITE is one of
                     buildsystem  unit tests of this build system
                     architecture module layers (ARCHITECTURE.md), import circles and function
                                  length of src/, allocator/src and build_system/src
                     allocator    cargo test --release of allocator/ (the regalloc2 crate)
                     programs     tests/programs/*.rs: fastclif vs LLVM, same stdout + exit code
                     cargo        tests/cargo-project built with cargo + the profile opt-in
                     flags        --print cfg/target-cpus and cfg!(target_feature) vs LLVM, other
                                  targets and unsupported codegen flags rejected, FASTCLIF_*
                                  variables validated and tracked (dep-info, cargo, incremental)
                     outputs      --emit combinations, a cdylib loaded from C and Python, a
                                  staticlib linked into C, a dylib workspace: each vs LLVM
                     cargo-forms  `cargo fastclif` and every Cargo form README.md documents
                     debugger     tests/debugger/*.rs under gdb and lldb (breakpoints, variables,
                                  types, stepping, backtraces): fastclif vs LLVM builds
                     backend-unit cargo test -p rustc_codegen_fastclif --lib (not in the default set)
                     crates       test suites of the crates.io crates in tests/crates.toml, fastclif
                                  vs LLVM (not in the default set; also `--crates`)
                     tools        ripgrep and cargo from crates.io built by fastclif and used: rg
                                  queries vs an LLVM rg, cargo new/build/test (not in the default set)
                     intrinsics   generated programs calling every x86 intrinsic of stdarch, fastclif
                                  (strict) vs LLVM, a table per family (not in the default set;
                                  words after it select families, e.g. `intrinsics avx2 avx512f+vl`)
                   default: buildsystem architecture allocator programs cargo flags outputs
                   cargo-forms debugger. NAME (any other word) keeps only test programs / crates whose
                   name contains it, and implies `programs` if no SUITE is given.
                   --no-build   use the existing dist/ backend instead of rebuilding it first
                   --ci         crates: only those marked `ci = true` (implies `crates`)
                   --simd       crates: only the SIMD suite, those marked `simd = true` (implies
                                `crates`; with --ci, its CI subset)
                   --host-llvm  crates: build scripts and proc macros with LLVM, the rest with
                                fastclif (diagnostic; implies `crates`)
                   --full       intrinsics: every valid immediate (up to 256 per parameter), not a dozen
";

const USAGE_TAIL: &str = "  clean            remove target/, dist/ and test outputs
  help             show this text

Environment:
  FASTCLIF_TEST_RUSTFLAGS  extra rustc flags for the fastclif side of the program tests and
                           the cargo project, e.g. -Cllvm-args=fastclif-check-regalloc
  FASTCLIF_TEST_BACKEND    backend for the fastclif side instead of dist/librustc_codegen_fastclif.so
                           (a path, or a built-in name such as `llvm` to check the harness itself)
  FASTCLIF_VERBOSE=1       same as --verbose

Settings: config.toml at the repository root (see config.example.toml).";

fn print_usage() {
    println!("{USAGE_HEAD}{}\n{USAGE_TAIL}", bench::USAGE);
}

fn find_root() -> Result<PathBuf> {
    // Set by y.sh; otherwise search upwards from the current directory.
    if let Some(root) = std::env::var_os("FASTCLIF_ROOT") {
        return Ok(PathBuf::from(root));
    }
    let cwd = std::env::current_dir().map_err(|e| format!("cannot determine current directory: {e}"))?;
    for dir in cwd.ancestors() {
        if dir.join("build_system/Cargo.toml").is_file() && dir.join("rust-toolchain.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    Err(format!("{} is not inside the fastclif repository (run ./y.sh from the repository)", cwd.display()))
}

fn real_main() -> Result<bool> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut verbose = false;
    args.retain(|a| {
        let is_flag = a == "-v" || a == "--verbose";
        verbose |= is_flag;
        !is_flag
    });
    let Some(command) = args.first().cloned() else {
        print_usage();
        return Ok(true);
    };
    let rest = &args[1..];
    if matches!(command.as_str(), "help" | "-h" | "--help") {
        print_usage();
        return Ok(true);
    }

    let root = find_root()?;
    let mut config = Config::load(&root)?;
    config.verbose |= verbose;
    let toolchain = Toolchain::load(&root)?;
    let ctx = Ctx { root, config, toolchain };

    let no_args = |name: &str| -> Result {
        if rest.is_empty() {
            Ok(())
        } else {
            Err(format!("`{name}` takes no arguments (got `{}`)", rest.join(" ")))
        }
    };
    match command.as_str() {
        "prepare" => no_args("prepare").and_then(|()| prepare::prepare(&ctx)).map(|()| true),
        "build" => no_args("build").and_then(|()| build::build(&ctx)).map(|_| true),
        "install" => no_args("install").and_then(|()| install::install(&ctx)).map(|_| true),
        "test" => test::test(&ctx, rest),
        "bench" => bench::bench(&ctx, rest),
        "lint" => no_args("lint").and_then(|()| lint::lint(&ctx)).map(|()| true),
        "hot-code" => no_args("hot-code").and_then(|()| hot_code::hot_code(&ctx)).map(|()| true),
        "clean" => no_args("clean").and_then(|()| clean::clean(&ctx)).map(|()| true),
        other => Err(format!("unknown command `{other}`; run `./y.sh help` for usage")),
    }
}

fn main() -> ExitCode {
    match real_main() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}
