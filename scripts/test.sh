#!/usr/bin/env bash
# Installs what is missing, checks the C++ formatting (clang-format 14), builds everything and runs
# every test: the C++ and Python suites, the same under AddressSanitizer + UndefinedBehaviorSanitizer
# (unoptimised and with gcov counters, so that the same run gives the line coverage, >= 90 %), the
# concurrency test under ThreadSanitizer and the fuzz targets for a bounded time.
# Each stage prints its time against its budget. ZONEPERF_STAGES="build asan" runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${ZONEPERF_STAGES:-"setup format build asan tsan fuzz coverage"}
jobs=$(nproc)
total_start=$SECONDS
summary=()
run_stage() {  # name budget-minutes function
  local name=$1 budget=$2 fn=$3
  case " $stages " in *" $name "*) ;; *) return 0 ;; esac
  printf '\n== %s (budget %s min) %s\n' "$name" "$budget" "$(date +%T)"
  local start=$SECONDS
  "$fn"
  local took=$((SECONDS - start))
  summary+=("$(printf '%-9s %4d s  (budget %3d s)' "$name" "$took" $((budget * 60)))")
  printf '== %s done in %d s\n' "$name" "$took"
}

setup() { scripts/setup.sh test; }

format() { scripts/format.sh; }

python_args=(-DZONEPERF_BUILD_PYTHON=ON -DPYBIND11_FINDPYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3)

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${python_args[@]}" >/dev/null
  cmake --build build -j"$jobs"
  ctest --test-dir build --output-on-failure -j"$jobs"
}

asan() {
  # -O0 -g1 compiles in about half the time of -O1 -g and keeps gcov's line counts exact.
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O0 -g1 --coverage"
  local link="-fsanitize=address,undefined --coverage"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug "${python_args[@]}" -DZONEPERF_BUILD_EXAMPLES=OFF \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS_DEBUG= -DCMAKE_C_FLAGS_DEBUG= \
    -DCMAKE_EXE_LINKER_FLAGS="$link" -DCMAKE_SHARED_LINKER_FLAGS="$link" >/dev/null
  cmake --build build-asan -j"$jobs"
  find build-asan -name '*.gcda' -delete
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs" -E 'python|consumer' -LE slow
  # The Python interpreter is not instrumented: preload the runtime, and leave leaks to the C++ runs.
  if ctest --test-dir build-asan -N -R 'python' | grep -q 'Test *#'; then
    LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" \
      ASAN_OPTIONS=detect_leaks=0 ctest --test-dir build-asan --output-on-failure -R 'python'
  fi
}

tsan() {
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DZONEPERF_BUILD_EXAMPLES=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=thread -O1 -g" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
  cmake --build build-tsan -j"$jobs" --target test_engine test_text
  TSAN_OPTIONS=halt_on_error=1 ./build-tsan/tests/test_engine --gtest_filter='concurrency_test.*'
  TSAN_OPTIONS=halt_on_error=1 ./build-tsan/tests/test_text --gtest_filter='workbook_split_test.*'
}

fuzz() { scripts/fuzz.sh "${ZONEPERF_FUZZ_TOTAL_SECONDS:-240}"; }  # shared by every target

# Line coverage of the asan stage's run; alone (ZONEPERF_STAGES=coverage) it builds and runs its own.
coverage() {
  case " $stages " in
    *" asan "*) scripts/coverage.sh 90 build-asan ;;
    *) scripts/coverage.sh 90 ;;
  esac
}

run_stage setup 10 setup
run_stage format 1 format
run_stage build 20 build
run_stage asan 25 asan
run_stage coverage 5 coverage
run_stage tsan 10 tsan
run_stage fuzz 10 fuzz

printf '\n== stage times\n'
printf '%s\n' "${summary[@]}"
echo "test.sh: all stages passed in $((SECONDS - total_start)) s"
