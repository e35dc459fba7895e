// The product version, shared by every front end (`tide --version`, the GUI's
// About box, batch report headers).
#pragma once

#include <string_view>

namespace tide::core {

std::string_view versionString();

}  // namespace tide::core
