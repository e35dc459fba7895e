// The front end's one entry point: Toy source files -> diagnostics + IR.
// Stages, in order: read files -> lex+parse each file -> analyze all files
// together (names, types, constants) -> lower to IR (only when no error) ->
// verify the IR (debug builds and when options.verify is set).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tide/core/ir.h"
#include "tide/core/source.h"

namespace tide::core {

struct CompileOptions {
  bool verify = false;  // also run ir::verifyModule in release builds (always on in debug)
};

struct CompileResult {
  std::vector<Diagnostic> diagnostics;  // in report order; errors and warnings
  std::unique_ptr<ir::Module> module;   // null when any error was reported
  SourceManager sources;                // for printing the diagnostics
  bool ok() const { return module != nullptr; }
};

CompileResult compileSources(const std::vector<SourceFile>& files,
                             const CompileOptions& options = {});
CompileResult compileFiles(const std::vector<std::string>& paths,
                           const CompileOptions& options = {});

// Shorthand: formatDiagnostics(result.sources, result.diagnostics).
std::string formatDiagnostics(const CompileResult& result);

}  // namespace tide::core
