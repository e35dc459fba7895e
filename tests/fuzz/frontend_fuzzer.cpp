// libFuzzer target for the front end: any bytes through lex + parse + sema +
// lowering must neither crash nor hang, whatever compiles must give IR that
// the verifier accepts, and parsing the function bodies in place must give
// the same diagnostics and IR as deferring them (the default), and checking
// without lowering (`tide check`) the same diagnostics. Built only
// with clang (tests/core/tests.cmake):
//   build/.../bin/tide_fuzz_frontend -max_len=4096 tests/corpus/cases
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tide/core/compile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tide::core::CompileResult result = tide::core::compileSources({{"fuzz.toy", text}});
  const std::string diagnostics = tide::core::formatDiagnostics(result);
  std::string ir;
  if (result.module) {
    std::vector<std::string> problems = tide::ir::verifyModule(*result.module);
    if (!problems.empty()) {
      std::fprintf(stderr, "invalid IR: %s\n", problems[0].c_str());
      std::abort();
    }
    ir = tide::ir::printModule(*result.module);
  }
  tide::core::CompileOptions inPlace;
  inPlace.deferBodies = false;
  tide::core::CompileResult eager = tide::core::compileSources({{"fuzz.toy", text}}, inPlace);
  if (tide::core::formatDiagnostics(eager) != diagnostics ||
      (eager.module ? tide::ir::printModule(*eager.module) : std::string()) != ir) {
    std::fprintf(stderr, "deferred bodies changed the result\n");
    std::abort();
  }
  tide::core::CompileOptions checkOnly;
  checkOnly.lowerToIr = false;
  tide::core::CompileResult checked = tide::core::compileSources({{"fuzz.toy", text}}, checkOnly);
  if (tide::core::formatDiagnostics(checked) != diagnostics || checked.module) {
    std::fprintf(stderr, "checking without lowering changed the diagnostics\n");
    std::abort();
  }
  return 0;
}
