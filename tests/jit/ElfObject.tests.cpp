// The ELF loader on real gcc objects and on corrupt ones: every corruption
// must come back as an error (naming an offset where one applies), never a
// crash or an out-of-bounds read (the ASan build runs these too).
#include <elf.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "jit_test_support.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_builder.h"
#include "tide/jit/image_layout.h"

using namespace tide::jit;

TEST_CASE("A gcc object parses into its sections, symbols and relocations") {
  const std::vector<std::uint8_t> bytes = testing::readTestObject("crash");
  REQUIRE(!bytes.empty());
  const ElfParseResult parsed = parseElfObject(bytes);
  REQUIRE(parsed.object);
  const ElfObject& object = *parsed.object;
  const std::uint32_t text = object.findSection(".text");
  REQUIRE(text != 0);
  CHECK(object.sections[text].type == SHT_PROGBITS);
  CHECK((object.sections[text].flags & SHF_EXECINSTR) != 0);
  for (const char* name : {"bt_leaf", "bt_mid", "bt_root", "recurse", "main"}) {
    const std::uint32_t symbol = object.findSymbol(name);
    INFO(name);
    REQUIRE(symbol != 0);
    CHECK(object.symbols[symbol].type == STT_FUNC);
    CHECK(object.symbols[symbol].sectionIndex == text);
    CHECK(object.symbols[symbol].size > 0);
  }
  bool callsStrcmp = false;
  for (const ElfRelocationSection& relocations : object.relocationSections)
    if (relocations.targetSection == text)
      for (const ElfRelocation& relocation : relocations.relocations)
        callsStrcmp |= relocation.type == R_X86_64_PLT32 &&
                       object.symbols[relocation.symbolIndex].name == "strcmp";
  CHECK(callsStrcmp);
}

TEST_CASE("Objects that are not x86-64 relocatable ELF are refused with a reason") {
  std::vector<std::uint8_t> bytes = testing::readTestObject("crash");
  REQUIRE(bytes.size() > sizeof(Elf64_Ehdr));
  CHECK(parseElfObject({}).error.find("truncated ELF header") != std::string::npos);
  std::vector<std::uint8_t> notElf = bytes;
  notElf[0] = 'X';
  CHECK(parseElfObject(notElf).error.find("bad magic") != std::string::npos);
  std::vector<std::uint8_t> executable = bytes;
  executable[16] = ET_EXEC;
  CHECK(parseElfObject(executable).error.find("not a relocatable object") != std::string::npos);
  std::vector<std::uint8_t> arm = bytes;
  arm[18] = EM_AARCH64;
  CHECK(parseElfObject(arm).error.find("not an x86-64 object") != std::string::npos);
}

TEST_CASE("Every truncation of an object is an error, not a crash") {
  const std::vector<std::uint8_t> bytes = testing::readTestObject("globals");
  REQUIRE(!bytes.empty());
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    const ElfParseResult parsed =
        parseElfObject(std::span<const std::uint8_t>(bytes.data(), length));
    INFO("length " << length);
    REQUIRE(!parsed.object);
    CHECK(parsed.error.find("offset") != std::string::npos);
  }
}

TEST_CASE("A section header table offset past the end is reported with that offset") {
  std::vector<std::uint8_t> bytes = testing::readTestObject("globals");
  Elf64_Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof(header));
  header.e_shoff = 0x7fffffff0;
  std::memcpy(bytes.data(), &header, sizeof(header));
  const ElfParseResult parsed = parseElfObject(bytes);
  REQUIRE(!parsed.object);
  CHECK(parsed.error.find("0x7fffffff0") != std::string::npos);
}

TEST_CASE("A section whose contents lie outside the file is reported with its header offset") {
  std::vector<std::uint8_t> bytes = testing::readTestObject("globals");
  const ElfObject object = *parseElfObject(bytes).object;
  const ElfSection& text = object.sections[object.findSection(".text")];
  Elf64_Shdr header;
  std::memcpy(&header, bytes.data() + text.headerOffset, sizeof(header));
  header.sh_offset = bytes.size() - 4;
  std::memcpy(bytes.data() + text.headerOffset, &header, sizeof(header));
  const ElfParseResult parsed = parseElfObject(bytes);
  REQUIRE(!parsed.object);
  std::ostringstream headerOffset;
  headerOffset << "0x" << std::hex << text.headerOffset;
  CHECK(parsed.error.find(headerOffset.str()) != std::string::npos);
}

TEST_CASE("A relocation patching past its section is refused") {
  std::vector<std::uint8_t> bytes = testing::readTestObject("globals");
  const ElfObject object = *parseElfObject(bytes).object;
  REQUIRE(!object.relocationSections.empty());
  const ElfRelocationSection& first = object.relocationSections.front();
  const ElfSection& rela = object.sections[first.sectionIndex];
  Elf64_Rela relocation;
  std::memcpy(&relocation, bytes.data() + rela.fileOffset, sizeof(relocation));
  relocation.r_offset = object.sections[first.targetSection].size;  // one past the end
  std::memcpy(bytes.data() + rela.fileOffset, &relocation, sizeof(relocation));
  const ElfParseResult parsed = parseElfObject(bytes);
  REQUIRE(!parsed.object);
  CHECK(parsed.error.find("outside section") != std::string::npos);
}

TEST_CASE("Randomly corrupted objects never crash the loader pipeline") {
  const std::vector<std::uint8_t> original = testing::readTestObject("libc_calls");
  REQUIRE(!original.empty());
  std::mt19937 random(1234);
  std::size_t parsedAnyway = 0;
  for (int trial = 0; trial < 5000; ++trial) {
    std::vector<std::uint8_t> bytes = original;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < flips; ++i) {
      // Aim at the headers two times in three: that is where damage matters.
      const std::size_t headerTable = bytes.size() - 64 * 20;
      const unsigned target = random() % 3;
      const std::size_t at = target == 0   ? random() % 64
                             : target == 1 ? headerTable + random() % (64 * 20)
                                           : random() % bytes.size();
      bytes[at % bytes.size()] = static_cast<std::uint8_t>(random());
    }
    const ElfParseResult parsed = parseElfObject(bytes);
    if (!parsed.object) {
      CHECK(!parsed.error.empty());
      continue;
    }
    ++parsedAnyway;
    const LayoutResult laidOut = layoutImage(*parsed.object);
    if (!laidOut.layout) continue;
    std::vector<std::uint8_t> image(laidOut.layout->size);
    buildImage(bytes, *parsed.object, *laidOut.layout, 0x7f0000000000, image,
               [](const std::string&) { return std::uint64_t{0x7f0000100000}; });
    makeDebugObject(bytes, *parsed.object, *laidOut.layout, 0x7f0000000000);
  }
  CHECK(parsedAnyway > 0);  // some corruptions are benign; those must build too
}
