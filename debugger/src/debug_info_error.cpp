// Formatting of reader errors: section and hex offset first, so messages on
// the same section line up and can be compared byte for byte in tests.
#include "tide/debugger/debug_info_error.h"

#include <cstdio>

namespace tide::debugger {

std::string DebugInfoError::text() const {
  char offsetText[32];
  std::snprintf(offsetText, sizeof offsetText, "0x%llx", static_cast<unsigned long long>(offset));
  return section + " at offset " + offsetText + ": " + message;
}

}  // namespace tide::debugger
