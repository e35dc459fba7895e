// A parsed ELF64 x86-64 relocatable object (ET_REL): the view the loader,
// the runner and the parent share. Parsing copies the headers it needs into
// plain structs and checks every offset and size against the file first, so
// a truncated or corrupt object yields an error naming the bad offset, never
// an out-of-bounds read. Section contents are not copied: `bytes` of the
// original buffer are referenced by offset (fileOffset/size, already checked).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tide::jit {

struct ElfSection {
  std::string name;
  std::uint32_t type = 0;   // SHT_*
  std::uint64_t flags = 0;  // SHF_*
  std::uint64_t address = 0;
  std::uint64_t fileOffset = 0;  // checked: [fileOffset, fileOffset+size) lies in the file
  std::uint64_t size = 0;        // (for SHT_NOBITS only the size is meaningful)
  std::uint32_t link = 0;
  std::uint32_t info = 0;
  std::uint64_t alignment = 1;  // always a power of two, >= 1
  std::uint64_t entrySize = 0;
  std::uint64_t headerOffset = 0;  // where this section's header sits in the file
};

struct ElfSymbol {
  std::string name;
  std::uint64_t value = 0;
  std::uint64_t size = 0;
  std::uint16_t sectionIndex = 0;  // SHN_UNDEF, SHN_ABS, SHN_COMMON or a section
  std::uint8_t binding = 0;        // STB_*
  std::uint8_t type = 0;           // STT_*
};

struct ElfRelocation {
  std::uint64_t offset = 0;  // within the target section, checked to fit the patch width
  std::uint32_t type = 0;    // R_X86_64_*
  std::uint32_t symbolIndex = 0;
  std::int64_t addend = 0;
};

// One SHT_RELA section's entries, applying to `targetSection`.
struct ElfRelocationSection {
  std::uint32_t sectionIndex = 0;
  std::uint32_t targetSection = 0;
  std::vector<ElfRelocation> relocations;
};

struct ElfObject {
  std::vector<ElfSection> sections;  // index = ELF section index (0 is the null section)
  std::vector<ElfSymbol> symbols;    // index = ELF symbol index (0 is the null symbol)
  std::vector<ElfRelocationSection> relocationSections;
  std::uint64_t sectionHeaderOffset = 0;  // e_shoff, for patching a copy of the file
  std::uint16_t sectionHeaderSize = 0;    // e_shentsize

  // Index of the section named `name`, or 0 when there is none.
  std::uint32_t findSection(const std::string& name) const;
  // Index of the first defined (non-local preferred) symbol named `name`, or 0.
  std::uint32_t findSymbol(const std::string& name) const;
};

struct ElfParseResult {
  std::optional<ElfObject> object;
  std::string error;  // set when !object; names the offending offset
};

// Parses an ELF64 little-endian x86-64 ET_REL object. Never reads outside `bytes`.
ElfParseResult parseElfObject(std::span<const std::uint8_t> bytes);

// Size in bytes a relocation of `type` patches (0 for R_X86_64_NONE, -1 when the
// loader does not support the type).
int relocationWidth(std::uint32_t type);

}  // namespace tide::jit
