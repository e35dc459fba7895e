// The DWARF sections of one image, copied out of the ELF file with the
// relocations of a relocatable object applied, and the attribute values
// (DWARF 5 §7.5.6 "forms") that the unit, DIE and line-header readers share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/elf_file.h"

namespace tide::debugger {

struct DwarfSections {
  std::vector<std::uint8_t> debugInfo;        // .debug_info
  std::vector<std::uint8_t> debugAbbrev;      // .debug_abbrev
  std::vector<std::uint8_t> debugLine;        // .debug_line
  std::vector<std::uint8_t> debugStr;         // .debug_str
  std::vector<std::uint8_t> debugLineStr;     // .debug_line_str
  std::vector<std::uint8_t> debugStrOffsets;  // .debug_str_offsets
  std::vector<std::uint8_t> debugAddr;        // .debug_addr
  std::vector<std::uint8_t> debugRanges;      // .debug_ranges (DWARF 4)
  std::vector<std::uint8_t> debugRngLists;    // .debug_rnglists (DWARF 5)
  std::vector<std::uint8_t> debugFrame;       // .debug_frame
  std::vector<std::uint8_t> ehFrame;          // .eh_frame
  std::uint64_t ehFrameAddress = 0;           // image address of .eh_frame (for pcrel)
};

// Reads every section above that exists (missing ones stay empty).
Expected<DwarfSections> loadDwarfSections(const ElfFile& file,
                                          const SectionAddressMap* addresses = nullptr);

// One attribute value after decoding its form. References (ref1..ref8,
// ref_udata, ref_addr) hold absolute .debug_info offsets; strp, line_strp,
// strx* and string hold the string itself; addrx* the address once the
// unit's DW_AT_addr_base is known.
struct DwarfFormValue {
  std::uint16_t form = 0;
  std::uint64_t unsignedValue = 0;  // constants, addresses, offsets, references, indices
  std::int64_t signedValue = 0;     // DW_FORM_sdata and DW_FORM_implicit_const
  std::string string;               // string forms
  std::vector<std::uint8_t> block;  // block*, exprloc, data16
};

}  // namespace tide::debugger
