//! What every subcommand is handed: where the repository is, its settings and its toolchain.
//! Kept out of `main.rs` so that the modules below it never have to import the entry point.

use std::path::PathBuf;

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
}
