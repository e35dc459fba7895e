// The ELF reader on gcc's three file types and on a hand-built relocatable
// object whose RELA entries are checked value by value: S + A with section
// addresses from a map or sh_addr, S + A - P for PC-relative types, and the
// bytes already in place ignored.
#include <catch2/catch.hpp>

#include "DwarfByteBuilder.h"
#include "DwarfTestSupport.h"
#include "tide/debugger/elf_file.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

const char* const kProgram = "int value = 3;\nint main(void) { return value - 3; }\n";

struct SectionSpec {
  std::string name;
  std::uint32_t type = 0;
  std::uint64_t flags = 0;
  std::vector<std::uint8_t> data;
  std::uint32_t link = 0;
  std::uint32_t info = 0;
  std::uint64_t entrySize = 0;
};

// Lays out an ET_REL file: ELF header, section contents, .shstrtab, then
// the section header table (index 0 is the null section).
std::vector<std::uint8_t> buildRelocatable(std::vector<SectionSpec> sections) {
  Bytes names;
  names.u8(0);
  std::vector<std::uint32_t> nameOffsets;
  for (const auto& section : sections) {
    nameOffsets.push_back(static_cast<std::uint32_t>(names.size()));
    names.str(section.name);
  }
  nameOffsets.push_back(static_cast<std::uint32_t>(names.size()));
  names.str(".shstrtab");
  sections.push_back({".shstrtab", elf::SHT_STRTAB, 0, names.data});
  Bytes file;
  file.u8(0x7f).u8('E').u8('L').u8('F').u8(2).u8(1).u8(1);
  while (file.size() < 16) file.u8(0);
  file.u16(elf::ET_REL).u16(elf::EM_X86_64).u32(1).u64(0).u64(0);
  const std::size_t shoffPosition = file.size();
  file.u64(0).u32(0).u16(64).u16(0).u16(0).u16(64);
  file.u16(static_cast<std::uint16_t>(sections.size() + 1));
  file.u16(static_cast<std::uint16_t>(sections.size()));
  std::vector<std::uint64_t> offsets;
  for (const auto& section : sections) {
    offsets.push_back(file.size());
    file.data.insert(file.data.end(), section.data.begin(), section.data.end());
  }
  while (file.size() % 8) file.u8(0);
  const std::uint64_t shoff = file.size();
  for (int i = 0; i < 8; ++i)
    file.data[shoffPosition + i] = static_cast<std::uint8_t>(shoff >> (8 * i));
  for (int i = 0; i < 64; ++i) file.u8(0);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& section = sections[i];
    file.u32(nameOffsets[i]).u32(section.type).u64(section.flags).u64(0).u64(offsets[i]);
    file.u64(section.data.size()).u32(section.link).u32(section.info).u64(1).u64(section.entrySize);
  }
  return file.data;
}

Bytes symbol(std::uint32_t name, std::uint8_t info, std::uint16_t section, std::uint64_t value) {
  Bytes bytes;
  bytes.u32(name).u8(info).u8(0).u16(section).u64(value).u64(0);
  return bytes;
}

Bytes rela(std::uint64_t offset, std::uint32_t symbolIndex, std::uint32_t type,
           std::int64_t addend) {
  Bytes bytes;
  bytes.u64(offset)
      .u64((static_cast<std::uint64_t>(symbolIndex) << 32) | type)
      .u64(static_cast<std::uint64_t>(addend));
  return bytes;
}

// Sections: 1 .text, 2 .debug_line (24 bytes of 0xaa), 3 .rela.debug_line,
// 4 .symtab, 5 .strtab. Symbols: 0 null, 1 section .text, 2 "func" at .text+0x20.
std::vector<std::uint8_t> relocatableWithDebugRelocations() {
  Bytes symbols;
  symbols.append(symbol(0, 0, 0, 0));
  symbols.append(symbol(0, elf::STT_SECTION, 1, 0));
  symbols.append(symbol(1, (1 << 4) | elf::STT_FUNC, 1, 0x20));
  Bytes strings;
  strings.u8(0).str("func");
  Bytes relocations;
  relocations.append(rela(0, 1, elf::R_X86_64_64, 0x10));   // .text + 0x10
  relocations.append(rela(8, 2, elf::R_X86_64_32, 4));      // func + 4
  relocations.append(rela(12, 2, elf::R_X86_64_PC32, -4));  // func - 4 - P
  relocations.append(rela(16, 0, elf::R_X86_64_32, 0x99));  // absolute 0x99
  return buildRelocatable({
      {".text", elf::SHT_PROGBITS, elf::SHF_ALLOC | elf::SHF_EXECINSTR,
       std::vector<std::uint8_t>(0x40, 0x90)},
      {".debug_line", elf::SHT_PROGBITS, 0, std::vector<std::uint8_t>(24, 0xaa)},
      {".rela.debug_line", elf::SHT_RELA, 0, relocations.data, 4, 2, 24},
      {".symtab", elf::SHT_SYMTAB, 0, symbols.data, 5, 2, 24},
      {".strtab", elf::SHT_STRTAB, 0, strings.data},
  });
}

std::uint64_t readLittle(const std::vector<std::uint8_t>& bytes, std::size_t offset, int size) {
  std::uint64_t value = 0;
  for (int i = 0; i < size; ++i) value |= static_cast<std::uint64_t>(bytes[offset + i]) << (8 * i);
  return value;
}

}  // namespace

TEST_CASE("gcc's object, executable and shared files are read", "[elf]") {
  const auto [flags, output, type] = GENERATE(table<std::string, std::string, std::uint16_t>({
      {"-g -c", "program.o", elf::ET_REL},
      {"-g -no-pie", "program", elf::ET_EXEC},
      {"-g -pie -fPIE", "program", elf::ET_DYN},
      {"-g -shared -fPIC", "program.so", elf::ET_DYN},
  }));
  INFO(flags);
  const auto directory = workDirectory("elf-types");
  const std::string path = compileC(directory, "program", kProgram, flags, output);
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  if (!file) FAIL(file.error().text());
  CHECK(file->type() == type);
  CHECK(file->machine() == elf::EM_X86_64);
  REQUIRE(file->findSection(".debug_info"));
  REQUIRE(file->findSection(".text"));
  CHECK(file->findSection(".no_such_section") == nullptr);
  // Section names and count agree with readelf.
  auto readelf = runCommand("readelf -S -W '" + path + "' | grep -c '^  \\[ *[0-9]'");
  CHECK(std::to_string(file->sections().size()) + "\n" == readelf.output);
  auto symbols = file->symbols();
  REQUIRE(symbols.ok());
  bool sawMain = false;
  for (const auto& symbol : *symbols)
    if (symbol.name == "main") {
      sawMain = true;
      CHECK(symbol.type() == elf::STT_FUNC);
    }
  CHECK(sawMain);
}

TEST_CASE("RELA entries of an object's debug sections are counted like readelf", "[elf]") {
  const auto directory = workDirectory("elf-rela");
  const std::string path = compileC(directory, "program", kProgram, "-g -c", "program.o");
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  const ElfSectionHeader* rela = file->findSection(".rela.debug_info");
  REQUIRE(rela);
  auto entries = file->relocations(*rela);
  REQUIRE(entries.ok());
  auto readelf = runCommand("readelf -r -W '" + path +
                            "' | sed -n '/rela.debug_info/,/^$/p' | grep -c R_X86_64");
  CHECK(std::to_string(entries->size()) + "\n" == readelf.output);
}

TEST_CASE("Relocations are applied with section addresses from the map or sh_addr", "[elf]") {
  auto file = ElfFile::fromBytes(relocatableWithDebugRelocations());
  if (!file) FAIL(file.error().text());
  const ElfSectionHeader* debugLine = file->findSection(".debug_line");
  REQUIRE(debugLine);
  SECTION("default: sh_addr, 0 in an object") {
    auto bytes = file->relocatedSectionBytes(*debugLine);
    REQUIRE(bytes.ok());
    CHECK(readLittle(*bytes, 0, 8) == 0x10);
    CHECK(readLittle(*bytes, 8, 4) == 0x24);
    CHECK(readLittle(*bytes, 12, 4) == static_cast<std::uint32_t>(0x20 - 4 - 12));
    CHECK(readLittle(*bytes, 16, 4) == 0x99);
    CHECK((*bytes)[20 + 4 - 1] == 0xaa);  // bytes no relocation touches stay
  }
  SECTION("placed: .text at 0x5000, .debug_line at 0x9000") {
    SectionAddressMap map{{1, 0x5000}, {2, 0x9000}};
    auto bytes = file->relocatedSectionBytes(*debugLine, &map);
    REQUIRE(bytes.ok());
    CHECK(readLittle(*bytes, 0, 8) == 0x5010);
    CHECK(readLittle(*bytes, 8, 4) == 0x5024);
    CHECK(readLittle(*bytes, 12, 4) == static_cast<std::uint32_t>(0x5020 - 4 - (0x9000 + 12)));
    CHECK(file->sectionAddress(1, &map) == 0x5000);
    CHECK(file->sectionAddress(5, &map) == 0);
  }
}

TEST_CASE("Relocations that point outside their section are errors", "[elf]") {
  Bytes symbols;
  symbols.append(symbol(0, 0, 0, 0));
  Bytes relocations;
  relocations.append(rela(20, 0, elf::R_X86_64_64, 1));  // 20 + 8 > 24
  relocations.append(rela(0, 0, 42, 1));
  auto bytes = buildRelocatable({
      {".debug_info", elf::SHT_PROGBITS, 0, std::vector<std::uint8_t>(24, 0)},
      {".rela.debug_info", elf::SHT_RELA, 0, relocations.data, 3, 1, 24},
      {".symtab", elf::SHT_SYMTAB, 0, symbols.data, 4, 1, 24},
      {".strtab", elf::SHT_STRTAB, 0, {0}},
  });
  auto file = ElfFile::fromBytes(bytes);
  REQUIRE(file.ok());
  auto relocated = file->relocatedSectionBytes(*file->findSection(".debug_info"));
  REQUIRE_FALSE(relocated.ok());
  CHECK(relocated.error().text() ==
        ".rela.debug_info at offset 0x0: relocation offset is outside section .debug_info");
}

TEST_CASE("Malformed ELF headers are errors with the file offset", "[elf]") {
  std::vector<std::uint8_t> good = relocatableWithDebugRelocations();
  auto errorOf = [](std::vector<std::uint8_t> bytes) {
    auto file = ElfFile::fromBytes(std::move(bytes));
    REQUIRE_FALSE(file.ok());
    return file.error().text();
  };
  CHECK(errorOf({}) == "ELF at offset 0x0: file is smaller than an ELF64 header");
  auto notElf = good;
  notElf[1] = 'X';
  CHECK(errorOf(notElf) == "ELF at offset 0x0: not an ELF file");
  auto elf32 = good;
  elf32[4] = 1;
  CHECK(errorOf(elf32) == "ELF at offset 0x4: not a 64-bit ELF file (EI_CLASS)");
  auto bigEndian = good;
  bigEndian[5] = 2;
  CHECK(errorOf(bigEndian) == "ELF at offset 0x5: not a little-endian ELF file (EI_DATA)");
  auto core = good;
  core[16] = 4;
  CHECK(errorOf(core) == "ELF at offset 0x10: unsupported ELF type 4");
  auto badNames = good;
  badNames[0x3e] = 0x40;  // e_shstrndx
  CHECK(errorOf(badNames) == "ELF at offset 0x3e: e_shstrndx 64 is not a section");
  auto pastEnd = good;
  pastEnd[0x28 + 3] = 0x10;  // e_shoff far past the end
  CHECK(errorOf(pastEnd) == "ELF at offset 0x28: e_shoff is past the end of the file");
  CHECK(ElfFile::fromPath("/nonexistent/file.o").error().text() ==
        "ELF at offset 0x0: cannot open '/nonexistent/file.o'");
}

TEST_CASE("Every truncation of an ELF file is an error or a smaller valid file", "[elf]") {
  const std::vector<std::uint8_t> good = relocatableWithDebugRelocations();
  for (std::size_t length = 0; length < good.size(); ++length) {
    std::vector<std::uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(length));
    auto file = ElfFile::fromBytes(cut);
    if (!file) {
      CHECK_FALSE(file.error().section.empty());
      continue;
    }
    for (const auto& section : file->sections()) (void)file->relocatedSectionBytes(section);
  }
}
