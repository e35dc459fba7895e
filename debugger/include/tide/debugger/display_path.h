// How Tide shows a source path to the user: relative to the current
// directory when it lies below it, as written otherwise. Backtraces, stops
// and breakpoint listings all print paths this way.
#pragma once

#include <string>

namespace tide::debugger {

std::string displayPath(const std::string& path);

}  // namespace tide::debugger
