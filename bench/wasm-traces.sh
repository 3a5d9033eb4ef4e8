#!/usr/bin/env sh
# bench/wasm-traces.sh — the real-trace workload of bench/compare.sh (issue 29); runs alone too.
# The traces are what the four C programs of examples/chicory asked of the allocator inside
# Chicory (>= 10^5 calls each; examples/chicory/run.sh records them into target/chicory/ and is
# run first when they are missing). Measures, in one run:
#   1. fba core vs the C build on those traces, in process: fba.examples.chicory.ReplayTraces
#      (the core jar's HostAllocator over SparseMemory) against replay-c (examples/c's allocator),
#      the same requests parsed once into arrays, one warm-up and REPS repetitions, the thread's
#      CPU time per allocator call, median; both must return every recorded pointer, and their
#      pointer sums must agree
#   2. the same traces through the protocol: ./fba serve vs examples/c/build/fba-c on the four
#      traces (requests only) concatenated COPIES times, CPU time (user + sys), median of RUNS
#   3. the cost per host call inside Chicory: each program run on the host with --timing after
#      two warm-up runs: the run's wall time, the allocator calls, and the time inside the
#      allocator (HostAllocator + ChicoryMemory, System.nanoTime around each call) per call; and
#      the whole round trip of a call (engine to host function and back): bench/hostcall.c, a
#      loop of malloc and free, its run time over its calls (its checksum checked against gcc's)
# Usage: bench/wasm-traces.sh     REPS=N (default 5), RUNS=N (default 3), COPIES=N (default 5)
set -eu
if [ $# -gt 0 ]; then echo "usage: bench/wasm-traces.sh (no arguments)" >&2; exit 2; fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reps=${REPS:-5}
runs=${RUNS:-3}
copies=${COPIES:-5}
out=target/compare
mkdir -p "$out"
programs="codec:300 hashmap:55000 tree:20000 strsort:52000"
traces=""
for p in $programs; do traces="$traces target/chicory/${p%%:*}.vec"; done
missing=0
for t in $traces; do [ -f "$t" ] || missing=1; done
host=examples/chicory/target/fba-chicory-host.jar
if [ "$missing" = 1 ] || [ ! -f "$host" ] || [ ! -x examples/c/build/fba-c ]; then
  [ -f target/fba.jar ] || mvn -B -q package -DskipTests >&2
  examples/c/build.sh >/dev/null
  examples/chicory/run.sh >&2
fi
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$out/replay-c" examples/chicory/bench/replay.c \
  examples/c/src/allocator.c examples/c/src/sparse_memory.c examples/c/src/errors.c
clang --target=wasm32 -O2 -nostdlib -fno-builtin -Wall -Werror -Wl,--no-entry -Wl,--export=__heap_base \
  -Wl,--max-memory=67108864 -o "$out/hostcall.wasm" examples/chicory/bench/hostcall.c
${CC:-cc} -O2 -Wall -Werror -o "$out/hostcall-native" examples/chicory/bench/hostcall.c

load_before=$(uptime)
# shellcheck disable=SC2086 # the trace list is a word list
java_line=$(java -cp "$host" fba.examples.chicory.ReplayTraces "$reps" $traces)
# shellcheck disable=SC2086
c_line=$("$out/replay-c" "$reps" $traces)
java_ns=$(echo "$java_line" | sed 's/.*median \([0-9.]*\) ns.*/\1/')
c_ns=$(echo "$c_line" | sed 's/.*median \([0-9.]*\) ns.*/\1/')
calls=$(echo "$c_line" | sed 's/^C: \([0-9]*\) calls.*/\1/')
[ "$(echo "$java_line" | sed 's/.*pointer sum //')" = "$(echo "$c_line" | sed 's/.*pointer sum //')" ] || {
  echo "wasm-traces: Java and C returned different pointers: $java_line / $c_line" >&2
  exit 1
}

# the traces as requests only, COPIES times over (each starts with its own init)
real=$out/wasm-real.trace
: >"$real"
i=0
while [ "$i" -lt "$copies" ]; do
  # shellcheck disable=SC2086
  sed -e '/^#/d' -e 's/ => .*//' $traces >>"$real"
  i=$((i + 1))
done
requests=$(wc -l <"$real")
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null <"$real" | awk '{ print $1 + $2 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
j=0; : >"$out/wasm-serve-java.times"; : >"$out/wasm-serve-c.times"
while [ "$j" -lt "$runs" ]; do
  cpu ./fba serve >>"$out/wasm-serve-java.times"
  cpu examples/c/build/fba-c >>"$out/wasm-serve-c.times"
  j=$((j + 1))
done
./fba serve <"$real" | sed 's/^\(err [a-z_]*\) .*/\1/' >"$out/wasm-serve-java.out"
examples/c/build/fba-c <"$real" | sed 's/^\(err [a-z_]*\) .*/\1/' >"$out/wasm-serve-c.out"
cmp -s "$out/wasm-serve-java.out" "$out/wasm-serve-c.out" || { echo "wasm-traces: serve answers differ" >&2; exit 1; }
grep -q '^err' "$out/wasm-serve-java.out" && { echo "wasm-traces: a request of the real traces failed" >&2; exit 1; }
js=$(median <"$out/wasm-serve-java.times")
cs=$(median <"$out/wasm-serve-c.times")

printf '%s\n' "load before: $load_before"
printf '%-58s %10s %10s %8s\n' "real Wasm traces ($calls allocator calls, 4 programs)" "Java" "C" "Java/C"
awk -v j="$java_ns" -v c="$c_ns" -v r="$reps" 'BEGIN { printf "%-58s %10.2f %10.2f %8.2f\n", "in process, CPU ns per call (median of " r ")", j, c, j / c }'
awk -v j="$js" -v c="$cs" -v n="$requests" -v r="$runs" 'BEGIN { printf "%-58s %10.2f %10.2f %8.2f\n", "serve of " n " requests, CPU s (median of " r ")", j, c, j / c }'
echo "inside Chicory (host jar, after 2 warm-up runs):"
for p in $programs; do
  name=${p%%:*}
  line=$(java -jar "$host" "examples/chicory/programs/build/$name.wasm" "${p#*:}" --timing --warmup 2 2>&1 >/dev/null | grep '^allocator calls')
  printf '  %-10s %s\n' "$name" "$line"
done
# the round trip: hostcall.wasm does little but call malloc and free
hc_n=500000
hc=$(java -jar "$host" "$out/hostcall.wasm" "$hc_n" --timing --warmup 2 2>&1)
[ "$(echo "$hc" | sed -n 's/^checksum //p')" = "$("$out/hostcall-native" "$hc_n")" ] || {
  echo "wasm-traces: hostcall's checksum differs from its native build's: $hc" >&2
  exit 1
}
echo "$hc" | sed -n 's/^allocator calls: \([0-9]*\), run \([0-9]*\) ms, inside the allocator \([0-9.]*\) ns.*/\1 \2 \3/p' |
  awk '{ printf "  %-10s round trip of a host call (engine, host function, allocator) %.0f ns, of which the allocator %.1f ns (%d calls)\n", "hostcall", $2 * 1e6 / $1, $3, $1 }'
echo "load after: $(uptime)"
