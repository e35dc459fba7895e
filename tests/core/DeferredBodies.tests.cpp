// Deferred function bodies (parseFile's deferBodies, the default of
// compileSources): the skim that finds where a body ends, the parse of a body
// later, and the driver giving exactly what parsing every body in place gives
// (diagnostics, their order, the IR) on the whole corpus and on programs made
// to take the slow way (a diagnostic in a body).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tide/core/compile.h"
#include "tide/core/internal/body_skim.h"
#include "tide/core/internal/lexer.h"
#include "tide/core/internal/parser.h"

using namespace tide::core;

namespace {

namespace fs = std::filesystem;

size_t skim(const std::string& text) { return skimFunctionBody(text, text.find('{')); }

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Diagnostics as printed, then the IR: what a compile shows of itself.
std::string outcome(const std::vector<SourceFile>& files, bool deferBodies) {
  CompileOptions options;
  options.verify = true;
  options.deferBodies = deferBodies;
  CompileResult result = compileSources(files, options);
  std::string text = formatDiagnostics(result);
  text += result.ok() ? "--- ok\n" + tide::ir::printModule(*result.module) : "--- failed\n";
  return text;
}

void requireSameBothWays(const std::vector<SourceFile>& files) {
  const std::string inPlace = outcome(files, false);
  const std::string deferred = outcome(files, true);
  REQUIRE(deferred == inPlace);
}

// Counts what the front end tells an observer.
struct CountingObserver final : LoweringObserver {
  int declarations = 0, functions = 0, finished = 0;
  void declarationsLowered(tide::ir::Module&) override { ++declarations; }
  void functionLowered(tide::ir::Module&, uint32_t) override { ++functions; }
  void analysisFinished() override { ++finished; }
};

}  // namespace

TEST_CASE("The skim finds the brace that closes a body", "[deferred]") {
  CHECK(skim("fn f() { }") == 10);
  CHECK(skim("fn f() { if x { y(); } else { { } } } fn g() {}") == 37);
  // Braces the lexer does not see as braces.
  CHECK(skim("fn f() { let s = \"}\"; }") == 23);
  CHECK(skim("fn f() { let c = '}'; let d = '{'; }") == 36);
  CHECK(skim("fn f() { let s = \"\\\"}\"; }") == 25);
  CHECK(skim("fn f() { let c = '\\\\'; }") == 24);
  CHECK(skim("fn f() { // }\n }") == 16);
  CHECK(skim("fn f() { /* } { */ }") == 20);
  CHECK(skim("fn f() { a = b / c; }") == 21);
}

TEST_CASE("The skim leaves to the parser what the lexer would report", "[deferred]") {
  CHECK(skim("fn f() { ") == kNoBodyEnd);
  CHECK(skim("fn f() { let s = \"}\n\"; }") == kNoBodyEnd);
  CHECK(skim("fn f() { let s = \"\\\n\"; }") == kNoBodyEnd);
  CHECK(skim("fn f() { /* } ") == kNoBodyEnd);
  CHECK(skim("fn f() { // no newline }") == kNoBodyEnd);
  CHECK(skim("fn f() { let s = \"\xC3\xA9\"; }") == kNoBodyEnd);
  CHECK(skim(std::string("fn f() { \0 }", 12)) == kNoBodyEnd);
  CHECK(skim("fn f() { \x7F }") == kNoBodyEnd);
}

TEST_CASE("The skim ends every body where the lexer's braces do", "[deferred]") {
  // Random bodies of pieces that hide braces or look like they might, at
  // every alignment (the skim looks at sixteen bytes at a time).
  const std::vector<std::string> pieces = {
      "{",         "}",     "x",        " ",         "\n",
      "\t",        "/",     "a / b",    "\"}\"",     "'{'",
      "\"\\\"{\"", "'\\''", "// { }\n", "/* } { */", "/**/",
      "//\n",      "*",     "\"/* {\"", "'/'",       "identifier_of_some_length"};
  uint32_t seed = 12345;
  auto random = [&](uint32_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % bound;
  };
  int compared = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = std::string(random(20), ' ') + "{";
    int depth = 1;
    const uint32_t count = random(40);
    for (uint32_t i = 0; i < count; ++i) {
      const std::string& piece = pieces[random(static_cast<uint32_t>(pieces.size()))];
      if (piece == "}" && depth == 1) continue;
      depth += piece == "{" ? 1 : piece == "}" ? -1 : 0;
      text += piece;
    }
    while (depth-- > 0) text += "}";
    text += " fn after() {}";
    const size_t open = text.find('{');
    DiagnosticSink sink;
    Lexer lexer(0, text, sink);
    lexer.seek(open);
    size_t lexedEnd = kNoBodyEnd;
    for (int braces = 0;;) {
      Token token = lexer.next();
      if (token.kind == TokenKind::EndOfFile) break;
      braces += token.kind == TokenKind::LBrace ? 1 : token.kind == TokenKind::RBrace ? -1 : 0;
      if (braces == 0) {
        lexedEnd = token.end;
        break;
      }
    }
    // ("/" then "*" can open a comment that never closes: the lexer reports
    // it, and what the skim says there is the parser's to handle.)
    if (sink.reportCount() != 0 || lexedEnd == kNoBodyEnd) continue;
    INFO(text);
    CHECK(skimFunctionBody(text, open) == lexedEnd);
    ++compared;
  }
  CHECK(compared > 2000);
}

TEST_CASE("A deferred body parses to the body parsed in place", "[deferred]") {
  const std::string text =
      "struct P { x: i32 }\n"
      "fn f(a: i32): i32 {\n  let p = P { x: a };\n  if a > 0 { return p.x; }\n  return 0;\n}\n"
      "fn g() { let s = \"{\"; }\n";
  Arena arena;
  DiagnosticSink sink;
  FileAst eager = parseFile(0, text, arena, sink);
  FileAst deferred = parseFile(0, text, arena, sink, true);
  REQUIRE(sink.reportCount() == 0);
  ParseScratch scratch;
  REQUIRE(deferred.decls.count == 3);
  for (uint32_t i = 1; i < 3; ++i) {
    Decl* lazy = deferred.decls[i];
    Decl* inPlace = eager.decls[i];
    REQUIRE(lazy->bodyDeferred);
    REQUIRE(lazy->body == nullptr);
    CHECK(lazy->range.begin == inPlace->range.begin);
    CHECK(lazy->range.end == inPlace->range.end);
    bool clean = false;
    Block* body = parseDeferredBody(deferred, *lazy, arena, sink, scratch, clean);
    CHECK(clean);
    CHECK(body->range.begin == inPlace->body->range.begin);
    CHECK(body->range.end == inPlace->body->range.end);
    REQUIRE(body->statements.count == inPlace->body->statements.count);
    for (uint32_t s = 0; s < body->statements.count; ++s) {
      CHECK(body->statements[s]->kind == inPlace->body->statements[s]->kind);
      CHECK(body->statements[s]->range.begin == inPlace->body->statements[s]->range.begin);
      CHECK(body->statements[s]->range.end == inPlace->body->statements[s]->range.end);
    }
  }
}

TEST_CASE("A deferred body that reports something is not clean", "[deferred]") {
  const std::string text = "fn f() { let x = ; }\nfn g() { ; }\n";
  Arena arena;
  DiagnosticSink sink;
  FileAst deferred = parseFile(0, text, arena, sink, true);
  REQUIRE(sink.reportCount() == 0);
  ParseScratch scratch;
  for (uint32_t i = 0; i < 2; ++i) {
    bool clean = true;
    parseDeferredBody(deferred, *deferred.decls[i], arena, sink, scratch, clean);
    CHECK_FALSE(clean);
  }
}

TEST_CASE("Deferring bodies changes nothing on the corpus", "[deferred][corpus]") {
  int compared = 0;
  for (const char* directory : {"cases", "err"}) {
    const fs::path folder = fs::path(TIDE_SOURCE_DIR) / "tests" / "corpus" / directory;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".toy") continue;
      INFO(entry.path().string());
      requireSameBothWays({{entry.path().filename().string(), readFile(entry.path())}});
      ++compared;
    }
  }
  CHECK(compared >= 260);
}

TEST_CASE("Deferring bodies changes nothing where a body reports something", "[deferred]") {
  const std::vector<std::string> programs = {
      // a syntax error in a body, after a body with a type error
      "fn f(): i32 { return true; }\nfn g() { let x = ; }\nfn main(): i32 { return 0; }\n",
      // an empty statement (a parser warning) between unused-variable warnings
      "fn f() { let a = 1; }\nfn g() { ; let b = 2; }\nfn main(): i32 { return 0; }\n",
      // a lexer error inside a body, and one at top level
      "fn f() { let c = $; }\n$\nfn main(): i32 { return 0; }\n",
      // nesting too deep inside a body stops the file
      "fn f() {" + std::string(300, '{') + std::string(300, '}') +
          "}\nfn main(): i32 { return 0; }\n",
      // a body that never closes
      "fn main(): i32 { return 0;\n",
      // bodies the skim leaves to the parser, beside deferred ones
      "fn f() { let s = \"\xC3\xA9\"; }\nfn main(): i32 { return 0; }\n",
      // a declaration error before any body
      "fn f(x: nope) { }\nfn main(): i32 { return 0; }\n",
      // many errors: the cap
      [] {
        std::string text;
        for (int i = 0; i < 300; ++i) text += "fn f" + std::to_string(i) + "() { x; }\n";
        return text + "fn g() { let = ; }\n";
      }(),
  };
  for (const std::string& program : programs) {
    INFO(program.substr(0, 200));
    requireSameBothWays({{"p.toy", program}});
  }
  // Two files: one namespace, bodies deferred in both.
  requireSameBothWays({{"a.toy", "fn helper(x: i32): i32 { return x + 1; }\n"},
                       {"b.toy", "fn main(): i32 { return helper(41) - 42; }\n"}});
  requireSameBothWays({{"a.toy", "fn helper(x: i32): i32 { return x + ; }\n"},
                       {"b.toy", "fn main(): i32 { return helper(41) - 42; }\n"}});
}

TEST_CASE("An observer follows a compile only when it was not redone", "[deferred]") {
  const std::string main = "fn f(): i32 { return 1; }\nfn main(): i32 { ";
  CountingObserver observer;
  CompileOptions options;
  options.observer = &observer;
  SECTION("clean program: observed") {
    CompileResult result = compileSources({{"p.toy", main + "return f() - 1; }\n"}}, options);
    REQUIRE(result.ok());
    CHECK(result.observed);
    CHECK(observer.declarations == 1);
    CHECK(observer.functions == 2);
  }
  SECTION("a warning inside a body: compiled again, not observed") {
    CompileResult result = compileSources({{"p.toy", main + "; return f() - 1; }\n"}}, options);
    REQUIRE(result.ok());
    CHECK_FALSE(result.observed);
    CHECK(observer.declarations <= 1);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "empty statement");
  }
  CHECK(observer.finished >= 1);
}
