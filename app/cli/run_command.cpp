// `tide run [--interp] FILE... [-- ARGS]`: compile the files into one
// program and run it, exiting with the program's status (128 + signal after
// a fault, with a Toy backtrace on stderr). --interp runs the reference
// interpreter in this process; the native path compiles with the compile
// pipeline (code generation overlapping the front end on large inputs) and
// runs the object in a child forked before the compile (JIT).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/run_native.h"
#include "tide/codegen/compile_pipeline.h"
#include "tide/core/compile.h"
#include "tide/core/interpreter.h"

namespace tide::cli {

namespace {

struct RunRequest {
  bool interpret = false;
  std::vector<std::string> files;
  std::vector<std::string> programArguments;  // after "--"
};

// Returns false (after printing why) on a malformed command line.
bool parseRunRequest(std::span<const std::string> arguments, RunRequest& request) {
  size_t i = 0;
  for (; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--") {
      ++i;
      break;
    }
    if (argument == "--interp") {
      request.interpret = true;
    } else if (argument == "-O0") {
      // The only code generator level so far; accepted so scripts can name it.
    } else if (argument.size() > 1 && argument[0] == '-') {
      std::fprintf(stderr, "tide run: unknown option '%s'\n", argument.c_str());
      return false;
    } else {
      request.files.push_back(argument);
    }
  }
  for (; i < arguments.size(); ++i) request.programArguments.push_back(arguments[i]);
  if (request.files.empty()) {
    std::fprintf(stderr, "usage: tide run [--interp] [-O0] FILE... [-- ARGS]\n");
    return false;
  }
  return true;
}

void printFault(const core::InterpretResult& result) {
  std::fprintf(stderr, "tide: %s\n", result.faultMessage.c_str());
  std::fprintf(stderr, "tide: program received signal %d (%s); backtrace:\n", result.signal,
               core::signalName(result.signal).c_str());
  for (size_t i = 0; i < result.backtrace.size(); ++i)
    std::fprintf(stderr, "#%zu  %s\n", i, core::formatInterpretFrame(result.backtrace[i]).c_str());
}

int runInterpreted(const ir::Module& module, const RunRequest& request) {
  std::vector<std::string> argv = {request.files.front()};
  argv.insert(argv.end(), request.programArguments.begin(), request.programArguments.end());
  const core::InterpretResult result = core::interpret(module, argv);
  if (result.signal != 0)
    printFault(result);
  else if (!result.faultMessage.empty())
    std::fprintf(stderr, "tide: %s\n", result.faultMessage.c_str());
  return result.exitStatus;
}

// The native path: codegen + tide-runner (JIT), in run_native.cpp. Only the
// object is needed, so each function's IR is freed once its code exists.
int runNative(const RunRequest& request) {
  const std::unique_ptr<jit::PreforkedHost> host =
      prepareNativeHost(request.files.front(), request.programArguments);
  codegen::PipelineOptions options;
  options.releaseBodies = true;
  const codegen::CompiledObject result = codegen::compileFilesToObject(request.files, options);
  std::fputs(core::formatDiagnostics(result.compiled).c_str(), stderr);
  if (!result.compiled.ok()) return 1;
  return runNativeObject(result.object, *host);
}

}  // namespace

int runRun(std::span<const std::string> arguments) {
  RunRequest request;
  if (!parseRunRequest(arguments, request)) return 2;
  if (!request.interpret) return runNative(request);
  const core::CompileResult compiled = core::compileFiles(request.files);
  std::fputs(core::formatDiagnostics(compiled).c_str(), stderr);
  if (!compiled.ok()) return 1;
  return runInterpreted(*compiled.module, request);
}

}  // namespace tide::cli
