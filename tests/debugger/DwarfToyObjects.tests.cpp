// Tide's own objects (core -> codegen, DWARF 5 with RELA in debug sections)
// read by our reader and by llvm-dwarfdump: the line rows agree, the
// functions and locals carry their Toy names, and a section map places
// .text where the runner would.
#include <catch2/catch.hpp>

#include "DwarfTestSupport.h"
#include "tide/codegen/object.h"
#include "tide/core/compile.h"
#include "tide/debugger/debug_info.h"
#include "tide/debugger/symbolizer.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

const char* const kProgram = R"(fn twice(value: i64): i64 {
    let doubled = value * 2;
    return doubled;
}
fn main(): i32 {
    var total: i64 = 0;
    total = twice(21);
    return (total - 42) as i32;
}
)";

struct ToyObject {
  std::string path;
  tide::codegen::ObjectFile object;
};

ToyObject compileToy() {
  const auto directory = workDirectory("toy-object");
  const std::string sourcePath = (directory / "program.toy").string();
  writeFile(sourcePath, kProgram);
  auto compiled = tide::core::compileSources({{sourcePath, kProgram}});
  INFO(tide::core::formatDiagnostics(compiled));
  REQUIRE(compiled.ok());
  tide::codegen::CodegenOptions options;
  options.compilationDirectory = directory.string();
  ToyObject toy;
  toy.object = tide::codegen::compileToObject(*compiled.module, options);
  toy.path = (directory / "program.o").string();
  std::ofstream(toy.path, std::ios::binary)
      .write(reinterpret_cast<const char*>(toy.object.bytes.data()),
             static_cast<std::streamsize>(toy.object.bytes.size()));
  return toy;
}

}  // namespace

TEST_CASE("Tide objects' line rows match llvm-dwarfdump", "[dwarf][toy]") {
  const ToyObject toy = compileToy();
  auto file = ElfFile::fromBytes(toy.object.bytes);
  if (!file) FAIL(file.error().text());
  CHECK(file->type() == elf::ET_REL);
  auto sections = loadDwarfSections(*file);
  if (!sections) FAIL(sections.error().text());
  auto tables = parseAllLineTables(*sections);
  if (!tables) FAIL(tables.error().text());
  std::vector<RowKey> rows;
  for (const auto& table : *tables)
    for (const auto& row : table.rows)
      rows.emplace_back(row.address, row.line, row.column, row.isStmt, row.endSequence);
  auto dump = runCommand(std::string(kLlvmDwarfdump) + " --debug-line '" + toy.path + "'");
  REQUIRE(dump.status == 0);
  const auto expected = llvmLineRows(dump.output);
  REQUIRE_FALSE(expected.empty());
  CHECK(rows == expected);
}

TEST_CASE("Tide objects name functions and locals and place .text by a map", "[dwarf][toy]") {
  const ToyObject toy = compileToy();
  auto file = ElfFile::fromBytes(toy.object.bytes);
  REQUIRE(file.ok());
  const ElfSectionHeader* text = file->findSection(".text");
  REQUIRE(text);
  const std::uint64_t base = 0x40000;
  SectionAddressMap map{{text->index, base}};
  auto symbolizer = Symbolizer::fromElf(*file, &map);
  if (!symbolizer) FAIL(symbolizer.error().text());
  for (const auto& placement : toy.object.functions) {
    INFO(placement.name);
    const DebugFunction* function = symbolizer->functionNamed(placement.name);
    REQUIRE(function);
    CHECK(function->lowPc == base + placement.textOffset);
    CHECK(function->highPc - function->lowPc == placement.size);
    const auto symbolized = symbolizer->symbolize(base + placement.textOffset + 1);
    CHECK(symbolized.function == placement.name);
    CHECK(symbolized.offset == 1);
    REQUIRE(symbolized.location);
    CHECK(symbolized.location->file.ends_with("program.toy"));
  }
  const DebugFunction* twice = symbolizer->functionNamed("twice");
  REQUIRE(twice);
  CHECK(twice->declLine == 1);
  REQUIRE(twice->parameters.size() == 1);
  CHECK(twice->parameters[0].name == "value");
  const DebugInfo& info = symbolizer->debugInfo();
  CHECK(info.typeName(twice->parameters[0].type) == "i64");
  bool sawDoubled = false;
  for (const DebugVariable* variable : info.variablesAt(*twice, twice->highPc - 1))
    sawDoubled = sawDoubled || variable->name == "doubled";
  CHECK(sawDoubled);
  CHECK_FALSE(symbolizer->addressesForLocation("program.toy:7").empty());
}
