// CFI against llvm-dwarfdump: for every FDE gcc emits (.eh_frame of
// executables, objects and shared objects; .debug_frame with
// -fno-asynchronous-unwind-tables) our rows print exactly as llvm-dwarfdump
// prints its rows. Rows with DWARF expressions (the PLT's CFA) are compared
// by address only, since the two tools spell operations differently.
#include <catch2/catch.hpp>

#include "DwarfByteBuilder.h"
#include "DwarfTestSupport.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/dwarf_cfi.h"
#include "tide/debugger/dwarf_sections.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

const char* const kProgram = R"(#include <stdio.h>
#include <string.h>
static int depth(const char* text, int level) {
  char copy[64];
  strncpy(copy, text, sizeof copy - 1);
  copy[63] = 0;
  if (level > 0) return depth(copy + 1, level - 1) + (int)strlen(copy);
  return (int)strlen(copy);
}
int main(int argc, char** argv) {
  printf("%d\n", depth(argv[0], argc + 2));
  return 0;
}
)";

// The "  0x...: CFA=..." lines of llvm-dwarfdump, trimmed.
std::vector<std::string> referenceRows(const std::string& path, const std::string& option) {
  auto dump = runCommand(std::string(kLlvmDwarfdump) + " " + option + " '" + path + "'");
  REQUIRE(dump.status == 0);
  std::vector<std::string> rows;
  std::istringstream lines(dump.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("  0x", 0) == 0) rows.push_back(line.substr(2));
  return rows;
}

std::vector<std::string> ourRows(const CallFrameInfo& info) {
  std::vector<std::string> rows;
  for (const auto& description : info.descriptions) {
    auto table = unwindTableOf(info, description);
    if (!table) FAIL(table.error().text());
    for (const auto& row : *table) rows.push_back(formatUnwindRow(row));
  }
  return rows;
}

std::string withoutExpressions(const std::string& row) {
  return row.find("DW_OP") == std::string::npos ? row : row.substr(0, row.find(':'));
}

}  // namespace

TEST_CASE("Unwind rows match llvm-dwarfdump for gcc's frame sections", "[dwarf][cfi]") {
  const auto [flags, output, option] = GENERATE(table<std::string, std::string, std::string>({
      {"-g -O0", "program", "--eh-frame"},
      {"-g -O2", "program", "--eh-frame"},
      {"-g -O0 -c", "program.o", "--eh-frame"},
      {"-g -O2 -fPIC -shared", "program.so", "--eh-frame"},
      {"-g -O2 -fno-asynchronous-unwind-tables -c", "program.o", "--debug-frame"},
  }));
  INFO(flags << " " << option);
  const auto directory = workDirectory("cfi");
  const std::string path = compileC(directory, "program", kProgram, flags, output);
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto info = option == "--eh-frame" ? parseEhFrame(sections->ehFrame, sections->ehFrameAddress)
                                     : parseDebugFrame(sections->debugFrame);
  if (!info) FAIL(info.error().text());
  auto expected = referenceRows(path, option);
  auto rows = ourRows(*info);
  REQUIRE(expected.size() > 2);
  for (auto& row : expected) row = withoutExpressions(row);
  for (auto& row : rows) row = withoutExpressions(row);
  CHECK(rows == expected);
}

TEST_CASE("The row for a pc inside a frame-pointer function", "[dwarf][cfi]") {
  const auto directory = workDirectory("cfi-row");
  const std::string path = compileC(directory, "program", kProgram, "-g -O0", "program");
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto info = parseEhFrame(sections->ehFrame, sections->ehFrameAddress);
  REQUIRE(info.ok());
  std::uint64_t mainAddress = 0;
  for (const auto& [name, address] : nmFunctions(path))
    if (name == "main") mainAddress = address;
  REQUIRE(mainAddress != 0);
  // push rbp (1 byte); mov rbp, rsp (3 bytes); then the CFA is rbp + 16.
  auto entry = unwindRowFor(*info, mainAddress);
  REQUIRE(entry.ok());
  CHECK(formatUnwindRow(*entry) == [&] {
    char text[64];
    std::snprintf(text, sizeof text, "0x%llx: CFA=RSP+8: RIP=[CFA-8]",
                  static_cast<unsigned long long>(mainAddress));
    return std::string(text);
  }());
  auto body = unwindRowFor(*info, mainAddress + 8);
  REQUIRE(body.ok());
  CHECK(body->cfa.registerNumber == 6);  // rbp
  CHECK(body->cfa.offset == 16);
  CHECK(body->registers.at(6).kind == RegisterRule::Kind::Offset);
  CHECK(body->registers.at(6).offset == -16);
  CHECK(body->registers.at(16).offset == -8);
  auto outside = unwindRowFor(*info, 0x10);
  REQUIRE_FALSE(outside.ok());
  CHECK(outside.error().text() == ".eh_frame at offset 0x0: no FDE covers pc 0x10");
}

TEST_CASE("Hand-built CFI: remember/restore state and bad instructions", "[dwarf][cfi][bytes]") {
  using namespace tide::dwarf;
  Bytes frame;
  // CIE at 0: version 1, no augmentation, code 1, data -8, return column 16.
  frame.u32(0).u32(0xffffffff).u8(1).str("").uleb(1).sleb(-8).u8(16);
  frame.u8(DW_CFA_def_cfa).uleb(7).uleb(8).u8(DW_CFA_offset | 16).uleb(1);
  frame.patch32(0, static_cast<std::uint32_t>(frame.size() - 4));
  const std::size_t fdeOffset = frame.size();
  frame.u32(0).u32(0).u64(0x1000).u64(0x40);
  frame.u8(DW_CFA_advance_loc | 1).u8(DW_CFA_def_cfa_offset).uleb(16);
  frame.u8(DW_CFA_offset | 6).uleb(2);
  frame.u8(DW_CFA_remember_state);
  frame.u8(DW_CFA_advance_loc | 4).u8(DW_CFA_def_cfa_offset).uleb(8).u8(DW_CFA_restore | 6);
  frame.u8(DW_CFA_advance_loc | 1).u8(DW_CFA_restore_state);
  frame.patch32(fdeOffset, static_cast<std::uint32_t>(frame.size() - fdeOffset - 4));
  auto info = parseDebugFrame(frame.data);
  if (!info) FAIL(info.error().text());
  REQUIRE(info->descriptions.size() == 1);
  auto rows = unwindTableOf(*info, info->descriptions[0]);
  REQUIRE(rows.ok());
  std::vector<std::string> text;
  for (const auto& row : *rows) text.push_back(formatUnwindRow(row));
  CHECK(text == std::vector<std::string>{
                    "0x1000: CFA=RSP+8: RIP=[CFA-8]",
                    "0x1001: CFA=RSP+16: RBP=[CFA-16], RIP=[CFA-8]",
                    "0x1005: CFA=RSP+8: RIP=[CFA-8]",
                    "0x1006: CFA=RSP+16: RBP=[CFA-16], RIP=[CFA-8]",
                });
  CHECK(rows->back().endAddress == 0x1040);

  Bytes broken = frame;
  broken.data.back() = 0x3f;  // not a call frame instruction
  auto brokenInfo = parseDebugFrame(broken.data);
  REQUIRE(brokenInfo.ok());
  auto brokenRows = unwindTableOf(*brokenInfo, brokenInfo->descriptions[0]);
  REQUIRE_FALSE(brokenRows.ok());
  CHECK(brokenRows.error().text() == ".debug_frame at offset 0x" + [&] {
    char text[16];
    std::snprintf(text, sizeof text, "%zx", broken.size() - 1);
    return std::string(text);
  }() + ": unknown call frame instruction 0x3f");

  Bytes orphan;
  orphan.u32(20).u32(0x40).u64(0).u64(0);
  auto orphanInfo = parseDebugFrame(orphan.data);
  REQUIRE_FALSE(orphanInfo.ok());
  CHECK(orphanInfo.error().text() == ".debug_frame at offset 0x4: no CIE at offset 0x40");
}
