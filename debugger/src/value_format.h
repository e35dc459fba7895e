// Values of the debuggee formatted by their DWARF type, in Toy's spelling:
// integers, bool, f64, pointers (strings shown for *u8), structs expanded
// as `Acc { total: 285, count: 10 }`, arrays as `[1, 2, 3]`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tide/debugger/debug_info.h"

namespace tide::debugger {

using MemoryReader = std::function<std::optional<std::vector<std::uint8_t>>(std::uint64_t address,
                                                                            std::size_t size)>;

// "i64", "*Acc", "[4]i32", "bool".
std::string toyTypeName(const DebugInfo& info, std::uint64_t type);
// Size in bytes of a value of `type` (arrays: count x element).
std::uint64_t typeSize(const DebugInfo& info, std::uint64_t type);
std::string formatValue(const DebugInfo& info, std::uint64_t type,
                        std::span<const std::uint8_t> bytes, const MemoryReader& read);

// A scalar as a number, for conditions: integers, bool (0/1), f64, pointers.
struct Number {
  bool isFloat = false;
  bool isUnsigned = false;
  std::int64_t integer = 0;
  double real = 0;
};
std::optional<Number> numberOf(const DebugInfo& info, std::uint64_t type,
                               std::span<const std::uint8_t> bytes);

}  // namespace tide::debugger
