#!/usr/bin/env sh
# Runs the Go adapter's unit tests, then shows that `fba check` gates it: build/fba-go must pass
# in both profiles, and the fba_no_occupied_check variant must fail (exit 1) with a shrunk trace
# of at most 6 requests (examples/check-adapter.sh does the checking).
# usage: gate-test.sh [REQUESTS]   (default 1000000 generated requests per profile)
# Needs go (1.19 or later, standard library only) and target/fba.jar; FBA overrides the launcher.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/build.sh" >/dev/null
# the unit tests (memory words, orders, growth policy) first, with build.sh's caches
(cd "$here" && GOCACHE="$here/build/gocache" GOPATH="$here/build/gopath" GOPROXY=off GOFLAGS= \
  ${GO:-go} test -count=1 ./...) || { echo "FAIL go test"; exit 1; }
exec "$here/../check-adapter.sh" "${1:-1000000}" "$here/build/fba-go" \
  "$here/build/fba-go-no-occupied-check"
