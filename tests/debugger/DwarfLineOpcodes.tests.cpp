// Byte-exact line programs, one per opcode family, with the rows the DWARF 5
// standard's state machine (§6.2.5) must produce; and the exact errors for
// malformed headers and opcodes.
#include <catch2/catch.hpp>

#include "DwarfByteBuilder.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/dwarf_line.h"

using namespace tide::debugger;
using namespace tide::dwarf;
using tide::dwarf_tests::Bytes;

namespace {

constexpr std::uint8_t kOpcodeBase = 13;
constexpr std::int8_t kLineBase = -5;
constexpr std::uint8_t kLineRange = 14;

// A DWARF 5 unit: header with one directory and two files (string/udata
// forms; the second file also has an MD5), then `program`.
Bytes lineUnitV5(const Bytes& program, std::uint8_t opcodeBase = kOpcodeBase) {
  Bytes header;
  header
      .u8(1)  // minimum_instruction_length
      .u8(1)  // maximum_operations_per_instruction
      .u8(1)  // default_is_stmt
      .u8(static_cast<std::uint8_t>(kLineBase))
      .u8(kLineRange)
      .u8(opcodeBase);
  const std::uint8_t standardLengths[] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1};
  for (unsigned i = 0; i + 1 < opcodeBase; ++i) header.u8(standardLengths[i]);
  header.u8(1).uleb(DW_LNCT_path).uleb(DW_FORM_string);  // directory format
  header.uleb(1).str("/src");                            // directories
  header
      .u8(3)  // file format
      .uleb(DW_LNCT_path)
      .uleb(DW_FORM_string)
      .uleb(DW_LNCT_directory_index)
      .uleb(DW_FORM_udata)
      .uleb(DW_LNCT_MD5)
      .uleb(DW_FORM_data16);
  header.uleb(2);
  header.str("a.c").uleb(0);
  for (int i = 0; i < 16; ++i) header.u8(i);
  header.str("b.h").uleb(0);
  for (int i = 0; i < 16; ++i) header.u8(0xf0 + i);
  Bytes unit;
  unit.u32(0)                                           // unit_length, patched below
      .u16(5)                                           // version
      .u8(8)                                            // address_size
      .u8(0)                                            // segment_selector_size
      .u32(static_cast<std::uint32_t>(header.size()));  // header_length
  unit.append(header).append(program);
  unit.patch32(0, static_cast<std::uint32_t>(unit.size() - 4));
  return unit;
}

LineTable parse(const Bytes& unit) {
  DwarfSections sections;
  sections.debugLine = unit.data;
  auto table = parseLineTable(sections, 0);
  if (!table) FAIL(table.error().text());
  return std::move(*table);
}

DebugInfoError parseError(const Bytes& unit) {
  DwarfSections sections;
  sections.debugLine = unit.data;
  auto table = parseLineTable(sections, 0);
  REQUIRE_FALSE(table.ok());
  return table.error();
}

Bytes setAddress(std::uint64_t address) {
  Bytes bytes;
  bytes.u8(0).uleb(9).u8(DW_LNE_set_address).u64(address);
  return bytes;
}

Bytes endSequence() {
  Bytes bytes;
  bytes.u8(0).uleb(1).u8(DW_LNE_end_sequence);
  return bytes;
}

// A special opcode that advances the address by `addressAdvance` and the line by `lineAdvance`.
std::uint8_t special(int addressAdvance, int lineAdvance) {
  return static_cast<std::uint8_t>((lineAdvance - kLineBase) + kLineRange * addressAdvance +
                                   kOpcodeBase);
}

}  // namespace

TEST_CASE("The DWARF 5 header's directories, files and MD5s are read", "[dwarf][line][bytes]") {
  const LineTable table = parse(lineUnitV5(Bytes{}));
  const LineTableHeader& header = table.header;
  CHECK(header.version == 5);
  CHECK(header.addressSize == 8);
  CHECK(header.lineBase == -5);
  CHECK(header.lineRange == 14);
  CHECK(header.standardOpcodeLengths.size() == 12);
  CHECK(header.includeDirectories == std::vector<std::string>{"/src"});
  REQUIRE(header.fileNames.size() == 2);
  CHECK(header.fileNames[1].path == "b.h");
  REQUIRE(header.fileNames[1].md5);
  CHECK((*header.fileNames[1].md5)[0] == 0xf0);
  CHECK((*header.fileNames[1].md5)[15] == 0xff);
  CHECK(table.filePath(0) == "/src/a.c");
  CHECK(table.filePath(1) == "/src/b.h");
  CHECK(table.filePath(2) == "");
  CHECK(table.rows.empty());
}

TEST_CASE("Special opcodes advance address and line and append a row", "[dwarf][line][bytes]") {
  Bytes program = setAddress(0x1000);
  program.u8(DW_LNS_copy)
      .u8(special(4, 1))   // 0x1004 line 2
      .u8(special(0, -1))  // 0x1004 line 1
      .u8(special(16, 8))  // 0x1014 line 9
      .append(endSequence());
  const LineTable table = parse(lineUnitV5(program));
  REQUIRE(table.rows.size() == 5);
  CHECK(table.rows[0].address == 0x1000);
  CHECK(table.rows[0].line == 1);
  CHECK(table.rows[1].address == 0x1004);
  CHECK(table.rows[1].line == 2);
  CHECK(table.rows[2].line == 1);
  CHECK(table.rows[3].address == 0x1014);
  CHECK(table.rows[3].line == 9);
  CHECK(table.rows[4].endSequence);
  CHECK(table.rows[4].address == 0x1014);
  REQUIRE(table.sequences.size() == 1);
  CHECK(table.sequences[0].lowPc == 0x1000);
  CHECK(table.sequences[0].highPc == 0x1014);
  CHECK(table.sequences[0].firstRow == 0);
  CHECK(table.sequences[0].endRow == 5);
}

TEST_CASE("Standard opcodes set every register the row carries", "[dwarf][line][bytes]") {
  Bytes program = setAddress(0x2000);
  program.u8(DW_LNS_advance_line)
      .sleb(41)  // line 42
      .u8(DW_LNS_set_column)
      .uleb(7)
      .u8(DW_LNS_set_file)
      .uleb(1)
      .u8(DW_LNS_set_prologue_end)
      .u8(DW_LNS_set_basic_block)
      .u8(DW_LNS_set_isa)
      .uleb(3)
      .u8(0)
      .uleb(2)
      .u8(DW_LNE_set_discriminator)
      .uleb(5)
      .u8(DW_LNS_copy)  // row 0
      .u8(DW_LNS_advance_pc)
      .uleb(0x10)  // 0x2010
      .u8(DW_LNS_negate_stmt)
      .u8(DW_LNS_set_epilogue_begin)
      .u8(DW_LNS_advance_line)
      .sleb(-40)                // line 2
      .u8(DW_LNS_copy)          // row 1
      .u8(DW_LNS_const_add_pc)  // + (255-13)/14 = 17
      .u8(DW_LNS_fixed_advance_pc)
      .u16(0x100)       // + 0x100
      .u8(DW_LNS_copy)  // row 2
      .append(endSequence());
  const LineTable table = parse(lineUnitV5(program));
  REQUIRE(table.rows.size() == 4);
  const LineRow& first = table.rows[0];
  CHECK(first.address == 0x2000);
  CHECK(first.line == 42);
  CHECK(first.column == 7);
  CHECK(first.file == 1);
  CHECK(first.isStmt);
  CHECK(first.prologueEnd);
  CHECK(first.basicBlock);
  CHECK(first.isa == 3);
  CHECK(first.discriminator == 5);
  const LineRow& second = table.rows[1];
  CHECK(second.address == 0x2010);
  CHECK(second.line == 2);
  CHECK_FALSE(second.isStmt);
  CHECK(second.epilogueBegin);
  // copy clears these (§6.2.5.2)
  CHECK_FALSE(second.prologueEnd);
  CHECK_FALSE(second.basicBlock);
  CHECK(second.discriminator == 0);
  CHECK(second.isa == 3);  // persists
  CHECK(table.rows[2].address == 0x2010 + 17 + 0x100);
  CHECK_FALSE(table.rows[2].epilogueBegin);
}

TEST_CASE("end_sequence resets the registers for the next sequence", "[dwarf][line][bytes]") {
  Bytes program = setAddress(0x3000);
  program.u8(DW_LNS_advance_line).sleb(9).u8(DW_LNS_negate_stmt).u8(DW_LNS_copy);
  program.u8(DW_LNS_advance_pc).uleb(4).append(endSequence());
  program.append(setAddress(0x100)).u8(DW_LNS_copy);
  program.u8(DW_LNS_advance_pc).uleb(2).append(endSequence());
  const LineTable table = parse(lineUnitV5(program));
  REQUIRE(table.rows.size() == 4);
  CHECK(table.rows[1].endSequence);
  CHECK(table.rows[1].address == 0x3004);
  CHECK(table.rows[2].address == 0x100);
  CHECK(table.rows[2].line == 1);
  CHECK(table.rows[2].isStmt);  // back to default_is_stmt
  REQUIRE(table.sequences.size() == 2);
  CHECK(table.sequences[1].lowPc == 0x100);
  CHECK(table.sequences[1].highPc == 0x102);
}

TEST_CASE("Unknown standard and extended opcodes are skipped by their lengths",
          "[dwarf][line][bytes]") {
  // opcode_base 14: opcode 13 is a standard opcode this reader does not
  // know, with one ULEB operand (standard_opcode_lengths[12] = 1).
  Bytes program = setAddress(0x10);
  program.u8(13)
      .uleb(300)  // unknown standard opcode
      .u8(0)
      .uleb(4)
      .u8(0x80)
      .u8(1)
      .u8(2)
      .u8(3)  // DW_LNE_lo_user with 3 bytes
      .u8(DW_LNS_copy)
      .append(endSequence());
  Bytes unit = lineUnitV5(program, 14);
  const LineTable table = parse(unit);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].address == 0x10);
  CHECK(table.rows[0].line == 1);
}

TEST_CASE("DWARF 4 headers and DW_LNE_define_file are read", "[dwarf][line][bytes]") {
  Bytes header;
  header.u8(1).u8(1).u8(0).u8(static_cast<std::uint8_t>(kLineBase)).u8(kLineRange).u8(kOpcodeBase);
  for (std::uint8_t length : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}) header.u8(length);
  header.str("/inc").u8(0);                            // include_directories
  header.str("main.c").uleb(0).uleb(0).uleb(0).u8(0);  // file_names
  Bytes program = setAddress(0x400000);
  program.u8(0).uleb(8).u8(DW_LNE_define_file).str("x.h").uleb(1).uleb(0).uleb(0);
  program.u8(DW_LNS_set_file).uleb(2).u8(DW_LNS_copy).append(endSequence());
  Bytes unit;
  unit.u32(0).u16(4).u32(static_cast<std::uint32_t>(header.size())).append(header).append(program);
  unit.patch32(0, static_cast<std::uint32_t>(unit.size() - 4));
  const LineTable table = parse(unit);
  CHECK(table.header.version == 4);
  CHECK_FALSE(table.header.defaultIsStmt);
  REQUIRE(table.header.fileNames.size() == 2);
  CHECK(table.filePath(1) == "main.c");  // directory 0: the compilation directory
  CHECK(table.filePath(2) == "/inc/x.h");
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].file == 2);
  CHECK_FALSE(table.rows[0].isStmt);
}

TEST_CASE("DW_FORM_line_strp paths come from .debug_line_str", "[dwarf][line][bytes]") {
  Bytes header;
  header.u8(1).u8(1).u8(1).u8(static_cast<std::uint8_t>(kLineBase)).u8(kLineRange).u8(kOpcodeBase);
  for (std::uint8_t length : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}) header.u8(length);
  header.u8(1).uleb(DW_LNCT_path).uleb(DW_FORM_line_strp).uleb(1).u32(0);
  header.u8(2)
      .uleb(DW_LNCT_path)
      .uleb(DW_FORM_line_strp)
      .uleb(DW_LNCT_directory_index)
      .uleb(DW_FORM_udata);
  header.uleb(1).u32(5).uleb(0);
  Bytes unit;
  unit.u32(0).u16(5).u8(8).u8(0).u32(static_cast<std::uint32_t>(header.size())).append(header);
  unit.patch32(0, static_cast<std::uint32_t>(unit.size() - 4));
  DwarfSections sections;
  sections.debugLine = unit.data;
  Bytes strings;
  strings.str("/dir").str("file.toy");
  sections.debugLineStr = strings.data;
  auto table = parseLineTable(sections, 0);
  REQUIRE(table.ok());
  CHECK(table->filePath(0) == "/dir/file.toy");

  sections.debugLineStr.resize(7);  // cut inside "file.toy"
  auto broken = parseLineTable(sections, 0);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().section == ".debug_line");
}

TEST_CASE("Malformed line programs fail with the section and offset", "[dwarf][line][bytes]") {
  SECTION("unit_length past the end") {
    Bytes unit = lineUnitV5(Bytes{});
    unit.patch32(0, 0x1000);
    CHECK(parseError(unit).text() ==
          ".debug_line at offset 0x0: unit_length 0x1000 runs past the end of the section");
  }
  SECTION("unsupported version") {
    Bytes unit = lineUnitV5(Bytes{});
    unit.data[4] = 6;
    CHECK(parseError(unit).text() == ".debug_line at offset 0x4: unsupported version 6");
  }
  SECTION("line_range of zero") {
    Bytes unit = lineUnitV5(Bytes{});
    unit.data[4 + 2 + 2 + 4 + 4] = 0;  // after length, version, sizes, header_length, 4 fields
    CHECK(parseError(unit).text() == ".debug_line at offset 0x10: line_range is 0");
  }
  SECTION("extended opcode whose length disagrees with its operands") {
    Bytes program;
    program.u8(0).uleb(3).u8(DW_LNE_set_discriminator).uleb(5);  // uses 2, says 3
    const std::size_t opcodeSize = program.size();
    program.append(endSequence());  // so the claimed length stays inside the unit
    Bytes unit = lineUnitV5(program);
    const std::size_t opcodeOffset = unit.size() - program.size();
    REQUIRE(opcodeSize == 4);
    const DebugInfoError error = parseError(unit);
    CHECK(error.offset == opcodeOffset);
    CHECK(error.message == "extended opcode 4 has length 3 but uses 2");
  }
  SECTION("set_address with a 2-byte operand") {
    Bytes program;
    program.u8(0).uleb(3).u8(DW_LNE_set_address).u16(0x10);
    Bytes unit = lineUnitV5(program);
    CHECK(parseError(unit).message == "DW_LNE_set_address with an operand of 2 bytes");
  }
  SECTION("operand cut off by the unit's end") {
    Bytes program;
    program.u8(DW_LNS_advance_pc).u8(0x80);  // ULEB continues past the end
    Bytes unit = lineUnitV5(program);
    const DebugInfoError error = parseError(unit);
    CHECK(error.section == ".debug_line");
    CHECK(error.offset == unit.size());
    CHECK(error.message == "unexpected end of data reading a ULEB128 (1 bytes)");
  }
  SECTION("header_length shorter than the header") {
    Bytes unit = lineUnitV5(Bytes{});
    unit.data[4 + 2 + 2] = 3;  // header_length
    CHECK(parseError(unit).text() ==
          ".debug_line at offset 0x0: header_length does not match the header's contents");
  }
}

TEST_CASE("DWARF64 line units use 8-byte lengths", "[dwarf][line][bytes]") {
  Bytes header;
  header.u8(4).u8(1).u8(1).u8(static_cast<std::uint8_t>(kLineBase)).u8(kLineRange).u8(kOpcodeBase);
  for (std::uint8_t length : {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}) header.u8(length);
  header.u8(0);                                        // no include_directories
  header.str("wide.c").uleb(0).uleb(0).uleb(0).u8(0);  // file_names
  Bytes program = setAddress(0x8000);
  program
      .u8(special(1, 2))  // minimum_instruction_length 4: address + 4
      .append(endSequence());
  Bytes unit;
  unit.u32(0xffffffff).u64(0).u16(4).u64(header.size()).append(header).append(program);
  const std::uint64_t length = unit.size() - 12;
  for (int i = 0; i < 8; ++i) unit.data[4 + i] = static_cast<std::uint8_t>(length >> (8 * i));
  const LineTable table = parse(unit);
  CHECK(table.header.is64BitFormat);
  CHECK(table.header.unitLength == length);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].address == 0x8004);
  CHECK(table.rows[0].line == 3);
  CHECK(table.filePath(1) == "wide.c");
}
