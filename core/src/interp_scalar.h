// Toy's scalar semantics (spec §7) on the interpreter's value representation:
// every scalar value is 64 bits in canonical form — integers sign-extended
// (signed types) or zero-extended (unsigned types, bool) from their width,
// f64 as its IEEE bits, pointers and function values as host addresses.
// Operations return canonical results; the trapping ones return a
// ScalarTrap instead of a value so that the caller decides how to fault.
#pragma once

#include <cstdint>
#include <optional>

#include "tide/core/ir.h"

namespace tide::core::interp {

// The integer shape of a scalar type: width in bits and signedness.
struct IntShape {
  unsigned bits = 64;
  bool isSigned = false;
};

IntShape intShapeOf(const ir::TypeTable& types, ir::TypeId type);

// Truncates `raw` to the shape's width and extends it back to 64 bits.
// Inline: the execution loop calls it for nearly every instruction.
inline uint64_t canonical(IntShape shape, uint64_t raw) {
  if (shape.bits >= 64) return raw;
  const uint64_t low = raw & ((uint64_t{1} << shape.bits) - 1);
  if (!shape.isSigned) return low;
  const uint64_t signBit = uint64_t{1} << (shape.bits - 1);
  return (low ^ signBit) - signBit;
}

enum class ScalarTrap { None, DivideError, InvalidConversion };

struct ScalarResult {
  uint64_t value = 0;
  ScalarTrap trap = ScalarTrap::None;
};

// Integer binary operators of the IR (Add .. Xor, shifts included).
ScalarResult integerBinary(ir::Opcode op, IntShape shape, uint64_t a, uint64_t b);

// Popcount, Clz, Ctz.
uint64_t bitCount(ir::Opcode op, IntShape shape, uint64_t a);

// Cmp on canonical values; f64 predicates read the bits as doubles.
bool compare(ir::CmpPredicate predicate, uint64_t a, uint64_t b);

// f64 -> integer, truncating toward zero; traps on NaN and out of range.
ScalarResult floatToInteger(IntShape result, double value);

double bitsToDouble(uint64_t bits);
uint64_t doubleToBits(double value);

}  // namespace tide::core::interp
