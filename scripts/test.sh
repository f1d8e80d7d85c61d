#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test (C++ and Python) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }
start=$SECONDS
stage "set-up"
scripts/setup.sh test
stage "configure and build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZONEPERF_BUILD_PYTHON=ON \
  -DPYBIND11_FINDPYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 >/dev/null
cmake --build build -j"$(nproc)"
stage "tests"
ctest --test-dir build --output-on-failure -j"$(nproc)"
echo "test.sh: done in $((SECONDS - start)) s"
