//! Published crate sources from crates.io, unpacked into a directory of ours and made their
//! own workspace roots (they lie inside this repository's workspace otherwise). Shared by the
//! real-crates suite and the tool smoke tests.

use std::fs;
use std::path::{Path, PathBuf};

use crate::ctx::Ctx;
use crate::util::{self, Result};

/// Marks a completely copied crate source directory.
const READY_MARKER: &str = ".fastclif-source-ready";

/// What to do with a `Cargo.lock` the crate publishes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lockfile {
    /// Delete it and let cargo resolve afresh, as a new user of a library would: old locked
    /// dev-dependencies may no longer build on the pinned nightly.
    Resolve,
    /// Keep it, as `cargo install --locked` of an application would.
    Keep,
}

/// `root/NAME-VERSION`, the crate's published source, downloaded through cargo on first use.
pub fn published(ctx: &Ctx, name: &str, version: &str, root: &Path, lock: Lockfile) -> Result<PathBuf> {
    let dir_name = format!("{name}-{version}");
    let dir = root.join(&dir_name);
    if dir.join(READY_MARKER).is_file() {
        return Ok(dir);
    }
    // A throwaway project that depends on exactly this version makes cargo download and
    // unpack it into its registry cache.
    let fetch = root.join(".fetch").join(&dir_name);
    fs::create_dir_all(fetch.join("src")).map_err(|e| format!("cannot create {}: {e}", fetch.display()))?;
    let manifest = format!(
        "[package]\nname = \"fastclif-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
    );
    write(&fetch.join("Cargo.toml"), &manifest)?;
    write(&fetch.join("src/lib.rs"), "")?;
    let mut cmd = ctx.toolchain.cargo();
    cmd.current_dir(&fetch).arg("fetch");
    let res = util::run_captured(&mut cmd, ctx.config.crate_timeout)?;
    if !res.success() {
        return Err(format!(
            "`cargo fetch` of {dir_name} failed ({}):\n{}",
            res.status_text(),
            res.stderr_text().trim_end()
        ));
    }
    let unpacked = registry_source(&dir_name)?;
    util::remove_dir(&dir)?;
    util::copy_dir(&unpacked, &dir)?;
    let lock_path = dir.join("Cargo.lock");
    if lock == Lockfile::Resolve && lock_path.exists() {
        fs::remove_file(&lock_path).map_err(|e| format!("cannot remove {}: {e}", lock_path.display()))?;
    }
    let manifest_path = dir.join("Cargo.toml");
    let mut manifest = fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    manifest = drop_missing_targets(&manifest, |path| dir.join(path).is_file());
    if !manifest.lines().any(|l| l.trim() == "[workspace]") {
        manifest.push_str("\n[workspace]\n");
    }
    write(&manifest_path, &manifest)?;
    write(&dir.join(READY_MARKER), "")?;
    Ok(dir)
}

/// Removes the `[[test]]`, `[[bench]]` and `[[example]]` sections of a published manifest
/// whose `path` was left out of the package (cargo refuses to load such a manifest).
fn drop_missing_targets(manifest: &str, exists: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut block = String::new();
    let mut droppable = false;
    let mut missing = false;
    let flush = |out: &mut String, block: &mut String, drop: bool| {
        if !drop {
            out.push_str(block);
        }
        block.clear();
    };
    for line in manifest.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            flush(&mut out, &mut block, droppable && missing);
            droppable = matches!(t, "[[test]]" | "[[bench]]" | "[[example]]");
            missing = false;
        } else if droppable
            && let Some((key, value)) = t.split_once('=')
            && key.trim() == "path"
        {
            let path = value.trim().trim_matches(|c| c == '"' || c == '\'');
            missing = !exists(path);
        }
        block.push_str(line);
    }
    flush(&mut out, &mut block, droppable && missing);
    out
}

/// `$CARGO_HOME/registry/src/<index>/NAME-VERSION`.
fn registry_source(dir_name: &str) -> Result<PathBuf> {
    let cargo_home = match std::env::var_os("CARGO_HOME") {
        Some(h) => PathBuf::from(h),
        None => PathBuf::from(std::env::var_os("HOME").ok_or("HOME is not set")?).join(".cargo"),
    };
    let src = cargo_home.join("registry/src");
    let indexes = fs::read_dir(&src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    for index in indexes.flatten() {
        let candidate = index.path().join(dir_name);
        if candidate.join("Cargo.toml").is_file() {
            return Ok(candidate);
        }
    }
    Err(format!("cargo fetched {dir_name} but it is not unpacked under {}", src.display()))
}

fn write(path: &Path, text: &str) -> Result {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_unpublished_targets() {
        let manifest = "[package]\nname = \"log\"\n\n[[test]]\nname = \"macros\"\npath = \"tests/macros.rs\"\n\n\
                        [[test]]\nname = \"kept\"\npath = \"tests/kept.rs\"\n[dependencies]\nx = \"1\"\n";
        let out = drop_missing_targets(manifest, |p| p == "tests/kept.rs");
        assert_eq!(
            out,
            "[package]\nname = \"log\"\n\n[[test]]\nname = \"kept\"\npath = \"tests/kept.rs\"\n[dependencies]\nx = \"1\"\n"
        );
        assert_eq!(drop_missing_targets(manifest, |_| true), manifest);
    }
}
