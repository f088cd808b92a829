#!/usr/bin/env bash
# Installs the Debian bookworm packages gclab needs, if any are missing. Idempotent and quiet.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config clang-format
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  golang-1.19-go
  libsdl2-dev libimgui-dev libstb-dev python3-glad fonts-dejavu-core
  clang libclang-rt-14-dev
  libtomlplusplus-dev
  zlib1g-dev
  libgif-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
