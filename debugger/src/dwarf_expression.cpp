// Expression decoding: one table row per operation with operands, so the
// decoder can walk any expression a producer emits, including operations we
// never evaluate (they still need their operands skipped).
#include "tide/debugger/dwarf_expression.h"

#include <cstdio>

#include "data_cursor.h"
#include "tide/codegen/dwarf_constants.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

// How the operands of an operation are encoded.
enum class Operands {
  None,
  Address,  // address-size
  U1,
  S1,
  U2,
  S2,
  U4,
  S4,
  U8,
  S8,
  Uleb,
  Sleb,
  UlebSleb,     // bregx
  UlebUleb,     // bit_piece, regval_type
  Block,        // ULEB length then bytes (implicit_value, entry_value)
  OffsetSize,   // call_ref
  OffsetSleb,   // implicit_pointer
  U1Uleb,       // deref_type
  UlebU1Block,  // const_type
};

struct OperationInfo {
  std::uint8_t opcode;
  const char* name;
  Operands operands;
};

// DWARF 5 §7.7.1 Table 7.9 (and the GNU operations gcc emits).
const OperationInfo kOperations[] = {
    {0x03, "DW_OP_addr", Operands::Address},
    {0x06, "DW_OP_deref", Operands::None},
    {0x08, "DW_OP_const1u", Operands::U1},
    {0x09, "DW_OP_const1s", Operands::S1},
    {0x0a, "DW_OP_const2u", Operands::U2},
    {0x0b, "DW_OP_const2s", Operands::S2},
    {0x0c, "DW_OP_const4u", Operands::U4},
    {0x0d, "DW_OP_const4s", Operands::S4},
    {0x0e, "DW_OP_const8u", Operands::U8},
    {0x0f, "DW_OP_const8s", Operands::S8},
    {0x10, "DW_OP_constu", Operands::Uleb},
    {0x11, "DW_OP_consts", Operands::Sleb},
    {0x12, "DW_OP_dup", Operands::None},
    {0x13, "DW_OP_drop", Operands::None},
    {0x14, "DW_OP_over", Operands::None},
    {0x15, "DW_OP_pick", Operands::U1},
    {0x16, "DW_OP_swap", Operands::None},
    {0x17, "DW_OP_rot", Operands::None},
    {0x18, "DW_OP_xderef", Operands::None},
    {0x19, "DW_OP_abs", Operands::None},
    {0x1a, "DW_OP_and", Operands::None},
    {0x1b, "DW_OP_div", Operands::None},
    {0x1c, "DW_OP_minus", Operands::None},
    {0x1d, "DW_OP_mod", Operands::None},
    {0x1e, "DW_OP_mul", Operands::None},
    {0x1f, "DW_OP_neg", Operands::None},
    {0x20, "DW_OP_not", Operands::None},
    {0x21, "DW_OP_or", Operands::None},
    {0x22, "DW_OP_plus", Operands::None},
    {0x23, "DW_OP_plus_uconst", Operands::Uleb},
    {0x24, "DW_OP_shl", Operands::None},
    {0x25, "DW_OP_shr", Operands::None},
    {0x26, "DW_OP_shra", Operands::None},
    {0x27, "DW_OP_xor", Operands::None},
    {0x28, "DW_OP_bra", Operands::S2},
    {0x29, "DW_OP_eq", Operands::None},
    {0x2a, "DW_OP_ge", Operands::None},
    {0x2b, "DW_OP_gt", Operands::None},
    {0x2c, "DW_OP_le", Operands::None},
    {0x2d, "DW_OP_lt", Operands::None},
    {0x2e, "DW_OP_ne", Operands::None},
    {0x2f, "DW_OP_skip", Operands::S2},
    {0x90, "DW_OP_regx", Operands::Uleb},
    {0x91, "DW_OP_fbreg", Operands::Sleb},
    {0x92, "DW_OP_bregx", Operands::UlebSleb},
    {0x93, "DW_OP_piece", Operands::Uleb},
    {0x94, "DW_OP_deref_size", Operands::U1},
    {0x95, "DW_OP_xderef_size", Operands::U1},
    {0x96, "DW_OP_nop", Operands::None},
    {0x97, "DW_OP_push_object_address", Operands::None},
    {0x98, "DW_OP_call2", Operands::U2},
    {0x99, "DW_OP_call4", Operands::U4},
    {0x9a, "DW_OP_call_ref", Operands::OffsetSize},
    {0x9b, "DW_OP_form_tls_address", Operands::None},
    {0x9c, "DW_OP_call_frame_cfa", Operands::None},
    {0x9d, "DW_OP_bit_piece", Operands::UlebUleb},
    {0x9e, "DW_OP_implicit_value", Operands::Block},
    {0x9f, "DW_OP_stack_value", Operands::None},
    {0xa0, "DW_OP_implicit_pointer", Operands::OffsetSleb},
    {0xa1, "DW_OP_addrx", Operands::Uleb},
    {0xa2, "DW_OP_constx", Operands::Uleb},
    {0xa3, "DW_OP_entry_value", Operands::Block},
    {0xa4, "DW_OP_const_type", Operands::UlebU1Block},
    {0xa5, "DW_OP_regval_type", Operands::UlebUleb},
    {0xa6, "DW_OP_deref_type", Operands::U1Uleb},
    {0xa7, "DW_OP_xderef_type", Operands::U1Uleb},
    {0xa8, "DW_OP_convert", Operands::Uleb},
    {0xa9, "DW_OP_reinterpret", Operands::Uleb},
    {0xe0, "DW_OP_GNU_push_tls_address", Operands::None},
    {0xf2, "DW_OP_GNU_implicit_pointer", Operands::OffsetSleb},
    {0xf3, "DW_OP_GNU_entry_value", Operands::Block},
    {0xf4, "DW_OP_GNU_const_type", Operands::UlebU1Block},
    {0xf5, "DW_OP_GNU_regval_type", Operands::UlebUleb},
    {0xf6, "DW_OP_GNU_deref_type", Operands::U1Uleb},
    {0xf7, "DW_OP_GNU_convert", Operands::Uleb},
    {0xf9, "DW_OP_GNU_reinterpret", Operands::Uleb},
    {0xfa, "DW_OP_GNU_parameter_ref", Operands::U4},
    {0xfb, "DW_OP_GNU_addr_index", Operands::Uleb},
    {0xfc, "DW_OP_GNU_const_index", Operands::Uleb},
};

// lit0-31, reg0-31 and breg0-31 are ranges rather than rows; their names are
// built by operationName.
std::optional<OperationInfo> lookup(std::uint8_t opcode) {
  if (opcode >= DW_OP_lit0 && opcode <= DW_OP_lit31)
    return OperationInfo{opcode, "DW_OP_lit", Operands::None};
  if (opcode >= DW_OP_reg0 && opcode <= DW_OP_reg31)
    return OperationInfo{opcode, "DW_OP_reg", Operands::None};
  if (opcode >= DW_OP_breg0 && opcode <= DW_OP_breg31)
    return OperationInfo{opcode, "DW_OP_breg", Operands::Sleb};
  for (const auto& info : kOperations)
    if (info.opcode == opcode) return info;
  return std::nullopt;
}

void readBlock(DataCursor& cursor, DwarfOperation& operation, std::uint64_t length) {
  auto bytes = cursor.bytes(length);
  operation.block.assign(bytes.begin(), bytes.end());
}

void readOperands(DataCursor& cursor, DwarfOperation& operation, Operands operands,
                  std::uint8_t addressSize, bool is64BitFormat) {
  auto asUnsigned = [](std::int64_t value) { return static_cast<std::uint64_t>(value); };
  switch (operands) {
    case Operands::None: break;
    case Operands::Address: operation.operand1 = cursor.unsignedOfSize(addressSize); break;
    case Operands::U1: operation.operand1 = cursor.u8(); break;
    case Operands::S1: operation.operand1 = asUnsigned(cursor.signedOfSize(1)); break;
    case Operands::U2: operation.operand1 = cursor.u16(); break;
    case Operands::S2: operation.operand1 = asUnsigned(cursor.signedOfSize(2)); break;
    case Operands::U4: operation.operand1 = cursor.u32(); break;
    case Operands::S4: operation.operand1 = asUnsigned(cursor.signedOfSize(4)); break;
    case Operands::U8:
    case Operands::S8: operation.operand1 = cursor.u64(); break;
    case Operands::Uleb: operation.operand1 = cursor.uleb128(); break;
    case Operands::Sleb: operation.operand1 = asUnsigned(cursor.sleb128()); break;
    case Operands::UlebSleb:
      operation.operand1 = cursor.uleb128();
      operation.operand2 = asUnsigned(cursor.sleb128());
      break;
    case Operands::UlebUleb:
      operation.operand1 = cursor.uleb128();
      operation.operand2 = cursor.uleb128();
      break;
    case Operands::Block: readBlock(cursor, operation, cursor.uleb128()); break;
    case Operands::OffsetSize:
      operation.operand1 = cursor.unsignedOfSize(is64BitFormat ? 8 : 4);
      break;
    case Operands::OffsetSleb:
      operation.operand1 = cursor.unsignedOfSize(is64BitFormat ? 8 : 4);
      operation.operand2 = asUnsigned(cursor.sleb128());
      break;
    case Operands::U1Uleb:
      operation.operand1 = cursor.u8();
      operation.operand2 = cursor.uleb128();
      break;
    case Operands::UlebU1Block:
      operation.operand1 = cursor.uleb128();
      readBlock(cursor, operation, cursor.u8());
      break;
  }
}

}  // namespace

std::string operationName(std::uint8_t opcode) {
  if (opcode >= DW_OP_lit0 && opcode <= DW_OP_lit31)
    return "DW_OP_lit" + std::to_string(opcode - DW_OP_lit0);
  if (opcode >= DW_OP_reg0 && opcode <= DW_OP_reg31)
    return "DW_OP_reg" + std::to_string(opcode - DW_OP_reg0);
  if (opcode >= DW_OP_breg0 && opcode <= DW_OP_breg31)
    return "DW_OP_breg" + std::to_string(opcode - DW_OP_breg0);
  if (auto info = lookup(opcode)) return info->name;
  char text[16];
  std::snprintf(text, sizeof text, "DW_OP_<0x%02x>", opcode);
  return text;
}

Expected<std::vector<DwarfOperation>> decodeExpression(std::span<const std::uint8_t> expression,
                                                       std::uint8_t addressSize,
                                                       std::string_view section,
                                                       std::uint64_t sectionOffset,
                                                       bool is64BitFormat) {
  std::vector<DwarfOperation> operations;
  DataCursor cursor(expression, section);
  while (!cursor.atEnd() && !cursor.failed()) {
    DwarfOperation operation;
    operation.offset = cursor.offset();
    operation.opcode = cursor.u8();
    auto info = lookup(operation.opcode);
    if (!info) {
      char text[64];
      std::snprintf(text, sizeof text, "unknown DWARF expression operation 0x%02x",
                    operation.opcode);
      return DebugInfoError{std::string(section), sectionOffset + operation.offset, text};
    }
    readOperands(cursor, operation, info->operands, addressSize, is64BitFormat);
    operations.push_back(std::move(operation));
  }
  if (cursor.failed()) {
    DebugInfoError error = cursor.takeError();
    error.offset += sectionOffset;
    error.message = "in a DWARF expression: " + error.message;
    return error;
  }
  return operations;
}

std::string describeExpression(const std::vector<DwarfOperation>& operations) {
  std::string text;
  for (const auto& operation : operations) {
    if (!text.empty()) text += ", ";
    text += operationName(operation.opcode);
    auto info = lookup(operation.opcode);
    char operandText[64] = "";
    switch (info ? info->operands : Operands::None) {
      case Operands::None: break;
      case Operands::Address:
      case Operands::OffsetSize:
        std::snprintf(operandText, sizeof operandText, " 0x%llx",
                      static_cast<unsigned long long>(operation.operand1));
        break;
      case Operands::S1:
      case Operands::S2:
      case Operands::S4:
      case Operands::S8:
      case Operands::Sleb:
        std::snprintf(operandText, sizeof operandText, " %lld",
                      static_cast<long long>(operation.signedOperand1()));
        break;
      case Operands::UlebSleb:
      case Operands::OffsetSleb:
        std::snprintf(operandText, sizeof operandText, " %llu %lld",
                      static_cast<unsigned long long>(operation.operand1),
                      static_cast<long long>(operation.signedOperand2()));
        break;
      case Operands::UlebUleb:
      case Operands::U1Uleb:
        std::snprintf(operandText, sizeof operandText, " %llu %llu",
                      static_cast<unsigned long long>(operation.operand1),
                      static_cast<unsigned long long>(operation.operand2));
        break;
      case Operands::Block:
        std::snprintf(operandText, sizeof operandText, " <%zu bytes>", operation.block.size());
        break;
      default:
        std::snprintf(operandText, sizeof operandText, " %llu",
                      static_cast<unsigned long long>(operation.operand1));
    }
    text += operandText;
  }
  return text;
}

std::optional<SimpleLocation> simpleLocationOf(const std::vector<DwarfOperation>& operations) {
  if (operations.size() != 1) return std::nullopt;
  const DwarfOperation& operation = operations.front();
  SimpleLocation location;
  const std::uint8_t opcode = operation.opcode;
  if (opcode == DW_OP_fbreg) {
    location.kind = SimpleLocation::Kind::FrameBaseOffset;
    location.offset = operation.signedOperand1();
  } else if (opcode == DW_OP_addr) {
    location.kind = SimpleLocation::Kind::Address;
    location.address = operation.operand1;
  } else if (opcode >= DW_OP_breg0 && opcode <= DW_OP_breg31) {
    location.kind = SimpleLocation::Kind::RegisterOffset;
    location.registerNumber = opcode - DW_OP_breg0;
    location.offset = operation.signedOperand1();
  } else if (opcode == DW_OP_bregx) {
    location.kind = SimpleLocation::Kind::RegisterOffset;
    location.registerNumber = static_cast<std::uint16_t>(operation.operand1);
    location.offset = operation.signedOperand2();
  } else if (opcode >= DW_OP_reg0 && opcode <= DW_OP_reg31) {
    location.kind = SimpleLocation::Kind::Register;
    location.registerNumber = opcode - DW_OP_reg0;
  } else if (opcode == DW_OP_regx) {
    location.kind = SimpleLocation::Kind::Register;
    location.registerNumber = static_cast<std::uint16_t>(operation.operand1);
  } else if (opcode == DW_OP_call_frame_cfa) {
    location.kind = SimpleLocation::Kind::CallFrameCfa;
  } else {
    return std::nullopt;
  }
  return location;
}

}  // namespace tide::debugger
