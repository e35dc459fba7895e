// Abbreviations, unit headers and DIE trees. DIEs are read with an explicit
// stack of open parents (no recursion, so a deeply nested corrupt file
// cannot overflow the C++ stack), then strx/addrx values are resolved.
#include "tide/debugger/dwarf_info.h"

#include <cstdio>

#include "dwarf_form.h"
#include "hex_text.h"
#include "tide/codegen/dwarf_constants.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

constexpr std::size_t kMaximumDieDepth = 512;

Expected<UnitHeader> readUnitHeader(DataCursor& cursor) {
  UnitHeader header;
  header.offset = cursor.offset();
  std::uint64_t length = cursor.u32();
  if (length == 0xffffffff) {
    header.is64BitFormat = true;
    length = cursor.u64();
  } else if (length >= 0xfffffff0) {
    return DebugInfoError{".debug_info", header.offset, "unit_length uses a reserved value"};
  }
  if (cursor.failed()) return cursor.takeError();
  if (length > cursor.size() - cursor.offset())
    return DebugInfoError{".debug_info", header.offset,
                          "unit_length " + hex(length) + " runs past the end of the section"};
  header.unitLength = length;
  const unsigned offsetSize = header.is64BitFormat ? 8 : 4;
  std::uint64_t versionOffset = cursor.offset();
  header.version = cursor.u16();
  if (!cursor.failed() && (header.version < 2 || header.version > 5))
    return DebugInfoError{".debug_info", versionOffset,
                          "unsupported version " + std::to_string(header.version)};
  if (header.version >= 5) {
    header.unitType = cursor.u8();
    header.addressSize = cursor.u8();
    header.abbrevOffset = cursor.unsignedOfSize(offsetSize);
    if (header.unitType == DW_UT_skeleton || header.unitType == DW_UT_split_compile)
      header.dwoId = cursor.u64();
    else if (header.unitType == DW_UT_type || header.unitType == DW_UT_split_type)
      cursor.skip(8 + offsetSize);  // type_signature, type_offset
  } else {
    header.unitType = DW_UT_compile;
    header.abbrevOffset = cursor.unsignedOfSize(offsetSize);
    header.addressSize = cursor.u8();
  }
  if (cursor.failed()) return cursor.takeError();
  if (header.addressSize != 4 && header.addressSize != 8)
    return DebugInfoError{".debug_info", versionOffset,
                          "unsupported address_size " + std::to_string(header.addressSize)};
  return header;
}

// Reads the DIEs of one unit from the cursor (positioned after the header).
Expected<DwarfDie> readDieTree(DataCursor& cursor, const AbbreviationSet& abbreviations,
                               const DwarfFormContext& context) {
  DwarfDie root;
  std::vector<DwarfDie*> parents;
  bool haveRoot = false;
  while (!cursor.atEnd()) {
    const std::uint64_t dieOffset = cursor.offset();
    const std::uint64_t code = cursor.uleb128();
    if (cursor.failed()) return cursor.takeError();
    if (code == 0) {  // a null entry closes the innermost open parent
      if (!parents.empty()) parents.pop_back();
      if (parents.empty() && haveRoot) break;
      continue;
    }
    auto found = abbreviations.find(code);
    if (found == abbreviations.end())
      return DebugInfoError{".debug_info", dieOffset,
                            "abbreviation code " + std::to_string(code) + " is not defined"};
    const Abbreviation& abbreviation = found->second;
    DwarfDie die;
    die.offset = dieOffset;
    die.tag = abbreviation.tag;
    for (const auto& spec : abbreviation.attributes)
      die.attributes.push_back(
          {spec.name, readFormValue(cursor, spec.form, context, spec.implicitConst)});
    if (cursor.failed()) return cursor.takeError();
    DwarfDie* placed = nullptr;
    if (!haveRoot) {
      root = std::move(die);
      placed = &root;
      haveRoot = true;
    } else if (parents.empty()) {
      return DebugInfoError{".debug_info", dieOffset, "DIE after the unit's root DIE closed"};
    } else {
      parents.back()->children.push_back(std::move(die));
      placed = &parents.back()->children.back();
    }
    if (abbreviation.hasChildren)
      parents.push_back(placed);
    else if (placed == &root)
      break;
  }
  if (!haveRoot) return DebugInfoError{".debug_info", cursor.offset(), "unit has no DIEs"};
  return root;
}

// Replaces strx/addrx indices by the strings/addresses they name.
Expected<int> resolveIndexedForms(DwarfDie& die, const CompileUnit& unit,
                                  const DwarfSections& sections) {
  const unsigned offsetSize = unit.header.is64BitFormat ? 8 : 4;
  for (auto& attribute : die.attributes) {
    DwarfFormValue& value = attribute.value;
    if (isStringIndexForm(value.form)) {
      DataCursor offsets(sections.debugStrOffsets, ".debug_str_offsets");
      std::uint64_t entry = unit.strOffsetsBase + value.unsignedValue * offsetSize;
      offsets.seek(entry);
      std::uint64_t stringOffset = offsets.unsignedOfSize(offsetSize);
      if (offsets.failed())
        return DebugInfoError{".debug_info", die.offset,
                              "string index " + std::to_string(value.unsignedValue) +
                                  " is outside .debug_str_offsets"};
      auto text = stringFromSection(sections.debugStr, ".debug_str", stringOffset);
      if (!text) return text.error();
      value.string = std::move(*text);
    } else if (isAddressIndexForm(value.form)) {
      DataCursor addresses(sections.debugAddr, ".debug_addr");
      addresses.seek(unit.addrBase + value.unsignedValue * unit.header.addressSize);
      std::uint64_t address = addresses.unsignedOfSize(unit.header.addressSize);
      if (addresses.failed())
        return DebugInfoError{
            ".debug_info", die.offset,
            "address index " + std::to_string(value.unsignedValue) + " is outside .debug_addr"};
      value.unsignedValue = address;
    }
  }
  for (auto& child : die.children)
    if (auto resolved = resolveIndexedForms(child, unit, sections); !resolved) return resolved;
  return 0;
}

}  // namespace

Expected<AbbreviationSet> parseAbbreviationSet(const std::vector<std::uint8_t>& debugAbbrev,
                                               std::uint64_t offset) {
  DataCursor cursor(debugAbbrev, ".debug_abbrev");
  cursor.seek(offset);
  AbbreviationSet set;
  while (!cursor.failed()) {
    const std::uint64_t declarationOffset = cursor.offset();
    Abbreviation abbreviation;
    abbreviation.code = cursor.uleb128();
    if (abbreviation.code == 0) break;
    abbreviation.tag = static_cast<std::uint16_t>(cursor.uleb128());
    abbreviation.hasChildren = cursor.u8() != 0;
    while (!cursor.failed()) {
      AbbreviationAttribute attribute;
      attribute.name = static_cast<std::uint16_t>(cursor.uleb128());
      attribute.form = static_cast<std::uint16_t>(cursor.uleb128());
      if (attribute.form == DW_FORM_implicit_const) attribute.implicitConst = cursor.sleb128();
      if (attribute.name == 0 && attribute.form == 0) break;
      abbreviation.attributes.push_back(attribute);
    }
    if (cursor.failed()) break;
    if (!set.emplace(abbreviation.code, std::move(abbreviation)).second)
      return DebugInfoError{".debug_abbrev", declarationOffset, "duplicate abbreviation code"};
  }
  if (cursor.failed()) return cursor.takeError();
  return set;
}

const DwarfAttribute* DwarfDie::find(std::uint16_t name) const {
  for (const auto& attribute : attributes)
    if (attribute.name == name) return &attribute;
  return nullptr;
}

std::optional<std::uint64_t> DwarfDie::unsignedValue(std::uint16_t name) const {
  const DwarfAttribute* attribute = find(name);
  if (!attribute) return std::nullopt;
  return attribute->value.unsignedValue;
}

std::string DwarfDie::stringValue(std::uint16_t name) const {
  const DwarfAttribute* attribute = find(name);
  return attribute ? attribute->value.string : std::string();
}

bool DwarfDie::flag(std::uint16_t name) const {
  const DwarfAttribute* attribute = find(name);
  return attribute && attribute->value.unsignedValue != 0;
}

Expected<std::vector<CompileUnit>> parseCompileUnits(const DwarfSections& sections) {
  std::vector<CompileUnit> units;
  std::map<std::uint64_t, AbbreviationSet> abbreviationCache;
  DataCursor cursor(sections.debugInfo, ".debug_info");
  while (!cursor.atEnd()) {
    auto header = readUnitHeader(cursor);
    if (!header) return header.error();
    CompileUnit unit;
    unit.header = *header;
    auto cached = abbreviationCache.find(header->abbrevOffset);
    if (cached == abbreviationCache.end()) {
      auto set = parseAbbreviationSet(sections.debugAbbrev, header->abbrevOffset);
      if (!set) return set.error();
      cached = abbreviationCache.emplace(header->abbrevOffset, std::move(*set)).first;
    }
    DataCursor unitCursor(sections.debugInfo, ".debug_info", cursor.offset());
    unitCursor.limitTo(header->endOffset());
    DwarfFormContext context{header->version, header->addressSize, header->is64BitFormat,
                             header->offset, &sections};
    auto root = readDieTree(unitCursor, cached->second, context);
    if (!root) return root.error();
    unit.root = std::move(*root);
    // Defaults when the attributes are absent: just past the v5 table headers.
    const std::uint64_t tableHeaderSize = header->is64BitFormat ? 16 : 8;
    unit.strOffsetsBase = unit.root.unsignedValue(DW_AT_str_offsets_base).value_or(tableHeaderSize);
    unit.addrBase = unit.root.unsignedValue(DW_AT_addr_base).value_or(tableHeaderSize);
    if (auto resolved = resolveIndexedForms(unit.root, unit, sections); !resolved)
      return resolved.error();
    cursor.seek(header->endOffset());
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace tide::debugger
