//! The backend's link order (`link/hot-functions.txt`): the functions compilations run,
//! which `build.rs` has the linker place first. `./y.sh hot-code` writes the list;
//! `./y.sh build` reports how much of it the built dylib still matches.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ctx::Ctx;
use crate::util::{self, Result};

/// Where `build.rs` reads the order, from the repository root.
pub const ORDER_FILE: &str = "link/hot-functions.txt";

pub fn path(ctx: &Ctx) -> PathBuf {
    ctx.root.join(ORDER_FILE)
}

pub fn write(path: &Path, order: &[String]) -> Result {
    let mut text = String::from(
        "# Functions of the backend that compilations run, placed first by the backend's link\n\
         # (build.rs). Written by `./y.sh hot-code`; names of the `dist` profile's build.\n",
    );
    for name in order {
        text.push_str(name);
        text.push('\n');
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// How many of the listed functions the built dylib defines (`nm`): a low count means the
/// list is stale or was recorded with another profile.
pub fn placed(ctx: &Ctx, dylib: &Path) -> Option<(usize, usize)> {
    let listed: Vec<String> = std::fs::read_to_string(path(ctx))
        .ok()?
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_string)
        .collect();
    let symbols = util::output(Command::new("nm").arg("--defined-only").arg(dylib)).ok()?;
    let defined: HashSet<&str> = symbols.lines().filter_map(|l| l.split_whitespace().nth(2)).collect();
    Some((listed.iter().filter(|name| defined.contains(name.as_str())).count(), listed.len()))
}
