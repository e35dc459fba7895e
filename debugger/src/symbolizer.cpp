// Symbolization over DebugInfo. Line lookup sorts every sequence of every
// table by start address and binary-searches rows inside the one sequence
// that contains the address (sequences may overlap in relocatable objects,
// where every section starts at 0; the first match wins, as in llvm-symbolizer
// for .o files without a section hint).
#include "tide/debugger/symbolizer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

namespace tide::debugger {

std::uint64_t imageAddressFrom(std::uint64_t runtimeAddress, std::uint64_t imageBase,
                               std::uint64_t imageSize) {
  if (runtimeAddress < imageBase || runtimeAddress - imageBase >= imageSize) return 0;
  return runtimeAddress - imageBase;
}

std::string SymbolizedAddress::text() const {
  char buffer[64];
  std::string result;
  if (function.empty()) {
    std::snprintf(buffer, sizeof buffer, "0x%llx", static_cast<unsigned long long>(address));
    result = buffer;
  } else {
    std::snprintf(buffer, sizeof buffer, "+0x%llx", static_cast<unsigned long long>(offset));
    result = function + buffer;
  }
  if (location)
    result += " at " + location->file + ":" + std::to_string(location->line) + ":" +
              std::to_string(location->column);
  return result;
}

std::optional<std::pair<std::string, std::uint32_t>> parseFileLine(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return std::nullopt;
  std::uint32_t line = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(begin, end, line);
  if (error != std::errc() || stop != end || line == 0) return std::nullopt;
  return std::make_pair(std::string(text.substr(0, colon)), line);
}

Expected<Symbolizer> Symbolizer::fromPath(const std::string& path,
                                          const SectionAddressMap* addresses) {
  auto file = ElfFile::fromPath(path);
  if (!file) return file.error();
  return fromElf(*file, addresses);
}

Expected<Symbolizer> Symbolizer::fromElf(const ElfFile& file, const SectionAddressMap* addresses) {
  auto sections = loadDwarfSections(file, addresses);
  if (!sections) return sections.error();
  auto info = buildDebugInfo(*sections);
  if (!info) return info.error();
  Symbolizer symbolizer;
  symbolizer.info_ = std::make_shared<const DebugInfo>(std::move(*info));
  auto symbols = file.symbols();
  if (!symbols) return symbols.error();
  for (const auto& symbol : *symbols) {
    if (symbol.type() != elf::STT_FUNC || symbol.st_shndx == elf::SHN_UNDEF ||
        symbol.st_shndx >= elf::SHN_LORESERVE)
      continue;
    std::uint64_t start = symbol.st_value;
    // In a relocatable object a symbol's value is relative to its section.
    if (file.type() == elf::ET_REL) start += file.sectionAddress(symbol.st_shndx, addresses);
    symbolizer.symbols_.push_back({symbol.name, start, symbol.st_size});
  }
  std::sort(symbolizer.symbols_.begin(), symbolizer.symbols_.end(),
            [](const FunctionSymbol& a, const FunctionSymbol& b) { return a.start < b.start; });
  for (const auto& table : symbolizer.info_->lineTables)
    for (const auto& sequence : table.sequences)
      if (sequence.highPc > sequence.lowPc) symbolizer.sequences_.push_back({&table, &sequence});
  std::stable_sort(symbolizer.sequences_.begin(), symbolizer.sequences_.end(),
                   [](const SequenceRef& a, const SequenceRef& b) {
                     return a.sequence->lowPc < b.sequence->lowPc;
                   });
  return symbolizer;
}

std::optional<SourceLocation> Symbolizer::sourceLocation(std::uint64_t address) const {
  for (const auto& ref : sequences_) {
    if (ref.sequence->lowPc > address) break;
    if (address >= ref.sequence->highPc) continue;
    const auto& rows = ref.table->rows;
    auto first = rows.begin() + static_cast<std::ptrdiff_t>(ref.sequence->firstRow);
    auto last = rows.begin() + static_cast<std::ptrdiff_t>(ref.sequence->endRow) - 1;  // end row
    // The row with the greatest address <= `address`; among rows at the same
    // address the last one, as the state machine left it.
    auto after = std::upper_bound(
        first, last, address, [](std::uint64_t a, const LineRow& row) { return a < row.address; });
    if (after == first) continue;
    const LineRow& row = *(after - 1);
    return SourceLocation{ref.table->filePath(row.file), row.line, row.column};
  }
  return std::nullopt;
}

SymbolizedAddress Symbolizer::symbolize(std::uint64_t address, AddressKind kind) const {
  SymbolizedAddress result;
  result.address = address;
  const std::uint64_t lookup =
      kind == AddressKind::ReturnAddress && address > 0 ? address - 1 : address;
  if (const DebugFunction* function = info_->functionContaining(lookup)) {
    result.function = function->name;
    // For a cold part, the offset is from the part's own start.
    result.functionStart = function->lowPc;
    for (const auto& range : function->ranges)
      if (range.contains(lookup)) result.functionStart = range.low;
  } else {
    for (const auto& symbol : symbols_) {
      if (symbol.start > lookup) break;
      if (lookup < symbol.start + std::max<std::uint64_t>(symbol.size, 1)) {
        result.function = symbol.name;
        result.functionStart = symbol.start;
      }
    }
  }
  if (!result.function.empty()) result.offset = address - result.functionStart;
  result.location = sourceLocation(lookup);
  return result;
}

const DebugFunction* Symbolizer::functionNamed(std::string_view name) const {
  return info_->functionNamed(name);
}

std::optional<std::uint64_t> Symbolizer::functionAddress(std::string_view name) const {
  if (const DebugFunction* function = functionNamed(name)) return function->lowPc;
  for (const auto& symbol : symbols_)
    if (symbol.name == name) return symbol.start;
  return std::nullopt;
}

namespace {

bool pathMatches(std::string_view path, std::string_view wanted) {
  if (wanted.empty() || path.size() < wanted.size()) return false;
  if (path.substr(path.size() - wanted.size()) != wanted) return false;
  return path.size() == wanted.size() || wanted.front() == '/' ||
         path[path.size() - wanted.size() - 1] == '/';
}

}  // namespace

template <typename Visit>
void Symbolizer::forEachStmtRowOfFile(std::string_view file, Visit visit) const {
  for (const auto& table : info_->lineTables) {
    // Indices are 0-based in v5 and 1-based before; size+1 covers both.
    std::vector<bool> fileMatches(table.header.fileNames.size() + 1);
    for (std::size_t i = 0; i < fileMatches.size(); ++i)
      fileMatches[i] = pathMatches(table.filePath(i), file);
    for (const auto& row : table.rows) {
      if (row.endSequence || !row.isStmt || row.file >= fileMatches.size()) continue;
      if (fileMatches[row.file]) visit(row);
    }
  }
}

std::optional<std::uint32_t> Symbolizer::lineWithCode(std::string_view file,
                                                      std::uint32_t line) const {
  std::optional<std::uint32_t> best;
  forEachStmtRowOfFile(file, [&](const LineRow& row) {
    if (row.line >= line && (!best || row.line < *best)) best = row.line;
  });
  return best;
}

std::vector<std::uint64_t> Symbolizer::addressesForLine(std::string_view file,
                                                        std::uint32_t line) const {
  std::set<std::uint64_t> addresses;
  auto target = lineWithCode(file, line);
  if (!target) return {};
  forEachStmtRowOfFile(file, [&](const LineRow& row) {
    if (row.line == *target) addresses.insert(row.address);
  });
  return {addresses.begin(), addresses.end()};
}

std::vector<std::uint64_t> Symbolizer::addressesForLocation(std::string_view fileColonLine) const {
  auto parsed = parseFileLine(fileColonLine);
  if (!parsed) return {};
  return addressesForLine(parsed->first, parsed->second);
}

}  // namespace tide::debugger
