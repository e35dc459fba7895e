// Hostile input never crashes, hangs or overflows the stack: invalid UTF-8,
// NUL bytes, a 10 MB line, 100,000 nested parens or blocks, an empty file, a
// directory, a missing path. Each gives a clear error (or none).
#include <catch2/catch.hpp>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "FrontEndSupport.h"

using namespace tide::test;

TEST_CASE("An empty file reports only the missing main", "[badinput]") {
  CHECK(diagnosticsOf("", "empty.toy") ==
        "empty.toy:1:1: error: program has no 'main' function\n\n^\n");
}

TEST_CASE("Invalid UTF-8 outside literals is one error per run of bytes", "[badinput]") {
  std::string text = diagnosticsOf("fn main(): i32 { \xC3\x28\xFF\xFE return 0; }\n");
  CHECK(contains(text, "t.toy:1:18: error: invalid UTF-8\n"));
}

TEST_CASE("NUL bytes are reported, not treated as the end of the text", "[badinput]") {
  std::string source = "fn main(): i32 { return 0; }";
  source += '\0';
  source += "\nfn x() { undeclared(); }\n";
  std::string text = diagnosticsOf(source);
  CHECK(contains(text, "t.toy:1:29: error: unexpected NUL byte\n"));
  CHECK(contains(text, "undeclared identifier 'undeclared'"));
}

TEST_CASE("A 10 MB single line compiles and its diagnostic line is cut", "[badinput]") {
  // One huge string literal and a few thousand statements, all on line 1.
  std::string source = "extern fn puts(s: *u8): i32;\nfn main(): i32 { var x: i64 = 0;";
  for (int i = 0; i < 5000; ++i) source += " x += 1;";
  source += " puts(\"" + std::string(10'000'000, 'a') + "\"); return x as i32 + y; }";
  std::clock_t start = std::clock();
  std::string text = diagnosticsOf(source);
  double cpuSeconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(contains(text, "t.toy:2:10040062: error: undeclared identifier 'y'"));
  CHECK(text.size() < 2000);  // the quoted line is cut around the column
  CHECK(cpuSeconds < 30);
}

TEST_CASE("A 10 MB chain of operators stops at the expression depth limit", "[badinput]") {
  std::string source = "fn main(): i32 { let x = 0";
  while (source.size() < 10'000'000) source += " + 1";
  source += "; return 0; }";
  CHECK(contains(diagnosticsOf(source), "error: expression too long (limit 1000 operators deep)"));
  std::string casts = "fn main(): i32 { let x = 0";
  for (int i = 0; i < 100000; ++i) casts += " as i64";
  CHECK(contains(diagnosticsOf(casts + "; return 0; }"), "error: expression too long"));
  std::string fine = "fn main(): i32 { let x = 0";
  for (int i = 0; i < 900; ++i) fine += " + 1";
  CHECK(tide::test::compileText(fine + "; return x as i32; }").ok());
}

TEST_CASE("100,000 nested parentheses or blocks stop at the nesting limit", "[badinput]") {
  std::string parens = "fn main(): i32 { return " + std::string(100000, '(') + "1" +
                       std::string(100000, ')') + "; }";
  CHECK(contains(diagnosticsOf(parens), "error: nesting too deep (limit 256)"));
  std::string blocks = "fn main(): i32 " + std::string(100000, '{') + std::string(100000, '}');
  CHECK(contains(diagnosticsOf(blocks), "error: nesting too deep (limit 256)"));
  std::string unary = "fn main(): i32 { return " + std::string(100000, '-') + "1; }";
  CHECK(contains(diagnosticsOf(unary), "error: nesting too deep (limit 256)"));
}

TEST_CASE("A directory or a missing path is reported by name", "[badinput]") {
  auto directory = tide::core::compileFiles({std::filesystem::temp_directory_path().string()});
  CHECK(contains(tide::core::formatDiagnostics(directory),
                 "error: cannot read file: is a directory"));
  auto missing = tide::core::compileFiles({"/nonexistent/dir/x.toy"});
  CHECK(tide::core::formatDiagnostics(missing) ==
        "/nonexistent/dir/x.toy: error: cannot read file: No such file or directory\n");
  CHECK_FALSE(missing.ok());
}

TEST_CASE("More source files than an instruction can name is an error", "[badinput]") {
  // An instruction keeps its file in 16 bits (ir::kMaxFiles).
  std::vector<tide::core::SourceFile> files(tide::ir::kMaxFiles + 1, {"f.toy", ""});
  auto result = tide::core::compileSources(files);
  CHECK_FALSE(result.ok());
  CHECK(contains(tide::core::formatDiagnostics(result),
                 "error: too many source files: 65536 (at most 65535 in one program)"));
}

TEST_CASE("Random bytes never crash the front end", "[badinput]") {
  uint64_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t length = 1 + (state >> 40) % 400;
    const char alphabet[] = "fn main(){}[]()<>=+-*/%&|^!~.,;:@\"'\\0123456789 abcxyz_\n\t\x80\xFF";
    for (size_t i = 0; i < length; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text += alphabet[(state >> 33) % (sizeof alphabet - 1)];
    }
    (void)tide::test::compileText(text);
  }
  SUCCEED("no crash");
}

TEST_CASE("A million statements compile", "[badinput][slow]") {
  std::string source = "fn main(): i32 {\n  var x: i64 = 0;\n";
  for (int i = 0; i < 1000000; ++i) source += "  x += 1;\n";
  source += "  return (x % 256) as i32;\n}\n";
  auto result = tide::test::compileText(source);
  CHECK(result.ok());
}

TEST_CASE("Inputs found by the fuzzer stay fixed", "[badinput]") {
  // Indexing an untyped constant once read past the type table.
  CHECK(contains(diagnosticsOf("fn main(): i32 { let a = [2]u32 { 1, 42[95 }; return 0; }"),
                 "error: cannot index a value of type integer constant"));
  CHECK(contains(diagnosticsOf("fn main(): i32 { null; return 0; }"),
                 "warning: expression result is unused"));
}
