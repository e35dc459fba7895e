// State shared by the per-function generator and the module driver
// (object_emitter.cpp): the one code buffer, where every global, string and
// function lives, and the relocations .text needs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tide/codegen/dwarf_writer.h"
#include "tide/codegen/elf_writer.h"
#include "tide/codegen/x86_encoder.h"
#include "tide/core/ir.h"

namespace tide::codegen {

// A .text relocation against .rodata whose addend still lacks the string's
// offset: strings are laid out last (object_emitter.cpp).
struct StringReference {
  std::size_t relocation = 0;  // index into .text's relocations
  std::uint32_t stringIndex = 0;
};

struct ModuleContext {
  const ir::Module& module;
  ElfObject& object;
  x86::Assembler code;
  int textSection = -1, rodataSection = -1, dataSection = -1, bssSection = -1;
  std::vector<x86::Label> functionLabels;   // per ir function
  std::vector<int> globalSection;           // per global: .data or .bss
  std::vector<std::uint64_t> globalOffset;  // per global, in its section
  std::vector<std::uint64_t> stringOffset;  // per string literal, in .rodata (set by finish)
  std::vector<StringReference> stringReferences;
  std::vector<std::int64_t> externSymbol;  // per extern: ELF symbol, -1 until used
  std::vector<std::string> problems;

  ModuleContext(const ir::Module& m, ElfObject& o) : module(m), object(o) {}
  std::uint32_t externSymbolFor(std::uint32_t externIndex);
  void addTextRelocation(std::uint64_t offset, std::uint32_t type, std::uint32_t target,
                         bool againstSection, std::int64_t addend);
  // The next relocation added is a reference to string literal `stringIndex`.
  void noteStringReference(std::uint32_t stringIndex);
};

struct GeneratedFunction {
  DebugFunction debug;
};

// Emits one function into context.code at its current end (the function's
// label is bound there), appending its line rows to `lines` (the unit's:
// a vector per function, copied into the unit's, was a malloc, a free and a
// copy of every row).
GeneratedFunction generateFunction(ModuleContext& context, std::uint32_t functionIndex,
                                   std::vector<DebugLineRow>& lines);

}  // namespace tide::codegen
