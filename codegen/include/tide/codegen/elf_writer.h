// An ELF64 x86-64 relocatable object as plain data, and the writer that turns
// it into bytes. The writer lays out everything first (section offsets,
// symbol order with locals before globals, string tables, the relocation
// sections) and copies bytes second, as mold does.
//
// Image-address convention shared with the runner and the DWARF reader: an
// absolute relocation (R_X86_64_64, R_X86_64_32) also stores its addend in
// place, so a reader that ignores relocations sees section-relative offsets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tide::codegen {

struct ElfRelocation {
  std::uint64_t offset = 0;  // in the section that owns this relocation
  std::uint32_t type = 0;    // R_X86_64_*
  // Index into ElfObject::symbols, or, when againstSection, into
  // ElfObject::sections (the writer's section symbol for that section).
  std::uint32_t target = 0;
  bool againstSection = false;
  std::int64_t addend = 0;
};

struct ElfSection {
  std::string name;
  std::uint32_t type = 1;   // SHT_PROGBITS
  std::uint64_t flags = 0;  // SHF_*
  std::uint64_t align = 1;
  std::uint64_t entrySize = 0;
  std::vector<std::uint8_t> bytes;         // empty for SHT_NOBITS
  std::uint64_t noBitsSize = 0;            // SHT_NOBITS size
  std::vector<ElfRelocation> relocations;  // written as .rela<name>
};

struct ElfSymbol {
  std::string name;
  bool global = false;
  std::uint8_t type = 0;  // STT_NOTYPE / STT_FUNC / STT_OBJECT
  int section = -1;       // index into ElfObject::sections; -1 = undefined
  std::uint64_t value = 0;
  std::uint64_t size = 0;
};

struct ElfObject {
  std::string sourceFileName;  // STT_FILE symbol, when not empty
  std::vector<ElfSection> sections;
  std::vector<ElfSymbol> symbols;

  int findSection(const std::string& name) const;
  int addSection(ElfSection section);
  std::uint32_t addSymbol(ElfSymbol symbol);
};

std::vector<std::uint8_t> writeElfObject(const ElfObject& object);

}  // namespace tide::codegen
