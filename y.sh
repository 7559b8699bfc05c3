#!/usr/bin/env bash
# Entry point of the build system: `./y.sh help` lists the commands.
# This script only makes sure the pinned toolchain exists (rustup does not install it on its
# own here) and compiles the build system; everything else is Rust in build_system/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
toolchain="$(sed -n 's/^channel *= *"\(.*\)".*/\1/p' "$root/rust-toolchain.toml")"
components="$(sed -n 's/^components *= *\[\(.*\)\].*/\1/p' "$root/rust-toolchain.toml" | tr -d ' "')"
if [ -z "$toolchain" ]; then
    echo "y.sh: no channel found in $root/rust-toolchain.toml" >&2
    exit 1
fi

installed="$(rustup toolchain list)"
if ! grep -q "^$toolchain-" <<<"$installed"; then
    echo "==> Installing Rust toolchain $toolchain (first run only)" >&2
    rustup toolchain install "$toolchain" --profile minimal --no-self-update \
        ${components:+--component "$components"} >&2
fi

# Quiet and a no-op when nothing changed. A target dir of its own, so this never waits for
# the lock of a backend build running elsewhere.
cargo "+$toolchain" build --quiet --manifest-path "$root/Cargo.toml" -p fastclif-build \
    --target-dir "$root/target/build_system"

export FASTCLIF_ROOT="$root"
exec "$root/target/build_system/debug/fastclif-build" "$@"
