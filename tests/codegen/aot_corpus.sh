#!/bin/sh
# The aot-O0 lane by hand: every corpus case built by `tide build`, run, and
# its exit status and stdout compared with the sidecars.
# usage: aot_corpus.sh TIDE CASES_DIR
set -u
tide=$1
cases=$2
work=$(mktemp -d /tmp/tide-aot-corpus-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0
failed=0
for source in "$cases"/*.toy; do
  name=$(basename "$source" .toy)
  [ -f "$cases/$name.aot-O0.skip" ] && continue
  if ! "$tide" build "$source" -o "$work/$name" > "$work/$name.build" 2>&1; then
    echo "FAIL $name: build"; cat "$work/$name.build"; failed=$((failed + 1)); continue
  fi
  (cd "$work" && timeout 10 "./$name" > "$work/$name.out" 2> /dev/null)
  status=$?
  expected=$(cat "$cases/$name.expected")
  if [ "$status" != "$expected" ]; then
    echo "FAIL $name: status $status, expected $expected"; failed=$((failed + 1)); continue
  fi
  if [ -f "$cases/$name.stdout" ] && ! cmp -s "$cases/$name.stdout" "$work/$name.out"; then
    echo "FAIL $name: stdout differs"; failed=$((failed + 1)); continue
  fi
  pass=$((pass + 1))
done
echo "aot-O0: $pass passed, $failed failed"
[ "$failed" = 0 ]
