#include "kept_until_exit.h"

#include <vector>

namespace tide::cli {

void keepUntilExit(void* object) {
  // Never destroyed (a static vector's destructor would drop the pointers
  // before a leak check at exit looks for them).
  static auto* const kept = new std::vector<void*>;
  kept->push_back(object);
}

}  // namespace tide::cli
