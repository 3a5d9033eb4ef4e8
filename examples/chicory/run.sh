#!/usr/bin/env bash
# examples/chicory/run.sh — fba inside a real Wasm engine, end to end (issue 29; a gate step):
#   1. builds the C programs for wasm32 and natively (programs/build.sh: clang + lld, gcc)
#   2. checks that the core artifact target/fba-core-VERSION.jar (built by `mvn -B package`) holds
#      fba.core alone, installs it into the local Maven repository as dev.fba:fba-core:VERSION and
#      builds this host against it and Chicory, nothing else (its JUnit tests run here)
#   3. runs each program's entry point on Chicory with fba as its allocator, recording every
#      allocator call (>= 10^5 per program) into target/chicory/NAME.vec, and checks that
#      - the checksum equals the native build's (gcc, the C library's malloc), and
#      - ./fba run replays the recorded trace with identical responses
#   4. checks that spec/vectors/wasm/NAME.vec is the recording's first 1500 calls, byte for byte
#      (--update writes them instead)
# Usage: examples/chicory/run.sh [--update]   (from anywhere; run `mvn -B package` first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/examples/chicory
cd "$root"
update=0
case "$*" in
  "") ;;
  --update) update=1 ;;
  *) echo "usage: examples/chicory/run.sh [--update]" >&2; exit 2 ;;
esac
out=$root/target/chicory
mkdir -p "$out"

# program and N: N chosen so that each run makes at least 10^5 allocator calls
programs="codec:300 hashmap:55000 tree:20000 strsort:52000"
prefix_calls=1500
min_calls=100000

"$here/programs/build.sh" >/dev/null

# the newest core jar: after a version change the old one may still be in target/
core=$(ls -t target/fba-core-*.jar 2>/dev/null | grep -v -- '-javadoc\.jar$' | head -1 || true)
if [ -z "$core" ]; then
  echo "run.sh: no target/fba-core-VERSION.jar: build it first with mvn -B package" >&2
  exit 2
fi
# the core artifact holds fba.core and nothing else (no other package, no dependency)
foreign=$(jar tf "$core" | grep -v -e '^META-INF/' -e '^fba/$' -e '^fba/core/[^/]*$' || true)
if [ -n "$foreign" ]; then
  echo "run.sh: $core holds more than fba.core:" >&2
  echo "$foreign" >&2
  exit 1
fi
version=$(basename "$core" .jar)
version=${version#fba-core-}
mvn -B -q org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file -Dfile="$core" \
  -DgroupId=dev.fba -DartifactId=fba-core -Dversion="$version" -Dpackaging=jar
mvn -B -q -f "$here/pom.xml" -Dfba.version="$version" package
host="java -jar $here/target/fba-chicory-host.jar"

status=0
for entry in $programs; do
  name=${entry%%:*}
  n=${entry#*:}
  native=$("$here/programs/build/$name-native" "$n")
  if ! $host "$here/programs/build/$name.wasm" "$n" --trace "$out/$name.vec" \
      --prefix "$prefix_calls" "$out/$name-prefix.vec" >"$out/$name.out" 2>"$out/$name.err"; then
    echo "$name: the host failed:" >&2
    cat "$out/$name.err" >&2
    status=1
    continue
  fi
  wasm=$(sed -n 's/^checksum //p' "$out/$name.out")
  calls=$(grep -c '^malloc \|^free ' "$out/$name.vec" || true)
  if [ "$wasm" != "$native" ]; then
    echo "$name: checksum $wasm on Chicory with fba, $native native: a live block was clobbered" >&2
    status=1
  fi
  if [ "$calls" -lt "$min_calls" ]; then
    echo "$name: only $calls allocator calls recorded (want >= $min_calls)" >&2
    status=1
  fi
  if ! ./fba run --quiet "$out/$name.vec" >"$out/$name.run" 2>&1; then
    echo "$name: ./fba run does not replay the recorded trace identically:" >&2
    cat "$out/$name.run" >&2
    status=1
  fi
  vec=spec/vectors/wasm/$name.vec
  if [ "$update" = 1 ]; then
    mkdir -p spec/vectors/wasm
    cp "$out/$name-prefix.vec" "$vec"
  elif ! cmp -s "$out/$name-prefix.vec" "$vec"; then
    echo "$name: $vec is not this recording's first $prefix_calls calls (examples/chicory/run.sh --update rewrites it): diff $out/$name-prefix.vec $vec" >&2
    status=1
  fi
  echo "$name($n): checksum $wasm = native, $calls allocator calls, trace replays under ./fba run ($(sed -n 's/^allocator calls: [0-9]*, //p' "$out/$name.err"))"
done
exit $status
