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
};

// Checks all files together. Types are interned into `types` (the module's table).
CheckedProgram analyzeProgram(const std::vector<FileAst>& files, ir::TypeTable& types, Arena& arena,
                              DiagnosticSink& sink);

// A constant of integer type, reduced to the type's width and sign- or
// zero-extended (the canonical form stored in ExprSema::intValue).
__int128 canonicalInteger(const ir::TypeTable& types, ir::TypeId type, __int128 value);

}  // namespace tide::core
