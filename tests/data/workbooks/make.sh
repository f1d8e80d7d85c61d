#!/usr/bin/env bash
# Makes the checked-in workbooks: the test workbooks written with libxlsxwriter (make_workbooks.cpp:
# tests/data/workbooks/*.xlsx and the workbooks of tests/data/bad), and, with LibreOffice, the sample
# tables as .xlsx (samples/*/*.xlsx) and .xls copies for the tests. CI never runs this: its outputs are
# checked in. Needs libxlsxwriter-dev, libminizip-dev and libreoffice-calc.
# Usage: tests/data/workbooks/make.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
here=tests/data/workbooks
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
c++ -std=c++17 -O1 -o "$work/make_workbooks" $here/make_workbooks.cpp \
  $(pkg-config --cflags --libs xlsxwriter minizip)
"$work/make_workbooks" "$PWD"  # also writes the fuzz seeds with stored (uncompressed) parts
cp $here/date1904.xlsx $here/inline.xlsx $here/drinks.xlsx tests/fuzz/corpus/workbook_xlsx/

# LibreOffice: CSV (UTF-8, comma, quote, detecting dates) to .xlsx and .xls, in its own profile.
soffice() {
  command soffice -env:UserInstallation=file://"$work/profile" --headless "$@" >/dev/null 2>&1
}
csv_filter='CSV:44,34,76,1,,0,false,true'
for csv in samples/task-force/values.csv samples/task-force/targets.csv samples/land/enterprises.csv \
           samples/pay/staff.csv samples/pay/events.csv samples/projects/projects.csv \
           samples/projects/candidates.csv samples/projects/other.csv; do
  soffice --infilter="$csv_filter" --convert-to xlsx --outdir "$(dirname "$csv")" "$csv"
done
mkdir -p "$work/xls"
for csv in samples/task-force/values.csv samples/projects/projects.csv; do
  soffice --infilter="$csv_filter" --convert-to xls --outdir "$work/xls" "$csv"
done
cp "$work/xls/values.xls" $here/values.xls
cp "$work/xls/projects.xls" $here/projects.xls
soffice --convert-to xls --outdir "$here" "$here/kinds.xlsx"
cp samples/task-force/values.xlsx tests/fuzz/corpus/workbook_xlsx/libreoffice_values.xlsx
echo "make.sh: wrote $(ls $here/*.xls* tests/data/bad/*.xlsx samples/*/*.xlsx | wc -l) workbooks"
