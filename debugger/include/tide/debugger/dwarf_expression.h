// DWARF expressions (DWARF 5 §2.5, §2.6): decoding an expression block into
// operations with their operands, and a textual form that follows
// llvm-dwarfdump's ("DW_OP_fbreg -20"). Evaluation belongs to the debugger,
// which has registers and memory; locations of the simple kinds compilers
// emit at -O0 (fbreg, addr, breg, reg, call_frame_cfa) are answered by the
// helpers below without a full evaluator.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tide/debugger/debug_info_error.h"

namespace tide::debugger {

struct DwarfOperation {
  std::uint8_t opcode = 0;          // DW_OP_*
  std::uint64_t operand1 = 0;       // first operand (two's complement for signed ones)
  std::uint64_t operand2 = 0;       // second operand (bregx, bit_piece, ...)
  std::vector<std::uint8_t> block;  // implicit_value / entry_value bytes
  std::uint64_t offset = 0;         // of the opcode within the expression

  std::int64_t signedOperand1() const { return static_cast<std::int64_t>(operand1); }
  std::int64_t signedOperand2() const { return static_cast<std::int64_t>(operand2); }
};

// Decodes `expression`. Errors name `section` and `sectionOffset` plus the
// position inside the expression, so they point at the bad byte.
Expected<std::vector<DwarfOperation>> decodeExpression(std::span<const std::uint8_t> expression,
                                                       std::uint8_t addressSize,
                                                       std::string_view section = ".debug_info",
                                                       std::uint64_t sectionOffset = 0,
                                                       bool is64BitFormat = false);

// "DW_OP_fbreg -20", operations separated by ", ".
std::string describeExpression(const std::vector<DwarfOperation>& operations);
// "DW_OP_fbreg" or "DW_OP_<0xNN>".
std::string operationName(std::uint8_t opcode);

// The simple locations: a single operation of these kinds.
struct SimpleLocation {
  enum class Kind {
    FrameBaseOffset,  // DW_OP_fbreg N: frame base + N
    Address,          // DW_OP_addr A: fixed image address
    RegisterOffset,   // DW_OP_bregR N / bregx: register R + N (memory)
    Register,         // DW_OP_regR / regx: the value lives in register R
    CallFrameCfa,     // DW_OP_call_frame_cfa (a frame base)
  };
  Kind kind = Kind::FrameBaseOffset;
  std::uint16_t registerNumber = 0;  // DWARF register number
  std::int64_t offset = 0;           // fbreg/breg offset
  std::uint64_t address = 0;         // DW_OP_addr
};
std::optional<SimpleLocation> simpleLocationOf(const std::vector<DwarfOperation>& operations);

}  // namespace tide::debugger
