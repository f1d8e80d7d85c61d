#!/usr/bin/env bash
# Line coverage of src/ and include/ with gcov + lcov: builds with --coverage, runs every C++ test,
# prints the summary and fails below the threshold (default 90 %).
# Usage: scripts/coverage.sh [threshold]
set -euo pipefail
cd "$(dirname "$0")/.."
threshold=${1:-90}
root=$(pwd)
cmake -S . -B build-coverage -DCMAKE_BUILD_TYPE=Debug -DZONEPERF_BUILD_PYTHON=OFF -DZONEPERF_BUILD_EXAMPLES=OFF \
  -DCMAKE_CXX_FLAGS="--coverage -O0" -DCMAKE_C_FLAGS="--coverage -O0" -DCMAKE_EXE_LINKER_FLAGS="--coverage" \
  -DCMAKE_SHARED_LINKER_FLAGS="--coverage" >/dev/null
cmake --build build-coverage -j"$(nproc)"
find build-coverage -name '*.gcda' -delete
ctest --test-dir build-coverage -j"$(nproc)" --output-on-failure -LE slow -E "consumer|c_api_leak" >/dev/null
lcov --quiet --capture --directory build-coverage --output-file build-coverage/all.info
lcov --quiet --extract build-coverage/all.info "$root/src/*" "$root/include/zoneperf/*" \
  --output-file build-coverage/zoneperf.info
lcov --summary build-coverage/zoneperf.info 2>&1 | tee build-coverage/summary.txt
percent=$(grep -E '^\s*lines' build-coverage/summary.txt | sed -E 's/.*: ([0-9.]+)%.*/\1/')
echo "coverage: lines ${percent}% of src/ and include/ (threshold ${threshold}%)"
awk -v p="$percent" -v t="$threshold" 'BEGIN { exit !(p >= t) }' || {
  echo "coverage: below ${threshold}%; the least covered files:" >&2
  lcov --list build-coverage/zoneperf.info 2>/dev/null | sort -t'|' -k2 -n | head -15 >&2
  exit 1
}
