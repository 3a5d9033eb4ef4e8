#!/usr/bin/env sh
# Shows that `fba check` gates the Rust adapter: build/fba-rust must pass in both profiles, and
# the grow-exact variant must fail (exit 1) with a shrunk trace of at most 6 requests
# (examples/check-adapter.sh does the checking).
# usage: gate-test.sh [REQUESTS]   (default 1000000 generated requests per profile)
# Needs cargo (offline, no crates) and target/fba.jar; FBA overrides the launcher command.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/build.sh" >/dev/null
exec "$here/../check-adapter.sh" "${1:-1000000}" "$here/build/fba-rust" \
  "$here/build/fba-rust-grow-exact"
