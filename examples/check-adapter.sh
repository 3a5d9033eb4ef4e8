#!/usr/bin/env sh
# Shows that `fba check` gates an adapter: the conforming build must pass in both profiles, and
# each deliberately divergent variant must fail (exit 1) with every cause's shrunk trace at most
# 6 requests. Each example's gate-test.sh builds its binaries and calls this.
# usage: check-adapter.sh REQUESTS CONFORMING [VARIANT...]
#   REQUESTS   generated requests for each profile of the conforming build (in sessions of 1000)
#   CONFORMING the conforming binary; it is started with "--profile substrate|strict"
#   VARIANT    a divergent binary, checked in the substrate profile
# Needs target/fba.jar (mvn -B -q package -DskipTests); FBA overrides the launcher command.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fba=${FBA:-"$root/fba"}
[ $# -ge 2 ] || { echo "usage: check-adapter.sh REQUESTS CONFORMING [VARIANT...]" >&2; exit 2; }
requests=$1
conforming=$2
shift 2
case "$requests" in
  ''|*[!0-9]*) echo "check-adapter: REQUESTS '$requests' is not a number" >&2; exit 2 ;;
esac
for binary in "$conforming" "$@"; do
  [ -x "$binary" ] || { echo "check-adapter: $binary is missing or not executable" >&2; exit 2; }
done
sessions=$((requests / 1000))
[ "$sessions" -gt 0 ] || sessions=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
failed=0
name=$(basename "$conforming")

# Framing, which the checker's pipelined sessions do not all reach: one '\r' before '\n' is
# stripped, a lone '\r' is an ordinary byte, blank and '#' lines get no answer, and a last line
# without '\n' is answered. Errors compare by code.
printf 'stats\r\n\n\r\n# note\nst\rats\ninit 0 onchain 1 1\npages' | "$conforming" >"$out/framing" 2>"$out/framing.err" || true
framing=$(awk '$1 == "err" { print $1 " " $2; next } { print }' "$out/framing" | tr '\n' '|')
if [ "$framing" = "err not_initialized|err bad_request|ok|ok 1|" ]; then
  echo "ok   $name framing: CR stripped once, blank and # lines silent, last line answered"
else
  echo "FAIL $name framing: answers were '$framing'"; failed=1
fi

# Interactivity: a peer that sends one request and waits must get its answer, so the adapter
# flushes when its input runs dry (protocol.md, Framing). 10 s per answer.
lines_within() { # lines_within N FILE: true once FILE has N lines, false after 10 s
  i=0
  while [ "$(wc -l <"$2")" -lt "$1" ]; do
    i=$((i + 1))
    [ "$i" -le 100 ] || return 1
    sleep 0.1
  done
}
mkfifo "$out/in"
: >"$out/interactive"
"$conforming" <"$out/in" >"$out/interactive" 2>"$out/interactive.err" &
pid=$!
exec 3>"$out/in"
interactive=ok
printf 'init 0 onchain 1 1\n' >&3
lines_within 1 "$out/interactive" || interactive="no answer to init while waiting"
if [ "$interactive" = ok ]; then
  printf 'malloc 1\n' >&3
  lines_within 2 "$out/interactive" || interactive="no answer to malloc 1 while waiting"
fi
exec 3>&-
[ "$interactive" = ok ] || kill "$pid" 2>/dev/null || true
wait "$pid" || true
if [ "$interactive" = ok ] && [ "$(tr '\n' '|' <"$out/interactive")" = "ok|ok 8|" ]; then
  echo "ok   $name interactive: each answer arrives while the peer waits"
else
  echo "FAIL $name interactive: $interactive; got '$(tr '\n' '|' <"$out/interactive")'"; failed=1
fi

for profile in substrate strict; do
  if $fba check --impl "$conforming --profile $profile" --profile "$profile" --seed 1 \
       --sessions "$sessions" --ops 1000 --quiet --out "$out/conforming" \
       --report "$out/conforming-$profile.json" >"$out/log" 2>&1; then
    echo "ok   $name [$profile]: $(grep -E '^vectors' "$out/log"); $(grep -E '^generated' "$out/log")"
  else
    echo "FAIL $name [$profile] diverged or failed:"; cat "$out/log"; failed=1
  fi
done

for variant in "$@"; do
  vname=$(basename "$variant")
  set +e
  $fba check --impl "$variant" --seed 1 --quiet --out "$out/$vname" >"$out/log" 2>&1
  rc=$?
  set -e
  # every cause's trace must be short (a variant may show its fault as more than one cause)
  traces=$(find "$out/$vname" -name '*.vec' 2>/dev/null | sort)
  longest=0
  for trace in $traces; do
    length=$(awk '$0 != "" && substr($0, 1, 1) != "#" { n++ } END { print n + 0 }' "$trace")
    [ "$length" -ge 1 ] || longest=999
    [ "$length" -le "$longest" ] || longest=$length
  done
  causes=$(echo "$traces" | grep -c . || true)
  if [ "$rc" -eq 1 ] && [ "$causes" -ge 1 ] && [ "$longest" -le 6 ]; then
    echo "ok   $vname: check exit 1, $causes cause(s), shrunk to at most $longest requests: $(grep -E '^CAUSE' "$out/log" | tr '\n' ' ')"
  else
    echo "FAIL $vname: check exit $rc, $causes trace(s), the longest of $longest requests"
    cat "$out/log"
    failed=1
  fi
done
exit "$failed"
