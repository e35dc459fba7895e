// DWARF 5 for one compile unit, described as plain data by the code
// generator and written into an ElfObject as .debug_info, .debug_abbrev,
// .debug_str, .debug_line, .debug_line_str, .debug_aranges and .debug_frame,
// with their relocations (R_X86_64_64 for addresses, R_X86_64_32 for section
// offsets; each also stores its addend in place, see elf_writer.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tide/codegen/elf_writer.h"
#include "tide/core/ir.h"

namespace tide::codegen {

// A parameter or local living in the frame at [rbp + frameOffset].
struct DebugVariable {
  std::string name;
  ir::TypeId type = ir::kNoType;
  std::int32_t frameOffset = 0;
  std::uint32_t file = 0;  // index into DebugCompileUnit::files
  std::uint32_t line = 0;
};

// A lexical block: the variables declared in one Toy block, visible over
// [lowPc, highPc) (offsets in .text).
struct DebugScope {
  std::uint64_t lowPc = 0;
  std::uint64_t highPc = 0;
  std::vector<DebugVariable> variables;
  std::vector<DebugScope> children;
};

struct DebugFunction {
  std::string name;
  bool external = false;
  std::uint64_t lowPc = 0;   // .text offset of `push rbp`
  std::uint64_t highPc = 0;  // one past the last byte
  // .text offset of the `leave` of the single epilogue (the CFA rule changes
  // back to rsp+8 after it).
  std::uint64_t epilogueOffset = 0;
  // Callee-saved registers the function stores in its frame (x86 register
  // number, [rbp + frameOffset]); stored by .text offset savesEnd, restored
  // just before the epilogue (the slot keeps the value, so the rule holds to
  // the end).
  struct SavedRegister {
    std::uint8_t reg = 0;
    std::int32_t frameOffset = 0;
  };
  std::vector<SavedRegister> savedRegisters;
  std::uint64_t savesEnd = 0;
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  ir::TypeId result = ir::TypeTable::kVoid;
  std::vector<DebugVariable> parameters;
  DebugScope body;  // body.variables are function-level locals
};

struct DebugLineRow {
  std::uint64_t address = 0;  // .text offset, non-decreasing
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool isStatement = true;
  bool prologueEnd = false;
};

struct DebugGlobal {
  std::string name;
  ir::TypeId type = ir::kNoType;
  int section = -1;  // ElfObject section index (.data/.bss/.rodata)
  std::uint64_t offset = 0;
  std::uint32_t file = 0;
  std::uint32_t line = 0;
};

struct DebugCompileUnit {
  std::string producer;
  std::string compilationDirectory;
  std::vector<std::string> files;  // source file names; files[0] names the unit
  std::uint64_t textSize = 0;
  std::vector<DebugFunction> functions;
  std::vector<DebugLineRow> lines;  // the rows of the function being generated
  std::vector<DebugGlobal> globals;
};

// The debug sections of one compile unit, made as its functions are
// generated. The constructor adds the sections to `object` and describes the
// unit and its globals (from `unit`: producer, directory, files, globals);
// addFunction describes each function, in .text order, as soon as its code
// exists (the compile pipeline: on the code generator's thread, beside the
// front end); finish() lays out and writes every section, given the whole
// unit (the same functions, the text size). `types` may grow
// between calls (types never move).
class DwarfUnitWriter {
 public:
  DwarfUnitWriter(const DebugCompileUnit& unit, const ir::TypeTable& types, int textSection,
                  ElfObject& object, std::size_t expectedFunctions,
                  std::size_t expectedInstructions);
  ~DwarfUnitWriter();
  DwarfUnitWriter(const DwarfUnitWriter&) = delete;
  DwarfUnitWriter& operator=(const DwarfUnitWriter&) = delete;
  // The function's DIEs and its line rows (which need not be kept after).
  void addFunction(const DebugFunction& function, const DebugLineRow* rows, std::size_t rowCount);
  // `unit.lines` is not read: the rows came with the functions.
  void finish(const DebugCompileUnit& unit);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tide::codegen
