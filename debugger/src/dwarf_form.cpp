// Form decoding: sizes come from the unit (address size, 32/64-bit format);
// string forms are resolved at once except strx, which needs the unit's
// str_offsets_base that may appear later in the same DIE.
#include "dwarf_form.h"

#include "tide/codegen/dwarf_constants.h"

namespace tide::debugger {

using namespace dwarf;

bool isStringIndexForm(std::uint16_t form) {
  return form == DW_FORM_strx || form == DW_FORM_strx1 || form == DW_FORM_strx2 ||
         form == DW_FORM_strx3 || form == DW_FORM_strx4;
}

bool isAddressIndexForm(std::uint16_t form) {
  return form == DW_FORM_addrx || form == DW_FORM_addrx1 || form == DW_FORM_addrx2 ||
         form == DW_FORM_addrx3 || form == DW_FORM_addrx4;
}

Expected<std::string> stringFromSection(const std::vector<std::uint8_t>& section,
                                        const char* sectionName, std::uint64_t offset) {
  DataCursor cursor(section, sectionName);
  cursor.seek(offset);
  std::string_view text = cursor.cstring();
  if (cursor.failed()) return cursor.takeError();
  return std::string(text);
}

namespace {

void readIndirectString(DataCursor& cursor, DwarfFormValue& value,
                        const std::vector<std::uint8_t>& section, const char* sectionName) {
  std::uint64_t at = cursor.offset();
  auto text = stringFromSection(section, sectionName, value.unsignedValue);
  if (!text)
    cursor.failAt(
        at, "string offset 0x" +
                [&] {
                  char hex[24];
                  std::snprintf(hex, sizeof hex, "%llx",
                                static_cast<unsigned long long>(value.unsignedValue));
                  return std::string(hex);
                }() +
                " is outside " + sectionName);
  else
    value.string = std::move(*text);
}

void readBlock(DataCursor& cursor, DwarfFormValue& value, std::uint64_t length) {
  auto bytes = cursor.bytes(length);
  value.block.assign(bytes.begin(), bytes.end());
}

}  // namespace

DwarfFormValue readFormValue(DataCursor& cursor, std::uint16_t form,
                             const DwarfFormContext& context, std::int64_t implicitConst) {
  DwarfFormValue value;
  value.form = form;
  const unsigned offsetSize = context.is64BitFormat ? 8 : 4;
  auto& number = value.unsignedValue;
  switch (form) {
    case DW_FORM_addr: number = cursor.unsignedOfSize(context.addressSize); break;
    case DW_FORM_data1:
    case DW_FORM_flag:
    case DW_FORM_strx1:
    case DW_FORM_addrx1: number = cursor.u8(); break;
    case DW_FORM_data2:
    case DW_FORM_strx2:
    case DW_FORM_addrx2: number = cursor.u16(); break;
    case DW_FORM_strx3:
    case DW_FORM_addrx3: number = cursor.unsignedOfSize(3); break;
    case DW_FORM_data4:
    case DW_FORM_strx4:
    case DW_FORM_addrx4:
    case DW_FORM_ref_sup4: number = cursor.u32(); break;
    case DW_FORM_data8:
    case DW_FORM_ref_sig8:
    case DW_FORM_ref_sup8: number = cursor.u64(); break;
    case DW_FORM_data16: readBlock(cursor, value, 16); break;
    case DW_FORM_sdata:
      value.signedValue = cursor.sleb128();
      number = static_cast<std::uint64_t>(value.signedValue);
      break;
    case DW_FORM_udata:
    case DW_FORM_strx:
    case DW_FORM_addrx:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx: number = cursor.uleb128(); break;
    case DW_FORM_implicit_const:
      value.signedValue = implicitConst;
      number = static_cast<std::uint64_t>(implicitConst);
      break;
    case DW_FORM_flag_present: number = 1; break;
    case DW_FORM_string: value.string = std::string(cursor.cstring()); break;
    case DW_FORM_strp:
    case DW_FORM_strp_sup:
      number = cursor.unsignedOfSize(offsetSize);
      if (!cursor.failed() && context.sections)
        readIndirectString(cursor, value, context.sections->debugStr, ".debug_str");
      break;
    case DW_FORM_line_strp:
      number = cursor.unsignedOfSize(offsetSize);
      if (!cursor.failed() && context.sections)
        readIndirectString(cursor, value, context.sections->debugLineStr, ".debug_line_str");
      break;
    case DW_FORM_sec_offset: number = cursor.unsignedOfSize(offsetSize); break;
    case DW_FORM_ref_addr:
      // DWARF 2 used the address size here; DWARF 3+ the offset size.
      number = cursor.unsignedOfSize(context.version <= 2 ? context.addressSize : offsetSize);
      break;
    case DW_FORM_ref1: number = context.unitOffset + cursor.u8(); break;
    case DW_FORM_ref2: number = context.unitOffset + cursor.u16(); break;
    case DW_FORM_ref4: number = context.unitOffset + cursor.u32(); break;
    case DW_FORM_ref8: number = context.unitOffset + cursor.u64(); break;
    case DW_FORM_ref_udata: number = context.unitOffset + cursor.uleb128(); break;
    case DW_FORM_block1: readBlock(cursor, value, cursor.u8()); break;
    case DW_FORM_block2: readBlock(cursor, value, cursor.u16()); break;
    case DW_FORM_block4: readBlock(cursor, value, cursor.u32()); break;
    case DW_FORM_block:
    case DW_FORM_exprloc: readBlock(cursor, value, cursor.uleb128()); break;
    case DW_FORM_indirect: {
      std::uint64_t actual = cursor.uleb128();
      if (actual == DW_FORM_indirect || actual == DW_FORM_implicit_const) {
        cursor.fail("DW_FORM_indirect names form " + std::to_string(actual));
        break;
      }
      return readFormValue(cursor, static_cast<std::uint16_t>(actual), context);
    }
    default:
      cursor.fail("unsupported form 0x" + [&] {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%x", form);
        return std::string(hex);
      }());
  }
  return value;
}

}  // namespace tide::debugger
