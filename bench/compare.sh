#!/usr/bin/env sh
# bench/compare.sh — the Java reference against the native C build (examples/c) in one run
# (issue 16). Builds what is missing or stale, then measures, each side in the same run:
#   1. the core op mix (OpMix: same seed, same draws), CPU time per op: CpuTimeMix vs fba-c-mix,
#      and vs fba-rust-mix (examples/rust, release build; issue 30) when cargo is installed
#   2. `serve` of one generated 3,000,000-request trace (init, malloc/free, a fault every 100,000
#      requests, stats): ./fba serve vs fba-c, wall time with JVM start-up, and the steady-state
#      rate from a 9,000,000-request trace of the same kind: (9M - 3M) / (t9M - t3M), which
#      cancels start-up and the JIT's warm-up over the first 3M requests; likewise `replay`
#   3. peak RSS (GNU time's %M, the kernel's VmHWM) of serve, replay and check on the 3M trace
#      (check reads it as a vector file and runs it through fba-c; once more as `java -jar`)
#   4. `./fba check` against fba-c on generated sessions: requests/s and peak RSS, and where its
#      time goes (fba.check.CheckCost: CPU time per request of each stage run alone; fba-c's own
#      CPU time on the same request stream)
#   5. the real Wasm traces (issue 29): bench/wasm-traces.sh — fba core vs the C build on what four
#      C programs asked of the allocator inside Chicory, and the cost per host call inside Chicory
# and prints a table with the ratios and the machine's load (uptime) before and after.
# Java runs as a user runs it: ./fba (the launcher's default JVM options), no options added.
#
# Usage: bench/compare.sh        RUNS=N (default 3) runs per wall-time figure, median reported;
#                                MIX_REPS=N (default 5) repetitions of 5·10^7 ops per mix figure.
# Needs: a JDK, Maven, a C compiler, GNU time (/usr/bin/time, Debian package `time`).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
mix_reps=${MIX_REPS:-5}
out=target/compare
mkdir -p "$out"
if [ ! -x /usr/bin/time ]; then
  echo "compare: /usr/bin/time (GNU time) is missing: apt-get install time" >&2
  exit 2
fi

# ---- build what is missing or older than its sources ----
stale() { [ ! -f "$1" ] || [ -n "$(find src pom.xml -newer "$1" -print -quit)" ]; }
if stale target/fba.jar; then
  echo "building target/fba.jar ..." >&2
  mvn -B -q package -DskipTests >&2
fi
if stale target/benchmarks.jar; then
  echo "building target/benchmarks.jar ..." >&2
  mvn -B -q -Pbench package -DskipTests >&2
fi
examples/c/build.sh >/dev/null
# the Rust build's op mix (examples/rust/src/mix.rs), when there is a Rust toolchain
rust_mix=examples/rust/build/fba-rust-mix
if command -v "${CARGO:-cargo}" >/dev/null 2>&1; then
  examples/rust/build.sh >/dev/null
else
  echo "compare: no cargo: the op mix is not timed against the Rust build" >&2
  rust_mix=
fi
cbin=examples/c/build/fba-c
bench="java -cp target/benchmarks.jar"

# ---- traces ----
small=$out/serve-3m.trace
large=$out/serve-9m.trace
[ -f "$small" ] || $bench fba.bench.TraceGenerator serve "$small" 3000000 >&2
[ -f "$large" ] || $bench fba.bench.TraceGenerator serve "$large" 9000000 >&2
mkdir -p "$out/vectors"
# a vector file without expectations must say it only runs its requests (spec/protocol.md); check
# still compares every answer with the reference's
[ -f "$out/vectors/serve-3m.vec" ] && [ ! -L "$out/vectors/serve-3m.vec" ] || {
  rm -f "$out/vectors/serve-3m.vec"
  { echo "#! smoke"; cat "$small"; } >"$out/vectors/serve-3m.vec"
}
echo "init 0 onchain 1 65536" >"$out/tiny.trace"
n_small=3000000
n_large=9000000

load_before=$(uptime)
java_version=$(java -version 2>&1 | head -1)
cc_version=$(${CC:-cc} --version | head -1)

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed NAME CMD...: runs CMD under GNU time; appends "wall cpu rss_kib" to $out/NAME.times.
# stdin and stdout are the caller's; time's own line goes to a file, the command's stderr too.
timed() {
  name=$1
  shift
  if ! /usr/bin/time -o "$out/time.tmp" -f "%e %U %S %M" "$@" 2>"$out/$name.err"; then
    echo "compare: $name failed:" >&2
    cat "$out/$name.err" >&2
    exit 1
  fi
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out/time.tmp" >>"$out/$name.times"
}
col() { awk -v c="$2" '{ print $c }' "$out/$1.times" | median; }

rm -f "$out"/*.times

# ---- 1. the op mix ----
echo "op mix: Java ($mix_reps x 5e7 ops) ..." >&2
java_mix=$($bench fba.bench.CpuTimeMix fba "$mix_reps")
echo "op mix: C ..." >&2
c_mix=$(examples/c/build/fba-c-mix "$mix_reps")
java_ns=$(echo "$java_mix" | sed 's/.*median \([0-9.]*\) ns.*/\1/')
c_ns=$(echo "$c_mix" | sed 's/.*median \([0-9.]*\) ns.*/\1/')
java_sum=$(echo "$java_mix" | sed 's/.*pointer sum \([0-9]*\).*/\1/')
c_sum=$(echo "$c_mix" | sed 's/.*pointer sum \([0-9]*\).*/\1/')
if [ "$java_sum" != "$c_sum" ]; then
  echo "compare: the two mix drivers made different draws (pointer sums $java_sum and $c_sum)" >&2
  exit 1
fi
rust_ns=
if [ -n "$rust_mix" ]; then
  echo "op mix: Rust ..." >&2
  r_mix=$("$rust_mix" "$mix_reps")
  rust_ns=$(echo "$r_mix" | sed 's/.*median \([0-9.]*\) ns.*/\1/')
  rust_sum=$(echo "$r_mix" | sed 's/.*pointer sum \([0-9]*\).*/\1/')
  if [ "$java_sum" != "$rust_sum" ]; then
    echo "compare: the Java and Rust mix drivers made different draws (pointer sums $java_sum and $rust_sum)" >&2
    exit 1
  fi
fi

# ---- 2. serve and replay, 3M and 9M requests ----
echo "serve/replay: $runs runs of each ..." >&2
i=0
while [ "$i" -lt "$runs" ]; do
  for t in small large; do
    eval "trace=\$$t"
    timed "c-serve-$t" "$cbin" <"$trace" >"$out/c-$t.out"
    timed "java-serve-$t" ./fba serve <"$trace" >"$out/java-serve-$t.out"
    timed "java-replay-$t" ./fba replay "$trace" >"$out/java-replay-$t.out"
  done
  i=$((i + 1))
done
# The answers must agree: Java's serve and replay byte for byte, C by error code (messages are free).
for t in small large; do
  cmp -s "$out/java-serve-$t.out" "$out/java-replay-$t.out" || {
    echo "compare: serve and replay answered the $t trace differently" >&2
    exit 1
  }
  codes() { sed 's/^\(err [a-z_]*\) .*/\1/' "$1"; }
  codes "$out/java-serve-$t.out" >"$out/java-codes.tmp"
  codes "$out/c-$t.out" >"$out/c-codes.tmp"
  cmp -s "$out/java-codes.tmp" "$out/c-codes.tmp" || {
    echo "compare: Java and C answered the $t trace differently (by code): diff $out/java-serve-$t.out $out/c-$t.out" >&2
    exit 1
  }
done

# ---- 3. check: the 3M trace as a vector file, then generated sessions ----
echo "check: the 3M trace as a vector file ..." >&2
timed check-trace ./fba check --impl "$cbin" --vectors "$out/vectors" --sessions 0 --quiet >/dev/null
# the same without the launcher: `java -jar` with no JVM options (check then reruns itself in a
# child JVM with the launcher's options, fba.cli.Relaunch; GNU time reports the larger of the two)
timed check-trace-jar java -jar target/fba.jar check --impl "$cbin" --vectors "$out/vectors" --sessions 0 --quiet >/dev/null
echo "check: generated sessions ..." >&2
# under the launcher's JVM options for check (C1 only, serial GC), the code the check itself runs;
# read from ./fba, which keeps them (and LauncherOptionsTest keeps them equal to fba.cli.Relaunch's)
launcher_options() { sed -n "s/^$1=\"\(.*\)\"\$/\1/p" fba; }
check_jvm="$(launcher_options jvm_options) $(launcher_options check_options)"
case "$check_jvm" in
  *-XX:*-XX:*) ;;
  *) echo "compare: cannot read jvm_options and check_options from ./fba (got '$check_jvm')" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086 # word splitting wanted: one word per option
java $check_jvm -cp target/benchmarks.jar fba.check.CheckCost "$out/check-requests.trace" 300 >"$out/check-cost.txt"
timed check-c-alone "$cbin" <"$out/check-requests.trace" >/dev/null
timed java-serve-tiny ./fba serve <"$out/tiny.trace" >/dev/null
timed check-generated ./fba check --impl "$cbin" --no-vectors --quiet --sessions 2000 --seed 16 \
  --report "$out/check.json" >/dev/null
check_rate=$(sed -n 's/.*"requests_per_second": *\([0-9]*\).*/\1/p' "$out/check.json")
check_requests=$(sed -n 's/^ *"requests": *\([0-9]*\),*$/\1/p' "$out/check.json" | tail -1)

load_after=$(uptime)

# ---- table ----
awk -v runs="$runs" -v reps="$mix_reps" -v n3="$n_small" -v n9="$n_large" \
  -v jns="$java_ns" -v cns="$c_ns" -v rns="$rust_ns" \
  -v cs3="$(col c-serve-small 1)" -v cs9="$(col c-serve-large 1)" \
  -v js3="$(col java-serve-small 1)" -v js9="$(col java-serve-large 1)" \
  -v jr3="$(col java-replay-small 1)" -v jr9="$(col java-replay-large 1)" \
  -v ccpu3="$(col c-serve-small 2)" -v jscpu3="$(col java-serve-small 2)" -v jrcpu3="$(col java-replay-small 2)" \
  -v crss="$(col c-serve-small 3)" -v jsrss="$(col java-serve-small 3)" -v jrrss="$(col java-replay-small 3)" \
  -v ktrace_wall="$(col check-trace 1)" -v ktrace_rss="$(col check-trace 3)" -v kjar_rss="$(col check-trace-jar 3)" \
  -v kgen_rss="$(col check-generated 3)" -v krate="$check_rate" -v kreq="$check_requests" \
  -v jscpu9="$(col java-serve-large 2)" -v ccpu9="$(col c-serve-large 2)" -v jrcpu9="$(col java-replay-large 2)" \
  -v tiny_wall="$(col java-serve-tiny 1)" -v tiny_cpu="$(col java-serve-tiny 2)" \
  -v kc_cpu="$(col check-c-alone 2)" \
  -v kgen="$(sed -n 's/.*all of it) *\([0-9]*\) ns.*/\1/p' "$out/check-cost.txt")" \
  -v kref="$(sed -n 's/.*reference, byte path *\([0-9]*\) ns.*/\1/p' "$out/check-cost.txt")" \
  -v kobj="$(sed -n 's/.*object path (before; shrinking) *\([0-9]*\) ns.*/\1/p' "$out/check-cost.txt")" \
  -v kobjref="$(sed -n 's/.*reference, String path *\([0-9]*\) ns.*/\1/p' "$out/check-cost.txt")" \
  -v kcmp="$(sed -n 's/.*reader thread) *\([0-9]*\) ns.*/\1/p' "$out/check-cost.txt")" \
  -v kn="$(sed -n 's/.*CPU time, \([0-9]*\) requests.*/\1/p' "$out/check-cost.txt")" \
  -v lb="$load_before" -v la="$load_after" -v jv="$java_version" -v ccv="$cc_version" '
function met(ok) { return ok ? "met" : "NOT met" }
function mib(k) { return k / 1024 }
BEGIN {
  cst = (n9 - n3) / (cs9 - cs3) / 1e6; jst = (n9 - n3) / (js9 - js3) / 1e6; jrt = (n9 - n3) / (jr9 - jr3) / 1e6
  printf "load before: %s\njava: %s; C compiler: %s (-O2)\n\n", lb, jv, ccv
  printf "%-46s %14s %14s %8s  %s\n", "measure", "Java", "C", "Java/C", "goal"
  printf "%-46s %14.2f %14.2f %8.2f  <= 1.0: %s\n", "op mix, CPU ns/op (median of " reps ")", jns, cns, jns / cns, met(jns <= cns)
  if (rns != "") printf "%-46s %14.2f %14.2f %8.2f  <= 1.0: %s\n", "op mix vs examples/rust (column C: Rust)", jns, rns, jns / rns, met(jns <= rns + 0)
  printf "%-46s %14.2f %14.2f %8.2f  <= 2.0: %s\n", "serve 3M, wall s incl. start-up", js3, cs3, js3 / cs3, met(js3 <= 2 * cs3)
  printf "%-46s %14.2f %14.2f %8.2f  (CPU user+sys)\n", "serve 3M, CPU s", jscpu3, ccpu3, jscpu3 / ccpu3
  printf "%-46s %14.2f %14.2f %8.2f  >= 1.0: %s\n", "serve steady state, M req/s (9M - 3M)", jst, cst, jst / cst, met(jst >= cst)
  printf "%-46s %14.2f %14.2f %8.2f  <= 2.0: %s\n", "replay 3M, wall s incl. start-up", jr3, cs3, jr3 / cs3, met(jr3 <= 2 * cs3)
  printf "%-46s %14.2f %14.2f %8.2f  >= 1.0: %s\n", "replay steady state, M req/s (9M - 3M)", jrt, cst, jrt / cst, met(jrt >= cst)
  cstc = (n9 - n3) / (ccpu9 - ccpu3) / 1e6; jstc = (n9 - n3) / (jscpu9 - jscpu3) / 1e6; jrtc = (n9 - n3) / (jrcpu9 - jrcpu3) / 1e6
  printf "%-46s %14.2f %14.2f %8.2f  >= 1.0: %s\n", "serve steady state by CPU time, M req/s", jstc, cstc, jstc / cstc, met(jstc >= cstc)
  printf "%-46s %14.2f %14.2f %8.2f  >= 1.0: %s\n", "replay steady state by CPU time, M req/s", jrtc, cstc, jrtc / cstc, met(jrtc >= cstc)
  printf "%-46s %14s %14s %8s  wall %.2f s, CPU %.2f s\n", "JVM start-up: serve of one init", "", "", "", tiny_wall, tiny_cpu
  printf "%-46s %14.1f %14.1f %8s  <= 150: %s\n", "peak RSS MiB, serve 3M", mib(jsrss), mib(crss), "", met(mib(jsrss) <= 150)
  printf "%-46s %14.1f %14s %8s  <= 150: %s\n", "peak RSS MiB, replay 3M", mib(jrrss), "", "", met(mib(jrrss) <= 150)
  printf "%-46s %14.1f %14s %8s  <= 150: %s\n", "peak RSS MiB, check of the 3M trace vs C", mib(ktrace_rss), "", "", met(mib(ktrace_rss) <= 150)
  printf "%-46s %14.2f %14s %8s\n", "check of the 3M trace vs C, wall s", ktrace_wall, "", ""
  printf "%-46s %14.1f %14s %8s  (java -jar, no options: relaunched)\n", "peak RSS MiB, same check, java -jar", mib(kjar_rss), "", ""
  printf "%-46s %14.0f %14s %8s  >= 1.5M: %s\n", "check vs C, generated, req/s (" kreq " req)", krate, "", "", met(krate >= 1500000)
  printf "%-46s %14.1f %14s %8s  <= 150: %s\n", "peak RSS MiB, check generated", mib(kgen_rss), "", "", met(mib(kgen_rss) <= 150)
  printf "\nwhere check spends CPU time per request (each stage alone, C1 as in check, %d requests):\n", kn
  printf "  generator thread (draw, render, reference, batch) %6d ns, of which the reference %d ns (byte path)\n", kgen, kref
  printf "  the same sessions on the object path (before)     %6d ns, of which the reference %d ns (String path)\n", kobj, kobjref
  printf "  reader thread (split and compare responses)       %6d ns\n", kcmp
  printf "  the C adapter (fba-c, incl. its pipe I/O)         %6.0f ns\n", kc_cpu * 1e9 / kn
  printf "\nwall figures: median of %d runs; load after: %s\n", runs, la
}'

# ---- 5. the real Wasm traces (issue 29) ----
echo
RUNS=$runs REPS=$mix_reps bench/wasm-traces.sh
