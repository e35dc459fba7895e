// The System V calling convention against the system C compiler: Toy calls C
// and C calls Toy with structs in every eightbyte class (INTEGER, SSE, mixed,
// partial eightbytes, MEMORY/sret), arguments that spill to the stack in
// both register classes, variadic calls with doubles, and function pointers.
#include <catch2/catch.hpp>

#include "codegen_test_support.h"

using namespace tide::codegen::testing;

namespace {

const char* const kCHelpers = R"(
#include <stdio.h>
struct Pair { long a; long b; };
struct Mixed { double x; int n; };
struct Big { long a, b, c; };
struct Odd { unsigned char a, b, c; };
struct Seven { unsigned char b[7]; };
struct Dd { double x, y; };
struct Pair c_make_pair(long a, long b) { struct Pair p = {a, b}; return p; }
long c_sum_pair(struct Pair p) { return p.a * 10 + p.b; }
struct Mixed c_scale(struct Mixed m, double f) { m.x *= f; m.n += 1; return m; }
struct Big c_big(long s) { struct Big b = {s, s + 1, s + 2}; return b; }
long c_sum_big(struct Big b) { return b.a * 100 + b.b * 10 + b.c; }
int c_odd(struct Odd o) { return o.a * 100 + o.b * 10 + o.c; }
struct Odd c_make_odd(int a) { struct Odd o = {(unsigned char)a, (unsigned char)(a + 1), (unsigned char)(a + 2)}; return o; }
int c_seven(struct Seven s) { int t = 0; for (int i = 0; i < 7; i++) t = t * 2 + s.b[i]; return t; }
struct Dd c_dd(struct Dd d) { struct Dd r = {d.y, d.x}; return r; }
double c_many(long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8,
              double d1, double d2, double d3, double d4, double d5, double d6, double d7,
              double d8, double d9, double d10) {
  return a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * a6 + 7 * a7 + 8 * a8 + d1 + d2 * 2 + d3 * 3 +
         d4 * 4 + d5 * 5 + d6 * 6 + d7 * 7 + d8 * 8 + d9 * 9 + d10 * 10;
}
struct Pair toy_swap(struct Pair p);
struct Big toy_big(long s, struct Big b);
double toy_many(long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8,
                double d1, double d2, double d3, double d4, double d5, double d6, double d7,
                double d8, double d9, double d10);
struct Mixed toy_mixed(struct Mixed m);
int c_calls_toy(void) {
  struct Pair p = toy_swap((struct Pair){1, 2});
  if (p.a != 2 || p.b != 1) return 1;
  struct Big b = toy_big(5, (struct Big){1, 2, 3});
  if (b.a != 6 || b.b != 7 || b.c != 8) return 2;
  double m = toy_many(1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  if (m != 589.0) return 3;
  struct Mixed x = toy_mixed((struct Mixed){1.5, 4});
  if (x.x != 3.0 || x.n != 5) return 4;
  return 0;
}
)";

const char* const kToyProgram = R"(
extern fn printf(fmt: *u8, ...): i32;
struct Pair { a: i64, b: i64 }
struct Mixed { x: f64, n: i32 }
struct Big { a: i64, b: i64, c: i64 }
struct Odd { a: u8, b: u8, c: u8 }
struct Seven { b: [7]u8 }
struct Dd { x: f64, y: f64 }
extern fn c_make_pair(a: i64, b: i64): Pair;
extern fn c_sum_pair(p: Pair): i64;
extern fn c_scale(m: Mixed, f: f64): Mixed;
extern fn c_big(s: i64): Big;
extern fn c_sum_big(b: Big): i64;
extern fn c_odd(o: Odd): i32;
extern fn c_make_odd(a: i32): Odd;
extern fn c_seven(s: Seven): i32;
extern fn c_dd(d: Dd): Dd;
extern fn c_many(a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64,
                 d1: f64, d2: f64, d3: f64, d4: f64, d5: f64, d6: f64, d7: f64, d8: f64,
                 d9: f64, d10: f64): f64;
extern fn c_calls_toy(): i32;

fn @[.export] toy_swap(p: Pair): Pair { return Pair { a: p.b, b: p.a }; }
fn @[.export] toy_big(s: i64, b: Big): Big { return Big { a: b.a + s, b: b.b + s, c: b.c + s }; }
fn @[.export] toy_many(a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64,
                       d1: f64, d2: f64, d3: f64, d4: f64, d5: f64, d6: f64, d7: f64, d8: f64,
                       d9: f64, d10: f64): f64 {
    return (a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * a6 + 7 * a7 + 8 * a8) as f64
        + d1 + d2 * 2.0 + d3 * 3.0 + d4 * 4.0 + d5 * 5.0 + d6 * 6.0 + d7 * 7.0 + d8 * 8.0
        + d9 * 9.0 + d10 * 10.0;
}
fn @[.export] toy_mixed(m: Mixed): Mixed { return Mixed { x: m.x * 2.0, n: m.n + 1 }; }
fn twice(x: i64): i64 { return x * 2; }
fn apply(f: fn(i64): i64, x: i64): i64 { return f(x); }

fn main(): i32 {
    let p = c_make_pair(3, 4);
    if p.a != 3 || p.b != 4 { return 1; }
    if c_sum_pair(p) != 34 { return 2; }
    let m = c_scale(Mixed { x: 1.25, n: 7 }, 4.0);
    if m.x != 5.0 || m.n != 8 { return 3; }
    let b = c_big(7);
    if b.a != 7 || b.b != 8 || b.c != 9 { return 4; }
    if c_sum_big(b) != 789 { return 5; }
    if c_odd(Odd { a: 1, b: 2, c: 3 }) != 123 { return 6; }
    let o = c_make_odd(4);
    if o.a != 4 || o.b != 5 || o.c != 6 { return 7; }
    if c_seven(Seven { b: [7]u8 { 1, 0, 1, 1, 0, 0, 1 } }) != 89 { return 8; }
    let d = c_dd(Dd { x: 1.5, y: -2.5 });
    if d.x != -2.5 || d.y != 1.5 { return 9; }
    let many = c_many(1, 2, 3, 4, 5, 6, 7, 8, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    if many != 589.0 { return 10; }
    let fromC = c_calls_toy();
    if fromC != 0 { return 10 + fromC; }
    if apply(twice, 21) != 42 { return 20; }
    printf("%d %.2f %s %ld %c\n", 7 as i32, 2.5, "str", -9, 'x' as i32);
    return 0;
}
)";

}  // namespace

TEST_CASE("Toy and C call each other with structs of every ABI class and spilled arguments",
          "[abi]") {
  const std::string helpers = writeScratchText("abi_helpers.c", kCHelpers);
  const BuiltProgram built = buildToyProgram("abi", kToyProgram, helpers);
  const CommandResult run = runBuiltProgram(built);
  CHECK(run.status == 0);
  CHECK(run.output == "7 2.50 str -9 x\n");
}
