#!/usr/bin/env bash
# Benchmark of the trace explorer: how long a real browser takes to open the page of a
# 100 000-request trace (the target is under 3 s).
#
#   verification/explorer-bench.sh [REQUESTS] [RUNS]      (defaults 100000 and 3)
#
# Builds a seeded trace in a 4 GiB heap: 120 blocks of 32 MiB (3.75 GiB) first, then small
# mallocs (1 to 512 bytes) and frees of random live blocks, with a peek or stats now and then,
# so no request fails (every malloc/free error would poison the heap and end the trace's
# interest). The pointers come from `./fba serve` itself. Then `./fba replay --html` writes the
# page and headless Chromium opens it RUNS times at its last request; per run it prints the page's
# own figure (data-ready-ms: from navigation start to the end of the first drawing) and the wall
# time of the whole browser process to a screenshot and to a DOM dump, after a baseline: the
# browser's wall time to a screenshot of an empty page.
# Needs target/fba.jar (mvn -q package -DskipTests) and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-3}
case "$n$runs" in *[!0-9]*) echo "explorer-bench: REQUESTS and RUNS must be numbers" >&2; exit 2 ;; esac
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "explorer-bench: no chromium found (apt-get install chromium)" >&2; exit 2; }
[ -f target/fba.jar ] || { echo "explorer-bench: no target/fba.jar (mvn -q package -DskipTests)" >&2; exit 2; }

dir=target/explorer-bench
mkdir -p "$dir"
trace=$dir/trace-$n.vec
if [ -s "$trace" ] && [ "$(wc -l < "$trace")" -eq "$n" ]; then
  echo "reusing $trace (delete it to build it again)"
else
coproc SERVE { ./fba serve; }
ask() { # ask REQUEST: sends it, appends it to the trace, leaves the response in $resp
  echo "$1" >&"${SERVE[1]}"
  read -r resp <&"${SERVE[0]}"
  echo "$1" >> "$trace"
}
: > "$trace"
RANDOM=1
ask "init 0 onchain 1 65536"
live=()
sent=1
for _ in $(seq 120); do ask "malloc 33554432"; live+=("${resp#ok }"); sent=$((sent + 1)); done
while [ "$sent" -lt "$n" ]; do
  r=$((RANDOM % 100))
  if [ "$r" -lt 44 ] && [ "${#live[@]}" -gt 120 ]; then
    i=$((120 + RANDOM % (${#live[@]} - 120)))
    ask "free ${live[$i]}"
    live[$i]=${live[$((${#live[@]} - 1))]}
    unset 'live[-1]'
  elif [ "$r" -lt 97 ]; then
    ask "malloc $((1 + RANDOM % 512))"
    live+=("${resp#ok }")
  elif [ "$r" -lt 99 ]; then
    ask "peek ${live[$((RANDOM % ${#live[@]}))]}"
  else
    ask "stats"
  fi
  case "$resp" in ok*) ;; *) echo "explorer-bench: the trace went wrong at request $sent: $resp" >&2; exit 1 ;; esac
  sent=$((sent + 1))
done
exec {SERVE[1]}>&-
wait "$SERVE_PID" || true
fi

t0=$(date +%s.%N)
./fba replay --html "$dir/trace-$n.html" "$trace" > /dev/null
t1=$(date +%s.%N)
printf 'trace: %s (%d requests); page: %s bytes, written in %.1f s\n' \
  "$trace" "$(wc -l < "$trace")" "$(wc -c < "$dir/trace-$n.html")" "$(echo "$t1 - $t0" | bc)"
# The browser's own start and exit, for comparison: the same command on an empty page.
echo '<!DOCTYPE html><html><body>empty</body></html>' > "$dir/empty.html"
t0=$(date +%s.%N)
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" \
  --window-size=1200,900 --screenshot="$dir/shot.png" "file://$PWD/$dir/empty.html" > /dev/null 2>&1
t1=$(date +%s.%N)
printf 'baseline: chromium to a screenshot of an empty page %.2f s wall\n' "$(echo "$t1 - $t0" | bc)"
for run in $(seq "$runs"); do
  t0=$(date +%s.%N)
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" \
    --dump-dom "file://$PWD/$dir/trace-$n.html#step=$n" > "$dir/dom.html" 2>/dev/null
  t1=$(date +%s.%N)
  ready=$(grep -o 'data-ready-ms="[0-9]*"' "$dir/dom.html" | grep -o '[0-9]*' || true)
  [ -n "$ready" ] || { echo "explorer-bench: the page did not finish its first drawing" >&2; exit 1; }
  parsed=$(grep -o 'data-parsed-ms="[0-9]*"' "$dir/dom.html" | grep -o '[0-9]*')
  # A screenshot waits for the load and paints, without serialising the 10 MB DOM.
  t2=$(date +%s.%N)
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1200,900 \
    --screenshot="$dir/shot.png" "file://$PWD/$dir/trace-$n.html#step=$n" > /dev/null 2>&1
  t3=$(date +%s.%N)
  printf 'run %d: page drawn %d ms after navigation start (data parsed at %d ms; request %d drawn); chromium wall: %.2f s to a screenshot, %.2f s to a DOM dump; load %s\n' \
    "$run" "$ready" "$parsed" "$n" "$(echo "$t3 - $t2" | bc)" "$(echo "$t1 - $t0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
