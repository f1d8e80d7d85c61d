#!/usr/bin/env bash
# Installs what is missing, builds zoneperf and runs `zoneperf demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZONEPERF_BUILD_TESTS=OFF -DZONEPERF_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build -j"$(nproc)" --target zoneperf-cli
./build/zoneperf demo "$@"
