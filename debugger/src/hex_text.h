// The debugger writes addresses and offsets as the rest of Tide does.
#pragma once

#include "tide/core/hex_text.h"

namespace tide::debugger {
using core::hex;
}  // namespace tide::debugger
