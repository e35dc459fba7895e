#!/bin/sh
# `tide build` end to end: -c writes an object readelf reads without warnings,
# the executable form links and runs, bad input exits 1, bad usage exits 2.
# usage: build_command_test.sh TIDE
set -u
tide=$1
work=$(mktemp -d /tmp/tide-build-test-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cat > "$work/acc.toy" <<'TOY'
extern fn printf(fmt: *u8, ...): i32;
struct Acc { total: i64, count: i32 }
fn @[.noinline] add(acc: *Acc, v: i64) { acc.total += v * v; acc.count += 1; }
fn main(): i32 {
    var acc = Acc { total: 0, count: 0 };
    for i in 0..10 { add(&acc, i); }
    printf("total=%ld count=%d\n", acc.total, acc.count);
    return (acc.total % 256) as i32;
}
TOY
"$tide" build -c "$work/acc.toy" -o "$work/acc.o" || fail "build -c"
readelf -a -W "$work/acc.o" > "$work/readelf.txt" 2>&1 || fail "readelf"
grep -qi warning "$work/readelf.txt" && fail "readelf warned"
grep -q "FUNC    LOCAL  DEFAULT    1 add" "$work/readelf.txt" || fail "add is not a local function"
"$tide" build "$work/acc.toy" -o "$work/acc" || fail "build"
output=$("$work/acc")
status=$?
[ "$status" = 29 ] || fail "exit status $status, expected 29"
[ "$output" = "total=285 count=10" ] || fail "output '$output'"
echo 'fn main(): i32 { return nope; }' > "$work/bad.toy"
"$tide" build "$work/bad.toy" -o "$work/bad" 2> "$work/bad.txt"
[ $? = 1 ] || fail "a compile error must exit 1"
grep -q "error:" "$work/bad.txt" || fail "no diagnostic printed"
"$tide" build "$work/acc.toy" 2> /dev/null
[ $? = 2 ] || fail "missing -o must exit 2"
echo "ok"
