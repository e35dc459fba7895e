#!/usr/bin/env bash
# Runs `tide check` on every tests/corpus/err case: each must exit 1 and its
# diagnostics (stderr) must contain every line of NAME.diag as a substring.
# usage: check_err_corpus.sh TIDE_EXECUTABLE CASE_DIR
set -u
tide="$1"
cases="$2"
failures=0
count=0
cd "$cases" || exit 2
for source in *.toy; do
  name="${source%.toy}"
  count=$((count + 1))
  if [ ! -f "$name.diag" ]; then
    echo "FAIL $name: no $name.diag"
    failures=$((failures + 1))
    continue
  fi
  output=$(timeout 20 "$tide" check "$source" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 1 ]; then
    echo "FAIL $name: exit status $status, expected 1"
    failures=$((failures + 1))
    continue
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    if [[ "$output" != *"$line"* ]]; then
      echo "FAIL $name: missing diagnostic: $line"
      echo "--- got:"
      echo "$output"
      failures=$((failures + 1))
    fi
  done < "$name.diag"
done
echo "$count cases, $failures failures"
[ "$count" -gt 0 ] && [ "$failures" -eq 0 ]
