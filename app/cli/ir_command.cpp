// `tide ir FILE...`: compile the files and print the IR (docs/ir.md) to
// stdout; diagnostics go to stderr. Exit 1 on any error.
#include <cstdio>

#include "cli/commands.h"
#include "tide/core/compile.h"

namespace tide::cli {

int runIr(std::span<const std::string> arguments) {
  std::vector<std::string> paths(arguments.begin(), arguments.end());
  if (paths.empty()) {
    std::fprintf(stderr, "usage: tide ir FILE.toy...\n");
    return 2;
  }
  core::CompileResult result = core::compileFiles(paths);
  std::string diagnostics = core::formatDiagnostics(result);
  std::fwrite(diagnostics.data(), 1, diagnostics.size(), stderr);
  if (!result.module) return 1;
  std::string text = ir::printModule(*result.module);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace tide::cli
