#!/usr/bin/env bash
# Runs every Tide benchmark against its peers in one run: front-end and image
# compile speed, -O0 run time, start-up, batch overhead and debugger stepping. Each reports
# ratios against a peer measured in the same run.
# Needs the release build: cmake --preset release && cmake --build --preset release
set -u
cd "$(dirname "$0")"
tide=../build/release/bin/tide
status=0
run() { echo "== $*"; "$@" || status=1; }
run python3 frontend_speed.py --tide "$tide"
run python3 image_compile_speed.py
run python3 programs.py
run python3 startup.py
run python3 batch_overhead.py --bin ../build/release/bin
run python3 stepping.py --tide "$tide"
exit $status
