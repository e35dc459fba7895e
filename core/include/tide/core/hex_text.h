// "0x1f": how addresses and offsets are written in every message, view and
// listing of Tide (the loader's errors, the debugger's panes, the encoder's
// Intel text), defined once. snprintf, not an ostringstream: a stream's
// first use sets up the C++ locale, which cost a JIT host child ~40k
// instructions and a dozen page faults on the way to main.
#pragma once

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tide::core {

inline std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%" PRIx64, value);
  return text;
}

}  // namespace tide::core
