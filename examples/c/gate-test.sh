#!/usr/bin/env sh
# Shows that `fba check` gates implementations: the conforming C build must pass in both
# profiles, and each deliberately divergent variant must fail (exit 1) with a shrunk trace of at
# most 6 requests (examples/check-adapter.sh does the checking).
# usage: gate-test.sh [REQUESTS]   (default 1000000 generated requests for the conforming build)
# Needs target/fba.jar (mvn -B -q package -DskipTests); FBA overrides the launcher command.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/build.sh" >/dev/null
exec "$here/../check-adapter.sh" "${1:-1000000}" "$here/build/fba-c" \
  "$here/build/fba-c-zero-empty-list" "$here/build/fba-c-no-grow" "$here/build/fba-c-fifo"
