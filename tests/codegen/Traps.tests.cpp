// The traps of spec §7-8 in AOT executables: ud2 (SIGILL, 132) for @trap,
// @assert, array bounds and float-to-int conversion; int3 (SIGTRAP, 133) for
// @breakpoint; SIGFPE (136) for division by zero and MIN / -1 at every width.
#include <catch2/catch.hpp>

#include "codegen_test_support.h"

using namespace tide::codegen::testing;

namespace {

int statusOf(const std::string& name, const std::string& body) {
  const std::string source =
      "fn @[.noinline] id8(x: i8): i8 { return x; }\n"
      "fn @[.noinline] id16(x: i16): i16 { return x; }\n"
      "fn @[.noinline] id32(x: i32): i32 { return x; }\n"
      "fn @[.noinline] id64(x: i64): i64 { return x; }\n"
      "fn @[.noinline] idf(x: f64): f64 { return x; }\n"
      "fn main(): i32 {\n" +
      body + "\n}\n";
  const BuiltProgram built = buildToyProgram(name, source);
  INFO(built.diagnostics << built.linkOutput);
  REQUIRE(built.diagnostics.empty());
  REQUIRE(built.linked);
  return runCommand(built.executablePath).status;
}

}  // namespace

TEST_CASE("explicit traps stop with SIGILL and breakpoints with SIGTRAP", "[traps]") {
  CHECK(statusOf("trap", "@trap();") == 132);
  CHECK(statusOf("assert_false", "@assert(id32(1) == 2); return 0;") == 132);
  CHECK(statusOf("assert_true", "@assert(id32(2) == 2); return 3;") == 3);
  CHECK(statusOf("breakpoint", "@breakpoint(); return 0;") == 133);
}

TEST_CASE("integer division traps with SIGFPE on zero and on MIN / -1 at every width", "[traps]") {
  CHECK(statusOf("div_zero", "return (id64(7) / id64(0)) as i32;") == 136);
  CHECK(statusOf("rem_zero", "return id32(7) % id32(0);") == 136);
  CHECK(statusOf("div_min64", "return (id64(-9223372036854775807 - 1) / id64(-1)) as i32;") == 136);
  CHECK(statusOf("div_min32", "return id32(-2147483648) / id32(-1);") == 136);
  CHECK(statusOf("rem_min16", "return (id16(-32768) % id16(-1)) as i32;") == 136);
  CHECK(statusOf("rem_min8", "return (id8(-128) % id8(-1)) as i32;") == 136);
  CHECK(statusOf("div_ok8", "return (id8(-128) / id8(2)) as i32 + 100;") == 36);
  CHECK(statusOf("udiv", "let a: u8 = 200; let b: u8 = 7; return (a / b) as i32;") == 28);
}

TEST_CASE("array bounds and float conversions out of range trap with SIGILL", "[traps]") {
  CHECK(statusOf("bounds_high", "var a = [3]i32 { 1, 2, 3 }; return a[id64(3)];") == 132);
  CHECK(statusOf("bounds_negative", "var a = [3]i32 { 1, 2, 3 }; return a[id64(-1)];") == 132);
  CHECK(statusOf("bounds_ok", "var a = [3]i32 { 1, 2, 3 }; return a[id64(2)];") == 3);
  CHECK(statusOf("f2i_nan", "let z = idf(0.0); return (z / z) as i32;") == 132);
  CHECK(statusOf("f2u8_range", "return (idf(300.0) as u8) as i32;") == 132);
  CHECK(statusOf("f2u8_small_negative", "return (idf(-0.5) as u8) as i32 + 5;") == 5);
  CHECK(statusOf("f2u64_big",
                 "let v = idf(1e19) as u64; return (v / 1000000000000000000) as i32;") == 10);
  CHECK(statusOf("f2u64_negative", "return (idf(-1.0) as u64) as i32;") == 132);
  CHECK(statusOf("f2i64_min",
                 "let v = idf(-9223372036854775808.0) as i64; return (v == -9223372036854775807 - "
                 "1) as i32;") == 1);
}
