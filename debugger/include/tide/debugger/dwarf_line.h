// The .debug_line reader (DWARF 5 §6.2, and DWARF 2-4 headers). The structs
// mirror the standard's line number program header and state-machine
// registers, like LLVM's DWARFDebugLine::Prologue and ::Row. Running the
// program yields rows; a sequence is the rows up to and including one
// DW_LNE_end_sequence row.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

// One file_names entry (§6.2.4 items 20 and 22; DW_LNCT_* content).
struct LineFileEntry {
  std::string path;                  // DW_LNCT_path
  std::uint64_t directoryIndex = 0;  // DW_LNCT_directory_index
  std::uint64_t modificationTime = 0;
  std::uint64_t length = 0;
  std::optional<std::array<std::uint8_t, 16>> md5;  // DW_LNCT_MD5
};

// The line number program header (§6.2.4).
struct LineTableHeader {
  std::uint64_t offset = 0;      // of the unit in .debug_line
  std::uint64_t unitLength = 0;  // unit_length
  bool is64BitFormat = false;
  std::uint16_t version = 0;
  std::uint8_t addressSize = 8;  // address_size (v5) or assumed 8
  std::uint8_t segmentSelectorSize = 0;
  std::uint64_t headerLength = 0;  // header_length
  std::uint8_t minimumInstructionLength = 1;
  std::uint8_t maximumOperationsPerInstruction = 1;
  bool defaultIsStmt = true;
  std::int8_t lineBase = 0;
  std::uint8_t lineRange = 1;
  std::uint8_t opcodeBase = 1;
  std::vector<std::uint8_t> standardOpcodeLengths;  // index 0 = opcode 1
  std::vector<std::string> includeDirectories;      // v5: index 0 = compilation directory
  std::vector<LineFileEntry> fileNames;             // v5: from index 0; v2-4: file 1 = [0]
};

// The state-machine registers after an opcode that appends a row (§6.2.2).
struct LineRow {
  std::uint64_t address = 0;
  std::uint64_t file = 1;  // as encoded: 1-based before v5, 0-based in v5
  std::uint32_t line = 1;
  std::uint16_t column = 0;
  bool isStmt = true;
  bool basicBlock = false;
  bool endSequence = false;
  bool prologueEnd = false;
  bool epilogueBegin = false;
  std::uint8_t isa = 0;
  std::uint32_t discriminator = 0;
  std::uint8_t opIndex = 0;
};

// Rows [firstRow, endRow) of a table form one sequence covering [lowPc, highPc).
struct LineSequence {
  std::uint64_t lowPc = 0;
  std::uint64_t highPc = 0;
  std::size_t firstRow = 0;
  std::size_t endRow = 0;
};

struct LineTable {
  LineTableHeader header;
  std::vector<LineRow> rows;
  std::vector<LineSequence> sequences;

  // The file's path joined with its directory ("" when the index is bad).
  std::string filePath(std::uint64_t fileIndex) const;
  const LineFileEntry* file(std::uint64_t fileIndex) const;
};

// Parses the unit at `offset` of sections.debugLine (strings from
// .debug_str/.debug_line_str for strp/line_strp forms).
Expected<LineTable> parseLineTable(const DwarfSections& sections, std::uint64_t offset);
// Every unit in .debug_line, in order.
Expected<std::vector<LineTable>> parseAllLineTables(const DwarfSections& sections);

}  // namespace tide::debugger
