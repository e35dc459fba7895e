// `tide check FILE...`: compile the files as one program and print the
// diagnostics (spec §10 format) to stderr. Exit 1 on any error, else 0.
#include <cstdio>

#include "cli/commands.h"
#include "cli/kept_until_exit.h"
#include "tide/core/compile.h"

namespace tide::cli {

int runCheck(std::span<const std::string> arguments) {
  std::vector<std::string> paths(arguments.begin(), arguments.end());
  if (paths.empty()) {
    std::fprintf(stderr, "usage: tide check FILE.toy...\n");
    return 2;
  }
  // Diagnostics only: lowering reports none, so the IR is not made.
  core::CompileOptions options;
  options.lowerToIr = false;
  core::CompileResult result = core::compileFiles(paths, options);
  const KeptUntilExit keep(result);
  std::string text = core::formatDiagnostics(result);
  std::fwrite(text.data(), 1, text.size(), stderr);
  return core::hasErrors(result.diagnostics) ? 1 : 0;
}

}  // namespace tide::cli
