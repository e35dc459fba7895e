// Lowering and the verifier: the IR of small programs has the promised shape
// (evaluation order, places evaluated once, short-circuit, for loops), every
// corpus program lowers to verified IR, and the verifier rejects broken IR.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "FrontEndSupport.h"

using namespace tide::test;
using namespace tide;

namespace {

std::string irOf(const std::string& program) {
  auto result = compileText(program);
  INFO(core::formatDiagnostics(result));
  REQUIRE(result.ok());
  return ir::printModule(*result.module);
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

size_t countOf(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

}  // namespace

TEST_CASE("A compound assignment evaluates its place once", "[lowering]") {
  std::string text =
      irOf("fn idx(): i64 { return 1; }\n" + inMain("var a: [4]i32; a[idx()] += 5; return a[1];"));
  CHECK(countOf(text, "call @idx") == 1);
  CHECK(contains(text, "elem [4]i32"));
}

TEST_CASE("A slot's address is defined once per block and again in the next block", "[lowering]") {
  // Three uses of x in main's entry block, two in the loop body.
  std::string text =
      irOf(inMain("var x: i64 = 1; x = x + x; while x < 100 { x = x * 3; } return x as i32;"));
  const size_t mainAt = text.find("fn @main");
  REQUIRE(mainAt != std::string::npos);
  const std::string body = text.substr(mainAt);
  auto blockText = [&](const std::string& label) {
    const size_t at = body.find("; " + label + "\n");
    REQUIRE(at != std::string::npos);
    const size_t end = body.find("\nbb", at);
    return body.substr(at, end == std::string::npos ? std::string::npos : end - at);
  };
  CHECK(countOf(blockText("entry"), "= slot %x") == 1);
  CHECK(countOf(blockText("while.body"), "= slot %x") == 1);
  CHECK(countOf(blockText("while.cond"), "= slot %x") == 1);
  // The entry's loads and the store all go through that one address.
  CHECK(countOf(blockText("entry"), "load i64") == 2);
}

TEST_CASE("Each instruction's location names its own file, line and column", "[lowering]") {
  // Two files: a function of the second one keeps file 1 in all its code.
  auto result =
      core::compileSources({{"a.toy", "fn main(): i32 { return helper(2) as i32; }\n"},
                            {"b.toy", "\n\nfn helper(x: i64): i64 {\n  return x * 3;\n}\n"}});
  INFO(core::formatDiagnostics(result));
  REQUIRE(result.ok());
  REQUIRE(result.module->files.size() == 2);
  bool sawMultiply = false;
  for (const ir::Function& function : result.module->functions) {
    const uint32_t file = function.name == "helper" ? 1 : 0;
    for (const ir::Block& block : function.blocks)
      for (const ir::Instr& instr : function.instructions(block)) {
        const ir::SourceLocation location = ir::locationOf(instr);
        CHECK(location.file == file);
        CHECK(location.line != 0);
        if (instr.op == ir::Opcode::Mul) {
          sawMultiply = true;
          CHECK(location.line == 4);
          CHECK(location.column == 10);
        }
      }
  }
  CHECK(sawMultiply);
}

TEST_CASE("&& and || short-circuit through branches", "[lowering]") {
  std::string text = irOf("fn t(): bool { return true; }\n" +
                          inMain("let b = t() && t(); if b { return 1; } return 0;"));
  CHECK(contains(text, "; and.rhs"));
  CHECK(contains(text, "condbr"));
}

TEST_CASE("Variadic arguments are promoted in the IR", "[lowering]") {
  std::string text =
      irOf("extern fn printf(fmt: *u8, ...): i32;\n" +
           inMain("let c: u8 = 65; let s: i16 = -1; printf(\"%d %d\", c, s); return 0;"));
  CHECK(contains(text, "zext i32"));
  CHECK(contains(text, "sext i32"));
  CHECK(contains(text, "... i32"));
}

TEST_CASE("Struct values are passed and returned by address of a slot", "[lowering]") {
  std::string text =
      irOf("struct P { x: i64, y: i64 }\nfn swap(p: P): P { return P { x: p.y, y: p.x }; }\n" +
           inMain("let q = swap(P { x: 1, y: 2 }); return q.x as i32;"));
  CHECK(contains(text, "call @swap(P v"));
  CHECK(contains(text, ") into v"));
  CHECK(contains(text, "ret P v"));
}

TEST_CASE("Every run-corpus program lowers to verified IR", "[lowering][verifier]") {
  std::filesystem::path cases = std::filesystem::path(TIDE_SOURCE_DIR) / "tests/corpus/cases";
  REQUIRE(std::filesystem::exists(cases));
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(cases)) {
    if (entry.path().extension() != ".toy") continue;
    auto result = core::compileSources({{entry.path().filename().string(), readText(entry.path())}},
                                       core::CompileOptions{true});
    INFO(entry.path().string() << "\n" << core::formatDiagnostics(result));
    REQUIRE(result.ok());
    CHECK(ir::verifyModule(*result.module).empty());
    ++count;
  }
  CHECK(count > 0);
}

TEST_CASE("The verifier rejects broken IR", "[verifier]") {
  auto result = compileText(inMain("let a: i32 = 1; return a + 2;"));
  REQUIRE(result.ok());
  ir::Module& module = *result.module;
  ir::Function& main = module.functions[0];
  SECTION("a missing terminator") {
    --main.blocks[0].instrCount;
    CHECK_FALSE(ir::verifyModule(module).empty());
  }
  SECTION("an operand of the wrong type") {
    for (ir::Instr& instr : main.instructions(main.blocks[0]))
      if (instr.op == ir::Opcode::Add) instr.type = ir::TypeTable::kI64;
    auto problems = ir::verifyModule(module);
    REQUIRE_FALSE(problems.empty());
    CHECK(contains(problems[0], "has type i32, expected i64"));
  }
  SECTION("a use before the definition") {
    std::swap(main.instructions(main.blocks[0])[1], main.instructions(main.blocks[0])[2]);
    CHECK_FALSE(ir::verifyModule(module).empty());
  }
  SECTION("a block whose instructions lie outside the function's") {
    main.blocks[0].instrCount = static_cast<uint32_t>(main.instrs.size()) + 1;
    auto problems = ir::verifyModule(module);
    REQUIRE_FALSE(problems.empty());
    CHECK(contains(problems[0], "out of range"));
  }
  SECTION("a location in a file the module does not have") {
    main.instructions(main.blocks[0])[0].file = 1;
    auto problems = ir::verifyModule(module);
    REQUIRE_FALSE(problems.empty());
    CHECK(contains(problems[0], "location's file out of range"));
  }
  SECTION("a bad branch target") {
    main.instructions(main.blocks[0]).back().op = ir::Opcode::Br;
    main.instructions(main.blocks[0]).back().target[0] = 99;
    CHECK_FALSE(ir::verifyModule(module).empty());
  }
}

// Golden dumps: tests/core/golden/NAME.toy must print exactly NAME.ir.
// Set TIDE_UPDATE_GOLDEN=1 to rewrite them (then review the diff).
TEST_CASE("The IR of the golden programs matches their dumps exactly", "[lowering][golden]") {
  std::filesystem::path directory = std::filesystem::path(TIDE_SOURCE_DIR) / "tests/core/golden";
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() != ".toy") continue;
    std::string name = entry.path().filename().string();
    auto result =
        core::compileSources({{name, readText(entry.path())}}, core::CompileOptions{true});
    INFO(name << "\n" << core::formatDiagnostics(result));
    REQUIRE(result.ok());
    std::string actual = ir::printModule(*result.module);
    std::filesystem::path expectedPath = entry.path();
    expectedPath.replace_extension(".ir");
    if (std::getenv("TIDE_UPDATE_GOLDEN")) std::ofstream(expectedPath, std::ios::binary) << actual;
    CHECK(actual == readText(expectedPath));
    ++count;
  }
  CHECK(count >= 5);
}
