// layoutImage: groups SHF_ALLOC sections by permission, .text first, each
// group page-aligned; reserves GOT slots, PLT stubs and COMMON space. It is a
// pure function of the object so the runner and the parent compute the same
// answer independently.
#include "tide/jit/image_layout.h"

#include <elf.h>

namespace tide::jit {
namespace {

std::uint64_t alignUp(std::uint64_t value, std::uint64_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

Permissions permissionsOf(const ElfSection& section) {
  if (section.flags & SHF_EXECINSTR) return Permissions::ReadExecute;
  if (section.flags & SHF_WRITE) return Permissions::ReadWrite;
  return Permissions::ReadOnly;
}

bool isLoaded(const ElfSection& section) {
  return (section.flags & SHF_ALLOC) != 0 && section.type != SHT_NULL;
}

}  // namespace

LayoutResult layoutImage(const ElfObject& object) {
  ImageLayout layout;
  const std::size_t sectionCount = object.sections.size();
  const std::size_t symbolCount = object.symbols.size();
  layout.sectionOffset.assign(sectionCount, kNotLoaded);
  layout.gotSlot.assign(symbolCount, -1);
  layout.stubSlot.assign(symbolCount, -1);
  layout.commonOffset.assign(symbolCount, kNotLoaded);

  for (std::size_t i = 1; i < sectionCount; ++i) {
    const ElfSection& section = object.sections[i];
    if (!isLoaded(section)) continue;
    if (section.flags & SHF_TLS)
      return {std::nullopt, "thread-local section '" + section.name + "' is not supported"};
    if (section.alignment > kImagePageSize)
      return {std::nullopt, "section '" + section.name + "' needs alignment " +
                                std::to_string(section.alignment) + ", more than a page"};
  }

  // GOT slots and stubs, from the relocations of loaded sections.
  for (const ElfRelocationSection& relocations : object.relocationSections) {
    if (!isLoaded(object.sections[relocations.targetSection])) continue;
    for (const ElfRelocation& relocation : relocations.relocations) {
      const std::uint32_t symbol = relocation.symbolIndex;
      switch (relocation.type) {
        case R_X86_64_GOTPCREL:
        case R_X86_64_GOTPCRELX:
        case R_X86_64_REX_GOTPCRELX:
          if (layout.gotSlot[symbol] < 0) layout.gotSlot[symbol] = layout.gotSlotCount++;
          break;
        case R_X86_64_PLT32:
          if (symbol != 0 && object.symbols[symbol].sectionIndex == SHN_UNDEF) {
            if (layout.gotSlot[symbol] < 0) layout.gotSlot[symbol] = layout.gotSlotCount++;
            if (layout.stubSlot[symbol] < 0) layout.stubSlot[symbol] = layout.stubCount++;
          }
          break;
        case R_X86_64_32:
        case R_X86_64_32S: layout.needsLow32BitAddress = true; break;
        default: break;
      }
    }
  }

  // Sizes come from the file; cap the image so corrupt sizes cannot overflow.
  constexpr std::uint64_t kMaxImageSize = std::uint64_t{1} << 30;
  bool tooLarge = false;
  std::uint64_t cursor = 0;
  auto place = [&](std::uint32_t index) {
    const ElfSection& section = object.sections[index];
    if (section.size > kMaxImageSize) {
      tooLarge = true;
      return;
    }
    cursor = alignUp(cursor, section.alignment);
    layout.sectionOffset[index] = cursor;
    layout.sections.push_back(PlacedSection{index, cursor, section.size, permissionsOf(section),
                                            section.type == SHT_NOBITS});
    cursor += section.size;
  };
  auto closeGroup = [&](Permissions permissions, std::uint64_t groupStart) {
    cursor = alignUp(cursor, kImagePageSize);
    if (cursor > groupStart)
      layout.segments.push_back({permissions, groupStart, cursor - groupStart});
  };

  // Executable group: .text first (image offset 0), then the rest, then stubs.
  const std::uint32_t text = object.findSection(".text");
  if (text != 0 && isLoaded(object.sections[text]) &&
      permissionsOf(object.sections[text]) == Permissions::ReadExecute) {
    place(text);
    layout.textSize = object.sections[text].size;
  }
  const Permissions order[] = {Permissions::ReadExecute, Permissions::ReadOnly,
                               Permissions::ReadWrite};
  for (Permissions group : order) {
    // The executable group starts at 0 even though .text is already placed.
    const std::uint64_t groupStart = group == Permissions::ReadExecute ? 0 : cursor;
    for (std::uint32_t i = 1; i < sectionCount; ++i) {
      const ElfSection& section = object.sections[i];
      if (i == text && layout.sectionOffset[i] != kNotLoaded) continue;
      if (!isLoaded(section) || permissionsOf(section) != group) continue;
      place(i);
    }
    if (group == Permissions::ReadExecute && layout.stubCount > 0) {
      cursor = alignUp(cursor, 16);
      layout.stubsOffset = cursor;
      cursor += layout.stubCount * kStubSize;
    }
    if (group == Permissions::ReadOnly && layout.gotSlotCount > 0) {
      cursor = alignUp(cursor, 8);
      layout.gotOffset = cursor;
      cursor += layout.gotSlotCount * 8ull;
    }
    if (group == Permissions::ReadWrite) {
      for (std::uint32_t s = 1; s < symbolCount; ++s) {
        const ElfSymbol& symbol = object.symbols[s];
        if (symbol.sectionIndex != SHN_COMMON) continue;
        const std::uint64_t alignment = symbol.value == 0 ? 1 : symbol.value;
        if ((alignment & (alignment - 1)) != 0 || alignment > kImagePageSize)
          return {std::nullopt, "COMMON symbol '" + symbol.name + "' has invalid alignment"};
        if (symbol.size > kMaxImageSize) tooLarge = true;
        if (tooLarge) break;
        cursor = alignUp(cursor, alignment);
        layout.commonOffset[s] = cursor;
        cursor += symbol.size;
      }
    }
    if (tooLarge || cursor > kMaxImageSize)
      return {std::nullopt, "image would be larger than 1 GiB (corrupt section or symbol size)"};
    closeGroup(group, groupStart);
  }
  layout.size = cursor;
  return {std::move(layout), {}};
}

std::uint64_t runtimeToImage(std::uint64_t address, std::uint64_t base, const ImageLayout& layout) {
  if (address < base || address - base >= layout.size) return 0;
  return address - base;
}

bool isImageCode(std::uint64_t address, std::uint64_t base, const ImageLayout& layout) {
  if (address < base) return false;
  const std::uint64_t offset = address - base;
  for (const ImageSegment& segment : layout.segments)
    if (segment.permissions == Permissions::ReadExecute && offset >= segment.offset &&
        offset - segment.offset < segment.size)
      return true;
  return false;
}

}  // namespace tide::jit
