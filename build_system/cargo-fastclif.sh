#!/bin/sh
# cargo-fastclif: `cargo fastclif <command> [args]` runs the cargo of the toolchain fastclif is
# built for, with fastclif as the codegen backend of the dev and test profiles (build scripts,
# proc macros and dependencies included) and of the doctests rustdoc compiles. `--release`,
# `--profile <other>` and `bench` stay on LLVM.
#
# Written by `./y.sh install` in @ROOT@ (build_system/src/cargo_fastclif.rs fills in the
# @...@ values); run it again after changing the toolchain or moving the repository.
set -u

channel='@CHANNEL@'
backend='@BACKEND@'
sysroot_lib='@SYSROOT_LIB@'
dist='@DIST@'
root='@ROOT@'

fail() {
    echo "error: cargo fastclif: $*" >&2
    exit 1
}

# Cargo runs an external subcommand as `cargo-fastclif fastclif <args>`.
if [ "${1-}" = fastclif ]; then
    shift
fi
case "${1-}" in
'' | -h | --help)
    echo "usage: cargo fastclif <cargo command> [args]   e.g. cargo fastclif build, cargo fastclif test"
    echo "runs \`cargo +$channel\` with fastclif for the dev and test profiles and doctests; --release stays on LLVM"
    exit 0
    ;;
+*) fail "cargo fastclif always uses $channel, the toolchain fastclif is built for; drop \`$1\`" ;;
esac

# What rustc would otherwise report as `failed to find a codegen-backends folder` or
# `librustc_driver-....so: cannot open shared object file`, in one sentence each.
if [ ! -d "$sysroot_lib" ]; then
    fail "the toolchain $channel that fastclif is built for is not installed; run \`./y.sh prepare && ./y.sh install\` in $root"
fi
if [ ! -f "$backend" ]; then
    fail "fastclif is not installed in the $channel toolchain ($backend is missing); run \`./y.sh install\` in $root"
fi
driver=$(grep -ao 'librustc_driver-[0-9a-f]*\.so' "$backend" | head -n 1)
if [ -z "$driver" ] || [ ! -f "$sysroot_lib/$driver" ]; then
    fail "the installed backend $backend was built for another rustc than $channel's (it needs ${driver:-librustc_driver}, which $sysroot_lib does not have); run \`./y.sh install\` in $root"
fi
if [ -f "$dist" ] && [ "$dist" -nt "$backend" ] && ! cmp -s "$dist" "$backend"; then
    fail "the installed backend is older than the last build in $dist; run \`./y.sh install\` in $root"
fi

# The profile the command builds with: dev (test for `cargo test`, which inherits it) unless
# `--release`, `--profile` or `bench` says otherwise.
profile=dev
if [ "$1" = bench ]; then
    profile=bench
fi
previous=
for arg in "$@"; do
    if [ "$previous" = --profile ]; then
        profile=$arg
    fi
    case "$arg" in
    --) break ;;
    --release | -r) profile=release ;;
    --profile=*) profile=${arg#--profile=} ;;
    esac
    previous=$arg
done

# A profile setting the user made in the environment wins; cargo merges the
# `build.rustdocflags` given here with those of the user's config files, but RUSTDOCFLAGS in
# the environment replaces them, so in that case the flag is appended to it.
export CARGO_PROFILE_DEV_CODEGEN_BACKEND="${CARGO_PROFILE_DEV_CODEGEN_BACKEND-fastclif}"
export CARGO_PROFILE_TEST_CODEGEN_BACKEND="${CARGO_PROFILE_TEST_CODEGEN_BACKEND-fastclif}"
case "$profile" in
dev | test)
    if [ -n "${CARGO_ENCODED_RUSTDOCFLAGS+set}" ]; then
        CARGO_ENCODED_RUSTDOCFLAGS="${CARGO_ENCODED_RUSTDOCFLAGS:+$CARGO_ENCODED_RUSTDOCFLAGS$(printf '\037')}-Zcodegen-backend=fastclif"
        export CARGO_ENCODED_RUSTDOCFLAGS
    elif [ -n "${RUSTDOCFLAGS+set}" ]; then
        export RUSTDOCFLAGS="${RUSTDOCFLAGS:+$RUSTDOCFLAGS }-Zcodegen-backend=fastclif"
    else
        exec cargo "+$channel" -Zcodegen-backend --config 'build.rustdocflags=["-Zcodegen-backend=fastclif"]' "$@"
    fi
    ;;
esac
exec cargo "+$channel" -Zcodegen-backend "$@"
