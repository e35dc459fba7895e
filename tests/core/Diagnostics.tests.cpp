// The printed diagnostic format (spec §10): location, severity, message, the
// source line, and a caret with tildes under the range. Exact text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "FrontEndSupport.h"

using namespace tide::test;

TEST_CASE("An error prints file:line:col, the source line and a caret under the range",
          "[diagnostics]") {
  CHECK(diagnosticsOf("fn main(): i32 {\n    return foo;\n}\n", "prog.toy") ==
        "prog.toy:2:12: error: undeclared identifier 'foo'\n"
        "    return foo;\n"
        "           ^~~\n");
}

TEST_CASE("Every error of a run is reported, in source order", "[diagnostics]") {
  CHECK(diagnosticsOf(
            "fn main(): i32 {\n  let a: u8 = 300;\n  let b: bool = 1;\n  return a + b;\n}\n") ==
        "t.toy:2:15: error: constant 300 does not fit in u8\n"
        "  let a: u8 = 300;\n"
        "              ^~~\n"
        "t.toy:3:17: error: mismatched types: expected bool, found integer constant\n"
        "  let b: bool = 1;\n"
        "                ^\n"
        "t.toy:4:12: error: mismatched types: u8 and bool\n"
        "  return a + b;\n"
        "           ^\n");
}

TEST_CASE("Warnings use the warning severity and keep the program valid", "[diagnostics]") {
  auto result = compileText("fn main(): i32 {\n\tlet x = 1;\n\treturn 0;\n}\n");
  CHECK(result.ok());
  // Tabs are kept in the caret line so the caret lines up.
  CHECK(tide::core::formatDiagnostics(result) ==
        "t.toy:2:6: warning: unused variable 'x'\n"
        "\tlet x = 1;\n"
        "\t    ^\n");
}

TEST_CASE("Mismatch messages name both types and argument counts", "[diagnostics]") {
  std::string text = diagnosticsOf(
      "fn f(a: i32, b: i32): i32 { return a; }\nfn main(): i32 {\n  let x: i64 = 1;\n"
      "  let y: i32 = 2;\n  let z = x == y;\n  return f(1);\n}\n");
  CHECK(contains(text, "t.toy:5:13: error: mismatched types: i64 and i32\n"));
  CHECK(contains(text, "t.toy:6:10: error: function 'f' expects 2 arguments, found 1\n"));
}

TEST_CASE("A range wider than its line is clipped to the line", "[diagnostics]") {
  std::string text = diagnosticsOf("fn main(): i32 {\n  return \"abc\n}\n");
  CHECK(contains(
      text, "t.toy:2:10: error: unterminated string literal\n  return \"abc\n         ^~~~\n"));
}

// `tide check` compiles with lowerToIr off: lowering reports nothing, so
// checking alone must print exactly what a full compile prints, warnings
// included, on every corpus program, and make no module.
TEST_CASE("Checking without lowering reports exactly a full compile's diagnostics",
          "[diagnostics][corpus]") {
  namespace fs = std::filesystem;
  int compared = 0, withDiagnostics = 0;
  for (const char* directory : {"cases", "err"}) {
    for (const auto& entry :
         fs::directory_iterator(fs::path(TIDE_SOURCE_DIR) / "tests" / "corpus" / directory)) {
      if (entry.path().extension() != ".toy") continue;
      INFO(entry.path().string());
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::vector<tide::core::SourceFile> files = {
          {entry.path().filename().string(), text.str()}};
      tide::core::CompileOptions checkOnly;
      checkOnly.lowerToIr = false;
      const tide::core::CompileResult checked = tide::core::compileSources(files, checkOnly);
      const tide::core::CompileResult full = tide::core::compileSources(files);
      CHECK(tide::core::formatDiagnostics(checked) == tide::core::formatDiagnostics(full));
      CHECK(checked.module == nullptr);
      if (!full.diagnostics.empty()) ++withDiagnostics;
      ++compared;
    }
  }
  CHECK(compared >= 260);
  CHECK(withDiagnostics >= 60);  // the err cases, at least
}
