// Lowering: the checked AST (sema annotations) -> ir::Module. Runs only when
// analysis reported no error. Evaluation order is left to right; places are
// evaluated once (`a op= b`); && and || short-circuit through a bool slot; a
// `for` keeps its own counter and end bound in temporary slots.
#pragma once

#include "tide/core/internal/sema.h"

namespace tide::core {

void lowerProgram(const CheckedProgram& program, const SourceManager& sources, ir::Module& module);

}  // namespace tide::core
