// Test helper for the Interp*.tests.cpp files: compiles Toy source text with
// the front end and runs it in the interpreter, capturing what the program
// wrote to stdout (fd 1 is redirected to a temporary file around the run, so
// C's printf/puts/putchar output is captured exactly as a terminal gets it).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tide/core/compile.h"
#include "tide/core/interpreter.h"

namespace interp_test {

struct ToyRun {
  std::string diagnostics;  // non-empty when compilation failed
  tide::core::InterpretResult result;
  std::string output;  // the program's stdout
};

inline ToyRun runToy(const std::string& source, std::vector<std::string> arguments = {"prog"}) {
  ToyRun run;
  tide::core::CompileResult compiled = tide::core::compileSources({{"prog.toy", source}});
  if (!compiled.ok()) {
    run.diagnostics = tide::core::formatDiagnostics(compiled);
    run.result.exitStatus = -1;
    return run;
  }
  std::fflush(stdout);
  std::FILE* capture = std::tmpfile();
  const int savedStdout = dup(1);
  dup2(fileno(capture), 1);
  run.result = tide::core::interpret(*compiled.module, arguments);
  std::fflush(stdout);
  dup2(savedStdout, 1);
  close(savedStdout);
  std::rewind(capture);
  char buffer[4096];
  size_t count;
  while ((count = std::fread(buffer, 1, sizeof buffer, capture)) > 0)
    run.output.append(buffer, count);
  std::fclose(capture);
  return run;
}

// Function names of the fault's backtrace, innermost first.
inline std::vector<std::string> backtraceNames(const ToyRun& run) {
  std::vector<std::string> names;
  for (const tide::core::InterpretFrame& frame : run.result.backtrace)
    names.push_back(frame.function);
  return names;
}

}  // namespace interp_test
