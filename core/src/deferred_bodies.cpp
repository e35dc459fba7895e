// DeferredBodies: the deferred function bodies, parsed one at a time.
#include "tide/core/internal/deferred_bodies.h"

namespace tide::core {

void DeferredBodies::begin(const std::vector<FileAst>& files, const std::vector<Decl*>& functions) {
  fileOf_.clear();
  for (const FileAst& file : files) {
    if (file.file >= fileOf_.size()) fileOf_.resize(file.file + 1, nullptr);
    fileOf_[file.file] = &file;
  }
  deferred_.clear();
  for (Decl* function : functions)
    if (function->bodyDeferred && !function->body) deferred_.push_back(function);
  next_ = 0;
}

Block* DeferredBodies::take(Arena*& arena, bool& clean) {
  Decl* function = deferred_[next_++];
  arena_.reset();
  arena = &arena_;
  // Any report and the caller compiles again without deferring, which
  // reports it in its place.
  DiagnosticSink sink;
  return parseDeferredBody(*fileOf_[function->range.file], *function, arena_, sink, scratch_,
                           clean);
}

}  // namespace tide::core
