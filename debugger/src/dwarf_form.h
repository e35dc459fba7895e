// Decoding one attribute value from its form (DWARF 5 §7.5.5-7.5.6). Shared
// by the .debug_info DIE reader and the DWARF 5 .debug_line header, whose
// directory and file entries are described by (content type, form) pairs.
#pragma once

#include <cstdint>

#include "data_cursor.h"
#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

// What a form's size and meaning depend on: the unit it belongs to.
struct DwarfFormContext {
  std::uint16_t version = 5;
  std::uint8_t addressSize = 8;
  bool is64BitFormat = false;    // DWARF64: offsets are 8 bytes
  std::uint64_t unitOffset = 0;  // for unit-relative references
  const DwarfSections* sections = nullptr;
};

// Reads a value of `form` at the cursor. `implicitConst` is the abbreviation's
// value for DW_FORM_implicit_const. strx/addrx forms keep the index in
// unsignedValue (resolveIndexedForms turns them into strings/addresses).
DwarfFormValue readFormValue(DataCursor& cursor, std::uint16_t form,
                             const DwarfFormContext& context, std::int64_t implicitConst = 0);

bool isStringIndexForm(std::uint16_t form);
bool isAddressIndexForm(std::uint16_t form);

// A string from .debug_str / .debug_line_str at `offset`, or an error naming
// that section.
Expected<std::string> stringFromSection(const std::vector<std::uint8_t>& section,
                                        const char* sectionName, std::uint64_t offset);

}  // namespace tide::debugger
