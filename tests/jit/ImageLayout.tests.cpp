// layoutImage's contract: .text at image offset 0, permission groups in the
// order R+X, R, R+W, each page-aligned, sections aligned and non-overlapping;
// GOT slots and stubs reserved for externs; runtimeToImage bounded.
#include <elf.h>

#include <catch2/catch.hpp>

#include "jit_test_support.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"

using namespace tide::jit;

namespace {

ImageLayout layoutOf(const ElfObject& object) {
  LayoutResult result = layoutImage(object);
  REQUIRE(result.layout);
  return *result.layout;
}

}  // namespace

TEST_CASE("The layout puts .text first at image offset 0") {
  for (const char* name : {"crash", "globals", "libc_calls", "globals_nopic"}) {
    INFO(name);
    const ElfObject object = *parseElfObject(testing::readTestObject(name)).object;
    const ImageLayout layout = layoutOf(object);
    const std::uint32_t text = object.findSection(".text");
    CHECK(layout.sectionOffset[text] == 0);
    CHECK(layout.sections.front().sectionIndex == text);
    CHECK(layout.textSize == object.sections[text].size);
  }
}

TEST_CASE("Permission groups are page-aligned, ordered and disjoint") {
  const ElfObject object = *parseElfObject(testing::readTestObject("globals")).object;
  const ImageLayout layout = layoutOf(object);
  REQUIRE(layout.segments.size() == 3);
  CHECK(layout.segments[0].permissions == Permissions::ReadExecute);
  CHECK(layout.segments[1].permissions == Permissions::ReadOnly);
  CHECK(layout.segments[2].permissions == Permissions::ReadWrite);
  std::uint64_t end = 0;
  for (const ImageSegment& segment : layout.segments) {
    CHECK(segment.offset % kImagePageSize == 0);
    CHECK(segment.size % kImagePageSize == 0);
    CHECK(segment.offset >= end);
    end = segment.offset + segment.size;
  }
  CHECK(layout.size == end);
  // Each section lies inside the segment of its permissions, at its alignment.
  for (const PlacedSection& placed : layout.sections) {
    const ElfSection& section = object.sections[placed.sectionIndex];
    INFO(section.name);
    CHECK(placed.imageOffset % section.alignment == 0);
    bool inside = false;
    for (const ImageSegment& segment : layout.segments)
      inside |= segment.permissions == placed.permissions && placed.imageOffset >= segment.offset &&
                placed.imageOffset + placed.size <= segment.offset + segment.size;
    CHECK(inside);
    const bool writable = (section.flags & SHF_WRITE) != 0;
    const bool executable = (section.flags & SHF_EXECINSTR) != 0;
    CHECK(placed.permissions == (executable ? Permissions::ReadExecute
                                 : writable ? Permissions::ReadWrite
                                            : Permissions::ReadOnly));
  }
  // Debug sections are not loaded.
  CHECK(layout.sectionOffset[object.findSection(".debug_info")] == kNotLoaded);
}

TEST_CASE("Externs called through the PLT get a GOT slot and a stub") {
  const ElfObject object = *parseElfObject(testing::readTestObject("libc_calls")).object;
  const ImageLayout layout = layoutOf(object);
  const std::uint32_t puts = [&] {
    for (std::uint32_t i = 1; i < object.symbols.size(); ++i)
      if (object.symbols[i].name == "puts") return i;
    return 0u;
  }();
  REQUIRE(puts != 0);
  CHECK(layout.gotSlot[puts] >= 0);
  CHECK(layout.stubSlot[puts] >= 0);
  CHECK(layout.stubsOffset + layout.stubCount * kStubSize <= layout.segments[0].size);
  CHECK(layout.gotOffset >= layout.segments[1].offset);
  CHECK(!layout.needsLow32BitAddress);
}

TEST_CASE("Non-PIC code asks for an image below 2 GiB") {
  const ElfObject object = *parseElfObject(testing::readTestObject("globals_nopic")).object;
  CHECK(layoutOf(object).needsLow32BitAddress);
}

TEST_CASE("runtimeToImage is the offset inside the image and 0 outside") {
  const ElfObject object = *parseElfObject(testing::readTestObject("crash")).object;
  const ImageLayout layout = layoutOf(object);
  const std::uint64_t base = 0x7f0000000000;
  CHECK(runtimeToImage(base + 0x10, base, layout) == 0x10);
  CHECK(runtimeToImage(base + layout.size - 1, base, layout) == layout.size - 1);
  CHECK(runtimeToImage(base + layout.size, base, layout) == 0);
  CHECK(runtimeToImage(base - 1, base, layout) == 0);
  CHECK(runtimeToImage(0x401000, base, layout) == 0);
  CHECK(isImageCode(base + 0x10, base, layout));
  CHECK(!isImageCode(base + layout.segments.back().offset, base, layout));
}
