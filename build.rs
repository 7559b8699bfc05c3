//! Links the functions a compilation runs next to each other (`link/hot-functions.txt`,
//! written by `./y.sh hot-code`).
//!
//! The kernel maps a shared library's pages 64 KB at a time around each page it touches. The
//! few thousand functions a debug build runs are spread over the whole `.text` of this dylib
//! (Cranelift, gimli, object, the allocator, the translation), so nearly all of it became
//! resident in every rustc that loaded the backend. Placed first, in one run, they need a
//! third of that.

use std::path::Path;

fn main() {
    let order = Path::new(env!("CARGO_MANIFEST_DIR")).join("link/hot-functions.txt");
    println!("cargo:rerun-if-changed={}", order.display());
    println!("cargo:rerun-if-env-changed=FASTCLIF_NO_LINK_ORDER");
    if !order.exists() || std::env::var_os("FASTCLIF_NO_LINK_ORDER").is_some() || !links_with_lld() {
        return;
    }
    println!("cargo:rustc-link-arg=-Wl,--symbol-ordering-file={}", order.display());
    // The list comes from one build; names of functions that are gone are not errors.
    println!("cargo:rustc-link-arg=-Wl,--no-warn-symbol-ordering");
}

/// rustc links x86_64 Linux with its own `rust-lld` unless told otherwise; the ordering
/// option is lld's (GNU ld has no equivalent).
fn links_with_lld() -> bool {
    let target = std::env::var("TARGET").unwrap_or_default();
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    target == "x86_64-unknown-linux-gnu"
        && !["linker-features=-lld", "link-self-contained=-linker", "fuse-ld"]
            .iter()
            .any(|off| flags.contains(off))
}
