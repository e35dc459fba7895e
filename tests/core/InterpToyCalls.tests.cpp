// Toy programs on the interpreter's calls: C functions through libffi
// (variadic printf with mixed int/f64 arguments, libm), Toy function values
// in both directions (indirect calls, qsort comparators), recursion depth,
// main's arguments, and the intrinsic faults.
#include <catch2/catch.hpp>

#include <csignal>
#include <string>

#include "InterpToyRunner.h"

using interp_test::backtraceNames;
using interp_test::runToy;

TEST_CASE("Variadic printf takes promoted ints and f64s, interleaved with puts and putchar",
          "[interp][toy][ffi]") {
  const auto run = runToy(R"(
extern fn printf(fmt: *u8, ...): i32;
extern fn puts(s: *u8): i32;
extern fn putchar(c: i32): i32;
extern fn sqrt(x: f64): f64;
fn main(): i32 {
    let small: i8 = -5;
    let byte: u8 = 200;
    let flag = true;
    let half = 0.5;
    printf("%d %d %d %.2f %ld %.3f %c\n", small, byte, flag, half, 1 << 40, sqrt(2.0), 'z');
    puts("middle");
    putchar('!' as i32);
    putchar('\n' as i32);
    return printf("%s|%5.1f|\n", "end", -half);
}
)");
  INFO(run.diagnostics);
  CHECK(run.output == "-5 200 1 0.50 1099511627776 1.414 z\nmiddle\n!\nend| -0.5|\n");
  CHECK(run.result.exitStatus == 11);
}

TEST_CASE("Function values call indirectly and compare by identity", "[interp][toy][calls]") {
  const auto run = runToy(R"(
fn inc(x: i64): i64 { return x + 1; }
fn dbl(x: i64): i64 { return x * 2; }
fn @[.noinline] apply(f: fn(i64): i64, n: i64, x: i64): i64 {
    var v = x;
    for _ in 0..n { v = f(v); }
    return v;
}
fn main(): i32 {
    let fs = [2]fn(i64): i64 { inc, dbl };
    if fs[0] == fs[1] || fs[0] != inc { return 1; }
    if (inc as u64) == 0 { return 2; }
    return apply(fs[1], 3, apply(fs[0], 2, 3)) as i32;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 40);
}

TEST_CASE("A trap inside a qsort comparator unwinds through C with the Toy backtrace",
          "[interp][toy][ffi][faults]") {
  const auto run = runToy(R"(
extern fn qsort(base: *u8, n: u64, size: u64, cmp: fn(*u8, *u8): i32);
var calls: i64 = 0;
fn @[.noinline] check(v: i32) { @assert(v != 13); }
fn @[.noinline] compare(a: *u8, b: *u8): i32 {
    calls += 1;
    let x = (a as *i32).*;
    let y = (b as *i32).*;
    check(x);
    return (x > y) as i32 - (x < y) as i32;
}
fn main(): i32 {
    var xs = [5]i32 { 4, 13, 1, 5, 2 };
    qsort(&xs[0] as *u8, 5, 4, compare);
    return 0;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 132);
  CHECK(backtraceNames(run) == std::vector<std::string>{"check", "compare", "main"});
}

TEST_CASE("Deep recursion runs, unbounded recursion is a stack overflow (SIGSEGV)",
          "[interp][toy][calls][faults]") {
  const std::string program = R"(
fn @[.noinline] depth(n: i64): i64 {
    if n == 0 { return 0; }
    return depth(n - 1) + 1;
}
fn main(argc: i32, argv: **u8): i32 {
    if argc > 1 { return (depth(-1) & 0xff) as i32; }
    return (depth(50000) % 256) as i32;
}
)";
  const auto deep = runToy(program);
  INFO(deep.diagnostics);
  CHECK(deep.result.exitStatus == 50000 % 256);
  const auto forever = runToy(program, {"prog", "forever"});
  CHECK(forever.result.exitStatus == 139);
  CHECK_THAT(forever.result.faultMessage, Catch::Contains("stack overflow"));
  REQUIRE(forever.result.backtrace.size() > 2);
  CHECK(forever.result.backtrace.front().function == "depth");
  CHECK(forever.result.backtrace.back().function == "main");
}

TEST_CASE("main receives argc and argv", "[interp][toy][calls]") {
  const auto run = runToy(R"(
extern fn printf(fmt: *u8, ...): i32;
fn main(argc: i32, argv: **u8): i32 {
    for i in 0..argc { printf("[%s]", argv[i]); }
    return argc;
}
)",
                          {"prog", "one", "two words"});
  INFO(run.diagnostics);
  CHECK(run.output == "[prog][one][two words]");
  CHECK(run.result.exitStatus == 3);
}

TEST_CASE("C exit and abort end the program, not the interpreter", "[interp][toy][ffi]") {
  const auto [call, status] =
      GENERATE(table<std::string, int>({{"exit(300);", 44}, {"abort();", 134}}));
  const auto run = runToy(
      "extern fn exit(s: i32);\nextern fn abort();\n"
      "extern fn printf(fmt: *u8, ...): i32;\n"
      "fn main(): i32 {\n    printf(\"before\");\n    " +
      call + "\n    return 0;\n}\n");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == status);
  CHECK(run.output == "before");
}

TEST_CASE("@trap and @assert are SIGILL, @breakpoint is SIGTRAP", "[interp][toy][faults]") {
  const auto [statement, status] = GENERATE(table<std::string, int>({
      {"@trap();", 132},
      {"@assert(argc == 7);", 132},
      {"@breakpoint();", 133},
      {"@assert(argc == 1);", 0},
  }));
  CAPTURE(statement);
  const auto run =
      runToy("fn main(argc: i32, argv: **u8): i32 {\n    " + statement + "\n    return 0;\n}\n");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == status);
  if (status != 0) CHECK(run.result.backtrace.at(0).line == 2);
}
