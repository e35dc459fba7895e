// A read-only view of an ELF64 little-endian file: header, section headers
// with names, symbols, RELA relocations, and section contents with the
// relocations of a relocatable object applied. Structs mirror <elf.h>'s
// Elf64_* records (field names from the gABI). Every read is bounds-checked
// and failures come back as DebugInfoError with the section (or "ELF" and a
// file offset), so a corrupt file yields an error, never a bad read.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tide/debugger/debug_info_error.h"

namespace tide::debugger {

namespace elf {
inline constexpr std::uint16_t ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
inline constexpr std::uint16_t EM_X86_64 = 62;
inline constexpr std::uint32_t SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3,
                               SHT_RELA = 4, SHT_NOBITS = 8, SHT_DYNSYM = 11;
inline constexpr std::uint64_t SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4, SHF_COMPRESSED = 0x800;
inline constexpr std::uint16_t SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1,
                               SHN_COMMON = 0xfff2;
inline constexpr std::uint8_t STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3;
// x86-64 psABI relocation types that appear in debug and unwind sections.
inline constexpr std::uint32_t R_X86_64_NONE = 0, R_X86_64_64 = 1, R_X86_64_PC32 = 2,
                               R_X86_64_PLT32 = 4, R_X86_64_32 = 10, R_X86_64_32S = 11,
                               R_X86_64_DTPOFF32 = 21, R_X86_64_PC64 = 24;
}  // namespace elf

// Elf64_Shdr plus the resolved name and the section's index.
struct ElfSectionHeader {
  std::uint32_t index = 0;
  std::string name;
  std::uint32_t sh_name = 0;
  std::uint32_t sh_type = 0;
  std::uint64_t sh_flags = 0;
  std::uint64_t sh_addr = 0;
  std::uint64_t sh_offset = 0;
  std::uint64_t sh_size = 0;
  std::uint32_t sh_link = 0;
  std::uint32_t sh_info = 0;
  std::uint64_t sh_addralign = 0;
  std::uint64_t sh_entsize = 0;
};

// Elf64_Sym plus the resolved name.
struct ElfSymbol {
  std::string name;
  std::uint32_t st_name = 0;
  std::uint8_t st_info = 0;
  std::uint8_t st_other = 0;
  std::uint16_t st_shndx = 0;
  std::uint64_t st_value = 0;
  std::uint64_t st_size = 0;

  std::uint8_t type() const { return st_info & 0xf; }
  std::uint8_t binding() const { return st_info >> 4; }
};

// Elf64_Rela, split into ELF64_R_SYM and ELF64_R_TYPE.
struct ElfRelocation {
  std::uint64_t r_offset = 0;
  std::uint32_t symbol = 0;
  std::uint32_t type = 0;
  std::int64_t r_addend = 0;
};

// Image address of each section (section index -> address) for a relocatable
// object loaded somewhere; sections not listed use their sh_addr.
using SectionAddressMap = std::map<std::uint32_t, std::uint64_t>;

class ElfFile {
 public:
  static Expected<ElfFile> fromBytes(std::vector<std::uint8_t> bytes);
  static Expected<ElfFile> fromPath(const std::string& path);

  std::uint16_t type() const { return e_type_; }  // elf::ET_*
  std::uint16_t machine() const { return e_machine_; }
  std::uint64_t entry() const { return e_entry_; }
  const std::vector<ElfSectionHeader>& sections() const { return sections_; }
  const ElfSectionHeader* findSection(std::string_view name) const;

  // The section's bytes as stored in the file (empty for SHT_NOBITS).
  Expected<std::span<const std::uint8_t>> sectionBytes(const ElfSectionHeader& section) const;
  // .symtab if present, else .dynsym; empty when neither exists.
  Expected<std::vector<ElfSymbol>> symbols() const;
  // Entries of one SHT_RELA section.
  Expected<std::vector<ElfRelocation>> relocations(const ElfSectionHeader& rela) const;
  // The image address of section `index`: the map's entry, else sh_addr.
  std::uint64_t sectionAddress(std::uint32_t index, const SectionAddressMap* addresses) const;
  // The section's bytes; for ET_REL with every SHT_RELA that targets it
  // applied (S + A, or S + A - P for PC-relative types, stored in place, so
  // the bytes already in the file are ignored as RELA requires).
  Expected<std::vector<std::uint8_t>> relocatedSectionBytes(
      const ElfSectionHeader& section, const SectionAddressMap* addresses = nullptr) const;

 private:
  ElfFile() = default;
  Expected<int> readSectionHeaders();

  std::vector<std::uint8_t> bytes_;
  std::uint16_t e_type_ = 0;
  std::uint16_t e_machine_ = 0;
  std::uint64_t e_entry_ = 0;
  std::vector<ElfSectionHeader> sections_;
};

}  // namespace tide::debugger
