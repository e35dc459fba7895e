// Encoder over the form table. The layout of every instruction is
//   [prefix] [REX] opcode... [ModRM [SIB] [disp8|disp32]] [imm|rel32]
// with the two ModRM special cases of the SDM (Table 2-2, 2-3): rm=100
// (rsp/r12) means "SIB follows", and mod=00 rm=101 (rbp/r13) means
// "rip + disp32", so those bases get a SIB byte / an explicit disp8 of 0.
#include "tide/codegen/x86_encoder.h"

#include <cassert>
#include <cstdio>

namespace tide::codegen::x86 {

namespace {

using K = OperandKind;

constexpr FormInfo kForms[] = {
#define X(id, mnemonic, prefix, rexW, length, opcode, modrm, k0, k1, k2) \
  {mnemonic, prefix, rexW != 0, length, opcode, modrm, {K::k0, K::k1, K::k2}},
#include "tide/codegen/x86_forms.def"
#undef X
};
static_assert(sizeof kForms / sizeof kForms[0] == static_cast<std::size_t>(Form::Count));

bool isRegisterKind(K kind) {
  return kind == K::R8 || kind == K::R16 || kind == K::R32 || kind == K::R64 || kind == K::X;
}
bool isByteKind(K kind) { return kind == K::R8 || kind == K::RM8; }

int immediateBytes(K kind) {
  switch (kind) {
    case K::I8: return 1;
    case K::I16: return 2;
    case K::I32: return 4;
    case K::I64: return 8;
    case K::Rel32: return 4;
    default: return 0;
  }
}

bool immediateFits(K kind, std::int64_t value) {
  switch (kind) {
    case K::I8: return value >= -128 && value <= 255;
    case K::I16: return value >= -32768 && value <= 65535;
    case K::I32: return value >= INT32_MIN && value <= UINT32_MAX;
    case K::Rel32: return value >= INT32_MIN && value <= INT32_MAX;
    default: return true;
  }
}

bool operandMatches(K kind, const Operand& operand) {
  using T = Operand::Type;
  switch (kind) {
    case K::None: return operand.type == T::None;
    case K::Cl: return operand.type == T::Gpr && operand.reg == static_cast<int>(Gpr::rcx);
    case K::R8:
    case K::R16:
    case K::R32:
    case K::R64: return operand.type == T::Gpr;
    case K::RM8:
    case K::RM16:
    case K::RM32:
    case K::RM64: return operand.type == T::Gpr || operand.type == T::Mem;
    case K::M: return operand.type == T::Mem;
    case K::X:
    case K::XR: return operand.type == T::Xmm;
    case K::XM64: return operand.type == T::Xmm || operand.type == T::Mem;
    case K::I8:
    case K::I16:
    case K::I32:
    case K::I64:
    case K::Rel32: return operand.type == T::Imm && immediateFits(kind, operand.imm);
  }
  return false;
}

// The register number that goes into ModRM.reg (or the +r opcode), and the
// operand that goes into ModRM.rm, chosen by kind as the SDM's operand
// encoding tables do: a pure register kind is "reg", an r/m kind is "rm".
struct Roles {
  int regField = -1;  // 0-15
  const Operand* rm = nullptr;
  const Operand* immediate = nullptr;
  K immediateKind = K::None;
  bool needsByteRex = false;  // spl/bpl/sil/dil exist only with a REX prefix
};

Roles rolesFor(const FormInfo& info, const Operand* operands) {
  Roles roles;
  for (int i = 0; i < 3; ++i) {
    const K kind = info.kinds[i];
    const Operand& operand = operands[i];
    if (kind == K::None || kind == K::Cl) continue;
    if (immediateBytes(kind) > 0) {
      roles.immediate = &operand;
      roles.immediateKind = kind;
      continue;
    }
    if (isByteKind(kind) && operand.type == Operand::Type::Gpr && operand.reg >= 4 &&
        operand.reg <= 7)
      roles.needsByteRex = true;
    const bool toRegField = info.modrm == ModR && isRegisterKind(kind);
    if (toRegField || info.modrm == PlusReg)
      roles.regField = operand.reg;
    else
      roles.rm = &operand;
  }
  return roles;
}

}  // namespace

const FormInfo& formInfo(Form form) { return kForms[static_cast<std::size_t>(form)]; }

bool encode(Form form, const Operand* operands, int count, std::vector<std::uint8_t>& out,
            EncodedFields* fields) {
  if (static_cast<std::size_t>(form) >= static_cast<std::size_t>(Form::Count)) return false;
  const FormInfo& info = formInfo(form);
  // Callers with all three operands (the Assembler) are used in place.
  Operand padded[3] = {};
  const Operand* slots = operands;
  if (count < 3) {
    for (int i = 0; i < count; ++i) padded[i] = operands[i];
    slots = padded;
  }
  for (int i = 0; i < 3; ++i)
    if (!operandMatches(info.kinds[i], slots[i])) return false;
  const Roles roles = rolesFor(info, slots);

  // Built in a local buffer (an instruction is at most 15 bytes) and
  // appended once: per-byte push_back dominated code generation time.
  EncodedFields result;
  std::uint8_t bytes[16];
  int n = 0;
  auto put = [&](std::uint8_t byte) { bytes[n++] = byte; };
  auto putLittleEndian = [&](std::uint64_t value, int count) {
    for (int i = 0; i < count; ++i) bytes[n++] = static_cast<std::uint8_t>(value >> (8 * i));
  };
  if (info.prefix) put(info.prefix);

  // REX: 0100WRXB. R extends ModRM.reg, B extends ModRM.rm / SIB.base / +r.
  int rexR = 0, rexB = 0;
  const Operand* rm = roles.rm;
  if (info.modrm == PlusReg) {
    rexB = roles.regField >> 3;
  } else {
    if (roles.regField >= 0) rexR = roles.regField >> 3;
    if (rm && rm->type == Operand::Type::Mem && !rm->memory.ripRelative)
      rexB = static_cast<int>(rm->memory.base) >> 3;
    else if (rm && rm->type != Operand::Type::Mem)
      rexB = rm->reg >> 3;
  }
  const int rex = 0x40 | (info.rexW ? 8 : 0) | (rexR << 2) | rexB;
  if (rex != 0x40 || roles.needsByteRex) put(static_cast<std::uint8_t>(rex));

  for (int i = info.opcodeLength - 1; i >= 0; --i) {
    std::uint8_t byte = static_cast<std::uint8_t>(info.opcode >> (8 * i));
    if (i == 0 && info.modrm == PlusReg)
      byte = static_cast<std::uint8_t>(byte + (roles.regField & 7));
    put(byte);
  }

  if (info.modrm != PlusReg && info.modrm != ModNone) {
    const int reg = info.modrm == ModR ? (roles.regField & 7) : info.modrm;
    if (rm->type != Operand::Type::Mem) {
      put(static_cast<std::uint8_t>(0xC0 | (reg << 3) | (rm->reg & 7)));
    } else if (rm->memory.ripRelative) {
      put(static_cast<std::uint8_t>(0x05 | (reg << 3)));
      result.dispOffset = n;
      putLittleEndian(static_cast<std::uint32_t>(rm->memory.disp), 4);
    } else {
      const int base = static_cast<int>(rm->memory.base) & 7;
      const std::int32_t disp = rm->memory.disp;
      // rbp/r13 as base with mod=00 would mean rip-relative: force a disp8.
      int mod = disp == 0 && base != 5 ? 0 : (disp >= -128 && disp <= 127 ? 1 : 2);
      put(static_cast<std::uint8_t>((mod << 6) | (reg << 3) | base));
      if (base == 4) put(0x24);  // SIB: no index, base rsp/r12
      if (mod == 1) put(static_cast<std::uint8_t>(disp));
      if (mod == 2) putLittleEndian(static_cast<std::uint32_t>(disp), 4);
    }
  }

  if (roles.immediate) {
    const int immediateLength = immediateBytes(roles.immediateKind);
    if (roles.immediateKind == K::Rel32)
      result.rel32Offset = n;
    else
      result.immOffset = n;
    putLittleEndian(static_cast<std::uint64_t>(roles.immediate->imm), immediateLength);
  }
  result.length = n;
  out.insert(out.end(), bytes, bytes + n);
  if (fields) *fields = result;
  return true;
}

EncodedFields Assembler::emit(Form form, Operand a, Operand b, Operand c) {
  const Operand operands[3] = {a, b, c};
  EncodedFields fields;
  const bool ok = encode(form, operands, 3, code_, &fields);
  assert(ok && "operands do not match the instruction form");
  (void)ok;
  return fields;
}

Label Assembler::newLabel() {
  labelOffsets_.push_back(-1);
  return Label{static_cast<int>(labelOffsets_.size() - 1)};
}

void Assembler::bind(Label label) {
  labelOffsets_[static_cast<std::size_t>(label.id)] = static_cast<std::int64_t>(code_.size());
}

void Assembler::branch(Form form, Label label) {
  const std::size_t start = code_.size();
  const EncodedFields fields = emit(form, Operand::immediate(0));
  fixups_.push_back({start + static_cast<std::size_t>(fields.rel32Offset),
                     start + static_cast<std::size_t>(fields.length), label.id});
}

void Assembler::ripRelative(Form form, Operand a, Label label) {
  const std::size_t start = code_.size();
  const EncodedFields fields = emit(form, a, Operand::rip(0));
  fixups_.push_back({start + static_cast<std::size_t>(fields.dispOffset),
                     start + static_cast<std::size_t>(fields.length), label.id});
}

bool Assembler::finish() {
  bool allBound = true;
  for (const Fixup& fixup : fixups_) {
    const std::int64_t target = labelOffsets_[static_cast<std::size_t>(fixup.label)];
    if (target < 0) {
      allBound = false;
      continue;
    }
    const auto rel =
        static_cast<std::uint32_t>(target - static_cast<std::int64_t>(fixup.instructionEnd));
    for (int i = 0; i < 4; ++i)
      code_[fixup.rel32At + i] = static_cast<std::uint8_t>(rel >> (8 * i));
  }
  fixups_.clear();
  return allBound;
}

}  // namespace tide::codegen::x86
