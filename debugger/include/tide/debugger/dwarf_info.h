// .debug_abbrev and .debug_info (DWARF 5 §7.5; DWARF 2-4 unit headers too):
// abbreviation declarations, unit headers and the DIE tree of each compile
// unit with every attribute decoded. strx/addrx values are resolved through
// the unit's DW_AT_str_offsets_base / DW_AT_addr_base after the unit's DIEs
// are read, since those attributes may follow the values that need them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

// One (attribute, form) pair of an abbreviation declaration (§7.5.3).
struct AbbreviationAttribute {
  std::uint16_t name = 0;
  std::uint16_t form = 0;
  std::int64_t implicitConst = 0;  // DW_FORM_implicit_const only
};

struct Abbreviation {
  std::uint64_t code = 0;
  std::uint16_t tag = 0;
  bool hasChildren = false;
  std::vector<AbbreviationAttribute> attributes;
};

using AbbreviationSet = std::map<std::uint64_t, Abbreviation>;

// The abbreviation set starting at `offset` in .debug_abbrev.
Expected<AbbreviationSet> parseAbbreviationSet(const std::vector<std::uint8_t>& debugAbbrev,
                                               std::uint64_t offset);

// §7.5.1.1 unit header (v5 layout; v2-4 fields map onto it).
struct UnitHeader {
  std::uint64_t offset = 0;  // of the unit in .debug_info
  std::uint64_t unitLength = 0;
  bool is64BitFormat = false;
  std::uint16_t version = 0;
  std::uint8_t unitType = 0;  // DW_UT_* (DW_UT_compile for v2-4 .debug_info)
  std::uint8_t addressSize = 0;
  std::uint64_t abbrevOffset = 0;
  std::uint64_t dwoId = 0;  // skeleton and split units
  std::uint64_t endOffset() const { return offset + unitLength + (is64BitFormat ? 12 : 4); }
};

struct DwarfAttribute {
  std::uint16_t name = 0;  // DW_AT_*
  DwarfFormValue value;
};

struct DwarfDie {
  std::uint64_t offset = 0;  // in .debug_info
  std::uint16_t tag = 0;     // DW_TAG_*
  std::vector<DwarfAttribute> attributes;
  std::vector<DwarfDie> children;

  const DwarfAttribute* find(std::uint16_t name) const;
  std::optional<std::uint64_t> unsignedValue(std::uint16_t name) const;
  std::string stringValue(std::uint16_t name) const;  // "" when absent
  bool flag(std::uint16_t name) const;                // present and non-zero
};

struct CompileUnit {
  UnitHeader header;
  DwarfDie root;  // DW_TAG_compile_unit (or partial/skeleton)
  std::uint64_t strOffsetsBase = 0;
  std::uint64_t addrBase = 0;
};

// Every unit in .debug_info with its DIE tree.
Expected<std::vector<CompileUnit>> parseCompileUnits(const DwarfSections& sections);

}  // namespace tide::debugger
