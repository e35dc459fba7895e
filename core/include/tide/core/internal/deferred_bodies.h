// Where analysis gets the deferred function bodies (parseFile's deferBodies)
// from: one at a time, in program order, each parsed when asked into one
// arena that is reset for the next, so the AST in memory is one body's.
// (Parsing ahead on a thread of its own was tried for the compile pipeline:
// its two cores are already busy, and the waits made it slower.)
#pragma once

#include <cstddef>
#include <vector>

#include "tide/core/internal/ast.h"
#include "tide/core/internal/parser.h"

namespace tide::core {

class DeferredBodies {
 public:
  // Every declaration is resolved; `functions` is the program's functions in
  // the order analysis checks them (only the deferred ones are asked for).
  void begin(const std::vector<FileAst>& files, const std::vector<Decl*>& functions);
  // The next deferred body, parsed into `arena`, which is the caller's until
  // the next call; clean as parseDeferredBody says (anything reported, and
  // the caller is to give up deferring: the reports themselves are dropped).
  Block* take(Arena*& arena, bool& clean);

 private:
  std::vector<const FileAst*> fileOf_;  // by file id
  std::vector<Decl*> deferred_;
  size_t next_ = 0;
  Arena arena_;
  ParseScratch scratch_;
};

}  // namespace tide::core
