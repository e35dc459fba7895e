// The one way the rest of Tide obtains the LLDB implementation of Target, so
// that the LLDB library can later be loaded lazily (dlopen) to keep `tide`
// start-up fast without touching the callers.
#pragma once

#include <memory>

#include "tide/debugger/target.h"

namespace tide::debugger {

std::unique_ptr<Target> makeLldbTarget();

}  // namespace tide::debugger
