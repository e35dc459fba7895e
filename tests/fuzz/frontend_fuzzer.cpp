// libFuzzer target for the front end: any bytes through lex + parse + sema +
// lowering must neither crash nor hang, and whatever compiles must give IR
// that the verifier accepts. Built only with clang (tests/core/tests.cmake):
//   build/.../bin/tide_fuzz_frontend -max_len=4096 tests/corpus/cases
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tide/core/compile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tide::core::CompileResult result = tide::core::compileSources({{"fuzz.toy", text}});
  (void)tide::core::formatDiagnostics(result);
  if (result.module) {
    std::vector<std::string> problems = tide::ir::verifyModule(*result.module);
    if (!problems.empty()) {
      std::fprintf(stderr, "invalid IR: %s\n", problems[0].c_str());
      std::abort();
    }
    (void)tide::ir::printModule(*result.module);
  }
  return 0;
}
