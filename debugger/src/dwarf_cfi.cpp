// CIE/FDE parsing for both frame sections, and the §6.4.2 instruction
// interpreter that builds an FDE's row table. The two sections differ only
// in the CIE id, the meaning of the CIE pointer and (for .eh_frame) the
// augmentation-driven pointer encodings; one parser handles both.
#include "tide/debugger/dwarf_cfi.h"

#include <cinttypes>
#include <cstdio>

#include "data_cursor.h"
#include "hex_text.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/dwarf_expression.h"

namespace tide::debugger {

using namespace dwarf;

namespace {

// A DW_EH_PE-encoded pointer at the cursor; `fieldAddress` is the image
// address of the field (for pcrel).
std::uint64_t readEncodedPointer(DataCursor& cursor, std::uint8_t encoding,
                                 std::uint64_t sectionAddress, std::uint8_t addressSize) {
  if (encoding == DW_EH_PE_omit) return 0;
  const std::uint64_t fieldAddress = sectionAddress + cursor.offset();
  std::uint64_t value = 0;
  switch (encoding & 0x0f) {
    case DW_EH_PE_absptr: value = cursor.unsignedOfSize(addressSize); break;
    case DW_EH_PE_uleb128: value = cursor.uleb128(); break;
    case DW_EH_PE_udata2: value = cursor.u16(); break;
    case DW_EH_PE_udata4: value = cursor.u32(); break;
    case DW_EH_PE_udata8: value = cursor.u64(); break;
    case DW_EH_PE_sleb128: value = static_cast<std::uint64_t>(cursor.sleb128()); break;
    case DW_EH_PE_sdata2: value = static_cast<std::uint64_t>(cursor.signedOfSize(2)); break;
    case DW_EH_PE_sdata4: value = static_cast<std::uint64_t>(cursor.signedOfSize(4)); break;
    case DW_EH_PE_sdata8: value = cursor.u64(); break;
    default: cursor.fail("unsupported pointer encoding " + hex(encoding)); return 0;
  }
  switch (encoding & 0x70) {
    case 0: break;
    case DW_EH_PE_pcrel: value += fieldAddress; break;
    default: cursor.fail("unsupported pointer application " + hex(encoding & 0x70));
  }
  return value;
}

struct EntryHeader {
  std::uint64_t offset = 0;
  std::uint64_t end = 0;
  bool is64BitFormat = false;
  std::uint64_t idOffset = 0;
  std::uint64_t id = 0;
};

class FrameParser {
 public:
  FrameParser(std::span<const std::uint8_t> bytes, bool isEhFrame, std::uint64_t sectionAddress,
              std::uint8_t addressSize)
      : cursor_(bytes, isEhFrame ? ".eh_frame" : ".debug_frame"),
        isEhFrame_(isEhFrame),
        addressSize_(addressSize) {
    info_.section = isEhFrame ? ".eh_frame" : ".debug_frame";
    info_.sectionAddress = sectionAddress;
  }

  Expected<CallFrameInfo> parse() {
    while (!cursor_.atEnd() && !cursor_.failed()) {
      EntryHeader header;
      header.offset = cursor_.offset();
      std::uint64_t length = cursor_.u32();
      if (length == 0xffffffff) {
        header.is64BitFormat = true;
        length = cursor_.u64();
      }
      if (cursor_.failed()) break;
      if (length == 0) {
        if (isEhFrame_) break;  // the .eh_frame terminator
        continue;
      }
      if (length > cursor_.size() - cursor_.offset()) {
        cursor_.failAt(header.offset, "entry length " + hex(length) + " runs past the end");
        break;
      }
      header.end = cursor_.offset() + length;
      header.idOffset = cursor_.offset();
      header.id = cursor_.unsignedOfSize(header.is64BitFormat ? 8 : 4);
      const bool isCie =
          isEhFrame_ ? header.id == 0
                     : header.id == (header.is64BitFormat ? ~std::uint64_t{0} : 0xffffffffu);
      DataCursor entry(cursor_.data(), cursor_.section(), cursor_.offset());
      entry.limitTo(header.end);
      if (isCie)
        parseCie(entry, header);
      else
        parseFde(entry, header);
      if (entry.failed()) return entry.takeError();
      cursor_.seek(header.end);
    }
    if (cursor_.failed()) return cursor_.takeError();
    return std::move(info_);
  }

 private:
  void parseCie(DataCursor& entry, const EntryHeader& header) {
    CommonInformationEntry cie;
    cie.offset = header.offset;
    cie.addressSize = addressSize_;
    cie.version = entry.u8();
    if (!entry.failed() && cie.version != 1 && cie.version != 3 && cie.version != 4) {
      entry.failAt(header.idOffset + (header.is64BitFormat ? 8 : 4),
                   "unsupported CIE version " + std::to_string(cie.version));
      return;
    }
    cie.augmentation = std::string(entry.cstring());
    if (cie.augmentation.find("eh") == 0) entry.skip(addressSize_);  // old gcc's eh_ptr
    if (cie.version >= 4) {
      cie.addressSize = entry.u8();
      entry.u8();  // segment_selector_size
    }
    cie.codeAlignmentFactor = entry.uleb128();
    cie.dataAlignmentFactor = entry.sleb128();
    cie.returnAddressRegister = cie.version == 1 ? entry.u8() : entry.uleb128();
    if (!cie.augmentation.empty() && cie.augmentation[0] == 'z') parseAugmentation(entry, cie);
    cie.initialInstructionsOffset = entry.offset();
    auto instructions = entry.bytes(header.end - entry.offset());
    cie.initialInstructions.assign(instructions.begin(), instructions.end());
    info_.commonEntries.push_back(std::move(cie));
  }

  void parseAugmentation(DataCursor& entry, CommonInformationEntry& cie) {
    cie.hasAugmentationData = true;
    const std::uint64_t length = entry.uleb128();
    const std::uint64_t dataEnd = entry.offset() + length;
    for (std::size_t i = 1; i < cie.augmentation.size() && !entry.failed(); ++i) {
      switch (cie.augmentation[i]) {
        case 'L': cie.lsdaEncoding = entry.u8(); break;
        case 'R': cie.pointerEncoding = entry.u8(); break;
        case 'S': cie.isSignalFrame = true; break;
        case 'P': {
          std::uint8_t encoding = entry.u8();
          (void)readEncodedPointer(entry, encoding & 0x7f, info_.sectionAddress, cie.addressSize);
          break;
        }
        default: i = cie.augmentation.size();  // unknown: the length lets us skip the rest
      }
    }
    entry.seek(dataEnd);
  }

  void parseFde(DataCursor& entry, const EntryHeader& header) {
    FrameDescriptionEntry fde;
    fde.offset = header.offset;
    // .eh_frame: the distance back from the id field; .debug_frame: an offset.
    fde.cieOffset = isEhFrame_ ? header.idOffset - header.id : header.id;
    if (isEhFrame_ && header.id > header.idOffset) {
      entry.failAt(header.idOffset, "CIE pointer points before the section");
      return;
    }
    const CommonInformationEntry* cie = info_.commonEntryAt(fde.cieOffset);
    if (!cie) {
      entry.failAt(header.idOffset, "no CIE at offset " + hex(fde.cieOffset));
      return;
    }
    if (isEhFrame_) {
      fde.initialLocation =
          readEncodedPointer(entry, cie->pointerEncoding, info_.sectionAddress, cie->addressSize);
      // The range has the same format but is never pc-relative.
      fde.addressRange =
          readEncodedPointer(entry, cie->pointerEncoding & 0x0f, 0, cie->addressSize);
    } else {
      fde.initialLocation = entry.unsignedOfSize(cie->addressSize);
      fde.addressRange = entry.unsignedOfSize(cie->addressSize);
    }
    if (cie->hasAugmentationData) entry.skip(entry.uleb128());
    fde.instructionsOffset = entry.offset();
    auto instructions = entry.bytes(header.end - entry.offset());
    fde.instructions.assign(instructions.begin(), instructions.end());
    info_.descriptions.push_back(std::move(fde));
  }

  DataCursor cursor_;
  bool isEhFrame_;
  std::uint8_t addressSize_;
  CallFrameInfo info_;
};

struct RuleState {
  CfaRule cfa;
  std::map<std::uint16_t, RegisterRule> registers;
};

// Runs call frame instructions (§6.4.2), appending a row at each advance.
class CfiInterpreter {
 public:
  CfiInterpreter(const CallFrameInfo& info, const CommonInformationEntry& cie)
      : info_(info), cie_(cie) {}

  // Runs `instructions` from `location`; rows go to `rows` when non-null.
  void run(std::span<const std::uint8_t> instructions, std::uint64_t sectionOffset,
           std::vector<UnwindRow>* rows, DataCursor*& failure) {
    cursor_.emplace(instructions, info_.section);
    sectionOffset_ = sectionOffset;
    rows_ = rows;
    while (!cursor_->atEnd() && !cursor_->failed()) step();
    if (cursor_->failed()) failure = &*cursor_;
  }

  void setInitial() { initial_ = state_; }
  void startAt(std::uint64_t location) { location_ = location; }
  void finish(std::uint64_t end) { emitRow(end); }
  DebugInfoError error() const {
    DebugInfoError error = cursor_->takeError();
    error.offset += sectionOffset_;
    return error;
  }

 private:
  void emitRow(std::uint64_t next) {
    if (!rows_ || next <= location_) {
      if (rows_ && next > location_) location_ = next;
      return;
    }
    UnwindRow row;
    row.address = location_;
    row.endAddress = next;
    row.cfa = state_.cfa;
    row.registers = state_.registers;
    rows_->push_back(std::move(row));
    location_ = next;
  }

  void advance(std::uint64_t delta) { emitRow(location_ + delta * cie_.codeAlignmentFactor); }

  void setRule(std::uint64_t reg, RegisterRule rule) {
    state_.registers[static_cast<std::uint16_t>(reg)] = std::move(rule);
  }

  void restore(std::uint64_t reg) {
    auto found = initial_.registers.find(static_cast<std::uint16_t>(reg));
    if (found == initial_.registers.end())
      state_.registers.erase(static_cast<std::uint16_t>(reg));
    else
      state_.registers[static_cast<std::uint16_t>(reg)] = found->second;
  }

  std::vector<std::uint8_t> block() {
    auto bytes = cursor_->bytes(cursor_->uleb128());
    return {bytes.begin(), bytes.end()};
  }

  RegisterRule offsetRule(RegisterRule::Kind kind, std::int64_t factored) {
    RegisterRule rule;
    rule.kind = kind;
    rule.offset = factored * cie_.dataAlignmentFactor;
    return rule;
  }

  void step() {
    const std::uint64_t opcodeOffset = cursor_->offset();
    const std::uint8_t opcode = cursor_->u8();
    const std::uint8_t high = opcode & 0xc0, low = opcode & 0x3f;
    if (high == DW_CFA_advance_loc) return advance(low);
    if (high == DW_CFA_offset)
      return setRule(low, offsetRule(RegisterRule::Kind::Offset,
                                     static_cast<std::int64_t>(cursor_->uleb128())));
    if (high == DW_CFA_restore) return restore(low);
    DataCursor& c = *cursor_;
    switch (opcode) {
      case DW_CFA_nop: break;
      case DW_CFA_set_loc: {
        std::uint64_t address =
            info_.section == ".eh_frame"
                ? readEncodedPointer(c, cie_.pointerEncoding, info_.sectionAddress + sectionOffset_,
                                     cie_.addressSize)
                : c.unsignedOfSize(cie_.addressSize);
        emitRow(address);
        break;
      }
      case DW_CFA_advance_loc1: advance(c.u8()); break;
      case DW_CFA_advance_loc2: advance(c.u16()); break;
      case DW_CFA_advance_loc4: advance(c.u32()); break;
      case DW_CFA_offset_extended: {
        std::uint64_t reg = c.uleb128();
        setRule(reg,
                offsetRule(RegisterRule::Kind::Offset, static_cast<std::int64_t>(c.uleb128())));
        break;
      }
      case DW_CFA_restore_extended: restore(c.uleb128()); break;
      case DW_CFA_undefined: setRule(c.uleb128(), RegisterRule{}); break;
      case DW_CFA_same_value: {
        RegisterRule rule;
        rule.kind = RegisterRule::Kind::SameValue;
        setRule(c.uleb128(), rule);
        break;
      }
      case DW_CFA_register: {
        std::uint64_t reg = c.uleb128();
        RegisterRule rule;
        rule.kind = RegisterRule::Kind::Register;
        rule.registerNumber = static_cast<std::uint16_t>(c.uleb128());
        setRule(reg, rule);
        break;
      }
      case DW_CFA_remember_state:
        if (saved_.size() >= 64)
          c.failAt(opcodeOffset, "DW_CFA_remember_state nested too deep");
        else
          saved_.push_back(state_);
        break;
      case DW_CFA_restore_state:
        if (saved_.empty()) {
          c.failAt(opcodeOffset, "DW_CFA_restore_state without DW_CFA_remember_state");
          break;
        }
        // §6.4.2.4 restores the register rules; like libgcc's unwinder and
        // LLVM, the CFA rule is restored with them.
        state_.registers = saved_.back().registers;
        state_.cfa = saved_.back().cfa;
        saved_.pop_back();
        break;
      case DW_CFA_def_cfa:
        state_.cfa = CfaRule{};
        state_.cfa.registerNumber = static_cast<std::uint16_t>(c.uleb128());
        state_.cfa.offset = static_cast<std::int64_t>(c.uleb128());
        break;
      case DW_CFA_def_cfa_sf:
        state_.cfa = CfaRule{};
        state_.cfa.registerNumber = static_cast<std::uint16_t>(c.uleb128());
        state_.cfa.offset = c.sleb128() * cie_.dataAlignmentFactor;
        break;
      case DW_CFA_def_cfa_register:
        state_.cfa.kind = CfaRule::Kind::RegisterOffset;
        state_.cfa.registerNumber = static_cast<std::uint16_t>(c.uleb128());
        break;
      case DW_CFA_def_cfa_offset: state_.cfa.offset = static_cast<std::int64_t>(c.uleb128()); break;
      case DW_CFA_def_cfa_offset_sf:
        state_.cfa.offset = c.sleb128() * cie_.dataAlignmentFactor;
        break;
      case DW_CFA_def_cfa_expression:
        state_.cfa.kind = CfaRule::Kind::Expression;
        state_.cfa.expression = block();
        break;
      case DW_CFA_expression:
      case DW_CFA_val_expression: {
        std::uint64_t reg = c.uleb128();
        RegisterRule rule;
        rule.kind = opcode == DW_CFA_expression ? RegisterRule::Kind::Expression
                                                : RegisterRule::Kind::ValExpression;
        rule.expression = block();
        setRule(reg, rule);
        break;
      }
      case DW_CFA_offset_extended_sf: {
        std::uint64_t reg = c.uleb128();
        setRule(reg, offsetRule(RegisterRule::Kind::Offset, c.sleb128()));
        break;
      }
      case DW_CFA_val_offset: {
        std::uint64_t reg = c.uleb128();
        setRule(reg,
                offsetRule(RegisterRule::Kind::ValOffset, static_cast<std::int64_t>(c.uleb128())));
        break;
      }
      case DW_CFA_val_offset_sf: {
        std::uint64_t reg = c.uleb128();
        setRule(reg, offsetRule(RegisterRule::Kind::ValOffset, c.sleb128()));
        break;
      }
      case DW_CFA_GNU_args_size: c.uleb128(); break;
      case 0x2f: {  // DW_CFA_GNU_negative_offset_extended
        std::uint64_t reg = c.uleb128();
        setRule(reg,
                offsetRule(RegisterRule::Kind::Offset, -static_cast<std::int64_t>(c.uleb128())));
        break;
      }
      default: c.failAt(opcodeOffset, "unknown call frame instruction " + hex(opcode));
    }
  }

  const CallFrameInfo& info_;
  const CommonInformationEntry& cie_;
  std::optional<DataCursor> cursor_;
  std::uint64_t sectionOffset_ = 0;
  std::vector<UnwindRow>* rows_ = nullptr;
  std::uint64_t location_ = 0;
  RuleState state_;
  RuleState initial_;
  std::vector<RuleState> saved_;
};

const char* registerName(std::uint16_t reg) {
  static const char* const kNames[] = {"RAX", "RDX", "RCX", "RBX", "RSI", "RDI", "RBP", "RSP", "R8",
                                       "R9",  "R10", "R11", "R12", "R13", "R14", "R15", "RIP"};
  return reg < std::size(kNames) ? kNames[reg] : nullptr;
}

std::string registerText(std::uint16_t reg) {
  const char* name = registerName(reg);
  return name ? name : "reg" + std::to_string(reg);
}

std::string signedText(std::int64_t value) {
  return value < 0 ? std::to_string(value) : "+" + std::to_string(value);
}

std::string expressionText(const std::vector<std::uint8_t>& bytes) {
  auto operations = decodeExpression(bytes, 8);
  return operations ? describeExpression(*operations) : "<bad expression>";
}

}  // namespace

const CommonInformationEntry* CallFrameInfo::commonEntryAt(std::uint64_t offset) const {
  for (const auto& cie : commonEntries)
    if (cie.offset == offset) return &cie;
  return nullptr;
}

const FrameDescriptionEntry* CallFrameInfo::descriptionFor(std::uint64_t pc) const {
  for (const auto& fde : descriptions)
    if (pc >= fde.initialLocation && pc - fde.initialLocation < fde.addressRange) return &fde;
  return nullptr;
}

Expected<CallFrameInfo> parseDebugFrame(std::span<const std::uint8_t> debugFrame,
                                        std::uint8_t addressSize) {
  return FrameParser(debugFrame, false, 0, addressSize).parse();
}

Expected<CallFrameInfo> parseEhFrame(std::span<const std::uint8_t> ehFrame,
                                     std::uint64_t sectionAddress) {
  return FrameParser(ehFrame, true, sectionAddress, 8).parse();
}

Expected<std::vector<UnwindRow>> unwindTableOf(const CallFrameInfo& info,
                                               const FrameDescriptionEntry& description) {
  const CommonInformationEntry* cie = info.commonEntryAt(description.cieOffset);
  if (!cie) return DebugInfoError{info.section, description.offset, "FDE without a CIE"};
  CfiInterpreter interpreter(info, *cie);
  DataCursor* failure = nullptr;
  interpreter.run(cie->initialInstructions, cie->initialInstructionsOffset, nullptr, failure);
  if (failure) return interpreter.error();
  interpreter.setInitial();
  interpreter.startAt(description.initialLocation);
  std::vector<UnwindRow> rows;
  interpreter.run(description.instructions, description.instructionsOffset, &rows, failure);
  if (failure) return interpreter.error();
  interpreter.finish(description.initialLocation + description.addressRange);
  return rows;
}

Expected<UnwindRow> unwindRowFor(const CallFrameInfo& info, std::uint64_t pc) {
  const FrameDescriptionEntry* description = info.descriptionFor(pc);
  if (!description) return DebugInfoError{info.section, 0, "no FDE covers pc " + hex(pc)};
  auto rows = unwindTableOf(info, *description);
  if (!rows) return rows.error();
  for (const auto& row : *rows)
    if (pc >= row.address && pc < row.endAddress) return row;
  return DebugInfoError{info.section, description->offset, "no row covers pc " + hex(pc)};
}

std::string formatUnwindRow(const UnwindRow& row) {
  std::string text = hex(row.address) + ": CFA=";
  if (row.cfa.kind == CfaRule::Kind::Expression)
    text += expressionText(row.cfa.expression);
  else
    text += registerText(row.cfa.registerNumber) + signedText(row.cfa.offset);
  std::string rules;
  for (const auto& [reg, rule] : row.registers) {
    if (!rules.empty()) rules += ", ";
    rules += registerText(reg) + "=";
    switch (rule.kind) {
      case RegisterRule::Kind::Undefined: rules += "undefined"; break;
      case RegisterRule::Kind::SameValue: rules += "same"; break;
      case RegisterRule::Kind::Offset: rules += "[CFA" + signedText(rule.offset) + "]"; break;
      case RegisterRule::Kind::ValOffset: rules += "CFA" + signedText(rule.offset); break;
      case RegisterRule::Kind::Register: rules += registerText(rule.registerNumber); break;
      case RegisterRule::Kind::Expression:
        rules += "[" + expressionText(rule.expression) + "]";
        break;
      case RegisterRule::Kind::ValExpression: rules += expressionText(rule.expression); break;
    }
  }
  if (!rules.empty()) text += ": " + rules;
  return text;
}

}  // namespace tide::debugger
