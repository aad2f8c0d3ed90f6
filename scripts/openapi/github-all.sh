#!/usr/bin/env bash
# Fetches GitHub's whole REST description (npm package @octokit/openapi, 13 MB, 1,223
# operations), generates one outcome enum per operation, each under its
# `#[openapi::contract]`, and builds them as a library under `#![deny(warnings)]`. Prints the
# enum count and the build's CPU time and peak memory (GNU time), for BENCHMARKS.md.
#
#   bash scripts/openapi/github-all.sh              # all operations, with the contract check
#   bash scripts/openapi/github-all.sh --limit 50   # the first 50
#   bash scripts/openapi/github-all.sh --no-contract  # the same enums without the check
#   bash scripts/openapi/github-all.sh --optimized-macros  # proc macros at opt-level 3
#
# Downloads and the generated crate live under target/openapi-github/ (never committed); the
# build shares the workspace's target directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
version=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
work="$root/target/openapi-github"
limit=()
optimized=0
contract=(--contract api.github.com.json)
name=all
while [ $# -gt 0 ]; do
    case "$1" in
        --limit) limit=(--limit "$2"); name="first$2"; shift 2 ;;
        --no-contract) contract=(); name="$name-unchecked"; shift ;;
        --optimized-macros) optimized=1; name="$name-optimized"; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
[ ${#contract[@]} -eq 0 ] && [ "$name" = all ] && name=all-unchecked

mkdir -p "$work"
description="$work/package/generated/api.github.com.json"
if [ ! -f "$description" ]; then
    (cd "$work" && npm pack --silent "@octokit/openapi@$version" >/dev/null \
        && tar xzf "octokit-openapi-$version.tgz")
fi

crate="$work/$name"
mkdir -p "$crate/src"
cp "$description" "$crate/src/api.github.com.json"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "github-outcomes-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
response-handler = { path = "$root/runtime", features = ["openapi"] }
serde_json = "1"

[workspace]
TOML
if [ "$optimized" = 1 ]; then
    # What the README recommends: the description is parsed by the proc macro, which cargo
    # builds unoptimised in the dev profile unless told otherwise.
    printf '\n[profile.dev.build-override]\nopt-level = 3\n' >> "$crate/Cargo.toml"
fi
cp "$root/Cargo.lock" "$crate/Cargo.lock"
cat > "$crate/src/lib.rs" <<'RUST'
//! One outcome enum per operation of GitHub's REST description (generated).
#![deny(warnings)]

mod generated;
pub use generated::*;
RUST

export CARGO_TARGET_DIR="$root/target"
cargo build --quiet --release -p response-handler-openapi --manifest-path "$root/Cargo.toml"
"$root/target/release/response-handler-openapi" "$description" "${contract[@]}" "${limit[@]}" \
    > "$crate/src/generated.rs"
rustfmt --edition 2024 --check "$crate/src/generated.rs"
echo "enums: $(grep -c '^pub enum ' "$crate/src/generated.rs")"

# Dependencies first, then the crate alone, timed; not incremental, so that the timed build
# compiles the crate from scratch (the proc macros run on every build anyway).
export CARGO_INCREMENTAL=0
cargo build --quiet --manifest-path "$crate/Cargo.toml"
touch "$crate/src/lib.rs"
/usr/bin/time -f "build of the crate alone: %U s user, %S s system, %e s wall, %M KiB peak RSS" \
    cargo build --quiet --manifest-path "$crate/Cargo.toml"
