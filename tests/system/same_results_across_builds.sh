#!/bin/sh
# Same results from any build: runs the `arteria` command of each BUILD_DIR on the default city
# and on Cairns (GTFS transit, passengers) at 1 and 2 threads, and checks every file against the
# first build's 1-thread file with the determinism tests' judge (bin/arteria_h5_compare of the
# first build: every dataset and attribute bit for bit, except the wall-clock /perf group and
# /meta@threads). `make test-compilers` passes the GCC and the Clang release builds; the
# sanitizer builds (build-debug, build-tsan) can be added to the list.
#   usage: tests/system/same_results_across_builds.sh BUILD_DIR [BUILD_DIR...]
set -eu

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [BUILD_DIR...]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
# Cairns reads its feed from ${ARTERIA_DATA}: the data folder beside the checkout, as in the tests.
if [ -z "${ARTERIA_DATA:-}" ] && [ -d "$root/../shared/data" ]; then
  ARTERIA_DATA=$(cd "$root/../shared/data" && pwd)
  export ARTERIA_DATA
fi
judge="$(cd "$1" && pwd)/bin/arteria_h5_compare"
out=$(mktemp -d "${TMPDIR:-/tmp}/arteria_builds.XXXXXX")

failed=0
for scenario in default_city.toml cairns/scenario.toml; do
  name=$(dirname "$scenario")/$(basename "$scenario" .toml)
  name=$(echo "${name#./}" | tr / _)
  reference=
  for build in "$@"; do
    for threads in 1 2; do
      file="$out/${name}_$(basename "$build")_$threads.h5"
      start=$(date +%s)
      "$build/bin/arteria" run "$root/scenarios/$scenario" --out "$file" --threads $threads \
        --no-progress > "$file.log" 2>&1 || {
        echo "FAIL $build on $scenario at $threads threads (log: $file.log)"
        failed=1
        continue
      }
      seconds=$(($(date +%s) - start))
      if [ -z "$reference" ]; then
        reference=$file
        echo "reference: $(basename "$build") on $scenario at $threads thread(s) (${seconds} s)"
      elif "$judge" "$reference" "$file" > "$file.diff"; then
        echo "same:      $(basename "$build") on $scenario at $threads thread(s) (${seconds} s)"
      else
        echo "DIFFERENT: $(basename "$build") on $scenario at $threads thread(s):"
        head -n 20 "$file.diff" | sed 's/^/  /'
        failed=1
      fi
    done
  done
done
if [ $failed = 0 ]; then
  rm -rf "$out"
  echo "every build wrote the same results"
else
  echo "files kept in $out"
fi
exit $failed
