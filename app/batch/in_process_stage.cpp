// Each step catches what the libraries throw and turns it into a compiler
// crash (ending Signaled, SIGABRT, the exception's text on stderr), the
// same verdict a crashing `tide build` process would get.
#include "batch/in_process_stage.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>

#include "batch/system_linker.h"
#include "tide/codegen/object.h"
#include "tide/core/compile.h"
#include "tide/core/interpreter.h"

namespace tide::batch {

namespace {

ProcessOutcome exited(int status, std::string diagnostics = {}) {
  ProcessOutcome outcome;
  outcome.ending = ProcessEnding::Exited;
  outcome.exitCode = status;
  outcome.standardError = std::move(diagnostics);
  return outcome;
}

ProcessOutcome compilerThrew(const char* what) {
  ProcessOutcome outcome;
  outcome.ending = ProcessEnding::Signaled;
  outcome.signal = SIGABRT;
  outcome.standardError = std::string("tide: internal compiler error: ") + what + "\n";
  return outcome;
}

template <typename Step>
ProcessOutcome guarded(Step step) {
  try {
    return step();
  } catch (const std::exception& error) {
    return compilerThrew(error.what());
  } catch (...) {
    return compilerThrew("an unknown exception");
  }
}

bool writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// Compile + codegen + write; `diagnostics` collects warnings and problems.
ProcessOutcome compileToFile(const std::string& source, const std::string& objectPath,
                             int optimizationLevel) {
  const core::CompileResult compiled = core::compileFiles({source});
  std::string diagnostics = core::formatDiagnostics(compiled);
  if (!compiled.ok()) return exited(1, std::move(diagnostics));
  codegen::CodegenOptions options;
  options.optimizationLevel = optimizationLevel;
  const codegen::ObjectFile object = codegen::compileToObject(*compiled.module, options);
  for (const std::string& problem : object.problems) diagnostics += "tide build: " + problem + "\n";
  if (!writeBytes(objectPath, object.bytes))
    return exited(1, diagnostics + "tide build: cannot write '" + objectPath + "'\n");
  return exited(0, std::move(diagnostics));
}

std::vector<std::uint8_t> trivialObject() {
  const core::CompileResult compiled =
      core::compileSources({{"probe.toy", "fn main(): i32 { return 0; }\n"}});
  if (!compiled.ok()) return {};
  return codegen::compileToObject(*compiled.module).bytes;
}

}  // namespace

ProcessOutcome stageCheck(const std::string& source) {
  return guarded([&] {
    const core::CompileResult compiled = core::compileFiles({source});
    return exited(compiled.ok() ? 0 : 1, core::formatDiagnostics(compiled));
  });
}

ProcessOutcome stageObject(const std::string& source, const std::string& objectPath,
                           int optimizationLevel) {
  return guarded([&] { return compileToFile(source, objectPath, optimizationLevel); });
}

ProcessOutcome stageExecutable(const std::string& source, const std::string& objectPath,
                               const std::string& executablePath, int optimizationLevel) {
  ProcessOutcome compiled = stageObject(source, objectPath, optimizationLevel);
  if (compiled.ending != ProcessEnding::Exited || compiled.exitCode != 0) return compiled;
  prepareSystemLinker();
  const ProcessOutcome linked = linkExecutable(systemLinkerCommand({}), objectPath, executablePath);
  std::string diagnostics = compiled.standardError + linked.standardError;
  if (linked.ending == ProcessEnding::Exited && linked.exitCode == 0)
    return exited(0, std::move(diagnostics));
  return exited(1, diagnostics + "tide build: the linker failed (" +
                       (linked.spawnError.empty() ? "status " + std::to_string(linked.shellStatus())
                                                  : linked.spawnError) +
                       ")\n");
}

void prepareSystemLinker() {
  static const bool prepared = [] {
    systemLinkerCommand(trivialObject());
    return true;
  }();
  (void)prepared;
}

int interpretSource(const std::string& source) {
  try {
    const core::CompileResult compiled = core::compileFiles({source});
    std::fputs(core::formatDiagnostics(compiled).c_str(), stderr);
    if (!compiled.ok()) return 1;
    const core::InterpretResult result = core::interpret(*compiled.module, {source});
    std::fflush(stdout);  // the program's output first, then the fault report
    if (result.signal != 0) {
      std::fprintf(stderr, "tide: %s\n", result.faultMessage.c_str());
      std::fprintf(stderr, "tide: program received signal %d (%s); backtrace:\n", result.signal,
                   core::signalName(result.signal).c_str());
      for (std::size_t i = 0; i < result.backtrace.size(); ++i)
        std::fprintf(stderr, "#%zu  %s\n", i,
                     core::formatInterpretFrame(result.backtrace[i]).c_str());
    } else if (!result.faultMessage.empty()) {
      std::fprintf(stderr, "tide: %s\n", result.faultMessage.c_str());
    }
    return result.exitStatus;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tide: internal error: %s\n", error.what());
    return 125;
  }
}

}  // namespace tide::batch
