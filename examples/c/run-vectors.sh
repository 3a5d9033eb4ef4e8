#!/usr/bin/env sh
# Replays conformance vectors (spec/vectors/*.vec) through the C implementation, each file in a
# fresh process, and compares every response that has an expectation (errors by code only).
# Files pinned with "#! profile P" run in profile P, others in substrate and strict; the profile
# reaches the implementation as FBA_PROFILE in its environment. A file pinned to a profile the
# implementation does not implement (not in --profiles) is skipped, and the skip is printed.
# usage: run-vectors.sh [--impl COMMAND] [--profiles "P..."] [FILE|DIR...]
#   exit 0 = all pass, 1 = a mismatch
#   COMMAND runs under /bin/sh -c (default: examples/c/build/fba-c); any adapter that reads its
#   profile from FBA_PROFILE can be replayed the same way. --profiles lists the profiles COMMAND
#   implements (default "substrate strict", what fba-c implements; add "proposal" for an adapter
#   of the original proposal, spec/allocator.md §11).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
impl="$here/build/fba-c"
if [ "${1:-}" = "--impl" ]; then
  impl=$2
  shift 2
elif [ ! -x "$impl" ]; then
  echo "run-vectors: $impl is missing; build it with examples/c/build.sh" >&2
  exit 2
fi
profiles="substrate strict"
if [ "${1:-}" = "--profiles" ]; then
  profiles=$2
  shift 2
fi
[ $# -gt 0 ] || set -- "$here/../../spec/vectors"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files="$work/files"
: >"$files"
for arg in "$@"; do
  if [ -d "$arg" ]; then find "$arg" -name '*.vec' -type f | sort >>"$files"
  elif [ -f "$arg" ]; then echo "$arg" >>"$files"
  else echo "run-vectors: no such file or directory: $arg" >&2; exit 2
  fi
done

pass=0
fail=0
skip=0
# check FILE PROFILE: prints one result line, returns 1 on mismatch
check() {
  # requests: every line that is not blank or a comment, without its expectation;
  # expect: "<vector line number>\t<expected or empty>\t<request>" per request
  awk -v req="$work/req" -v xp="$work/exp" '
    { sub(/\r$/, "") }
    $0 == "" || substr($0, 1, 1) == "#" { next }
    { i = index($0, " => ")
      if (i > 0) { r = substr($0, 1, i - 1); e = substr($0, i + 4) } else { r = $0; e = "" }
      print r > req
      printf "%d\t%s\t%s\n", NR, e, r > xp }' "$1" ||
    { echo "run-vectors: cannot parse $1" >&2; exit 2; }
  [ -f "$work/req" ] || : >"$work/req"
  [ -f "$work/exp" ] || : >"$work/exp"
  FBA_PROFILE=$2 /bin/sh -c "$impl" <"$work/req" >"$work/act" 2>"$work/err" || true
  # compare: errors by code, successes exactly
  if awk -F '\t' -v act="$work/act" -v file="$1" -v profile="$2" '
      { if ((getline got < act) <= 0) got = "<no response>"
        if ($2 == "") next
        split($2, e, " "); split(got, g, " ")
        same = (e[1] == "err") ? (g[1] == "err" && g[2] == e[2]) : (got == $2)
        if (!same) {
          printf "FAIL %s [%s] line %d: %s\n  expected: %s\n  actual:   %s\n", file, profile, $1, $3, $2, got
          exit 1 } }
      END { if ((getline extra < act) > 0) { printf "FAIL %s [%s]: extra output: %s\n", file, profile, extra; exit 1 } }
    ' "$work/exp"; then
    echo "pass $1 [$2]"
    rm -f "$work/req" "$work/exp"
    return 0
  fi
  rm -f "$work/req" "$work/exp"
  return 1
}

while IFS= read -r f; do
  pinned=$(sed -n 's/^#! *profile *\([a-z]*\).*/\1/p' "$f" | head -n 1)
  for profile in ${pinned:-substrate strict}; do
    case " $profiles " in
      *" $profile "*) ;;
      *) echo "skip $f [$profile]: the implementation does not implement this profile (--profiles \"$profiles\")"
         skip=$((skip + 1)); continue ;;
    esac
    if check "$f" "$profile"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  done
done <"$files"

echo "run-vectors: $pass passed, $fail failed, $skip skipped ($impl)"
[ "$fail" -eq 0 ]
