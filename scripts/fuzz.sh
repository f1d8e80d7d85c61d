#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang, ASan and UBSan, and runs each from
# its seed corpus for an equal share of a fixed total time (a new target shortens the others' share,
# never the stage). New inputs go to a temporary folder; a crash fails the run and leaves its input
# in build-fuzz/artifacts/ (add it to tests/fuzz/corpus/<name>/ as a regression).
# Usage: scripts/fuzz.sh [total seconds for all targets, default 240]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-240}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZONEPERF_FUZZ=ON \
  -DZONEPERF_BUILD_EXAMPLES=OFF -DZONEPERF_BUILD_PYTHON=OFF \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
targets=$(ls tests/fuzz/fuzz_*.cpp | xargs -n1 basename | sed 's/\.cpp$//')
cmake --build build-fuzz -j"$(nproc)" --target $targets
count=$(echo $targets | wc -w)
seconds=$((total / count))
[ "$seconds" -ge 1 ] || seconds=1
mkdir -p build-fuzz/artifacts
for t in $targets; do
  name=${t#fuzz_}
  work=$(mktemp -d)
  echo "fuzz: $t for ${seconds}s"
  set +e
  ./build-fuzz/fuzz/$t -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/artifacts/"$t"- "$work" tests/fuzz/corpus/"$name" >build-fuzz/"$t".log 2>&1
  status=$?
  set -e
  grep -E '^(stat::number_of_executed_runs|stat::new_units_added|==[0-9]+==|SUMMARY)|what\(\)' build-fuzz/"$t".log || true
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $t found a crash (exit $status); inputs in build-fuzz/artifacts/" >&2
    exit 1
  fi
done
echo "fuzz: no crash"
