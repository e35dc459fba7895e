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
  const CommandResult run = runBuiltProgram(built);
  CHECK(run.status == 0);
  CHECK(
      run.output ==
      "4 -128 2 -64 64 4294967295 1 1 64 31 8 0 1.8446744073709552e+19 18446744073709551613 255\n");
}

// f64 operands folded into the arithmetic that reads them (value_homes.h:
// FoldedLoad) and f64 arguments and results moved xmm to xmm: the values
// are those of the C expression, evaluated in the same order.
TEST_CASE("f64 arithmetic reads a loaded right operand from memory, with the same results",
          "[arithmetic]") {
  const BuiltProgram built = buildToyProgram("float_operands", R"(
extern fn printf(fmt: *u8, ...): i32;
extern fn sqrt(x: f64): f64;
struct P { x: f64, y: f64, w: f64 }
fn @[.noinline] half(x: f64): f64 { return x / 2.0; }
fn main(): i32 {
    var p = P { x: 3.0, y: 4.0, w: 0.5 };
    let d = sqrt(p.x * p.x + p.y * p.y);     // 5
    let q = p.x - p.y / p.w;                 // 3 - 8 = -5
    p.w -= d * p.w * q;                      // 0.5 - (5 * 0.5 * -5) = 13
    let h = half(d + p.w);                   // 9
    printf("%.17g %.17g %.17g %.17g\n", d, q, p.w, h);
    return 0;
}
)");
  const CommandResult run = runBuiltProgram(built);
  CHECK(run.status == 0);
  CHECK(run.output == "5 -5 13 9\n");
  const CommandResult code = runCommand("objdump -d --no-show-raw-insn " + built.objectPath);
  REQUIRE(code.status == 0);
  // Memory right operands: "mulsd -0x18(%rbp),%xmm8", "divsd -0x8(%rbp),%xmm9".
  CHECK(code.output.find("mulsd  -0x") != std::string::npos);
  CHECK(code.output.find("divsd  -0x") != std::string::npos);
  CHECK(code.output.find("addsd  -0x") != std::string::npos);
  // No f64 parameter, argument or result goes through a general register.
  CHECK(code.output.find("movq   %xmm0,%rax") == std::string::npos);
  CHECK(code.output.find("movq   %rax,%xmm0") == std::string::npos);
  CHECK(code.output.find("movq   %r11,%xmm") == std::string::npos);
  CHECK(code.output.find("movapd %xmm8,%xmm0") != std::string::npos);
}
