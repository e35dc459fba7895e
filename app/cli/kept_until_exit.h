// One-shot commands (`tide check`, `tide build`) end the process right after
// their last output, and the kernel takes the whole address space back at
// once: freeing a large compile first, object by object, is only cost (6% of
// `tide check` on the 100,000-line benchmark, mostly the IR's vectors). So a
// command hands its result here instead of destroying it, as clang's driver
// does with -disable-free. What is kept stays reachable from a list that is
// never destroyed, so a leak checker does not report it.
#pragma once

#include <utility>

namespace tide::cli {

void keepUntilExit(void* object);  // kept_until_exit.cpp

// Moves `value` to the heap when the guard's scope ends (on every return
// path after it), and never destroys it there; `value` is left moved-from.
template <typename T>
class KeptUntilExit {
 public:
  explicit KeptUntilExit(T& value) : value_(value) {}
  ~KeptUntilExit() { keepUntilExit(new T(std::move(value_))); }
  KeptUntilExit(const KeptUntilExit&) = delete;
  KeptUntilExit& operator=(const KeptUntilExit&) = delete;

 private:
  T& value_;
};

}  // namespace tide::cli
