// Toy programs on the interpreter's memory model: structs and arrays are
// values (copies), pointers are host addresses usable by C, globals carry
// relocated initializers, and every bad access is a fault, never a crash
// of the interpreter.
#include <catch2/catch.hpp>

#include <csignal>
#include <string>

#include "InterpToyRunner.h"

using interp_test::backtraceNames;
using interp_test::runToy;

TEST_CASE("Structs and arrays are copied by assignment, argument and result",
          "[interp][toy][memory]") {
  const auto run = runToy(R"(
struct Point { x: i32, y: i32 }
struct Big { tag: u8, values: [6]i64, where: Point }
fn @[.noinline] bump(p: Point): Point { var q = p; q.x += 100; return q; }
fn @[.noinline] fill(b: Big): Big {
    var c = b;
    for i in 0..6 { c.values[i] = c.values[i] * 2; }
    c.where = bump(c.where);
    return c;
}
fn main(): i32 {
    let p = Point { y: 2, x: 1 };
    let q = bump(p);
    var a = [3]i32 { 1, 2, 3 };
    var b = a;
    b[0] = 50;
    var big = Big { tag: 7, values: [6]i64 { 1, 2, 3, 4, 5, 6 }, where: p };
    let doubled = fill(big);
    big.values[5] = 0;
    if p.x != 1 || q.x != 101 || q.y != 2 { return 1; }
    if a[0] != 1 || b[0] != 50 { return 2; }
    if doubled.values[5] != 12 || doubled.where.x != 101 || doubled.tag != 7 { return 3; }
    return 42;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.faultMessage == "");
  CHECK(run.result.exitStatus == 42);
}

TEST_CASE("Pointers are host addresses that C functions read and write",
          "[interp][toy][memory][ffi]") {
  const auto run = runToy(R"(
extern fn memset(p: *u8, c: i32, n: u64): *u8;
extern fn strlen(s: *u8): u64;
extern fn malloc(n: u64): *u8;
extern fn free(p: *u8);
extern fn printf(fmt: *u8, ...): i32;
fn main(): i32 {
    var buf: [8]u8;
    memset(&buf[0], 'a' as i32, 7);
    let n = strlen(&buf[0]);
    let heap = malloc(16) as *i64;
    for i in 0..16 { heap[i % 2] = i; }
    let p = &buf[2];
    let q = &buf[6];
    printf("%lu %ld %ld %ld %s\n", n, heap[0], heap[1], q - p, &buf[0]);
    free(heap as *u8);
    return 0;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 0);
  CHECK(run.output == "7 14 15 4 aaaaaaa\n");
}

TEST_CASE("Globals hold relocated addresses of globals, strings and functions",
          "[interp][toy][memory]") {
  const auto run = runToy(R"(
extern fn printf(fmt: *u8, ...): i32;
var counter: i64 = 40;
var where: *i64 = &counter;
let greeting: *u8 = "hello";
fn twice(x: i64): i64 { return x * 2; }
var op: fn(i64): i64 = twice;
struct Entry { name: *u8, f: fn(i64): i64 }
var table = [2]Entry { Entry { name: "a", f: twice }, Entry { name: "b", f: twice } };
fn main(): i32 {
    where.* += 2;
    printf("%s %ld %ld %s\n", greeting, counter, op(table[1].f(5)), table[0].name);
    return (counter & 0xff) as i32;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 42);
  CHECK(run.output == "hello 42 20 a\n");
}

TEST_CASE("A store through null is SIGSEGV with the Toy backtrace", "[interp][toy][faults]") {
  const auto run = runToy(R"(
fn @[.noinline] poke(p: *i64, v: i64) {
    p.* = v;
}
fn @[.noinline] middle(p: *i64): i64 { poke(p, 1); return 0; }
fn main(): i32 {
    return middle(null) as i32;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 139);
  CHECK(run.result.signal == SIGSEGV);
  CHECK(backtraceNames(run) == std::vector<std::string>{"poke", "middle", "main"});
  REQUIRE(run.result.backtrace.size() == 3);
  CHECK(run.result.backtrace[0].line == 3);
  CHECK(run.result.backtrace[1].line == 5);
  CHECK(run.result.backtrace[2].line == 7);
}

TEST_CASE("Wild pointers and writes to string literals fault instead of crashing",
          "[interp][toy][faults]") {
  const std::string body = GENERATE(std::string("(0x10000 as *i64).* = 1;"),
                                    std::string("(0x800000000000 as *i64).* = 1;"),
                                    std::string("let s: *u8 = \"abc\"; s.* = 'x';"));
  CAPTURE(body);
  const auto run = runToy("fn main(): i32 {\n    " + body + "\n    return 0;\n}\n");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 139);
  CHECK(run.result.signal == SIGSEGV);
  CHECK(backtraceNames(run) == std::vector<std::string>{"main"});
}

TEST_CASE("An array index out of range traps with SIGILL, a pointer index does not check",
          "[interp][toy][faults]") {
  const auto run = runToy(R"(
fn @[.noinline] at(a: *[4]i32, i: i64): i32 { return a.*[i]; }
fn main(): i32 {
    var xs = [4]i32 { 1, 2, 3, 4 };
    let p = &xs[0];
    if p[3] != 4 { return 1; }
    if at(&xs, 3) != 4 { return 2; }
    return at(&xs, -1);
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 132);
  CHECK_THAT(run.result.faultMessage, Catch::Contains("index -1 out of range for [4]i32"));
  CHECK(backtraceNames(run) == std::vector<std::string>{"at", "main"});
}

TEST_CASE("A fault inside a C function is the program's SIGSEGV, at the calling line",
          "[interp][toy][faults][ffi]") {
  const auto run = runToy(R"(
extern fn strlen(s: *u8): u64;
fn @[.noinline] measure(s: *u8): u64 {
    return strlen(s);
}
fn main(): i32 {
    return measure(null) as i32;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 139);
  CHECK(run.result.signal == SIGSEGV);
  CHECK(backtraceNames(run) == std::vector<std::string>{"measure", "main"});
  REQUIRE(!run.result.backtrace.empty());
  CHECK(run.result.backtrace[0].line == 4);
}
