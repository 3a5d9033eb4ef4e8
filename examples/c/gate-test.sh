#!/usr/bin/env sh
# Shows that `fba check` gates implementations: the conforming C build must pass, and each
# deliberately divergent variant must fail (exit 1) with a shrunk trace of at most 6 requests.
# usage: gate-test.sh [REQUESTS]   (default 1000000 generated requests for the conforming build)
# Needs target/fba.jar (mvn -B -q package -DskipTests); FBA overrides the launcher command.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fba=${FBA:-"$root/fba"}
requests=${1:-1000000}
sessions=$((requests / 1000))
[ "$sessions" -gt 0 ] || sessions=1
"$here/build.sh" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
failed=0

for profile in substrate strict; do
  if $fba check --impl "$here/build/fba-c --profile $profile" --profile "$profile" --seed 1 \
       --sessions "$sessions" --ops 1000 --quiet --out "$out/conforming" \
       --report "$out/conforming-$profile.json" >"$out/log" 2>&1; then
    echo "ok   fba-c [$profile]: $(grep -E '^generated' "$out/log")"
  else
    echo "FAIL fba-c [$profile] diverged or failed:"; cat "$out/log"; failed=1
  fi
done

for variant in zero-empty-list no-grow fifo; do
  set +e
  $fba check --impl "$here/build/fba-c-$variant" --seed 1 --quiet --out "$out/$variant" >"$out/log" 2>&1
  rc=$?
  set -e
  trace=$(find "$out/$variant" -name '*.vec' 2>/dev/null | head -n 1)
  length=0
  [ -z "$trace" ] || length=$(awk '$0 != "" && substr($0, 1, 1) != "#" { n++ } END { print n + 0 }' "$trace")
  if [ "$rc" -eq 1 ] && [ -n "$trace" ] && [ "$length" -ge 1 ] && [ "$length" -le 6 ]; then
    echo "ok   fba-c-$variant: check exit 1, shrunk to $length requests"
  else
    echo "FAIL fba-c-$variant: check exit $rc, trace '${trace:-none}' of $length requests"
    cat "$out/log"
    failed=1
  fi
done
exit "$failed"
