// Semantic analysis: name resolution (one global namespace across files,
// block scoping with shadowing), types, untyped constants (spec §6), constant
// evaluation, struct layout, control-flow checks (missing return, unreachable
// code) and unused-variable warnings. It annotates the AST in place (ExprSema,
// Symbol) for lowering; errors poison the expression's type (kErrorType) so
// that one mistake gives one message.
#pragma once

#include <vector>

#include "tide/core/internal/ast.h"
#include "tide/core/internal/lexer.h"

namespace tide::core {

// Pseudo type ids used only inside sema (never reach the IR).
inline constexpr ir::TypeId kErrorType = 0xFFFFFFF0u;
inline constexpr ir::TypeId kUntypedIntType = 0xFFFFFFF1u;
inline constexpr ir::TypeId kUntypedFloatType = 0xFFFFFFF2u;
inline constexpr ir::TypeId kNullType = 0xFFFFFFF3u;

struct CheckedProgram {
  std::vector<Decl*> structs, consts, globals, externs, functions;  // in source order
  // A deferred body did not parse cleanly, or an error came before one: the
  // analysis stopped there, and the files are to be parsed again without
  // deferring (the diagnostics would otherwise come out of their order).
  bool reparseWithoutDeferring = false;
};

// Told about the program while it is analyzed, so that lowering can run one
// function at a time right after its body is checked, while the body's AST is
// still in the cache (a whole-program second pass reads it all from memory).
class AnalysisListener {
 public:
  virtual ~AnalysisListener() = default;
  // Every declaration is resolved (structs, constants, globals, signatures)
  // and no error has been reported; function bodies are checked next.
  virtual void declarationsResolved(const CheckedProgram& program) = 0;
  // The body of `function` has been checked, and no error has been reported
  // so far. After the first error the listener hears nothing more.
  virtual void functionChecked(Decl* function) = 0;
};

// Checks all files together. Types are interned into `types` (the module's
// table). Deferred function bodies (parseFile's deferBodies) are parsed as
// they are checked, one at a time (internal/deferred_bodies.h): a body's AST
// and local symbols are gone once the listener has heard of it, since
// functionChecked is the last look at them.
CheckedProgram analyzeProgram(const std::vector<FileAst>& files, ir::TypeTable& types, Arena& arena,
                              DiagnosticSink& sink, AnalysisListener* listener = nullptr);

// A constant of integer type, reduced to the type's width and sign- or
// zero-extended (the canonical form stored in ExprSema::intValue).
__int128 canonicalInteger(const ir::TypeTable& types, ir::TypeId type, __int128 value);

}  // namespace tide::core
