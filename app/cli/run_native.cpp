// runNativeObject (see run_native.h). The crash chain arrives as runtime
// addresses; the debugger's crash report cuts it at the image boundary and
// names every frame from the object's DWARF.
#include "cli/run_native.h"

#include <cstdio>

#include "tide/codegen/object.h"
#include "tide/debugger/crash_report.h"
#include "tide/jit/jit_session.h"
#include "tide/jit/runner_host.h"

namespace tide::cli {
std::unique_ptr<jit::PreforkedHost> prepareNativeHost(const std::string& programName,
                                                      const std::vector<std::string>& arguments) {
  jit::RunOptions options;
  options.programName = programName;
  // A forked child hosts the image: no second exec, which would cost more
  // than a small program. It is forked before the compile, while this
  // process is small and has no threads (the pipeline's come later).
  // This process exits right after the run: it need not wait for the child
  // to finish tearing itself down once the program's exit is reported.
  options.returnAtExitReport = true;
  return std::make_unique<jit::PreforkedHost>(jit::hostImage, options, arguments);
}

int runNativeObject(const codegen::ObjectFile& object, jit::PreforkedHost& host) {
  for (const std::string& problem : object.problems)
    std::fprintf(stderr, "tide run: code generation: %s\n", problem.c_str());
  std::fflush(nullptr);  // our own buffered output first, then the program's
  const jit::RunResult result = host.run(object.bytes);
  if (!result.started) {
    std::fprintf(stderr, "tide run: %s\n", result.error.c_str());
    return 1;
  }
  if (result.crashed)
    std::fputs(debugger::symbolizedCrashBacktrace(object.bytes, result).c_str(), stderr);
  return result.exitCode;
}

}  // namespace tide::cli
