// A hand-built DWARF 5 unit that uses the forms gcc, clang and our writer
// emit (strx*, addrx*, implicit_const, exprloc, ref4, sec_offset,
// flag_present), with str_offsets/addr bases that appear after the values
// that need them; and the exact errors for broken abbreviations and indices.
#include <catch2/catch.hpp>

#include "DwarfByteBuilder.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/debug_info.h"
#include "tide/debugger/dwarf_info.h"

using namespace tide::debugger;
using namespace tide::dwarf;
using tide::dwarf_tests::Bytes;

namespace {

Bytes abbreviations() {
  Bytes abbrev;
  abbrev.uleb(1).uleb(DW_TAG_compile_unit).u8(1);  // code 1, has children
  abbrev.uleb(DW_AT_producer).uleb(DW_FORM_strx1);
  abbrev.uleb(DW_AT_str_offsets_base).uleb(DW_FORM_sec_offset);
  abbrev.uleb(DW_AT_addr_base).uleb(DW_FORM_sec_offset);
  abbrev.uleb(DW_AT_low_pc).uleb(DW_FORM_addrx);
  abbrev.uleb(DW_AT_high_pc).uleb(DW_FORM_data4);
  abbrev.uleb(0).uleb(0);
  abbrev.uleb(2).uleb(DW_TAG_subprogram).u8(1);
  abbrev.uleb(DW_AT_name).uleb(DW_FORM_strx2);
  abbrev.uleb(DW_AT_low_pc).uleb(DW_FORM_addrx1);
  abbrev.uleb(DW_AT_high_pc).uleb(DW_FORM_udata);
  abbrev.uleb(DW_AT_frame_base).uleb(DW_FORM_exprloc);
  abbrev.uleb(DW_AT_external).uleb(DW_FORM_flag_present);
  abbrev.uleb(DW_AT_decl_line).uleb(DW_FORM_implicit_const).sleb(77);
  abbrev.uleb(DW_AT_type).uleb(DW_FORM_ref4);
  abbrev.uleb(0).uleb(0);
  abbrev.uleb(3).uleb(DW_TAG_base_type).u8(0);
  abbrev.uleb(DW_AT_name).uleb(DW_FORM_string);
  abbrev.uleb(DW_AT_encoding).uleb(DW_FORM_data1);
  abbrev.uleb(DW_AT_byte_size).uleb(DW_FORM_data1);
  abbrev.uleb(0).uleb(0);
  abbrev.uleb(4).uleb(DW_TAG_variable).u8(0);
  abbrev.uleb(DW_AT_name).uleb(DW_FORM_string);
  abbrev.uleb(DW_AT_type).uleb(DW_FORM_ref4);
  abbrev.uleb(DW_AT_location).uleb(DW_FORM_exprloc);
  abbrev.uleb(0).uleb(0);
  abbrev.uleb(0);
  return abbrev;
}

// Offsets inside the unit, fixed by the layout below.
constexpr std::uint32_t kBaseTypeOffset = 0x31;

Bytes unit(std::uint8_t producerIndex = 0) {
  Bytes info;
  info.u32(0).u16(5).u8(DW_UT_compile).u8(8).u32(0);               // header: 12 bytes
  info.uleb(1).u8(producerIndex).u32(8).u32(8).uleb(0).u32(0x40);  // compile unit (0x0c)
  info.uleb(2).u16(1).u8(1).uleb(0x10);                            // subprogram (0x1b)
  info.uleb(1).u8(DW_OP_call_frame_cfa);
  info.u32(kBaseTypeOffset);
  info.uleb(4).str("x").u32(kBaseTypeOffset).uleb(2).u8(DW_OP_fbreg).sleb(-20);  // variable
  info.u8(0);                                                                    // end subprogram
  REQUIRE(info.size() == kBaseTypeOffset);
  info.uleb(3).str("int").u8(DW_ATE_signed).u8(4);  // base type
  info.u8(0);                                       // end compile unit
  info.patch32(0, static_cast<std::uint32_t>(info.size() - 4));
  return info;
}

DwarfSections sections() {
  DwarfSections sections;
  sections.debugAbbrev = abbreviations().data;
  sections.debugInfo = unit().data;
  Bytes strings;
  strings.str("producer").str("main");
  sections.debugStr = strings.data;
  Bytes offsets;
  offsets.u32(12).u16(5).u16(0).u32(0).u32(9);  // v5 header, then [0, 9]
  sections.debugStrOffsets = offsets.data;
  Bytes addresses;
  addresses.u32(20).u16(5).u8(8).u8(0).u64(0x401000).u64(0x401020);
  sections.debugAddr = addresses.data;
  return sections;
}

}  // namespace

TEST_CASE("Indexed strings and addresses resolve through the unit's bases",
          "[dwarf][info][bytes]") {
  auto units = parseCompileUnits(sections());
  if (!units) FAIL(units.error().text());
  REQUIRE(units->size() == 1);
  const CompileUnit& unit = units->front();
  CHECK(unit.strOffsetsBase == 8);
  CHECK(unit.addrBase == 8);
  CHECK(unit.root.offset == 0x0c);
  CHECK(unit.root.stringValue(DW_AT_producer) == "producer");  // strx1 before the base
  CHECK(unit.root.unsignedValue(DW_AT_low_pc) == 0x401000);
  REQUIRE(unit.root.children.size() == 2);
  const DwarfDie& subprogram = unit.root.children[0];
  CHECK(subprogram.offset == 0x1b);
  CHECK(subprogram.stringValue(DW_AT_name) == "main");
  CHECK(subprogram.unsignedValue(DW_AT_low_pc) == 0x401020);
  CHECK(subprogram.flag(DW_AT_external));
  REQUIRE(subprogram.find(DW_AT_decl_line));
  CHECK(subprogram.find(DW_AT_decl_line)->value.signedValue == 77);
  CHECK(subprogram.unsignedValue(DW_AT_type) == kBaseTypeOffset);  // ref4: unit-relative
}

TEST_CASE("The hand-built unit yields a function with a typed local", "[dwarf][info][bytes]") {
  auto info = buildDebugInfo(sections());
  if (!info) FAIL(info.error().text());
  REQUIRE(info->functions.size() == 1);
  const DebugFunction& main = info->functions[0];
  CHECK(main.name == "main");
  CHECK(main.lowPc == 0x401020);
  CHECK(main.highPc == 0x401030);  // high_pc of class constant: an offset
  CHECK(main.declLine == 77);
  CHECK(main.isExternal);
  CHECK(info->typeName(main.returnType) == "int");
  CHECK(describeExpression(main.frameBase) == "DW_OP_call_frame_cfa");
  REQUIRE(main.body.variables.size() == 1);
  CHECK(main.body.variables[0].name == "x");
  CHECK(describeExpression(main.body.variables[0].location) == "DW_OP_fbreg -20");
}

TEST_CASE("Broken units fail with the section and offset", "[dwarf][info][bytes]") {
  DwarfSections broken = sections();
  SECTION("an undefined abbreviation code") {
    broken.debugInfo[0x1b] = 9;
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().text() == ".debug_info at offset 0x1b: abbreviation code 9 is not defined");
  }
  SECTION("a string index outside .debug_str_offsets") {
    broken.debugInfo = unit(7).data;
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().text() ==
          ".debug_info at offset 0xc: string index 7 is outside .debug_str_offsets");
  }
  SECTION("an address index outside .debug_addr") {
    broken.debugAddr.resize(16);  // keeps the header and address 0 only
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().text() ==
          ".debug_info at offset 0x1b: address index 1 is outside .debug_addr");
  }
  SECTION("an unknown form in the abbreviation") {
    broken.debugAbbrev[4] = 0x7f;  // DW_AT_producer's form
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().text() == ".debug_info at offset 0xd: unsupported form 0x7f");
  }
  SECTION("an abbreviation table cut short") {
    broken.debugAbbrev.resize(6);
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().section == ".debug_abbrev");
    CHECK(units.error().offset == 6);
  }
  SECTION("an unknown expression operation") {
    broken.debugInfo[0x21] = 0xee;  // the frame base's DW_OP_call_frame_cfa
    auto info = buildDebugInfo(broken);
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().text() ==
          ".debug_info at offset 0x1b: unknown DWARF expression operation 0xee");
  }
  SECTION("a unit version this reader does not know") {
    broken.debugInfo[4] = 1;
    auto units = parseCompileUnits(broken);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().text() == ".debug_info at offset 0x4: unsupported version 1");
  }
}
