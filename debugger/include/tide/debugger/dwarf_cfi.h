// Call frame information (DWARF 5 §6.4): CIEs and FDEs of .debug_frame and
// .eh_frame (the LSB's variant: CIE id 0, relative CIE pointers, 'z'
// augmentations and DW_EH_PE pointer encodings), and the row of the
// unwind table that holds for a pc, from running the CIE's initial and the
// FDE's instructions (§6.4.2).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tide/debugger/debug_info_error.h"

namespace tide::debugger {

struct CommonInformationEntry {
  std::uint64_t offset = 0;  // in its section
  std::uint8_t version = 0;
  std::string augmentation;
  std::uint8_t addressSize = 8;
  std::uint64_t codeAlignmentFactor = 1;
  std::int64_t dataAlignmentFactor = 1;
  std::uint64_t returnAddressRegister = 0;
  std::uint8_t pointerEncoding = 0;  // 'R' (DW_EH_PE_*), absptr by default
  std::uint8_t lsdaEncoding = 0xff;  // 'L', DW_EH_PE_omit by default
  bool hasAugmentationData = false;  // 'z'
  bool isSignalFrame = false;        // 'S'
  std::vector<std::uint8_t> initialInstructions;
  std::uint64_t initialInstructionsOffset = 0;
};

struct FrameDescriptionEntry {
  std::uint64_t offset = 0;     // in its section
  std::uint64_t cieOffset = 0;  // of its CIE in the same section
  std::uint64_t initialLocation = 0;
  std::uint64_t addressRange = 0;
  std::vector<std::uint8_t> instructions;
  std::uint64_t instructionsOffset = 0;
};

struct CallFrameInfo {
  std::string section;  // ".debug_frame" or ".eh_frame"
  std::uint64_t sectionAddress = 0;
  std::vector<CommonInformationEntry> commonEntries;
  std::vector<FrameDescriptionEntry> descriptions;

  const CommonInformationEntry* commonEntryAt(std::uint64_t offset) const;
  const FrameDescriptionEntry* descriptionFor(std::uint64_t pc) const;
};

Expected<CallFrameInfo> parseDebugFrame(std::span<const std::uint8_t> debugFrame,
                                        std::uint8_t addressSize = 8);
// `sectionAddress` is the image address of .eh_frame, for pc-relative pointers.
Expected<CallFrameInfo> parseEhFrame(std::span<const std::uint8_t> ehFrame,
                                     std::uint64_t sectionAddress);

// §6.4.1 register rules.
struct RegisterRule {
  enum class Kind { Undefined, SameValue, Offset, ValOffset, Register, Expression, ValExpression };
  Kind kind = Kind::Undefined;
  std::int64_t offset = 0;           // Offset / ValOffset: CFA + offset
  std::uint16_t registerNumber = 0;  // Register
  std::vector<std::uint8_t> expression;
};

struct CfaRule {
  enum class Kind { RegisterOffset, Expression };
  Kind kind = Kind::RegisterOffset;
  std::uint16_t registerNumber = 0;
  std::int64_t offset = 0;
  std::vector<std::uint8_t> expression;
};

struct UnwindRow {
  std::uint64_t address = 0;     // first pc the row holds for
  std::uint64_t endAddress = 0;  // one past the last
  CfaRule cfa;
  std::map<std::uint16_t, RegisterRule> registers;  // absent: the CIE's default (same value)
};

// Every row of one FDE's table.
Expected<std::vector<UnwindRow>> unwindTableOf(const CallFrameInfo& info,
                                               const FrameDescriptionEntry& description);
// The row for `pc`; an error when no FDE covers it.
Expected<UnwindRow> unwindRowFor(const CallFrameInfo& info, std::uint64_t pc);
// "0x1129: CFA=RSP+8: RIP=[CFA-8]" like llvm-dwarfdump (x86-64 register names).
std::string formatUnwindRow(const UnwindRow& row);

}  // namespace tide::debugger
