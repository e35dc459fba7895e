// Helpers shared by the JIT tests: load the build-time test objects and map
// an image address back to the function symbol that contains it.
#pragma once

#include <elf.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"

namespace tide::jit::testing {

inline std::string testObjectPath(const std::string& name) {
  return std::string(TIDE_JIT_OBJECT_DIR) + "/" + name + ".o";
}

inline std::vector<std::uint8_t> readTestObject(const std::string& name) {
  std::ifstream in(testObjectPath(name), std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline std::string runnerPath() { return std::string(TIDE_BIN_DIR) + "/tide-runner"; }

// Name of the function symbol whose [start, start+size) holds image address
// `address`, or "" when none does.
inline std::string functionAt(const ElfObject& object, const ImageLayout& layout,
                              std::uint64_t address) {
  for (const ElfSymbol& symbol : object.symbols) {
    if (symbol.type != STT_FUNC || symbol.sectionIndex == SHN_UNDEF ||
        symbol.sectionIndex >= layout.sectionOffset.size())
      continue;
    const std::uint64_t start = layout.sectionOffset[symbol.sectionIndex] + symbol.value;
    if (address >= start && address < start + symbol.size) return symbol.name;
  }
  return "";
}

}  // namespace tide::jit::testing
