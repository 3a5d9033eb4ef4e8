#!/usr/bin/env sh
# Feeds one request file to the Java reference (fba replay) and to a C build, and prints every
# request whose responses differ (ok lines exactly, errors by code). Exit 1 if any differ.
# usage: diff_java.sh TRACE [C_BINARY] [PROFILE]     run from the repository root
set -eu
trace=$1
bin=${2:-examples/c/build/fba-c}
profile=${3:-substrate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep -v -e '^#' -e '^$' "$trace" >"$work/req" || true
java -jar target/fba.jar replay --profile "$profile" "$work/req" >"$work/java"
"$bin" --profile "$profile" <"$work/req" >"$work/c"
# reduce each response to what is compared
norm='{ if ($1 == "err") print "err " $2; else print }'
awk "$norm" "$work/java" >"$work/java.n"
awk "$norm" "$work/c" >"$work/c.n"
# columns split on the unit separator: requests may contain tabs
sep=$(printf '\037')
paste -d "$sep" "$work/req" "$work/java.n" "$work/c.n" | awk -F "$sep" '
  $2 != $3 { n++; if (n <= 20) printf "line %d: %s\n  java: %s\n  c:    %s\n", NR, $1, $2, $3 }
  END { printf "%d requests, %d differ\n", NR, n; exit n > 0 }'
