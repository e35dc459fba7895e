// Semantic analysis: untyped constants (spec §6), conversions, scoping and
// shadowing (§4), control-flow checks (§5), and that one mistake gives one
// error. Each row is a whole program compiled from memory.
#include <catch2/catch.hpp>

#include "FrontEndSupport.h"

using namespace tide::test;

namespace {

void requireValid(const std::string& program) {
  INFO(program);
  std::string diagnostics = diagnosticsOf(program);
  CHECK(diagnostics.find("error") == std::string::npos);
  INFO(diagnostics);
  CHECK(compileText(program).ok());
}

void requireError(const std::string& program, const std::string& message) {
  INFO(program);
  std::string diagnostics = diagnosticsOf(program);
  INFO(diagnostics);
  CHECK(contains(diagnostics, "error: " + message));
  CHECK_FALSE(compileText(program).ok());
}

}  // namespace

TEST_CASE("Untyped integer constants are exact and take their context's type", "[sema]") {
  requireValid(
      inMain("let m: i8 = -127 - 1; let y: u64 = 1 << 40; let z: i8 = 100 + 100 - 150;\n"
             "let h: f64 = 7 / 2; let big: u64 = 18446744073709551615; let n: i32 = 3;\n"
             "let s: u8 = 1 << n; return (m as i32) + (y as i32) + (z as i32) + (h as i32) +"
             " (big as i32) + (s as i32);"));
  requireValid("const K = 1 << 70;\nconst S = K >> 68;\n" +
               inMain("let x: u8 = S; return x as i32;"));
  requireError(inMain("let x: i8 = 128; return 0;"), "constant 128 does not fit in i8");
  requireError(inMain("let x: u64 = 18446744073709551616; return 0;"),
               "integer literal is too large");
  requireError(inMain("let x: u64 = 0x1_0000_0000_0000_0000; return 0;"),
               "integer literal is too large");
  requireError(inMain("let x: u64 = 99999999999999999999999999999999999999999; return 0;"),
               "integer literal is too large");
  requireValid(inMain("let x: u64 = 18446744073709551615; let y: u64 = 0xFFFF_FFFF_FFFF_FFFF;"
                      "let z: u64 = 0b1" + std::string(63, '0') + "; return (x - y + z) as i32;"));
  requireError(inMain("let x = 5 / 0; return 0;"), "integer constant division by zero");
  requireError(inMain("let n: i64 = 2; let z: i64 = 1 << -2; return 0;"),
               "negative shift count -2");
}

TEST_CASE("Untyped float constants follow IEEE and never become integers", "[sema]") {
  requireValid(inMain("let inf: f64 = 1.0 / 0.0; let r: f64 = 1 + 0.5; return 0;"));
  requireError(inMain("let x: i64 = 2.5; return 0;"), "float constant cannot be used as i64");
  requireError(inMain("let x = 1e400; return 0;"), "float literal is too large for f64");
}

TEST_CASE("Comparisons of untyped constants are exact", "[sema]") {
  requireValid(inMain("@assert(18446744073709551615 + 1 > 18446744073709551615); return 0;"));
}

TEST_CASE("`as` gives no type to its operand", "[sema]") {
  requireValid(inMain("let x = 300 as u8; @assert(x == 44); return 0;"));
  requireError(inMain("let x = 18446744073709551615 as u64; return 0;"),
               "constant 18446744073709551615 does not fit in i64");
}

TEST_CASE("Typed constant folding that would trap is an error", "[sema]") {
  requireError("const A: i32 = 1;\n" + inMain("return A / 0;"),
               "division by zero in constant expression");
  requireError(inMain("let x = 300.0 as u8; return 0;"), "constant conversion traps");
  requireError("const M: i16 = -32768;\n" + inMain("return (M % -1) as i32;"),
               "overflow in constant expression");
  requireValid("const W: u8 = 200;\n" + inMain("let x = W + W; @assert(x == 144); return 0;"));
  requireValid(inMain("let f = -0.5 as u8; @assert(f == 0); return 0;"));
}

TEST_CASE("Only the listed `as` conversions are allowed", "[sema]") {
  requireValid("fn g() {}\n" +
               inMain("var x: i32 = 1; let p = &x; let a = p as u64; let q = a as *i32;"
                      " let r = p as *u8; let b = true as i64; let f = x as f64;"
                      " let i = f as i8; let u = g as u64; let v = g as *u8; return 0;"));
  requireError(inMain("let b = 1 as bool; return 0;"), "cannot convert i64 to bool");
  requireError(inMain("var x: i32 = 1; let p = &x as u32; return 0;"),
               "cannot convert *i32 to u32");
  requireError(inMain("let f = 1.5 as *u8; return 0;"), "cannot convert f64 to *u8");
}

TEST_CASE("Binary operands must have one type, except shifts and pointer offsets", "[sema]") {
  requireError(inMain("let a: i32 = 1; let b: i64 = 2; let c = a + b; return 0;"),
               "mismatched types: i32 and i64");
  requireValid(
      inMain("let a: u8 = 1; let n: i64 = 9; let b = a << n; var x: [4]i32 = [4]i32 {};"
             " let p = &x[0]; let q = p + a; let d = q - p; return (d as i32) + (b as i32);"));
  requireError(inMain("var x: i32 = 0; let p = &x; let q = 2 + p; return 0;"),
               "the pointer must be the left operand of '+'");
}

TEST_CASE("Shadowing follows block scoping, initializers see the outer name", "[sema]") {
  requireValid(
      "var x: i64 = 1;\nfn f(x: i64): i64 { let x = x + 5; { let x = x * 2; return x; } }\n" +
      inMain("return f(x) as i32;"));
  requireError(inMain("let a = 1; let a = 2; return 0;"), "redeclaration of 'a' in the same block");
  requireError(inMain("{ let inner = 1; } return inner;"), "undeclared identifier 'inner'");
  requireValid(inMain("for _ in 0..3 { } let _ = 5; return 0;"));
}

TEST_CASE("Declaration order does not matter across the program", "[sema]") {
  requireValid(
      "fn main(): i32 { var n = Node { next: null, value: LIMIT }; return later(&n); }\n"
      "fn later(n: *Node): i32 { return n.value; }\nstruct Node { next: *Node, value: i32 }\n"
      "const LIMIT: i32 = 7;\n");
}

TEST_CASE("Missing returns are found by the spec's completion rules", "[sema]") {
  requireValid(
      "fn a(): i32 { loop { } }\nfn b(c: bool): i32 { if c { return 1; } else { @trap(); } }\n"
      "fn d(): i32 { loop { loop { break; } } }\n" +
      inMain("return 0;"));
  requireError("fn e(): i32 { loop { break; } }\n" + inMain("return 0;"),
               "function 'e' can reach its end without returning a value of type i32");
  requireError("fn w(): i32 { while true { } }\n" + inMain("return 0;"),
               "function 'w' can reach its end");
  requireError(
      "fn i(c: bool): i32 { if c { return 1; } else if !c { return 2; } }\n" + inMain("return 0;"),
      "function 'i' can reach its end");
}

TEST_CASE("Unused variables and unreachable code are warnings, not errors", "[sema]") {
  auto result = compileText(inMain("let unused = 1; return 0; let after = 2;"));
  std::string text = tide::core::formatDiagnostics(result);
  CHECK(result.ok());
  CHECK(contains(text, "t.toy:2:5: warning: unused variable 'unused'"));
  CHECK(contains(text, "warning: unreachable code"));
}

TEST_CASE("Variadic externs promote narrow integers and reject aggregates", "[sema]") {
  requireValid(
      "extern fn printf(fmt: *u8, ...): i32;\n" +
      inMain("let c: u8 = 65; let b = true; printf(\"%c %d %f %p\", c, b, 1.5, null); return 0;"));
  requireError(
      "extern fn printf(fmt: *u8, ...): i32;\n" + inMain("printf(\"%d\", [2]i32 {}); return 0;"),
      "structs and arrays cannot be passed as variadic arguments");
}

TEST_CASE("Struct layout follows C rules and feeds @sizeof and @alignof", "[sema]") {
  requireValid(
      "struct S { a: u8, b: i64, c: u16 }\nstruct E { }\n" +
      inMain("@assert(@sizeof(S) == 24); @assert(@alignof(S) == 8); @assert(@sizeof(E) == 0);"
             " @assert(@sizeof([3]S) == 72); var a: [@sizeof(S)]u8; return 0;"));
  requireError("struct A { b: B }\nstruct B { a: A }\n" + inMain("return 0;"),
               "struct 'A' contains itself");
}

TEST_CASE("One mistake gives one error: poisoned types do not cascade", "[sema]") {
  auto result = compileText(inMain("let a = nope + 1; let b = a * 2; let c: i32 = b; return c;"));
  size_t errors = 0;
  for (const auto& diagnostic : result.diagnostics)
    errors += diagnostic.severity == tide::core::Severity::Error;
  CHECK(errors == 1);
}

TEST_CASE("Constant array indexes are checked at compile time", "[sema]") {
  requireError(inMain("let a = [2]i32 { 1, 2 }; return a[2];"),
               "index 2 is out of range for [2]i32");
  requireError(inMain("var a: [0]i32; return a[0];"), "index 0 is out of range for [0]i32");
  requireValid(inMain("var a: [2]i32; let i: i64 = 5; a[i % 2] = 1; return a[1];"));
}
