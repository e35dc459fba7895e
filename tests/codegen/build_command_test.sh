#!/bin/sh
# `tide build` end to end: -c writes an object readelf reads without warnings,
# the executable form links and runs, building again replaces the output
# (a new file, as the GNU linker makes: a hard link to the old one keeps the
# old bytes), bad input or an unwritable output exits 1, bad usage exits 2.
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
# Building over an existing object replaces it with the new program's.
ln "$work/acc.o" "$work/acc-old.o" || fail "ln"
echo 'fn main(): i32 { return 7; }' > "$work/seven.toy"
"$tide" build -c "$work/seven.toy" -o "$work/acc.o" || fail "build -c over an existing object"
cmp -s "$work/acc.o" "$work/acc-old.o" && fail "the object was not replaced"
readelf -s -W "$work/acc.o" | grep -q " add$" && fail "the new object still has the old 'add'"
readelf -s -W "$work/acc-old.o" | grep -q " add$" || fail "the old object's other link was changed"
"$tide" build -c "$work/seven.toy" -o "$work/missing/dir/x.o" 2> "$work/nowrite.txt"
[ $? = 1 ] || fail "an unwritable output must exit 1"
grep -q "cannot write '$work/missing/dir/x.o': No such file or directory" "$work/nowrite.txt" ||
  fail "no reason given for the unwritable output: $(cat "$work/nowrite.txt")"
echo 'fn main(): i32 { return nope; }' > "$work/bad.toy"
"$tide" build "$work/bad.toy" -o "$work/bad" 2> "$work/bad.txt"
[ $? = 1 ] || fail "a compile error must exit 1"
grep -q "error:" "$work/bad.txt" || fail "no diagnostic printed"
"$tide" build "$work/acc.toy" 2> /dev/null
[ $? = 2 ] || fail "missing -o must exit 2"
echo "ok"
