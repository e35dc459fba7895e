// ELF64 relocatable-object parser. Every read goes through ByteReader, which
// checks the range against the buffer before copying, so corrupt input turns
// into an error string ("... at offset 0x...") instead of a crash. Structural
// checks that later stages rely on (section contents inside the file, symbol
// section indices valid, relocation offsets inside their target, string
// indices inside their string table) are done here once.
#include "tide/jit/elf_object.h"

#include <elf.h>

#include <cstring>

#include "tide/core/hex_text.h"

namespace tide::jit {
namespace {

using core::hex;

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  bool contains(std::uint64_t offset, std::uint64_t size) const {
    return offset <= bytes_.size() && size <= bytes_.size() - offset;
  }

  template <typename T>
  bool read(std::uint64_t offset, T* out) const {
    if (!contains(offset, sizeof(T))) return false;
    std::memcpy(out, bytes_.data() + offset, sizeof(T));
    return true;
  }

  // A NUL-terminated string starting at `offset` within [tableStart, tableEnd).
  bool readString(std::uint64_t tableStart, std::uint64_t tableSize, std::uint64_t index,
                  std::string* out) const {
    // The table itself may be unchecked (e.g. a NOBITS section named as the
    // section name table), so check it here too.
    if (!contains(tableStart, tableSize) || index >= tableSize) return false;
    const std::uint64_t start = tableStart + index;
    const std::uint64_t end = tableStart + tableSize;
    for (std::uint64_t at = start; at < end; ++at) {
      if (bytes_[at] == 0) {
        out->assign(reinterpret_cast<const char*>(bytes_.data() + start), at - start);
        return true;
      }
    }
    return false;  // unterminated
  }

 private:
  std::span<const std::uint8_t> bytes_;
};

ElfParseResult fail(std::string message) {
  return ElfParseResult{std::nullopt, std::move(message)};
}

}  // namespace

int relocationWidth(std::uint32_t type) {
  switch (type) {
    case R_X86_64_NONE: return 0;
    case R_X86_64_64:
    case R_X86_64_PC64: return 8;
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
    case R_X86_64_32:
    case R_X86_64_32S:
    case R_X86_64_GOTPCREL:
    case R_X86_64_GOTPCRELX:
    case R_X86_64_REX_GOTPCRELX: return 4;
    default: return -1;
  }
}

std::uint32_t ElfObject::findSection(const std::string& name) const {
  for (std::uint32_t i = 1; i < sections.size(); ++i)
    if (sections[i].name == name) return i;
  return 0;
}

std::uint32_t ElfObject::findSymbol(const std::string& name) const {
  std::uint32_t local = 0;
  for (std::uint32_t i = 1; i < symbols.size(); ++i) {
    const ElfSymbol& symbol = symbols[i];
    if (symbol.name != name || symbol.sectionIndex == SHN_UNDEF) continue;
    if (symbol.binding != STB_LOCAL) return i;
    if (local == 0) local = i;
  }
  return local;
}

ElfParseResult parseElfObject(std::span<const std::uint8_t> bytes) {
  ByteReader reader(bytes);
  Elf64_Ehdr header;
  if (!reader.read(0, &header))
    return fail("truncated ELF header: file has " + std::to_string(bytes.size()) + " bytes, need " +
                std::to_string(sizeof(header)) + " (at offset 0x0)");
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    return fail("not an ELF file (bad magic at offset 0x0)");
  if (header.e_ident[EI_CLASS] != ELFCLASS64)
    return fail("not a 64-bit ELF object (EI_CLASS at offset " + hex(EI_CLASS) + ")");
  if (header.e_ident[EI_DATA] != ELFDATA2LSB)
    return fail("not a little-endian ELF object (EI_DATA at offset " + hex(EI_DATA) + ")");
  if (header.e_type != ET_REL)
    return fail("not a relocatable object: e_type " + std::to_string(header.e_type) +
                " (at offset 0x10)");
  if (header.e_machine != EM_X86_64)
    return fail("not an x86-64 object: e_machine " + std::to_string(header.e_machine) +
                " (at offset 0x12)");
  if (header.e_shentsize != sizeof(Elf64_Shdr))
    return fail("unexpected section header size " + std::to_string(header.e_shentsize) +
                " (e_shentsize at offset 0x3a)");
  const std::uint64_t sectionCount = header.e_shnum;
  if (sectionCount == 0) return fail("object has no section headers (e_shnum at offset 0x3c)");
  if (!reader.contains(header.e_shoff, sectionCount * sizeof(Elf64_Shdr)))
    return fail("section header table at offset " + hex(header.e_shoff) + " (" +
                std::to_string(sectionCount) + " entries) runs past the end of the file (" +
                std::to_string(bytes.size()) + " bytes)");
  if (header.e_shstrndx >= sectionCount)
    return fail("section name table index " + std::to_string(header.e_shstrndx) +
                " out of range (e_shstrndx at offset 0x3e)");

  ElfObject object;
  object.sectionHeaderOffset = header.e_shoff;
  object.sectionHeaderSize = header.e_shentsize;
  std::vector<Elf64_Shdr> rawSections(sectionCount);
  for (std::uint64_t i = 0; i < sectionCount; ++i) {
    const std::uint64_t at = header.e_shoff + i * sizeof(Elf64_Shdr);
    reader.read(at, &rawSections[i]);  // range checked above
    const Elf64_Shdr& raw = rawSections[i];
    if (i != 0 && raw.sh_type != SHT_NOBITS && raw.sh_type != SHT_NULL &&
        !reader.contains(raw.sh_offset, raw.sh_size))
      return fail("section " + std::to_string(i) + " contents [" + hex(raw.sh_offset) + ", +" +
                  hex(raw.sh_size) + ") run past the end of the file (header at offset " + hex(at) +
                  ")");
    const std::uint64_t alignment = raw.sh_addralign == 0 ? 1 : raw.sh_addralign;
    if ((alignment & (alignment - 1)) != 0 || alignment > (1u << 16))
      return fail("section " + std::to_string(i) + " has invalid alignment " + hex(alignment) +
                  " (header at offset " + hex(at) + ")");
    ElfSection section;
    section.type = raw.sh_type;
    section.flags = raw.sh_flags;
    section.address = raw.sh_addr;
    section.fileOffset = raw.sh_offset;
    section.size = raw.sh_size;
    section.link = raw.sh_link;
    section.info = raw.sh_info;
    section.alignment = alignment;
    section.entrySize = raw.sh_entsize;
    section.headerOffset = at;
    object.sections.push_back(std::move(section));
  }
  const ElfSection& names = object.sections[header.e_shstrndx];
  for (std::uint64_t i = 1; i < sectionCount; ++i) {
    if (!reader.readString(names.fileOffset, names.size, rawSections[i].sh_name,
                           &object.sections[i].name))
      return fail("section " + std::to_string(i) + " name index " +
                  std::to_string(rawSections[i].sh_name) +
                  " is outside the section name table (header at offset " +
                  hex(object.sections[i].headerOffset) + ")");
  }

  // Symbols: the one SHT_SYMTAB of a relocatable object.
  std::uint32_t symtabIndex = 0;
  for (std::uint32_t i = 1; i < sectionCount; ++i)
    if (object.sections[i].type == SHT_SYMTAB) symtabIndex = i;
  if (symtabIndex != 0) {
    const ElfSection& symtab = object.sections[symtabIndex];
    if (symtab.link == 0 || symtab.link >= sectionCount ||
        object.sections[symtab.link].type != SHT_STRTAB)
      return fail("symbol table's string table link " + std::to_string(symtab.link) +
                  " is invalid (header at offset " + hex(symtab.headerOffset) + ")");
    const ElfSection& strings = object.sections[symtab.link];
    const std::uint64_t count = symtab.size / sizeof(Elf64_Sym);
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t at = symtab.fileOffset + i * sizeof(Elf64_Sym);
      Elf64_Sym raw;
      reader.read(at, &raw);  // inside the section, checked above
      ElfSymbol symbol;
      if (!reader.readString(strings.fileOffset, strings.size, raw.st_name, &symbol.name))
        return fail("symbol " + std::to_string(i) + " name index " + std::to_string(raw.st_name) +
                    " is outside the string table (symbol at offset " + hex(at) + ")");
      symbol.value = raw.st_value;
      symbol.size = raw.st_size;
      symbol.sectionIndex = raw.st_shndx;
      symbol.binding = ELF64_ST_BIND(raw.st_info);
      symbol.type = ELF64_ST_TYPE(raw.st_info);
      const bool special = raw.st_shndx == SHN_UNDEF || raw.st_shndx >= SHN_LORESERVE;
      if (!special && raw.st_shndx >= sectionCount)
        return fail("symbol '" + symbol.name + "' refers to section " +
                    std::to_string(raw.st_shndx) + " which does not exist (symbol at offset " +
                    hex(at) + ")");
      if (raw.st_shndx == SHN_XINDEX)
        return fail("extended section indices are not supported (symbol at offset " + hex(at) +
                    ")");
      object.symbols.push_back(std::move(symbol));
    }
  }

  // Relocations: SHT_RELA sections whose target exists; SHT_REL is not x86-64 practice.
  for (std::uint32_t i = 1; i < sectionCount; ++i) {
    const ElfSection& section = object.sections[i];
    if (section.type == SHT_REL)
      return fail("SHT_REL relocations are not supported on x86-64 (section header at offset " +
                  hex(section.headerOffset) + ")");
    if (section.type != SHT_RELA) continue;
    if (section.info == 0 || section.info >= sectionCount)
      return fail("relocation section '" + section.name + "' targets section " +
                  std::to_string(section.info) + " which does not exist (header at offset " +
                  hex(section.headerOffset) + ")");
    if (section.link != symtabIndex)
      return fail("relocation section '" + section.name +
                  "' does not use the object's symbol table (header at offset " +
                  hex(section.headerOffset) + ")");
    const ElfSection& target = object.sections[section.info];
    ElfRelocationSection relocations;
    relocations.sectionIndex = i;
    relocations.targetSection = section.info;
    const std::uint64_t count = section.size / sizeof(Elf64_Rela);
    relocations.relocations.reserve(count);
    for (std::uint64_t r = 0; r < count; ++r) {
      const std::uint64_t at = section.fileOffset + r * sizeof(Elf64_Rela);
      Elf64_Rela raw;
      reader.read(at, &raw);
      ElfRelocation relocation;
      relocation.offset = raw.r_offset;
      relocation.type = ELF64_R_TYPE(raw.r_info);
      relocation.symbolIndex = ELF64_R_SYM(raw.r_info);
      relocation.addend = raw.r_addend;
      if (relocation.symbolIndex >= object.symbols.size())
        return fail("relocation refers to symbol " + std::to_string(relocation.symbolIndex) +
                    " which does not exist (relocation at offset " + hex(at) + ")");
      const int width = relocationWidth(relocation.type);
      // Unsupported types are only an error for sections that get loaded;
      // debug sections are relocated by the debugger, so record them as is.
      if (width > 0 && (relocation.offset > target.size ||
                        static_cast<std::uint64_t>(width) > target.size - relocation.offset))
        return fail("relocation at offset " + hex(at) + " patches [" + hex(relocation.offset) +
                    ", +" + std::to_string(width) + ") outside section '" + target.name + "'");
      relocations.relocations.push_back(relocation);
    }
    object.relocationSections.push_back(std::move(relocations));
  }
  return ElfParseResult{std::move(object), {}};
}

}  // namespace tide::jit
