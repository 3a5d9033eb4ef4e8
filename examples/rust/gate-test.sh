#!/usr/bin/env sh
# Runs the Rust adapter's unit tests, then shows that `fba check` gates it: build/fba-rust must
# pass in both profiles, and the grow-exact variant must fail (exit 1) with a shrunk trace of at
# most 6 requests (examples/check-adapter.sh does the checking).
# usage: gate-test.sh [REQUESTS]   (default 1000000 generated requests per profile)
# Needs cargo (offline, no crates) and target/fba.jar; FBA overrides the launcher command.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/build.sh" >/dev/null
# the unit tests (memory words, orders, growth policy) first
if ! tests=$(CARGO_TARGET_DIR="$here/build/target-test" ${CARGO:-cargo} test --offline --quiet \
     --manifest-path "$here/Cargo.toml" 2>&1); then
  echo "$tests"; echo "FAIL cargo test"; exit 1
fi
echo "ok   cargo test: $(echo "$tests" | grep -E '^test result')"
exec "$here/../check-adapter.sh" "${1:-1000000}" "$here/build/fba-rust" \
  "$here/build/fba-rust-grow-exact"
