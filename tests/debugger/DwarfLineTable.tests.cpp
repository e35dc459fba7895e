// Our .debug_line reader against llvm-dwarfdump on code gcc produces at test
// time: objects and linked executables, -O0 and -O2, DWARF 5 (gcc 12's
// default) and DWARF 4. Row sets (address, line, column, is_stmt,
// end_sequence) must be identical.
#include <catch2/catch.hpp>

#include "DwarfTestSupport.h"
#include "tide/debugger/dwarf_dump.h"
#include "tide/debugger/dwarf_line.h"
#include "tide/debugger/dwarf_sections.h"
#include "tide/debugger/elf_file.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

// Several functions, a header with an inline function (a second file in
// the line table), loops and a switch so -O2 reorders and splits rows.
const char* const kHeader = R"(static inline int square(int x) {
  return x * x;
}
)";

const char* const kProgram = R"(#include <stdio.h>
#include "helper.h"

struct point { int x; int y; };

static int sum_to(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i)
    total += square(i);
  return total;
}

int classify(int value) {
  switch (value % 4) {
    case 0: return 10;
    case 1: return sum_to(value);
    case 2: return -value;
    default: break;
  }
  return value * 3;
}

int main(int argc, char** argv) {
  struct point p = {argc, 2};
  (void)argv;
  int result = classify(p.x + p.y);
  printf("%d\n", result);
  return result > 100;
}
)";

std::vector<RowKey> ourRows(const std::string& path) {
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto tables = parseAllLineTables(*sections);
  if (!tables) FAIL(tables.error().text());
  std::vector<RowKey> rows;
  for (const auto& table : *tables)
    for (const auto& row : table.rows)
      rows.emplace_back(row.address, row.line, row.column, row.isStmt, row.endSequence);
  return rows;
}

std::vector<RowKey> referenceRows(const std::string& path) {
  auto dump = runCommand(std::string(kLlvmDwarfdump) + " --debug-line '" + path + "'");
  REQUIRE(dump.status == 0);
  return llvmLineRows(dump.output);
}

}  // namespace

TEST_CASE("Line tables match llvm-dwarfdump for gcc objects and executables", "[dwarf][line]") {
  const auto [label, flags, output] = GENERATE(table<std::string, std::string, std::string>({
      {"object -O0 DWARF 5", "-g -O0 -c", "program.o"},
      {"object -O2 DWARF 5", "-g -O2 -c", "program.o"},
      {"object -O0 DWARF 4", "-g -gdwarf-4 -O0 -c", "program.o"},
      {"object -O2 DWARF 4", "-g -gdwarf-4 -O2 -c", "program.o"},
      {"executable -O0 DWARF 5", "-g -O0", "program"},
      {"executable -O2 DWARF 5", "-g -O2", "program"},
      {"PIE executable -O1 DWARF 4", "-g -gdwarf-4 -O1 -fPIE -pie", "program"},
  }));
  INFO(label);
  const auto directory = workDirectory("line-table");
  writeFile(directory / "helper.h", kHeader);
  const std::string path = compileC(directory, "program", kProgram, flags, output);
  REQUIRE_FALSE(path.empty());
  const auto expected = referenceRows(path);
  REQUIRE(expected.size() > 10);
  CHECK(ourRows(path) == expected);
}

TEST_CASE("The line dump prints rows in llvm-dwarfdump's format", "[dwarf][line]") {
  const auto directory = workDirectory("line-dump");
  writeFile(directory / "helper.h", kHeader);
  const std::string path = compileC(directory, "program", kProgram, "-g -O0 -c", "program.o");
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto dump = dumpDebugLine(*file);
  REQUIRE(dump.ok());
  // Every row line of llvm-dwarfdump appears verbatim in ours, in order.
  auto reference = runCommand(std::string(kLlvmDwarfdump) + " --debug-line '" + path + "'");
  std::istringstream referenceLines(reference.output);
  std::vector<std::string> expectedRows;
  for (std::string line; std::getline(referenceLines, line);)
    if (line.rfind("0x", 0) == 0) expectedRows.push_back(line);
  std::istringstream ourLines(*dump);
  std::vector<std::string> rows;
  for (std::string line; std::getline(ourLines, line);)
    if (line.rfind("0x", 0) == 0) rows.push_back(line);
  CHECK(rows == expectedRows);
  CHECK(dump->find("\"helper.h\"") != std::string::npos);
}

TEST_CASE("DWARF 5 line headers carry directories, files and MD5 checksums", "[dwarf][line]") {
  const auto directory = workDirectory("line-header");
  writeFile(directory / "helper.h", kHeader);
  const std::string path = compileC(directory, "program", kProgram, "-g -O0 -c", "program.o");
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto table = parseLineTable(*sections, 0);
  REQUIRE(table.ok());
  const LineTableHeader& header = table->header;
  CHECK(header.version == 5);
  CHECK(header.opcodeBase == 13);
  REQUIRE_FALSE(header.includeDirectories.empty());
  CHECK(header.includeDirectories[0] == directory.string());
  bool sawHelper = false;
  for (std::size_t i = 0; i < header.fileNames.size(); ++i)
    if (header.fileNames[i].path == "helper.h") {
      sawHelper = true;
      CHECK(table->filePath(i) == (directory / "helper.h").string());
    }
  CHECK(sawHelper);
}
