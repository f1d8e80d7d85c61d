#!/usr/bin/env bash
# End to end, file in and result out, as a user waits for it: `zoneperf assess` on a large
# task-force table with targets (CSV and JSON output) beside the pandas baseline
# (bench/pandas_assess.py), each run 3 times in turn; prints the median wall time and peak memory.
# Usage: bench/e2e.sh BUILD_DIR [UNITS]   (default 1000000 units; tables cached in BUILD_DIR/e2e)
# ZONEPERF_CLI=path measures another binary; ZONEPERF_CLI_BEFORE=path (a copy of an earlier build)
# adds its CSV and JSON runs to every round, side by side with the others (load swings, so compare
# builds within one run only).
set -euo pipefail
build=${1:?usage: bench/e2e.sh BUILD_DIR [UNITS]}
units=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
data=$build/e2e/$units
cli=${ZONEPERF_CLI:-$build/zoneperf}
before=${ZONEPERF_CLI_BEFORE:-}
[ -f "$data/values.csv" ] || /usr/bin/python3 "$here/make_tables.py" "$units" "$data"
echo "tables: $(du -ch "$data"/values.csv "$data"/targets.csv | tail -1 | cut -f1) ($units units)"

declare -A times mems
measure() {  # name command...
  local name=$1; shift
  local out
  out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -1)
  times[$name]+="${out% *} "
  mems[$name]+="${out#* } "
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

names="csv json pandas"
[ -n "$before" ] && names="before_csv csv before_json json pandas"
for _ in 1 2 3; do
  if [ -n "$before" ]; then
    measure before_csv "$before" assess --preset task-force --values "$data/values.csv" --targets "$data/targets.csv" --format csv
    measure before_json "$before" assess --preset task-force --values "$data/values.csv" --targets "$data/targets.csv" --format json
  fi
  measure csv "$cli" assess --preset task-force --values "$data/values.csv" --targets "$data/targets.csv" --format csv
  measure json "$cli" assess --preset task-force --values "$data/values.csv" --targets "$data/targets.csv" --format json
  measure pandas /usr/bin/python3 "$here/pandas_assess.py" "$data/values.csv" "$data/targets.csv" /dev/null
done
echo "load: $(uptime)"
printf '%-12s %10s %12s\n' what "median s" "peak MB"
for name in $names; do
  printf '%-12s %10s %12s\n' "$name" "$(echo "${times[$name]}" | median)" \
    "$(( $(echo "${mems[$name]}" | median) / 1024 ))"
done
