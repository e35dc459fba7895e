// Wrapping integer arithmetic computed in uint64_t (never signed overflow in
// the host), then re-canonicalized to the operand width. Division checks
// run before the host division so the host never executes a faulting idiv.
#include "interp_scalar.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace tide::core::interp {

namespace {

uint64_t widthMask(unsigned bits) { return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1; }

int64_t signedMinimum(unsigned bits) {
  return bits >= 64 ? INT64_MIN : -(int64_t{1} << (bits - 1));
}

ScalarResult divide(ir::Opcode op, IntShape shape, uint64_t a, uint64_t b) {
  if (b == 0) return {0, ScalarTrap::DivideError};
  if (op == ir::Opcode::UDiv || op == ir::Opcode::URem) {
    uint64_t x = a & widthMask(shape.bits), y = b & widthMask(shape.bits);
    return {canonical(shape, op == ir::Opcode::UDiv ? x / y : x % y)};
  }
  const auto x = static_cast<int64_t>(a), y = static_cast<int64_t>(b);
  if (x == signedMinimum(shape.bits) && y == -1) return {0, ScalarTrap::DivideError};
  return {canonical(shape, static_cast<uint64_t>(op == ir::Opcode::SDiv ? x / y : x % y))};
}

}  // namespace

IntShape intShapeOf(const ir::TypeTable& types, ir::TypeId type) {
  switch (types.get(type).kind) {
    case ir::TypeKind::Bool: return {8, false};
    case ir::TypeKind::I8: return {8, true};
    case ir::TypeKind::I16: return {16, true};
    case ir::TypeKind::I32: return {32, true};
    case ir::TypeKind::I64: return {64, true};
    case ir::TypeKind::U8: return {8, false};
    case ir::TypeKind::U16: return {16, false};
    case ir::TypeKind::U32: return {32, false};
    default: return {64, false};  // u64, f64 bits, pointers, function values
  }
}

ScalarResult integerBinary(ir::Opcode op, IntShape shape, uint64_t a, uint64_t b) {
  // Shift counts are reduced modulo the width; widths are powers of two, so
  // masking the two's-complement bits of any count type is the modulo.
  const unsigned count = static_cast<unsigned>(b & (shape.bits - 1));
  switch (op) {
    case ir::Opcode::Add: return {canonical(shape, a + b)};
    case ir::Opcode::Sub: return {canonical(shape, a - b)};
    case ir::Opcode::Mul: return {canonical(shape, a * b)};
    case ir::Opcode::SDiv:
    case ir::Opcode::UDiv:
    case ir::Opcode::SRem:
    case ir::Opcode::URem: return divide(op, shape, a, b);
    case ir::Opcode::Shl: return {canonical(shape, a << count)};
    case ir::Opcode::LShr: return {canonical(shape, (a & widthMask(shape.bits)) >> count)};
    case ir::Opcode::AShr: {
      // Arithmetic shift of the sign-extended value; host >> on a negative
      // int64_t is arithmetic (guaranteed since C++20).
      const IntShape signedShape{shape.bits, true};
      const auto x = static_cast<int64_t>(canonical(signedShape, a));
      return {canonical(shape, static_cast<uint64_t>(x >> count))};
    }
    case ir::Opcode::And: return {a & b};
    case ir::Opcode::Or: return {a | b};
    case ir::Opcode::Xor: return {canonical(shape, a ^ b)};
    default: return {0, ScalarTrap::InvalidConversion};
  }
}

uint64_t bitCount(ir::Opcode op, IntShape shape, uint64_t a) {
  const uint64_t x = a & widthMask(shape.bits);
  switch (op) {
    case ir::Opcode::Popcount: return static_cast<uint64_t>(std::popcount(x));
    case ir::Opcode::Clz: return x == 0 ? shape.bits : std::countl_zero(x) - (64 - shape.bits);
    case ir::Opcode::Ctz: return x == 0 ? shape.bits : static_cast<uint64_t>(std::countr_zero(x));
    default: return 0;
  }
}

bool compare(ir::CmpPredicate predicate, uint64_t a, uint64_t b) {
  const auto sa = static_cast<int64_t>(a), sb = static_cast<int64_t>(b);
  const double fa = bitsToDouble(a), fb = bitsToDouble(b);
  switch (predicate) {
    case ir::CmpPredicate::Eq: return a == b;
    case ir::CmpPredicate::Ne: return a != b;
    case ir::CmpPredicate::SLt: return sa < sb;
    case ir::CmpPredicate::SLe: return sa <= sb;
    case ir::CmpPredicate::SGt: return sa > sb;
    case ir::CmpPredicate::SGe: return sa >= sb;
    case ir::CmpPredicate::ULt: return a < b;
    case ir::CmpPredicate::ULe: return a <= b;
    case ir::CmpPredicate::UGt: return a > b;
    case ir::CmpPredicate::UGe: return a >= b;
    case ir::CmpPredicate::FEq: return fa == fb;
    case ir::CmpPredicate::FNe: return !(fa == fb);  // true when unordered
    case ir::CmpPredicate::FLt: return fa < fb;
    case ir::CmpPredicate::FLe: return fa <= fb;
    case ir::CmpPredicate::FGt: return fa > fb;
    case ir::CmpPredicate::FGe: return fa >= fb;
  }
  return false;
}

ScalarResult floatToInteger(IntShape result, double value) {
  if (std::isnan(value)) return {0, ScalarTrap::InvalidConversion};
  const double truncated = std::trunc(value);
  // Bounds are powers of two, exact in f64: [-2^(n-1), 2^(n-1)) signed,
  // [0, 2^n) unsigned (-0.5 truncates to -0.0, which is in range).
  const double limit = std::ldexp(1.0, static_cast<int>(result.bits) - (result.isSigned ? 1 : 0));
  const double lowest = result.isSigned ? -limit : 0.0;
  if (!(truncated >= lowest && truncated < limit)) return {0, ScalarTrap::InvalidConversion};
  if (result.isSigned)
    return {canonical(result, static_cast<uint64_t>(static_cast<int64_t>(truncated)))};
  return {canonical(result, static_cast<uint64_t>(truncated))};
}

double bitsToDouble(uint64_t bits) { return std::bit_cast<double>(bits); }
uint64_t doubleToBits(double value) { return std::bit_cast<uint64_t>(value); }

}  // namespace tide::core::interp
