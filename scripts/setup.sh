#!/usr/bin/env bash
# Installs the Debian packages zoneperf needs, and nothing that is already there.
# Usage: scripts/setup.sh [build|test|all]   (default: test)
set -euo pipefail
what=${1:-test}
build_pkgs=(cmake g++ make ccache pkg-config libeigen3-dev nlohmann-json3-dev libfmt-dev libcli11-dev
            libboost-dev libboost-date-time-dev libxlsxwriter-dev libminizip-dev libdeflate-dev libexpat1-dev libfreexl-dev)
test_pkgs=(libgtest-dev libgmock-dev libbenchmark-dev pybind11-dev python3-dev python3-numpy python3-pytest
           python3-pandas python3-openpyxl clang clang-format-14 libclang-rt-14-dev lcov libreoffice-calc
           poppler-utils chromium fonts-noto-cjk)
case "$what" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test|all) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: every package is present"
fi
