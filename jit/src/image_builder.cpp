// Section copy + relocation for x86-64 relocatable objects. Formulas follow
// the System V x86-64 psABI (S = symbol, A = addend, P = place, G = GOT slot).
// A PLT32 call to a C library function more than 2 GiB away goes through the
// image's stub for that symbol, which jumps through its GOT slot.
#include "tide/jit/image_builder.h"

#include <elf.h>

#include <cstring>
#include <limits>

#include "tide/core/hex_text.h"

namespace tide::jit {
namespace {

using core::hex;

bool fitsSigned32(std::int64_t value) {
  return value >= std::numeric_limits<std::int32_t>::min() &&
         value <= std::numeric_limits<std::int32_t>::max();
}

void store(std::span<std::uint8_t> image, std::uint64_t offset, std::uint64_t value, int width) {
  std::memcpy(image.data() + offset, &value, static_cast<std::size_t>(width));  // little-endian
}

}  // namespace

std::uint64_t symbolRuntimeAddress(const ElfObject& object, const ImageLayout& layout,
                                   std::uint64_t base, std::uint32_t symbolIndex,
                                   const SymbolResolver& resolve) {
  if (symbolIndex == 0 || symbolIndex >= object.symbols.size()) return 0;
  const ElfSymbol& symbol = object.symbols[symbolIndex];
  if (symbol.sectionIndex == SHN_UNDEF) return resolve ? resolve(symbol.name) : 0;
  if (symbol.sectionIndex == SHN_ABS) return symbol.value;
  if (symbol.sectionIndex == SHN_COMMON) {
    const std::uint64_t offset = layout.commonOffset[symbolIndex];
    return offset == kNotLoaded ? 0 : base + offset;
  }
  if (symbol.sectionIndex >= layout.sectionOffset.size()) return 0;
  const std::uint64_t offset = layout.sectionOffset[symbol.sectionIndex];
  return offset == kNotLoaded ? 0 : base + offset + symbol.value;
}

std::string buildImage(std::span<const std::uint8_t> file, const ElfObject& object,
                       const ImageLayout& layout, std::uint64_t base, std::span<std::uint8_t> image,
                       const SymbolResolver& resolve) {
  if (image.size() < layout.size) return "image buffer smaller than the layout";
  for (const PlacedSection& placed : layout.sections) {
    if (placed.zeroFill || placed.size == 0) continue;
    const ElfSection& section = object.sections[placed.sectionIndex];
    std::memcpy(image.data() + placed.imageOffset, file.data() + section.fileOffset, placed.size);
  }

  // Resolve every symbol a loaded relocation needs, once, reporting all misses.
  std::vector<std::uint64_t> address(object.symbols.size(), 0);
  std::vector<bool> resolved(object.symbols.size(), false);
  std::string unresolved;
  for (const ElfRelocationSection& relocations : object.relocationSections) {
    if (layout.sectionOffset[relocations.targetSection] == kNotLoaded) continue;
    for (const ElfRelocation& relocation : relocations.relocations) {
      const std::uint32_t s = relocation.symbolIndex;
      if (s == 0 || resolved[s]) continue;
      resolved[s] = true;
      address[s] = symbolRuntimeAddress(object, layout, base, s, resolve);
      const ElfSymbol& symbol = object.symbols[s];
      if (address[s] != 0 || symbol.sectionIndex == SHN_ABS) continue;
      if (symbol.sectionIndex == SHN_UNDEF && symbol.binding == STB_WEAK) continue;
      if (symbol.sectionIndex == SHN_UNDEF) {
        unresolved += (unresolved.empty() ? "" : ", ") + ("'" + symbol.name + "'");
      } else {
        return "relocation against '" + symbol.name + "' in unloaded section " +
               std::to_string(symbol.sectionIndex);
      }
    }
  }
  if (!unresolved.empty()) return "undefined symbols: " + unresolved;

  for (std::uint32_t s = 0; s < layout.gotSlot.size(); ++s)
    if (layout.gotSlot[s] >= 0) {
      std::uint64_t target = address[s];
      if (!resolved[s]) target = symbolRuntimeAddress(object, layout, base, s, resolve);
      store(image, layout.gotOffset + 8ull * static_cast<std::uint64_t>(layout.gotSlot[s]), target,
            8);
    }
  for (std::uint32_t s = 0; s < layout.stubSlot.size(); ++s)
    if (layout.stubSlot[s] >= 0) {
      const std::uint64_t stub = layout.stubsOffset + kStubSize * layout.stubSlot[s];
      const std::uint64_t slot =
          layout.gotOffset + 8ull * static_cast<std::uint64_t>(layout.gotSlot[s]);
      const std::int64_t displacement =
          static_cast<std::int64_t>(slot) - static_cast<std::int64_t>(stub + 6);
      const std::uint8_t code[kStubSize] = {0xff, 0x25, 0, 0, 0, 0, 0xcc, 0xcc};
      std::memcpy(image.data() + stub, code, kStubSize);
      store(image, stub + 2, static_cast<std::uint64_t>(displacement), 4);
    }

  for (const ElfRelocationSection& relocations : object.relocationSections) {
    const std::uint64_t sectionOffset = layout.sectionOffset[relocations.targetSection];
    if (sectionOffset == kNotLoaded) continue;
    const ElfSection& target = object.sections[relocations.targetSection];
    if (target.type == SHT_NOBITS && !relocations.relocations.empty())
      return "relocations against NOBITS section '" + target.name + "'";
    for (const ElfRelocation& relocation : relocations.relocations) {
      const int width = relocationWidth(relocation.type);
      const std::uint64_t placeOffset = sectionOffset + relocation.offset;
      const std::uint64_t place = base + placeOffset;
      const std::uint32_t s = relocation.symbolIndex;
      const std::uint64_t symbolAddress = s == 0 ? 0 : address[s];
      const std::int64_t addend = relocation.addend;
      // Named only when something is wrong: built for every relocation, the
      // text was most of a small image's load.
      const auto where = [&] {
        return "relocation type " + std::to_string(relocation.type) + " at " + target.name + "+" +
               hex(relocation.offset);
      };
      if (width < 0) return "unsupported " + where();
      std::uint64_t value = 0;
      switch (relocation.type) {
        case R_X86_64_NONE: continue;
        case R_X86_64_64: value = symbolAddress + static_cast<std::uint64_t>(addend); break;
        case R_X86_64_PC64:
          value = symbolAddress + static_cast<std::uint64_t>(addend) - place;
          break;
        case R_X86_64_PC32:
        case R_X86_64_PLT32: {
          std::int64_t delta = static_cast<std::int64_t>(symbolAddress + addend - place);
          if (!fitsSigned32(delta) && relocation.type == R_X86_64_PLT32 &&
              layout.stubSlot[s] >= 0) {
            const std::uint64_t stub = base + layout.stubsOffset + kStubSize * layout.stubSlot[s];
            delta = static_cast<std::int64_t>(stub + addend - place);
          }
          if (!fitsSigned32(delta))
            return where() + " against '" + object.symbols[s].name + "' is out of 32-bit range";
          value = static_cast<std::uint64_t>(delta);
          break;
        }
        case R_X86_64_32: {
          value = symbolAddress + static_cast<std::uint64_t>(addend);
          if (value > std::numeric_limits<std::uint32_t>::max())
            return where() + " does not fit 32 bits (image mapped too high)";
          break;
        }
        case R_X86_64_32S: {
          const std::int64_t signedValue = static_cast<std::int64_t>(symbolAddress + addend);
          if (!fitsSigned32(signedValue)) return where() + " does not fit signed 32 bits";
          value = static_cast<std::uint64_t>(signedValue);
          break;
        }
        case R_X86_64_GOTPCREL:
        case R_X86_64_GOTPCRELX:
        case R_X86_64_REX_GOTPCRELX: {
          const std::uint64_t slot =
              base + layout.gotOffset + 8ull * static_cast<std::uint64_t>(layout.gotSlot[s]);
          const std::int64_t delta = static_cast<std::int64_t>(slot + addend - place);
          if (!fitsSigned32(delta)) return where() + " GOT slot out of range";
          value = static_cast<std::uint64_t>(delta);
          break;
        }
        default: return "unsupported " + where();
      }
      store(image, placeOffset, value, width);
    }
  }
  return {};
}

std::vector<std::uint32_t> externsNeedingProximity(const ElfObject& object,
                                                   const ImageLayout& layout) {
  std::vector<bool> seen(object.symbols.size(), false);
  std::vector<std::uint32_t> symbols;
  for (const ElfRelocationSection& relocations : object.relocationSections) {
    if (layout.sectionOffset[relocations.targetSection] == kNotLoaded) continue;
    for (const ElfRelocation& relocation : relocations.relocations) {
      const std::uint32_t s = relocation.symbolIndex;
      if (relocation.type != R_X86_64_PC32 || s == 0 || seen[s] ||
          object.symbols[s].sectionIndex != SHN_UNDEF)
        continue;
      seen[s] = true;
      symbols.push_back(s);
    }
  }
  return symbols;
}

std::vector<std::uint8_t> makeDebugObject(std::span<const std::uint8_t> file,
                                          const ElfObject& object, const ImageLayout& layout,
                                          std::uint64_t base) {
  std::vector<std::uint8_t> copy(file.begin(), file.end());
  for (const PlacedSection& placed : layout.sections) {
    const std::uint64_t address = base + placed.imageOffset;
    const std::uint64_t at =
        object.sections[placed.sectionIndex].headerOffset + offsetof(Elf64_Shdr, sh_addr);
    std::memcpy(copy.data() + at, &address, sizeof(address));  // header range checked by the parser
  }
  return copy;
}

}  // namespace tide::jit
