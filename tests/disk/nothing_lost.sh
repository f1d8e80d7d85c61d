#!/usr/bin/env bash
# Nothing lost on disk: every file the CLI writes is the old one or the complete new one, whatever
# happens during the write. Usage: nothing_lost.sh <zoneperf executable> <source dir>
set -uo pipefail
cli=$1
src=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# Fills folder $1 with "old <name>" files for the names the demo writes, and records their sums.
seed_old() {
  local dir=$1
  mkdir -p "$dir"
  for f in scorecard.json scorecard.csv pay.csv pay.json; do printf 'old %s\n' "$f" >"$dir/$f"; done
  (cd "$dir" && sha256sum * >"$work/$(basename "$dir").sums")
}
# Checks that the old files of $1 are all intact and that no temporary stands in a target's place.
old_intact() {
  local dir=$1 what=$2
  (cd "$dir" && sha256sum --quiet -c "$work/$(basename "$dir").sums") >/dev/null 2>&1 ||
    fail "$what: an old file of $dir changed"
}
no_temporaries() {
  local dir=$1 what=$2
  if ls "$dir" | grep -q '\.tmp-'; then fail "$what: temporaries left in $dir: $(ls "$dir" | grep '\.tmp-')"; fi
}

# 1. A full disk (ulimit -f, SIGXFSZ ignored so writes fail with EFBIG): exit 2 with error 402
#    naming the file, every old file intact, no temporary left.
seed_old "$work/full"
out=$( (trap '' XFSZ; ulimit -f 8; "$cli" demo --out "$work/full") 2>&1 >/dev/null)
status=$?
[ "$status" -eq 2 ] || fail "full disk: exit $status, not 2"
echo "$out" | grep -q '\[zoneperf.io.402\] .*full/' || fail "full disk: no 402 naming the file: $out"
old_intact "$work/full" "full disk"
no_temporaries "$work/full" "full disk"

# 2. Killed mid-write by the kernel (ulimit -f with SIGXFSZ's default action: the process dies
#    inside write(), no cleanup runs): every old file intact; a temporary may stay, but never
#    under a target's name.
seed_old "$work/xfsz"
(ulimit -f 8; exec "$cli" demo --out "$work/xfsz") >/dev/null 2>&1
status=$?
[ "$status" -gt 128 ] || fail "SIGXFSZ: exit $status, expected death by signal"
old_intact "$work/xfsz" "SIGXFSZ"

# 3. SIGKILL while the report's files are being written: stopped the moment its first temporary
#    appears, then killed. The old report files stay whole.
card="$work/card.json"
python3 - "$src/samples/task-force/values.csv" "$work/values.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    for k in range(300):
        for row in lines[1:]:
            out.write(f"u{k}-" + row + "\n")
PY
"$cli" assess --preset task-force --values "$work/values.csv" --format json --explain all >"$card" ||
  fail "assess for the report input"
mkdir -p "$work/kill"
for f in report.html report.xlsx report.md; do printf 'old %s\n' "$f" >"$work/kill/$f"; done
(cd "$work/kill" && sha256sum * >"$work/kill.sums")
"$cli" report --scorecard "$card" --out "$work/kill" >/dev/null 2>&1 &
pid=$!
for ((k = 0; k < 1000000; ++k)); do  # builtins only: the poll must be faster than the writes
  if compgen -G "$work/kill/*.tmp-*" >/dev/null; then break; fi
  if ((k % 1000 == 0)) && ! kill -0 "$pid" 2>/dev/null; then break; fi
done
kill -STOP "$pid" 2>/dev/null && stopped=yes || stopped=no
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ "$stopped" = yes ]; then
  (cd "$work/kill" && sha256sum --quiet -c "$work/kill.sums") >/dev/null 2>&1 ||
    fail "SIGKILL: an old report file changed"
  ls "$work/kill" | grep -q '\.tmp-' || fail "SIGKILL: the process was not caught mid-write"
else
  echo "note: the report finished before it could be killed; the kill case was not exercised" >&2
fi

# 4. A read-only folder: error 402, exit 2, the old files intact, nothing added. As root (which
#    writes anywhere) the CLI runs as nobody.
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
  seed_old "$work/ro"
  chmod a+rx "$work" && chmod a-w "$work/ro" && chmod a+rx "$work/ro"
  out=$("${as_user[@]}" "$cli" demo --out "$work/ro" 2>&1 >/dev/null)
  status=$?
  [ "$status" -eq 2 ] || fail "read-only folder: exit $status, not 2"
  echo "$out" | grep -q '\[zoneperf.io.402\] .*ro/' || fail "read-only folder: no 402: $out"
  chmod u+w "$work/ro"
  old_intact "$work/ro" "read-only folder"
  no_temporaries "$work/ro" "read-only folder"
  [ "$(ls "$work/ro" | wc -l)" -eq 4 ] || fail "read-only folder: files added: $(ls "$work/ro")"
else
  echo "note: running as root without setpriv, the read-only folder case is skipped" >&2
fi

# 5. Targets that are symlinks to /dev/full (once "wrote" with exit 0 and nothing written): the
#    link is replaced by the complete file, never written through; /dev/full is untouched.
mkdir -p "$work/links"
for f in report_faces.csv report.md report.html; do ln -s /dev/full "$work/links/$f"; done
"$cli" report --scorecard "$card" --out "$work/links" >/dev/null 2>&1 || fail "symlinks: report failed"
for f in report.md report.html; do
  [ -f "$work/links/$f" ] && [ ! -L "$work/links/$f" ] && [ -s "$work/links/$f" ] ||
    fail "symlinks: $f is not a complete regular file"
done
[ -c /dev/full ] || fail "symlinks: /dev/full is no longer a device"
no_temporaries "$work/links" "symlinks"

# 6. Standard output to /dev/full: exit 2, error 402.
out=$("$cli" assess --preset task-force --values "$src/samples/task-force/values.csv" --format csv 2>&1 >/dev/full)
status=$?
[ "$status" -eq 2 ] || fail "stdout /dev/full: exit $status, not 2"
echo "$out" | grep -q 'zoneperf.io.402\] standard output' || fail "stdout /dev/full: $out"

# 7. An output over one of the command's own inputs (once a 105-line registry became 5 lines):
#    error 403 naming both paths, exit 2, the input intact. Through a symlink too.
cp "$src/samples/projects/projects.csv" "$work/reg.csv"
before=$(sha256sum <"$work/reg.csv")
out=$("$cli" projects --file "$work/reg.csv" year 2020 --other "$src/samples/projects/other.csv" --values-out "$work/reg.csv" 2>&1 >/dev/null)
status=$?
[ "$status" -eq 2 ] || fail "own input: exit $status, not 2"
[ "$out" = "zoneperf: [zoneperf.io.403] $work/reg.csv: is the input \"$work/reg.csv\" of this command: write the output to another file" ] ||
  fail "own input: $out"
[ "$(sha256sum <"$work/reg.csv")" = "$before" ] || fail "own input: the registry changed"
ln -s "$work/reg.csv" "$work/link.csv"
out=$("$cli" projects --file "$work/reg.csv" year 2020 --other "$src/samples/projects/other.csv" --values-out "$work/link.csv" 2>&1 >/dev/null)
echo "$out" | grep -q 'zoneperf.io.403\] .*link.csv: is the input ".*reg.csv"' || fail "own input by a link: $out"
"$cli" projects --file "$work/reg.csv" year 2020 --other "$src/samples/projects/other.csv" --values-out "$work/values.out.csv" >/dev/null 2>&1 ||
  fail "own input: another output path was refused"
printf 'investment_per_mu,tax_per_mu\n1,2\n0.5,1\n' >"$work/m.csv"
cp "$work/m.csv" "$work/m.orig"
out=$("$cli" weights ahp "$work/m.csv" --preset task-force --parent land_efficiency --out "$work/m.csv" 2>&1 >/dev/null)
echo "$out" | grep -q 'zoneperf.io.403\] .*m.csv: is the input' || fail "weights over its matrix: $out"
cmp -s "$work/m.csv" "$work/m.orig" || fail "weights over its matrix: the matrix changed"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "nothing lost: every case passed"
