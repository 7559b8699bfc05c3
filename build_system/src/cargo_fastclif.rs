//! The `cargo fastclif` subcommand that `./y.sh install` puts on `PATH`: a POSIX shell script,
//! `build_system/cargo-fastclif.sh`, with the paths of this installation written into it.
//!
//! A script rather than a compiled program: all it does is check three files and `exec` cargo
//! with a few settings, it needs no build step, and it keeps working (and says why nothing
//! else does) when the toolchain it would otherwise have been compiled with is gone.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::build;
use crate::ctx::Ctx;
use crate::util::Result;

const TEMPLATE: &str = include_str!("../cargo-fastclif.sh");
pub const SCRIPT_NAME: &str = "cargo-fastclif";

/// What the script checks and uses.
pub struct Paths {
    /// The pinned toolchain, e.g. `nightly-2026-07-22`.
    pub channel: String,
    /// The backend installed in that toolchain's sysroot.
    pub backend: PathBuf,
    /// The sysroot's `lib/`, which holds the `librustc_driver-<hash>.so` the backend needs.
    pub sysroot_lib: PathBuf,
    /// `dist/`'s copy of the backend: an installed backend older than it is stale.
    pub dist: PathBuf,
    /// The repository, named in the hints.
    pub root: PathBuf,
}

impl Paths {
    /// This checkout's paths.
    pub fn of(ctx: &Ctx, installed_backend: &Path) -> Result<Paths> {
        Ok(Paths {
            channel: ctx.toolchain.channel.clone(),
            backend: installed_backend.to_path_buf(),
            sysroot_lib: ctx.toolchain.sysroot()?.join("lib"),
            dist: build::dist_dylib(ctx),
            root: ctx.root.clone(),
        })
    }
}

/// The script with `paths` filled in (single-quoted in the script, so a path must not
/// contain `'`).
pub fn render(paths: &Paths) -> Result<String> {
    let mut text = TEMPLATE.to_string();
    let values = [
        ("@CHANNEL@", paths.channel.clone()),
        ("@BACKEND@", paths.backend.display().to_string()),
        ("@SYSROOT_LIB@", paths.sysroot_lib.display().to_string()),
        ("@DIST@", paths.dist.display().to_string()),
        ("@ROOT@", paths.root.display().to_string()),
    ];
    for (key, value) in values {
        if value.contains('\'') {
            return Err(format!("cannot write {SCRIPT_NAME}: `{value}` contains a single quote"));
        }
        text = text.replace(key, &value);
    }
    Ok(text)
}

/// Writes the script for `paths` to `path` (executable).
pub fn write(paths: &Paths, path: &Path) -> Result {
    let text = render(paths)?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    // Through a temporary file (one per process: another `./y.sh install` may be writing too),
    // so that a `cargo fastclif` running right now keeps reading the old script.
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("cannot make {} executable: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("cannot move {} to {}: {e}", tmp.display(), path.display()))
}

/// Where cargo finds external subcommands installed by `cargo install`: `$CARGO_HOME/bin`,
/// by default `~/.cargo/bin`.
pub fn install_path() -> Result<PathBuf> {
    let cargo_home = match std::env::var_os("CARGO_HOME").filter(|v| !v.is_empty()) {
        Some(home) => PathBuf::from(home),
        None => {
            let home = std::env::var_os("HOME").ok_or("neither CARGO_HOME nor HOME is set")?;
            PathBuf::from(home).join(".cargo")
        }
    };
    Ok(cargo_home.join("bin").join(SCRIPT_NAME))
}

/// Part of `./y.sh install`: writes `cargo-fastclif` for the backend installed at
/// `installed_backend`. Returns where.
pub fn install(ctx: &Ctx, installed_backend: &Path) -> Result<PathBuf> {
    let path = install_path()?;
    write(&Paths::of(ctx, installed_backend)?, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Paths {
        Paths {
            channel: "nightly-2026-07-22".into(),
            backend: "/sysroot/lib/rustlib/x/codegen-backends/librustc_codegen_fastclif.so".into(),
            sysroot_lib: "/sysroot/lib".into(),
            dist: "/repo/dist/librustc_codegen_fastclif.so".into(),
            root: "/repo".into(),
        }
    }

    #[test]
    fn renders_every_value() {
        let text = render(&paths()).unwrap();
        let placeholder = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase() || c == '_');
        assert!(!text.split('@').any(placeholder), "a placeholder is left");
        assert!(text.contains("channel='nightly-2026-07-22'"));
        assert!(text.contains("root='/repo'"));
        let mut bad = paths();
        bad.root = "/it's".into();
        assert!(render(&bad).is_err());
    }

    #[test]
    fn script_is_valid_sh() {
        let dir = std::env::temp_dir().join(format!("fastclif-cargo-fastclif-{}", std::process::id()));
        let script = dir.join(SCRIPT_NAME);
        write(&paths(), &script).unwrap();
        let status = std::process::Command::new("sh").arg("-n").arg(&script).status().unwrap();
        assert!(status.success());
        // Runs up to the first check: the made-up toolchain is not installed.
        let out = std::process::Command::new(&script).args(["fastclif", "build"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(err.starts_with("error: cargo fastclif: the toolchain nightly-2026-07-22"), "{err}");
        assert_eq!(err.lines().count(), 1);
        let _ = fs::remove_dir_all(&dir);
    }
}
