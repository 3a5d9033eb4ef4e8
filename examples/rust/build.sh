#!/usr/bin/env sh
# Builds the Rust adapter and its deliberately divergent variant into build/, offline (std only).
#   build/fba-rust             the conforming adapter
#   build/fba-rust-grow-exact  cargo feature grow-exact: memory grows to exactly what a block needs
#   build/fba-rust-mix         the op mix bench/compare.sh times (src/mix.rs), conforming build
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/build"
mkdir -p "$out"
CARGO=${CARGO:-cargo}
command -v "$CARGO" >/dev/null 2>&1 || {
  echo "examples/rust/build.sh: $CARGO not found; install it (Debian: apt-get install cargo rustc)" >&2
  exit 2
}
# name and cargo feature of each binary; the first is the conforming one
for variant in "fba-rust" "fba-rust-grow-exact grow-exact"; do
  set -- $variant
  name=$1
  features=${2:-}
  CARGO_TARGET_DIR="$out/target-$name" $CARGO build --offline --release --quiet \
    --manifest-path "$here/Cargo.toml" ${features:+--features "$features"}
  cp "$out/target-$name/release/fba-rust" "$out/$name"
  echo "built $out/$name"
done
# the op mix of bench/compare.sh (src/mix.rs), from the conforming build
cp "$out/target-fba-rust/release/fba-rust-mix" "$out/fba-rust-mix"
echo "built $out/fba-rust-mix"
