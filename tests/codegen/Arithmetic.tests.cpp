// Integer and float semantics of spec §6-8 in generated code: wrapping at
// every width, shifts modulo the width, signed/unsigned compares and
// conversions, bit counts including the zero cases, u64 <-> f64.
#include <catch2/catch.hpp>

#include "codegen_test_support.h"

using namespace tide::codegen::testing;

TEST_CASE("generated arithmetic matches the spec's defined semantics", "[arithmetic]") {
  const BuiltProgram built = buildToyProgram("arithmetic", R"(
extern fn printf(fmt: *u8, ...): i32;
fn @[.noinline] u8v(x: u8): u8 { return x; }
fn @[.noinline] i8v(x: i8): i8 { return x; }
fn @[.noinline] u32v(x: u32): u32 { return x; }
fn @[.noinline] i64v(x: i64): i64 { return x; }
fn @[.noinline] u64v(x: u64): u64 { return x; }
fn main(): i32 {
    let a: u8 = u8v(250) + u8v(10);          // wraps to 4
    let b: i8 = i8v(127) + i8v(1);           // -128
    let c: i64 = i64v(1) << i64v(65);        // 2
    let d: i8 = i8v(-128) >> i8v(1);         // -64
    let e: u8 = u8v(128) >> u8v(9);          // 64
    let f: u32 = u32v(0) - u32v(1);          // 4294967295
    let g = u64v(18446744073709551615) > u64v(1);  // true (unsigned)
    let h = i64v(-1) < i64v(1);              // true (signed)
    let i = @popcount(u64v(18446744073709551615));  // 64
    let j = @clz(u32v(1));                   // 31
    let k = @ctz(u8v(0));                    // 8
    let l = @clz(i8v(-1));                   // 0
    let m = u64v(18446744073709551615) as f64;  // 1.8446744073709552e19
    let n = i8v(-3) as u64;                  // 18446744073709551613
    let o = -u8v(1);                         // 255
    printf("%u %d %ld %d %u %u %d %d %ld %u %u %d %.17g %lu %u\n", a as u32, b as i32, c, d as i32,
           e as u32, f, g as i32, h as i32, i as i64, j, k as u32, l as i32, m, n, o as u32);
    return 0;
}
)");
  INFO(built.diagnostics << built.linkOutput);
  REQUIRE(built.diagnostics.empty());
  REQUIRE(built.linked);
  const CommandResult run = runCommand(built.executablePath);
  CHECK(run.status == 0);
  CHECK(
      run.output ==
      "4 -128 2 -64 64 4294967295 1 1 64 31 8 0 1.8446744073709552e+19 18446744073709551613 255\n");
}
