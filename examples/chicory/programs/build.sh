#!/usr/bin/env sh
# Builds each example program twice into examples/chicory/programs/build/ (issue 29):
#   NAME.wasm    clang --target=wasm32 -nostdlib + wasm-ld: malloc/free imported from the host as
#                env.ext_allocator_malloc_version_1 / env.ext_allocator_free_version_1, entry
#                point `run(n) -> checksum`, __heap_base exported, memory of at most 1024 pages
#   NAME-native  gcc with the C library's malloc/free: `NAME-native N` prints run(N)'s checksum
# Needs clang and lld (Debian: apt-get install clang lld) and a C compiler (gcc).
set -eu
if [ $# -gt 0 ]; then echo "usage: examples/chicory/programs/build.sh (no arguments)" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
out=$here/build
mkdir -p "$out"
for tool in clang wasm-ld "${CC:-gcc}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool is missing (Debian: apt-get install clang lld gcc)" >&2; exit 2; }
done
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  if [ ! -f "$out/$name.wasm" ] || [ "$src" -nt "$out/$name.wasm" ] || [ "$here/rt.h" -nt "$out/$name.wasm" ]; then
    clang --target=wasm32 -O2 -nostdlib -fno-builtin -Wall -Werror \
      -Wl,--no-entry -Wl,--export=__heap_base -Wl,--max-memory=67108864 \
      -o "$out/$name.wasm" "$src"
  fi
  if [ ! -f "$out/$name-native" ] || [ "$src" -nt "$out/$name-native" ] || [ "$here/rt.h" -nt "$out/$name-native" ]; then
    "${CC:-gcc}" -O2 -Wall -Werror -o "$out/$name-native" "$src"
  fi
done
echo "$out"
