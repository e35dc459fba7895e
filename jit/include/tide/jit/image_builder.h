// Building the bytes of a JIT image: copy loaded sections into a zeroed
// buffer laid out by layoutImage, fill the GOT and PLT stubs, and apply the
// relocations of loaded sections for an image whose first byte will live at
// runtime address `base`. Pure memory work (no mapping, no dlsym): the runner
// supplies the buffer and the resolver; tests call it on plain vectors.
// Also produces the debug copy of the object handed to the GDB JIT interface.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "tide/jit/elf_object.h"
#include "tide/jit/image_layout.h"

namespace tide::jit {

// Address of an undefined symbol, or 0 when it cannot be resolved.
using SymbolResolver = std::function<std::uint64_t(const std::string& name)>;

// Fills `image` (layout.size bytes, zeroed by the caller). Returns "" on
// success, otherwise an error naming the symbol or relocation (all
// unresolved symbols are listed at once).
std::string buildImage(std::span<const std::uint8_t> file, const ElfObject& object,
                       const ImageLayout& layout, std::uint64_t base, std::span<std::uint8_t> image,
                       const SymbolResolver& resolve);

// Runtime address of symbol `symbolIndex` (defined, COMMON or resolved
// extern); 0 for an unresolved undefined symbol or one in an unloaded section.
std::uint64_t symbolRuntimeAddress(const ElfObject& object, const ImageLayout& layout,
                                   std::uint64_t base, std::uint32_t symbolIndex,
                                   const SymbolResolver& resolve);

// Undefined symbols that loaded code reaches with a plain 32-bit PC-relative
// reference (R_X86_64_PC32: gcc's PIE code reading extern data such as
// `stdout`). Unlike calls these cannot go through a stub, so the image must
// be mapped within ±2 GiB of each of them.
std::vector<std::uint32_t> externsNeedingProximity(const ElfObject& object,
                                                   const ImageLayout& layout);

// A copy of the object file whose section headers say where each loaded
// section lives at runtime (sh_addr = base + image offset), the form gdb and
// lldb expect from the GDB JIT interface for a relocatable object.
std::vector<std::uint8_t> makeDebugObject(std::span<const std::uint8_t> file,
                                          const ElfObject& object, const ImageLayout& layout,
                                          std::uint64_t base);

}  // namespace tide::jit
