#!/usr/bin/env sh
# Builds the Go adapter and its deliberately divergent variant into build/, offline (standard
# library only; the module and build caches live in build/ too).
#   build/fba-go                     the conforming adapter
#   build/fba-go-no-occupied-check   build tag fba_no_occupied_check: free ignores the occupied bit
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/build"
mkdir -p "$out"
GO=${GO:-go}
command -v "$GO" >/dev/null 2>&1 || {
  echo "examples/go/build.sh: $GO not found; install it (Debian: apt-get install golang-go)" >&2
  exit 2
}
export GOCACHE="$out/gocache" GOPATH="$out/gopath" GOPROXY=off GOFLAGS= CGO_ENABLED=0
cd "$here"
# name and build tag of each binary; the first is the conforming one
for variant in "fba-go" "fba-go-no-occupied-check fba_no_occupied_check"; do
  set -- $variant
  name=$1
  tags=${2:-}
  $GO build -trimpath ${tags:+-tags "$tags"} -o "$out/$name" .
  echo "built $out/$name"
done
