#!/usr/bin/env sh
# Builds the C implementation, its deliberately divergent variants and the op-mix benchmark
# driver (bench/mix.c, run by bench/compare.sh at the repository root) into build/. The variants
# with one fault each are what examples/c/gate-test.sh checks; fba-c-two-faults and
# fba-c-five-faults plant several independent faults (one a crash) for fba check's causes tests.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/build"
mkdir -p "$out"
CC=${CC:-cc}
flags="-std=c11 -O2 -Wall -Wextra -Werror"
src="$here/src/main.c $here/src/session.c $here/src/allocator.c $here/src/sparse_memory.c \
     $here/src/wire_out.c $here/src/errors.c"
# name and extra flags of each binary; the first is the conforming one
for variant in "fba-c" "fba-c-zero-empty-list -DFBA_ZERO_EMPTY_LIST" \
               "fba-c-no-grow -DFBA_NO_GROW" "fba-c-fifo -DFBA_FIFO" \
               "fba-c-two-faults -DFBA_NO_GROW -DFBA_CRASH_LOW_FREE" \
               "fba-c-five-faults -DFBA_NO_GROW -DFBA_CRASH_LOW_FREE -DFBA_DOUBLE_FREE_CODE \
                 -DFBA_PEAK_IS_CURRENT -DFBA_PAGES_OFF_BY_ONE"; do
  set -- $variant
  name=$1
  shift
  # shellcheck disable=SC2086 # flags and sources are word lists on purpose
  # built beside and renamed into place: a binary another process runs (a test, a parallel
  # build) keeps its old file, and no one ever starts a half-written one
  $CC $flags "$@" -o "$out/$name.$$" $src
  mv -f "$out/$name.$$" "$out/$name"
  echo "built $out/$name"
done
# shellcheck disable=SC2086
$CC $flags -o "$out/fba-c-mix.$$" "$here/bench/mix.c" "$here/src/allocator.c" "$here/src/sparse_memory.c" \
    "$here/src/errors.c"
mv -f "$out/fba-c-mix.$$" "$out/fba-c-mix"
echo "built $out/fba-c-mix"
