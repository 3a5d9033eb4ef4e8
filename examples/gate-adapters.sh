#!/usr/bin/env sh
# The gate's adapter checks: for each example (C, Rust, Go) its conforming build passes
# `fba check` in both profiles and each deliberately divergent variant is caught with a shrunk
# trace of at most 6 requests. Runs all three, then fails if any failed.
# usage: gate-adapters.sh [REQUESTS]   (default 1000000 generated requests per profile)
set -u
here=$(cd "$(dirname "$0")" && pwd)
failed=""
for example in c rust go; do
  echo "== examples/$example"
  "$here/$example/gate-test.sh" "${1:-1000000}" || failed="$failed $example"
done
if [ -n "$failed" ]; then
  echo "gate-adapters: FAILED:$failed"
  exit 1
fi
echo "gate-adapters: all three adapters pass and their variants are caught"
