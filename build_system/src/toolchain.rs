//! The pinned nightly toolchain: read from `rust-toolchain.toml`, installed through rustup.
//! Every cargo/rustc the build system runs is invoked as `cargo +<channel>` / `rustc +<channel>`
//! so the result does not depend on the user's default toolchain.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::mini_toml::{self, Value};
use crate::util::{self, Result};

#[derive(Debug, Clone)]
pub struct Toolchain {
    /// e.g. `nightly-2026-07-22`
    pub channel: String,
    /// Components from `rust-toolchain.toml`, e.g. `rustc-dev`.
    pub components: Vec<String>,
}

impl Toolchain {
    pub fn load(root: &Path) -> Result<Toolchain> {
        let path = root.join("rust-toolchain.toml");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Toolchain::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Toolchain> {
        let mut channel = None;
        let mut components = Vec::new();
        for entry in mini_toml::parse(text)? {
            match (entry.section.as_str(), entry.key.as_str(), entry.value) {
                ("toolchain", "channel", Value::Str(s)) => channel = Some(s),
                ("toolchain", "components", Value::StrArray(c)) => components = c,
                _ => {}
            }
        }
        let channel = channel.ok_or("no `channel` in [toolchain]")?;
        Ok(Toolchain { channel, components })
    }

    /// `cargo +<channel>`
    pub fn cargo(&self) -> Command {
        let mut cmd = Command::new("cargo");
        cmd.arg(format!("+{}", self.channel));
        cmd
    }

    /// `rustc +<channel>`
    pub fn rustc(&self) -> Command {
        let mut cmd = Command::new("rustc");
        cmd.arg(format!("+{}", self.channel));
        cmd
    }

    pub fn is_installed(&self) -> Result<bool> {
        let list = util::output(Command::new("rustup").args(["toolchain", "list"]))?;
        let prefix = format!("{}-", self.channel);
        Ok(list.lines().any(|l| {
            let name = l.split_whitespace().next().unwrap_or("");
            name == self.channel || name.starts_with(&prefix)
        }))
    }

    /// Installs the toolchain and any missing component. Quick (no network) when both are there.
    pub fn ensure_installed(&self) -> Result {
        if self.is_installed()? {
            println!("toolchain {} is installed", self.channel);
        } else {
            util::run(
                Command::new("rustup")
                    .args(["toolchain", "install", &self.channel, "--profile", "minimal", "--no-self-update"])
                    .arg("--component")
                    .arg(self.components.join(",")),
            )?;
        }
        let missing = self.missing_components()?;
        if missing.is_empty() {
            println!("components present: {}", self.components.join(", "));
        } else {
            util::run(
                Command::new("rustup")
                    .args(["component", "add", "--toolchain", &self.channel])
                    .args(&missing),
            )?;
        }
        Ok(())
    }

    fn missing_components(&self) -> Result<Vec<String>> {
        let host = self.host()?;
        let installed = util::output(Command::new("rustup").args([
            "component",
            "list",
            "--installed",
            "--toolchain",
            &self.channel,
        ]))?;
        let installed: Vec<&str> = installed.lines().map(str::trim).collect();
        Ok(self
            .components
            .iter()
            .filter(|c| {
                // `rust-src` is listed bare; target-specific ones carry the host triple.
                let with_host = format!("{c}-{host}");
                // rustup accepts the old `-preview` names; the list shows the new ones.
                let base = c.strip_suffix("-preview").unwrap_or(c);
                let base_with_host = format!("{base}-{host}");
                !installed
                    .iter()
                    .any(|i| *i == c.as_str() || *i == with_host || *i == base || *i == base_with_host)
            })
            .cloned()
            .collect())
    }

    pub fn sysroot(&self) -> Result<PathBuf> {
        let out = util::output(self.rustc().args(["--print", "sysroot"]))?;
        Ok(PathBuf::from(out.trim()))
    }

    pub fn host(&self) -> Result<String> {
        let out = util::output(self.rustc().arg("-vV"))?;
        out.lines()
            .find_map(|l| l.strip_prefix("host: "))
            .map(|h| h.trim().to_string())
            .ok_or_else(|| "`rustc -vV` printed no host line".to_string())
    }

    /// Where rustc looks up `-Zcodegen-backend=fastclif` by name.
    pub fn backend_install_dir(&self) -> Result<PathBuf> {
        Ok(self.sysroot()?.join("lib/rustlib").join(self.host()?).join("codegen-backends"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repo_toolchain_file() {
        let tc = Toolchain::parse(include_str!("../../rust-toolchain.toml")).unwrap();
        assert!(tc.channel.starts_with("nightly-"));
        assert!(tc.components.iter().any(|c| c == "rustc-dev"));
    }
}
