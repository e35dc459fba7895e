// buildImage on plain buffers: section bytes copied, relocations computed by
// the psABI formulas at a chosen base, far externs routed through stubs,
// missing externs listed, and the debug copy's section addresses patched.
#include <elf.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>

#include "jit_test_support.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_builder.h"
#include "tide/jit/image_layout.h"

using namespace tide::jit;

namespace {

constexpr std::uint64_t kBase = 0x7f1234560000;

struct Built {
  std::vector<std::uint8_t> file;
  ElfObject object;
  ImageLayout layout;
  std::vector<std::uint8_t> image;
  std::string error;
};

Built build(const std::string& name, const SymbolResolver& resolve, std::uint64_t base = kBase) {
  Built built;
  built.file = testing::readTestObject(name);
  built.object = *parseElfObject(built.file).object;
  built.layout = *layoutImage(built.object).layout;
  built.image.assign(built.layout.size, 0);
  built.error = buildImage(built.file, built.object, built.layout, base, built.image, resolve);
  return built;
}

std::uint64_t read64(const std::vector<std::uint8_t>& image, std::uint64_t offset) {
  std::uint64_t value;
  std::memcpy(&value, image.data() + offset, 8);
  return value;
}

std::int32_t read32(const std::vector<std::uint8_t>& image, std::uint64_t offset) {
  std::int32_t value;
  std::memcpy(&value, image.data() + offset, 4);
  return value;
}

std::uint64_t symbolOffset(const Built& built, const std::string& name) {
  const ElfSymbol& symbol = built.object.symbols[built.object.findSymbol(name)];
  return built.layout.sectionOffset[symbol.sectionIndex] + symbol.value;
}

}  // namespace

TEST_CASE("Data pointers in initialised data are relocated to runtime addresses") {
  const Built built = build("globals", [](const std::string& name) -> std::uint64_t {
    return name == "printf" ? kBase + 0x100000 : 0;
  });
  REQUIRE(built.error.empty());
  // int* middle = &table[2];  struct Node first = {"first", &last};
  CHECK(read64(built.image, symbolOffset(built, "middle")) ==
        kBase + symbolOffset(built, "table") + 8);
  CHECK(read64(built.image, symbolOffset(built, "first") + 8) ==
        kBase + symbolOffset(built, "last"));
  CHECK(read32(built.image, symbolOffset(built, "table") + 4) == 20);  // copied, not relocated
}

TEST_CASE("PC-relative references encode the distance from the next instruction") {
  const Built built = build("globals", [](const std::string&) { return kBase + 0x100000; });
  REQUIRE(built.error.empty());
  const std::uint32_t text = built.object.findSection(".text");
  int checked = 0;
  for (const ElfRelocationSection& relocations : built.object.relocationSections) {
    if (relocations.targetSection != text) continue;
    for (const ElfRelocation& relocation : relocations.relocations) {
      if (relocation.type != R_X86_64_PC32) continue;
      const std::uint64_t place = kBase + relocation.offset;
      const std::uint64_t target =
          symbolRuntimeAddress(built.object, built.layout, kBase, relocation.symbolIndex, {});
      CHECK(read32(built.image, relocation.offset) ==
            static_cast<std::int64_t>(target + relocation.addend - place));
      ++checked;
    }
  }
  CHECK(checked > 3);
}

TEST_CASE("A call to a far extern goes through its stub and GOT slot") {
  const std::uint64_t far = kBase + (std::uint64_t{8} << 30);  // 8 GiB away
  // gcc's PIE code reads extern data (stdout) PC-relative: that must stay near.
  const Built built = build("libc_calls", [&](const std::string& name) {
    return name.starts_with("std") ? kBase + 0x200000 : far;
  });
  INFO(built.error);
  REQUIRE(built.error.empty());
  std::uint32_t puts = 0;
  for (std::uint32_t i = 1; i < built.object.symbols.size(); ++i)
    if (built.object.symbols[i].name == "puts") puts = i;
  const std::uint64_t stub = built.layout.stubsOffset +
                             kStubSize * static_cast<std::uint64_t>(built.layout.stubSlot[puts]);
  const std::uint64_t slot =
      built.layout.gotOffset + 8 * static_cast<std::uint64_t>(built.layout.gotSlot[puts]);
  CHECK(read64(built.image, slot) == far);
  CHECK(built.image[stub] == 0xff);
  CHECK(built.image[stub + 1] == 0x25);
  CHECK(read32(built.image, stub + 2) == static_cast<std::int64_t>(slot - (stub + 6)));
  // The call site of puts lands on the stub.
  for (const ElfRelocationSection& relocations : built.object.relocationSections)
    for (const ElfRelocation& relocation : relocations.relocations)
      if (relocation.symbolIndex == puts && relocation.type == R_X86_64_PLT32)
        CHECK(relocation.offset + 4 + read32(built.image, relocation.offset) == stub);
}

TEST_CASE("Unresolved externs are all named in one error") {
  const Built built = build("undefined_symbol", [](const std::string&) { return 0; });
  CHECK(built.error.find("tide_test_missing_function") != std::string::npos);
  CHECK(built.error.find("tide_test_other_missing") != std::string::npos);
}

TEST_CASE("Absolute 32-bit relocations fail loudly when the image is mapped high") {
  const Built high = build("globals_nopic", [](const std::string&) { return 0x10000; });
  INFO(high.error);
  CHECK(high.error.rfind("relocation type ", 0) == 0);
  CHECK(high.error.find(" at .") != std::string::npos);
  CHECK(high.error.find("+0x") != std::string::npos);
  CHECK(high.error.find("does not fit") != std::string::npos);
  const Built low = build(
      "globals_nopic", [](const std::string&) { return 0x10000; }, 0x400000);
  CHECK(low.error.empty());
}

TEST_CASE("An unsupported relocation is named by type, section and offset") {
  Built built = build("globals", [](const std::string&) { return kBase + 0x100000; });
  REQUIRE(built.error.empty());
  ElfRelocationSection* patched = nullptr;
  for (ElfRelocationSection& section : built.object.relocationSections)
    if (!section.relocations.empty() && patched == nullptr) patched = &section;
  REQUIRE(patched != nullptr);
  ElfRelocation& relocation = patched->relocations.back();
  relocation.type = 999;
  char offset[32];
  std::snprintf(offset, sizeof offset, "0x%llx",
                static_cast<unsigned long long>(relocation.offset));
  const std::string error = buildImage(built.file, built.object, built.layout, kBase, built.image,
                                       [](const std::string&) { return kBase + 0x100000; });
  CHECK(error == "unsupported relocation type 999 at " +
                     built.object.sections[patched->targetSection].name + "+" + offset);
}

TEST_CASE("The debug copy carries the runtime address of each loaded section") {
  const Built built = build("crash", [](const std::string&) { return kBase + 0x100000; });
  const std::vector<std::uint8_t> debug =
      makeDebugObject(built.file, built.object, built.layout, kBase);
  const ElfObject patched = *parseElfObject(debug).object;
  for (std::uint32_t i = 1; i < patched.sections.size(); ++i) {
    INFO(patched.sections[i].name);
    const std::uint64_t offset = built.layout.sectionOffset[i];
    CHECK(patched.sections[i].address == (offset == kNotLoaded ? 0 : kBase + offset));
  }
}
