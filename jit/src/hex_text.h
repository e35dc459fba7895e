// "0x1f": how offsets and addresses are written in the loader's messages.
// snprintf, not an ostringstream: a stream's first use sets up the C++
// locale, which cost a JIT host child ~40k instructions and a dozen page
// faults on the way to main.
#pragma once

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tide::jit::detail {

inline std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%" PRIx64, value);
  return text;
}

}  // namespace tide::jit::detail
