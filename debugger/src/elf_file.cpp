// ELF64 reading with checks on every offset and size taken from the file:
// the header, the section header table, string tables, symbol tables and
// RELA sections. Relocation of ET_REL debug sections follows the x86-64
// psABI formulas for the few types debug and unwind sections use.
#include "tide/debugger/elf_file.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "data_cursor.h"

namespace tide::debugger {

namespace {

constexpr std::uint64_t kElfHeaderSize = 64;
constexpr std::uint64_t kSectionHeaderSize = 64;
constexpr std::uint64_t kSymbolSize = 24;
constexpr std::uint64_t kRelaSize = 24;

DebugInfoError elfError(std::uint64_t offset, std::string message) {
  return DebugInfoError{"ELF", offset, std::move(message)};
}

// The name at `offset` in string table `table`, or an error naming the table.
Expected<std::string> stringAt(std::span<const std::uint8_t> table, std::string_view tableName,
                               std::uint64_t offset) {
  DataCursor cursor(table, tableName);
  cursor.seek(offset);
  std::string_view text = cursor.cstring();
  if (cursor.failed()) return cursor.takeError();
  return std::string(text);
}

}  // namespace

Expected<ElfFile> ElfFile::fromPath(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return elfError(0, "cannot open '" + path + "'");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(stream)),
                                  std::istreambuf_iterator<char>());
  return fromBytes(std::move(bytes));
}

Expected<ElfFile> ElfFile::fromBytes(std::vector<std::uint8_t> bytes) {
  ElfFile file;
  file.bytes_ = std::move(bytes);
  const auto& data = file.bytes_;
  if (data.size() < kElfHeaderSize) return elfError(0, "file is smaller than an ELF64 header");
  if (std::memcmp(data.data(),
                  "\x7f"
                  "ELF",
                  4) != 0)
    return elfError(0, "not an ELF file");
  if (data[4] != 2) return elfError(4, "not a 64-bit ELF file (EI_CLASS)");
  if (data[5] != 1) return elfError(5, "not a little-endian ELF file (EI_DATA)");
  DataCursor header(data, "ELF", 16);
  file.e_type_ = header.u16();
  file.e_machine_ = header.u16();
  header.u32();  // e_version
  file.e_entry_ = header.u64();
  if (file.e_type_ != elf::ET_REL && file.e_type_ != elf::ET_EXEC && file.e_type_ != elf::ET_DYN)
    return elfError(16, "unsupported ELF type " + std::to_string(file.e_type_));
  if (auto read = file.readSectionHeaders(); !read) return read.error();
  return file;
}

Expected<int> ElfFile::readSectionHeaders() {
  DataCursor header(bytes_, "ELF", 0x28);
  std::uint64_t sectionTableOffset = header.u64();  // e_shoff
  header.seek(0x3a);
  std::uint16_t entrySize = header.u16();     // e_shentsize
  std::uint64_t sectionCount = header.u16();  // e_shnum
  std::uint32_t namesIndex = header.u16();    // e_shstrndx
  if (sectionTableOffset == 0) return 0;      // no section headers
  if (entrySize != kSectionHeaderSize)
    return elfError(0x3a, "e_shentsize is " + std::to_string(entrySize) + ", expected 64");
  DataCursor table(bytes_, "ELF");
  table.seek(sectionTableOffset);
  if (table.failed()) return elfError(0x28, "e_shoff is past the end of the file");
  // Extended numbering (gABI): e_shnum 0 -> count in section 0's sh_size,
  // e_shstrndx SHN_XINDEX -> index in section 0's sh_link.
  DataCursor firstSize(bytes_, "ELF", sectionTableOffset + 32);
  std::uint64_t extendedCount = firstSize.u64();
  DataCursor firstLink(bytes_, "ELF", sectionTableOffset + 40);
  std::uint32_t extendedNames = firstLink.u32();
  if (sectionCount == 0) sectionCount = extendedCount;
  if (namesIndex == 0xffff) namesIndex = extendedNames;
  if (sectionCount > (bytes_.size() - sectionTableOffset) / kSectionHeaderSize)
    return elfError(sectionTableOffset, "section header table runs past the end of the file");
  for (std::uint64_t i = 0; i < sectionCount; ++i) {
    ElfSectionHeader section;
    section.index = static_cast<std::uint32_t>(i);
    section.sh_name = table.u32();
    section.sh_type = table.u32();
    section.sh_flags = table.u64();
    section.sh_addr = table.u64();
    section.sh_offset = table.u64();
    section.sh_size = table.u64();
    section.sh_link = table.u32();
    section.sh_info = table.u32();
    section.sh_addralign = table.u64();
    section.sh_entsize = table.u64();
    sections_.push_back(std::move(section));
  }
  if (table.failed()) return table.takeError();
  if (namesIndex >= sections_.size())
    return elfError(0x3e, "e_shstrndx " + std::to_string(namesIndex) + " is not a section");
  auto names = sectionBytes(sections_[namesIndex]);
  if (!names) return names.error();
  for (auto& section : sections_) {
    auto name = stringAt(*names, ".shstrtab", section.sh_name);
    if (!name) return name.error();
    section.name = std::move(*name);
  }
  return 0;
}

const ElfSectionHeader* ElfFile::findSection(std::string_view name) const {
  for (const auto& section : sections_)
    if (section.name == name) return &section;
  return nullptr;
}

Expected<std::span<const std::uint8_t>> ElfFile::sectionBytes(
    const ElfSectionHeader& section) const {
  if (section.sh_type == elf::SHT_NOBITS || section.sh_type == elf::SHT_NULL)
    return std::span<const std::uint8_t>();
  if (section.sh_offset > bytes_.size() || section.sh_size > bytes_.size() - section.sh_offset)
    return DebugInfoError{
        section.name.empty() ? "section " + std::to_string(section.index) : section.name, 0,
        "section contents run past the end of the file"};
  return std::span<const std::uint8_t>(bytes_).subspan(section.sh_offset, section.sh_size);
}

Expected<std::vector<ElfSymbol>> ElfFile::symbols() const {
  const ElfSectionHeader* table = nullptr;
  for (const auto& section : sections_)
    if (section.sh_type == elf::SHT_SYMTAB) table = &section;
  if (!table)
    for (const auto& section : sections_)
      if (section.sh_type == elf::SHT_DYNSYM) table = &section;
  std::vector<ElfSymbol> symbols;
  if (!table) return symbols;
  if (table->sh_link >= sections_.size())
    return DebugInfoError{table->name, 0, "sh_link does not name a string table"};
  auto bytes = sectionBytes(*table);
  if (!bytes) return bytes.error();
  auto strings = sectionBytes(sections_[table->sh_link]);
  if (!strings) return strings.error();
  DataCursor cursor(*bytes, table->name);
  for (std::uint64_t i = 0; i < bytes->size() / kSymbolSize; ++i) {
    ElfSymbol symbol;
    symbol.st_name = cursor.u32();
    symbol.st_info = cursor.u8();
    symbol.st_other = cursor.u8();
    symbol.st_shndx = cursor.u16();
    symbol.st_value = cursor.u64();
    symbol.st_size = cursor.u64();
    auto name = stringAt(*strings, sections_[table->sh_link].name, symbol.st_name);
    if (!name) return name.error();
    symbol.name = std::move(*name);
    symbols.push_back(std::move(symbol));
  }
  if (cursor.failed()) return cursor.takeError();
  return symbols;
}

Expected<std::vector<ElfRelocation>> ElfFile::relocations(const ElfSectionHeader& rela) const {
  auto bytes = sectionBytes(rela);
  if (!bytes) return bytes.error();
  if (bytes->size() % kRelaSize != 0)
    return DebugInfoError{rela.name, 0, "size is not a multiple of sizeof(Elf64_Rela)"};
  DataCursor cursor(*bytes, rela.name);
  std::vector<ElfRelocation> entries;
  while (!cursor.atEnd() && !cursor.failed()) {
    ElfRelocation entry;
    entry.r_offset = cursor.u64();
    std::uint64_t info = cursor.u64();
    entry.symbol = static_cast<std::uint32_t>(info >> 32);
    entry.type = static_cast<std::uint32_t>(info);
    entry.r_addend = static_cast<std::int64_t>(cursor.u64());
    entries.push_back(entry);
  }
  if (cursor.failed()) return cursor.takeError();
  return entries;
}

std::uint64_t ElfFile::sectionAddress(std::uint32_t index,
                                      const SectionAddressMap* addresses) const {
  if (addresses) {
    auto found = addresses->find(index);
    if (found != addresses->end()) return found->second;
  }
  return index < sections_.size() ? sections_[index].sh_addr : 0;
}

Expected<std::vector<std::uint8_t>> ElfFile::relocatedSectionBytes(
    const ElfSectionHeader& section, const SectionAddressMap* addresses) const {
  auto bytes = sectionBytes(section);
  if (!bytes) return bytes.error();
  if (section.sh_flags & elf::SHF_COMPRESSED)
    return DebugInfoError{section.name, 0, "compressed sections are not supported"};
  std::vector<std::uint8_t> contents(bytes->begin(), bytes->end());
  if (e_type_ != elf::ET_REL) return contents;
  std::vector<ElfSymbol> symbolTable;
  bool symbolsRead = false;
  for (const auto& rela : sections_) {
    if (rela.sh_type != elf::SHT_RELA || rela.sh_info != section.index) continue;
    if (!symbolsRead) {
      auto symbols = this->symbols();
      if (!symbols) return symbols.error();
      symbolTable = std::move(*symbols);
      symbolsRead = true;
    }
    auto entries = relocations(rela);
    if (!entries) return entries.error();
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const ElfRelocation& entry = (*entries)[i];
      std::uint64_t entryOffset = i * kRelaSize;
      if (entry.symbol >= symbolTable.size())
        return DebugInfoError{rela.name, entryOffset,
                              "symbol index " + std::to_string(entry.symbol) + " is out of range"};
      const ElfSymbol& symbol = symbolTable[entry.symbol];
      std::uint64_t symbolValue = symbol.st_value;
      if (symbol.st_shndx != elf::SHN_UNDEF && symbol.st_shndx < elf::SHN_LORESERVE)
        symbolValue += sectionAddress(symbol.st_shndx, addresses);
      std::uint64_t value = symbolValue + static_cast<std::uint64_t>(entry.r_addend);
      unsigned width = 0;
      switch (entry.type) {
        case elf::R_X86_64_NONE: continue;
        case elf::R_X86_64_64: width = 8; break;
        case elf::R_X86_64_32:
        case elf::R_X86_64_32S:
        case elf::R_X86_64_DTPOFF32: width = 4; break;
        case elf::R_X86_64_PC32:
        case elf::R_X86_64_PLT32:  // no PLT in a debug reader: the symbol itself
        case elf::R_X86_64_PC64:
          width = entry.type == elf::R_X86_64_PC64 ? 8 : 4;
          value -= sectionAddress(section.index, addresses) + entry.r_offset;
          break;
        default:
          return DebugInfoError{rela.name, entryOffset,
                                "unsupported relocation type " + std::to_string(entry.type)};
      }
      if (entry.r_offset > contents.size() || width > contents.size() - entry.r_offset)
        return DebugInfoError{rela.name, entryOffset,
                              "relocation offset is outside section " + section.name};
      for (unsigned b = 0; b < width; ++b)
        contents[entry.r_offset + b] = static_cast<std::uint8_t>(value >> (8 * b));
    }
  }
  return contents;
}

}  // namespace tide::debugger
