#!/usr/bin/env bash
# Installs the Debian 12 packages Tide needs to build, run and test, and
# nothing else. Idempotent: when everything is present it changes nothing and
# does not touch the network. Works as root, or as a user through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build git python3
  qt6-base-dev libqscintilla2-qt6-dev libgl-dev
  liblldb-19-dev lldb-19 llvm-19
  catch2 libffi-dev
  xvfb xauth gdb tcc clang clang-format libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
