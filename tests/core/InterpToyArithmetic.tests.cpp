// Toy programs, through the front end and the interpreter: arithmetic of
// spec section 7 at every width — wrapping, division traps with their
// backtrace, shift counts modulo the width, and checked f64 conversions.
#include <catch2/catch.hpp>

#include <csignal>
#include <string>

#include "InterpToyRunner.h"

using interp_test::backtraceNames;
using interp_test::runToy;

TEST_CASE("Toy integer arithmetic wraps at every width", "[interp][toy][arithmetic]") {
  const auto run = runToy(R"(
extern fn printf(fmt: *u8, ...): i32;
fn @[.noinline] id8(x: i8): i8 { return x; }
fn main(): i32 {
    let a: i8 = id8(127) + 1;
    var b: u8 = 255; b += 1;
    var c: i16 = -32768; c -= 1;
    var d: u16 = 0; d -= 1;
    var e: i32 = 2147483647; e *= 2;
    var f: u32 = 4000000000; f += 500000000;
    var g: i64 = 9223372036854775807; g += 1;
    var h: u64 = 0; h = h - 1;
    let n: i8 = -id8(-128);
    printf("%d %d %d %d %d %u %ld %lu %d\n", a, b, c, d, e, f, g, h, n);
    return 0;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 0);
  CHECK(run.output ==
        "-128 0 32767 65535 -2 205032704 -9223372036854775808 18446744073709551615 -128\n");
}

TEST_CASE("Toy division and remainder trap at every width with SIGFPE",
          "[interp][toy][arithmetic][faults]") {
  const auto [type, minimum] =
      GENERATE(table<std::string, std::string>({{"i8", "-128"},
                                                {"i16", "-32768"},
                                                {"i32", "-2147483648"},
                                                {"i64", "-9223372036854775808"}}));
  const std::string op = GENERATE(std::string("/"), std::string("%"));
  const std::string divisor = GENERATE(std::string("0"), std::string("-1"));
  CAPTURE(type, op, divisor);
  const auto run = runToy("fn @[.noinline] divide(a: " + type + ", b: " + type + "): " + type +
                          " {\n    return a " + op +
                          " b;\n}\n"
                          "fn main(): i32 {\n    let m: " +
                          type + " = " + minimum +
                          ";\n"
                          "    return divide(m, " +
                          divisor + ") as i32;\n}\n");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 136);
  CHECK(run.result.signal == SIGFPE);
  CHECK(backtraceNames(run) == std::vector<std::string>{"divide", "main"});
  REQUIRE(!run.result.backtrace.empty());
  CHECK(run.result.backtrace[0].line == 2);
  CHECK(run.result.backtrace[0].file == "prog.toy");
}

TEST_CASE("Unsigned division by zero traps and MIN / 1 does not", "[interp][toy][arithmetic]") {
  const auto run = runToy(R"(
fn @[.noinline] udiv(a: u8, b: u8): u8 { return a / b; }
fn @[.noinline] sdiv(a: i8, b: i8): i8 { return a / b; }
fn main(): i32 {
    if sdiv(-128, 1) != -128 { return 1; }
    if sdiv(-128, 2) != -64 { return 2; }
    return udiv(200, 0) as i32;
}
)");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == 136);
  CHECK(backtraceNames(run) == std::vector<std::string>{"udiv", "main"});
}

TEST_CASE("Toy shift counts are taken modulo the width, negative ones too",
          "[interp][toy][arithmetic]") {
  const auto run = runToy(R"(
extern fn printf(fmt: *u8, ...): i32;
fn @[.noinline] count(n: i64): i64 { return n; }
fn main(): i32 {
    let x: i64 = 1;
    let y: i8 = -128;
    let z: u8 = 128;
    let w: u32 = 1;
    printf("%ld %d %d %u %ld\n", x << count(65), y >> count(7), z >> count(7),
           w << count(-1), (-16 as i64) >> count(-62));
    return 0;
}
)");
  INFO(run.diagnostics);
  CHECK(run.output == "2 -1 1 2147483648 -4\n");
}

TEST_CASE("Toy f64 to integer conversion traps when out of range or NaN",
          "[interp][toy][conversion][faults]") {
  const auto [value, type, status] = GENERATE(table<std::string, std::string, int>({
      {"-0.5", "u8", 0},
      {"255.99", "u8", 255},
      {"256.0", "u8", 132},
      {"-129.0", "i8", 132},
      {"1.0e19", "i64", 132},
      {"zero / zero", "i32", 132},
  }));
  CAPTURE(value, type);
  const auto run = runToy(
      "fn @[.noinline] f(x: f64): f64 { return x; }\n"
      "fn main(): i32 {\n    let zero = f(0.0);\n    let v = f(" +
      value + ");\n    return (v as " + type + ") as i32;\n}\n");
  INFO(run.diagnostics);
  CHECK(run.result.exitStatus == status);
  if (status == 132) CHECK(run.result.signal == SIGILL);
}
