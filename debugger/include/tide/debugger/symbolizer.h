// Image address -> function + offset + file:line:column, and the reverse
// lookups a debugger needs: a function by name, and the is_stmt addresses of
// a source line. Built once from an ELF image (relocatable, executable or
// shared object); DWARF subprograms name functions, ELF function symbols
// fill in where there is no debug info.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tide/debugger/debug_info.h"
#include "tide/debugger/debug_info_error.h"
#include "tide/debugger/elf_file.h"

namespace tide::debugger {

// Runtime -> image address: `runtime - base` when it lies in
// [base, base + imageSize), else 0. The one boundary that keeps runner and
// C-library frames out of backtraces.
std::uint64_t imageAddressFrom(std::uint64_t runtimeAddress, std::uint64_t imageBase,
                               std::uint64_t imageSize);

// How an address was obtained. A return address points after the call, so
// the line (and function) is looked up at address - 1; the offset printed is
// still from the address itself, as backtraces show it.
enum class AddressKind { Exact, ReturnAddress };

struct SourceLocation {
  std::string file;  // full path as the line table gives it
  std::uint32_t line = 0;
  std::uint16_t column = 0;
};

struct SymbolizedAddress {
  std::uint64_t address = 0;
  std::string function;  // "" when no function contains the address
  std::uint64_t functionStart = 0;
  std::uint64_t offset = 0;                // address - functionStart
  std::optional<SourceLocation> location;  // from the line table
  // "main+0x1d at /tmp/a.c:5:16", "add+0x4", "0x1234"
  std::string text() const;
};

// "FILE:LINE" split at the last colon; nullopt when LINE is not a number.
std::optional<std::pair<std::string, std::uint32_t>> parseFileLine(std::string_view text);

class Symbolizer {
 public:
  static Expected<Symbolizer> fromElf(const ElfFile& file,
                                      const SectionAddressMap* addresses = nullptr);
  static Expected<Symbolizer> fromPath(const std::string& path,
                                       const SectionAddressMap* addresses = nullptr);

  SymbolizedAddress symbolize(std::uint64_t imageAddress,
                              AddressKind kind = AddressKind::Exact) const;
  // The line-table row for `imageAddress`: the row with the greatest
  // address <= it, in the sequence that contains it.
  std::optional<SourceLocation> sourceLocation(std::uint64_t imageAddress) const;

  // By DWARF name or linkage name.
  const DebugFunction* functionNamed(std::string_view name) const;
  // The entry of a function by name from DWARF, else from the ELF symbols.
  std::optional<std::uint64_t> functionAddress(std::string_view name) const;

  // The is_stmt addresses of `line` in files whose path ends with `file`
  // (at a '/' boundary, or equal). When that line has no code, the next
  // line that has some in the same file is used. Sorted, unique.
  std::vector<std::uint64_t> addressesForLine(std::string_view file, std::uint32_t line) const;
  // Same, from "FILE:LINE"; empty for a malformed location.
  std::vector<std::uint64_t> addressesForLocation(std::string_view fileColonLine) const;
  // The line that addressesForLine actually used (after moving to the next
  // line with code); nullopt when no line at or after `line` has code.
  std::optional<std::uint32_t> lineWithCode(std::string_view file, std::uint32_t line) const;

  const DebugInfo& debugInfo() const { return *info_; }

 private:
  struct FunctionSymbol {
    std::string name;
    std::uint64_t start = 0;
    std::uint64_t size = 0;
  };
  struct SequenceRef {
    const LineTable* table;
    const LineSequence* sequence;
  };

  Symbolizer() = default;
  template <typename Visit>
  void forEachStmtRowOfFile(std::string_view file, Visit visit) const;

  std::shared_ptr<const DebugInfo> info_;  // shared: Symbolizer stays cheap to copy
  std::vector<FunctionSymbol> symbols_;    // ELF STT_FUNC, sorted by start
  std::vector<SequenceRef> sequences_;     // sorted by lowPc
};

}  // namespace tide::debugger
