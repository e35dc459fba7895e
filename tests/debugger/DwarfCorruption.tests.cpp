// Corrupt input never crashes the readers: gcc's sections truncated at many
// lengths and with bytes overwritten by a fixed-seed generator must each
// yield either a result or an error that names a section. Run under the
// asan preset, this also proves no read leaves the data.
#include <catch2/catch.hpp>

#include <map>

#include "DwarfTestSupport.h"
#include "tide/debugger/debug_info.h"
#include "tide/debugger/dwarf_line.h"
#include "tide/debugger/symbolizer.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

const char* const kProgram = R"(struct node { struct node* next; int value; const char* name; };
typedef int (*visit_fn)(struct node*);
static int count(struct node* list) {
  int total = 0;
  for (; list; list = list->next) { int v = list->value; total += v > 0 ? v : -v; }
  return total;
}
int walk(struct node* list, visit_fn visit) {
  int seen = 0;
  while (list) { seen += visit(list) + count(list); list = list->next; }
  return seen;
}
)";

// xorshift64*: the same bytes on every run, so a failure reproduces.
struct Generator {
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  std::uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
  }
};

const std::string& objectPath(const std::string& flags) {
  static std::map<std::string, std::string> paths;
  auto& path = paths[flags];
  if (path.empty()) {
    const auto directory = workDirectory("corruption" + std::to_string(paths.size()));
    // A fixed comp_dir keeps the bytes, and so the mutations, the same on
    // every run whatever the (per-process) directory is.
    path =
        compileC(directory, "program", kProgram,
                 flags + " -fdebug-prefix-map=" + directory.string() + "=/corruption", "program.o");
  }
  return path;
}

DwarfSections gccSections(const std::string& flags) {
  auto file = ElfFile::fromPath(objectPath(flags));
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  return std::move(*sections);
}

// Runs every reader over `sections`; each either succeeds or reports where.
void readEverything(const DwarfSections& sections) {
  auto lines = parseAllLineTables(sections);
  if (!lines) {
    CHECK(lines.error().section == ".debug_line");
    CHECK_FALSE(lines.error().message.empty());
  }
  auto info = buildDebugInfo(sections);
  if (!info) {
    CHECK(info.error().section.rfind(".debug_", 0) == 0);
    CHECK_FALSE(info.error().message.empty());
    return;
  }
  for (const auto& [offset, type] : info->types) (void)info->typeName(offset);
}

using SectionField = std::vector<std::uint8_t> DwarfSections::*;

const std::pair<const char*, SectionField> kSectionFields[] = {
    {".debug_line", &DwarfSections::debugLine},
    {".debug_info", &DwarfSections::debugInfo},
    {".debug_abbrev", &DwarfSections::debugAbbrev},
    {".debug_str", &DwarfSections::debugStr},
    {".debug_line_str", &DwarfSections::debugLineStr},
    {".debug_rnglists", &DwarfSections::debugRngLists},
    {".debug_ranges", &DwarfSections::debugRanges},
};

}  // namespace

TEST_CASE("Truncated DWARF sections give errors, never crashes", "[dwarf][corruption]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O2 -c", "-g -gdwarf-4 -O2 -c");
  INFO(flags);
  const DwarfSections good = gccSections(flags);
  for (const auto& [name, field] : kSectionFields) {
    const auto& bytes = good.*field;
    INFO(name);
    // Every length in the first 64 bytes (headers), then about 100 more.
    const std::size_t stride = std::max<std::size_t>(1, bytes.size() / 100);
    for (std::size_t length = 0; length < bytes.size(); length += length < 64 ? 1 : stride) {
      INFO("length " << length);
      DwarfSections cut = good;
      (cut.*field).resize(length);
      readEverything(cut);
    }
  }
}

TEST_CASE("Overwritten DWARF bytes give errors, never crashes", "[dwarf][corruption]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O2 -c", "-g -gdwarf-4 -O0 -c");
  INFO(flags);
  const DwarfSections good = gccSections(flags);
  Generator generator;
  for (const auto& [name, field] : kSectionFields) {
    if ((good.*field).empty()) continue;
    INFO(name);
    for (int round = 0; round < 150; ++round) {
      DwarfSections mutated = good;
      auto& bytes = mutated.*field;
      const int changes = 1 + static_cast<int>(generator.next() % 4);
      for (int i = 0; i < changes; ++i) {
        const std::uint64_t value = generator.next();
        bytes[value % bytes.size()] = static_cast<std::uint8_t>(value >> 56);
      }
      INFO("round " << round);
      readEverything(mutated);
    }
  }
}

TEST_CASE("Garbage ELF files give errors, never crashes", "[dwarf][corruption]") {
  const std::vector<std::uint8_t> good = readBytes(objectPath("-g -O2 -c"));
  REQUIRE(good.size() > 1000);
  Generator generator;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::uint8_t> bytes = good;
    // Half the rounds hit the section header table at the end, where one
    // byte changes sizes, offsets and links.
    const std::size_t tableStart = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
    for (int i = 0; i < 3; ++i) {
      const std::uint64_t value = generator.next();
      const std::size_t span = round % 2 ? bytes.size() - tableStart : bytes.size();
      bytes[(round % 2 ? tableStart : 0) + value % span] = static_cast<std::uint8_t>(value >> 56);
    }
    INFO("round " << round);
    auto file = ElfFile::fromBytes(bytes);
    if (!file) {
      CHECK_FALSE(file.error().section.empty());
      continue;
    }
    auto symbolizer = Symbolizer::fromElf(*file);
    if (!symbolizer) {
      CHECK_FALSE(symbolizer.error().message.empty());
      continue;
    }
    (void)symbolizer->symbolize(0x10);
    (void)symbolizer->addressesForLocation("program.c:5");
  }
}

TEST_CASE("A pointer type that points at itself is named, not followed forever",
          "[dwarf][corruption]") {
  DebugInfo info;
  DebugType pointer;
  pointer.offset = 0x40;
  pointer.kind = TypeKind::Pointer;
  pointer.target = 0x40;
  info.types.emplace(0x40, pointer);
  DebugType function;
  function.offset = 0x50;
  function.kind = TypeKind::Subroutine;
  function.target = 0x50;
  function.parameterTypes = {0x50, 0x50, 0x50, 0x50};
  info.types.emplace(0x50, function);
  CHECK(info.typeName(0x40).find("<type cycle>") != std::string::npos);
  CHECK(info.typeName(0x50).find("<type cycle>") != std::string::npos);
}
