//! What every subcommand is handed: where the repository is, its settings and its toolchain.
//! Kept out of `main.rs` so that the modules below it never have to import the entry point.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::toolchain::Toolchain;

pub struct Ctx {
    /// Repository root (where `y.sh` lives).
    pub root: PathBuf,
    pub config: Config,
    pub toolchain: Toolchain,
}

impl Ctx {
    pub fn target_dir(&self) -> PathBuf {
        self.root.join("target")
    }
    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// Deletes `paths` (files or directory trees) that a test built and no longer needs, unless
    /// the settings keep test builds. Only called for what passed: a failure's outputs stay
    /// for its logs. A path that cannot be removed is reported, not an error: the test passed.
    pub fn discard_test_outputs(&self, paths: &[&Path]) {
        if self.config.keep_test_builds {
            return;
        }
        for path in paths {
            let removed =
                if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
            match removed {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => println!("warning: cannot remove {}: {e}", path.display()),
            }
        }
    }
}
