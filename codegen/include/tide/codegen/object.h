// The code generator's entry point: an IR module in, an ELF64 relocatable
// object (x86-64, System V ABI, DWARF 5) out, in memory. The same bytes are
// written to a .o for the system linker (AOT) or handed to tide-runner (JIT).
//
// Object layout (docs/codegen.md): .text holds the functions in module order
// (image convention: .text at image offset 0); .rodata the string literals;
// .data initialized globals, .bss zero ones; symbols: Toy functions local
// (STT_FUNC), `main` and `.export` global, externs undefined globals.
// Relocations the consumer must apply: R_X86_64_PLT32 (calls to externs),
// R_X86_64_PC32 (rip-relative data), R_X86_64_GOTPCREL (the address of an
// extern function taken as a value), R_X86_64_64 (pointers in data and
// DWARF addresses), R_X86_64_32 (DWARF section offsets).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tide/core/ir.h"

namespace tide::codegen {

struct CodegenOptions {
  bool debugInfo = true;             // DWARF 5 sections
  std::string compilationDirectory;  // DW_AT_comp_dir; empty = the current directory
  std::string producer = "tide";     // DW_AT_producer
  int optimizationLevel = 0;         // only -O0 code is generated for now
};

// Where a function landed in .text.
struct FunctionPlacement {
  std::string name;
  std::uint64_t textOffset = 0;
  std::uint64_t size = 0;
  bool global = false;
};

struct ObjectFile {
  std::vector<std::uint8_t> bytes;  // the whole ELF relocatable object
  std::uint64_t textSize = 0;
  std::vector<FunctionPlacement> functions;
  // Internal limits hit while generating (e.g. an IR construct with no
  // lowering); the object is still well-formed, the construct traps (ud2).
  std::vector<std::string> problems;
};

ObjectFile compileToObject(const ir::Module& module, const CodegenOptions& options = {});

// The same, function by function: compileToObject is a constructor, one
// addFunction per function in module order, and finish(). The module must
// have all its functions, globals and externs declared when the builder is
// made; a function's body must be complete when it is added; strings are
// read only by finish(). So a second thread can generate function i while
// the front end lowers function i + 1 (compile_pipeline.h).
class ObjectBuilder {
 public:
  // expectedInstructions: IR instructions to reserve code space for (a guess is fine).
  ObjectBuilder(const ir::Module& module, const CodegenOptions& options,
                std::size_t expectedInstructions = 0);
  ~ObjectBuilder();
  ObjectBuilder(const ObjectBuilder&) = delete;
  ObjectBuilder& operator=(const ObjectBuilder&) = delete;
  void addFunction(std::uint32_t index);
  std::uint32_t functionsAdded() const;
  ObjectFile finish();  // once, after the last addFunction

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tide::codegen
