// Lowering: the checked AST (sema annotations) -> ir::Module. Runs only when
// analysis reported no error. Evaluation order is left to right; places are
// evaluated once (`a op= b`); && and || short-circuit through a bool slot; a
// `for` keeps its own counter and end bound in temporary slots.
#pragma once

#include "tide/core/compile.h"

#include <memory>

#include "tide/core/internal/sema.h"

namespace tide::core {

void lowerProgram(const CheckedProgram& program, const SourceManager& sources, ir::Module& module);

class ModuleLowering;

// Lowering driven by analysis: passed to analyzeProgram, it lowers each
// function right after its body is checked, while that body's AST is still in
// the cache; the module is the same as lowerProgram's. Its content is
// meaningful only when analysis reported no error (after an error it stops).
class IncrementalLowering final : public AnalysisListener {
 public:
  IncrementalLowering(const SourceManager& sources, ir::Module& module,
                      LoweringObserver* observer = nullptr);
  ~IncrementalLowering() override;
  void declarationsResolved(const CheckedProgram& program) override;
  void functionChecked(Decl* function) override;

 private:
  std::unique_ptr<ModuleLowering> lowering_;
  ir::Module& module_;
  LoweringObserver* observer_;
};

}  // namespace tide::core
