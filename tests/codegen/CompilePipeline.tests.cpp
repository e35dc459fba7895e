// compileFilesToObject runs the code generator on a second thread while the
// front end lowers later functions: its objects must be byte for byte those
// of the serial path, whatever the interleaving, and a compile error must
// end the pipeline cleanly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "codegen_test_support.h"
#include "tide/codegen/compile_pipeline.h"

using namespace tide;
using namespace tide::codegen;
using namespace tide::codegen::testing;

namespace {

// Many functions calling earlier and later ones, string literals interned
// as lowering goes (their .rodata offsets are known only at the end), struct
// results, globals and new pointer/array types made while code is being
// generated for earlier functions.
std::string manyFunctions(int count) {
  std::string text =
      "extern fn printf(fmt: *u8, ...): i32;\n"
      "struct Pair { a: i64, b: u32 }\n"
      "var total: i64 = 0;\n"
      "let greeting: *u8 = \"start\\n\";\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    text += "fn pair" + n +
            "(x: i64): Pair {\n"
            "    return Pair { a: x + " +
            n +
            ", b: (x as u32) * 3 };\n"
            "}\n"
            "fn f" +
            n +
            "(x: i64, y: i32): i64 {\n"
            "    var a: i64 = x ^ " +
            n +
            ";\n"
            "    var cells: [" +
            std::to_string(i % 7 + 1) +
            "]i64;\n"
            "    cells[0] = a;\n"
            "    let p: *i64 = &cells[0];\n"
            "    var s = pair" +
            n +
            "(a);\n"
            "    if (y & 3) == 1 { printf(\"f" +
            n +
            " %d\\n\", y); }\n"
            "    total = total + p.* + (s.b as i64);\n";
    if (i > 0) text += "    a = a + f" + std::to_string(i - 1) + "(x, y - 1);\n";
    text += "    return a + s.a;\n}\n";
  }
  text += "fn main(): i32 {\n    printf(greeting);\n    return (f" + std::to_string(count - 1) +
          "(7, 9) & 127) as i32;\n}\n";
  return text;
}

PipelineOptions threaded() {
  PipelineOptions options;
  options.threadThreshold = 0;  // a thread whatever the size
  options.codegen.compilationDirectory = "/pipeline";
  return options;
}

std::vector<std::uint8_t> serialObject(const std::string& path, const CodegenOptions& options) {
  core::CompileResult compiled = core::compileFiles({path});
  INFO(core::formatDiagnostics(compiled));
  REQUIRE(compiled.ok());
  return compileToObject(*compiled.module, options).bytes;
}

}  // namespace

TEST_CASE("The compile pipeline writes the bytes of the serial path", "[pipeline]") {
  // 600 functions: over 20,000 line rows, so finish() also builds the DWARF
  // sections on two threads.
  const std::string path = writeScratchText("pipeline_many.toy", manyFunctions(600));
  const PipelineOptions options = threaded();
  for (int round = 0; round < 3; ++round) {  // interleavings differ from run to run
    CompiledObject result = compileFilesToObject({path}, options);
    INFO(core::formatDiagnostics(result.compiled));
    REQUIRE(result.compiled.ok());
    CHECK(result.usedThread);
    CHECK(result.object.problems.empty());
    CHECK(result.object.bytes == serialObject(path, options.codegen));
  }
}

TEST_CASE("The compile pipeline agrees with the serial path on every corpus program",
          "[pipeline]") {
  const PipelineOptions options = threaded();
  int compared = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(TIDE_SOURCE_DIR) + "/tests/corpus/cases")) {
    if (entry.path().extension() != ".toy") continue;
    const std::string path = entry.path().string();
    CompiledObject result = compileFilesToObject({path}, options);
    if (!result.compiled.ok()) continue;  // compile-time rejections have no object to compare
    INFO(path);
    CHECK(result.object.bytes == serialObject(path, options.codegen));
    ++compared;
  }
  CHECK(compared >= 200);
}

TEST_CASE("A compile error ends the pipeline with diagnostics and no object", "[pipeline]") {
  // The error is in the last function: code for the earlier ones is being
  // generated when it is found.
  const std::string path = writeScratchText(
      "pipeline_error.toy", manyFunctions(200) + "fn broken(): i32 { return missing; }\n");
  CompiledObject result = compileFilesToObject({path}, threaded());
  CHECK_FALSE(result.compiled.ok());
  CHECK(core::formatDiagnostics(result.compiled).find("missing") != std::string::npos);
  CHECK(result.object.bytes.empty());
}

TEST_CASE("Small inputs compile on the calling thread", "[pipeline]") {
  const std::string path = writeScratchText("pipeline_small.toy", manyFunctions(2));
  PipelineOptions options;
  options.codegen.compilationDirectory = "/pipeline";
  CompiledObject result = compileFilesToObject({path}, options);
  REQUIRE(result.compiled.ok());
  CHECK_FALSE(result.usedThread);
  CHECK(result.object.bytes == serialObject(path, options.codegen));
}

TEST_CASE("Released bodies change nothing in the object and free the IR", "[pipeline]") {
  const std::string path = writeScratchText("pipeline_release.toy", manyFunctions(150));
  PipelineOptions options = threaded();
  options.releaseBodies = true;
  CompiledObject result = compileFilesToObject({path}, options);
  INFO(core::formatDiagnostics(result.compiled));
  REQUIRE(result.compiled.ok());
  CHECK(result.object.bytes == serialObject(path, options.codegen));
  // A compile that verifies the IR (every debug build) keeps the bodies for it.
  const bool released = !core::verifiesIr({});
  for (const ir::Function& function : result.compiled.module->functions) {
    CHECK(function.bodyReleased == released);
    CHECK(function.instrs.empty() == released);
  }
  CHECK(ir::verifyModule(*result.compiled.module).empty());
}

TEST_CASE("A warning inside a late body ends the pipeline's thread, not the compile",
          "[pipeline]") {
  // The front end compiles such a program a second time (deferred bodies:
  // for the diagnostics' order), after the worker has generated code for
  // the first attempt's module: the object must come from the second.
  const std::string path = writeScratchText(
      "pipeline_warning.toy", manyFunctions(200) + "fn late(): i32 { ; return 1; }\n");
  CompiledObject result = compileFilesToObject({path}, threaded());
  INFO(core::formatDiagnostics(result.compiled));
  REQUIRE(result.compiled.ok());
  CHECK_FALSE(result.compiled.observed);
  CHECK_FALSE(result.usedThread);
  CHECK(core::formatDiagnostics(result.compiled).find("empty statement") != std::string::npos);
  CHECK(result.object.bytes == serialObject(path, threaded().codegen));
}
