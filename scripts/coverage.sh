#!/usr/bin/env bash
# Line coverage of src/ and include/ with gcov + lcov, failing below the threshold (default 90 %).
# With a build directory whose tests have just run with --coverage (the asan stage of
# scripts/test.sh), it only collects their counts; without one it builds build-coverage with
# --coverage and runs every C++ test first.
# Usage: scripts/coverage.sh [threshold] [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
threshold=${1:-90}
dir=${2:-}
root=$(pwd)
if [ -z "$dir" ]; then
  dir=build-coverage
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DZONEPERF_BUILD_PYTHON=OFF -DZONEPERF_BUILD_EXAMPLES=OFF \
    -DCMAKE_CXX_FLAGS="--coverage -O0" -DCMAKE_C_FLAGS="--coverage -O0" -DCMAKE_EXE_LINKER_FLAGS="--coverage" \
    -DCMAKE_SHARED_LINKER_FLAGS="--coverage" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
  find "$dir" -name '*.gcda' -delete
  ctest --test-dir "$dir" -j"$(nproc)" --output-on-failure -LE slow -E "consumer|c_api_leak" >"$dir/ctest.log" ||
    { tail -50 "$dir/ctest.log" >&2; exit 1; }
fi
lcov --quiet --capture --directory "$dir" --output-file "$dir"/all.info
lcov --quiet --extract "$dir"/all.info "$root/src/*" "$root/include/zoneperf/*" \
  --output-file "$dir"/zoneperf.info
lcov --summary "$dir"/zoneperf.info 2>&1 | tee "$dir"/summary.txt
percent=$(grep -E '^\s*lines' "$dir"/summary.txt | sed -E 's/.*: ([0-9.]+)%.*/\1/')
echo "coverage: lines ${percent}% of src/ and include/ (threshold ${threshold}%)"
awk -v p="$percent" -v t="$threshold" 'BEGIN { exit !(p >= t) }' || {
  echo "coverage: below ${threshold}%; the least covered files:" >&2
  lcov --list "$dir"/zoneperf.info 2>/dev/null | sort -t'|' -k2 -n | head -15 >&2
  exit 1
}
