// Mapping a JIT image W^X: one anonymous mapping, read+write while the
// sections are copied and relocated, then each permission group is
// mprotect'ed to its final R+X / R / R+W. No page is ever writable and
// executable at the same time.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "tide/jit/image_layout.h"

namespace tide::runner {

// Reserves layout.size zeroed bytes, read+write: below 2 GiB when the layout
// needs it, else preferably within 1 GiB below `nearAddress` (the C library),
// because gcc's PIE code reaches extern data like `stdout` PC-relative
// (±2 GiB) and only calls can be redirected through stubs. Returns nullptr
// and sets *error on failure.
std::uint8_t* mapWritableImage(const jit::ImageLayout& layout, std::uint64_t nearAddress,
                               std::string* error);

// Applies each segment's final permissions. Returns "" or an error.
std::string protectImage(std::uint8_t* image, const jit::ImageLayout& layout);

}  // namespace tide::runner
