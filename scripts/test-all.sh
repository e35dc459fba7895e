#!/usr/bin/env bash
# Builds and runs every test: the release build (with debug info) and the
# ASan+UBSan build of the non-GUI libraries. Prints ctest's summary for each
# and fails when either fails.
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=${TIDE_JOBS:-2}
status=0
for preset in release asan; do
  echo "=== $preset: configure and build"
  if ! cmake --preset "$preset" >/dev/null || ! cmake --build --preset "$preset" -j "$jobs"; then
    echo "=== $preset: build failed"
    status=1
    continue
  fi
  echo "=== $preset: test"
  ctest --preset "$preset" -j "$jobs" || status=1
done
exit $status
