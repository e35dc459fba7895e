#include "tide/core/version.h"

namespace tide::core {

std::string_view versionString() { return TIDE_VERSION; }

}  // namespace tide::core
