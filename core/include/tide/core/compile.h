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

// Told about the IR while the front end makes it, in the front end's thread:
// once the declarations (functions, globals, externs) are lowered, then after
// each function body, in module order, while the front end goes on with the
// next. Nothing more comes after an error has been reported. Last,
// analysisFinished() (possibly more than once): by the time it returns the
// observer must have stopped reading the module, which is destroyed next if
// the compile failed (if it succeeded, it is the one CompileResult::module
// holds). (codegen's compile pipeline generates code this way on a second
// thread.)
class LoweringObserver {
 public:
  virtual ~LoweringObserver() = default;
  // The module is not const: once an observer has consumed a function it may
  // release its body (ir::Function::releaseBody), unless verifiesIr().
  virtual void declarationsLowered(ir::Module& module) = 0;
  virtual void functionLowered(ir::Module& module, uint32_t functionIndex) = 0;
  virtual void analysisFinished() = 0;
};

struct CompileOptions {
  bool verify = false;  // also run ir::verifyModule in release builds (always on in debug)
  LoweringObserver* observer = nullptr;
  // Map the AST's memory on a second thread ahead of the parser (see
  // Arena::populateAhead): for callers that have a core to spare.
  bool populateAstAhead = false;
  // Parse each function body only when it is checked, into memory reused
  // from one body to the next (the result is the same; see compileOnce).
  bool deferBodies = true;
  // Lower the checked program to IR. Off: check only (every diagnostic, since
  // lowering reports none, and no module), what `tide check` needs.
  bool lowerToIr = true;
};

struct CompileResult {
  std::vector<Diagnostic> diagnostics;  // in report order; errors and warnings
  std::unique_ptr<ir::Module> module;   // null when any error was reported (or !lowerToIr)
  SourceManager sources;                // for printing the diagnostics
  bool observed = false;                // the options' observer followed the making of `module`
  bool ok() const { return module != nullptr; }
};

// Whether a compile with these options runs the IR verifier (always in
// debug builds): an observer must then leave the function bodies in place.
bool verifiesIr(const CompileOptions& options);

CompileResult compileSources(const std::vector<SourceFile>& files,
                             const CompileOptions& options = {});
CompileResult compileFiles(const std::vector<std::string>& paths,
                           const CompileOptions& options = {});

// Shorthand: formatDiagnostics(result.sources, result.diagnostics).
std::string formatDiagnostics(const CompileResult& result);

}  // namespace tide::core
