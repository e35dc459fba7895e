// Copies the DWARF sections out of an ELF file, relocated when the file is a
// relocatable object, so the readers work on plain byte vectors.
#include "tide/debugger/dwarf_sections.h"

namespace tide::debugger {

Expected<DwarfSections> loadDwarfSections(const ElfFile& file, const SectionAddressMap* addresses) {
  DwarfSections sections;
  struct Wanted {
    const char* name;
    std::vector<std::uint8_t>* bytes;
  };
  const Wanted wanted[] = {
      {".debug_info", &sections.debugInfo},
      {".debug_abbrev", &sections.debugAbbrev},
      {".debug_line", &sections.debugLine},
      {".debug_str", &sections.debugStr},
      {".debug_line_str", &sections.debugLineStr},
      {".debug_str_offsets", &sections.debugStrOffsets},
      {".debug_addr", &sections.debugAddr},
      {".debug_ranges", &sections.debugRanges},
      {".debug_rnglists", &sections.debugRngLists},
      {".debug_frame", &sections.debugFrame},
      {".eh_frame", &sections.ehFrame},
  };
  for (const Wanted& entry : wanted) {
    const ElfSectionHeader* header = file.findSection(entry.name);
    if (!header) continue;
    auto bytes = file.relocatedSectionBytes(*header, addresses);
    if (!bytes) return bytes.error();
    *entry.bytes = std::move(*bytes);
    if (entry.bytes == &sections.ehFrame)
      sections.ehFrameAddress = file.sectionAddress(header->index, addresses);
  }
  return sections;
}

}  // namespace tide::debugger
