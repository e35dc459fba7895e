// Encoder over the form table. The layout of every instruction is
//   [prefix] [REX] opcode... [ModRM [SIB] [disp8|disp32]] [imm|rel32]
// with the two ModRM special cases of the SDM (Table 2-2, 2-3): rm=100
// (rsp/r12) means "SIB follows", and mod=00 rm=101 (rbp/r13) means
// "rip + disp32", so those bases get a SIB byte / an explicit disp8 of 0.
#include "tide/codegen/x86_encoder.h"

#include <algorithm>
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

constexpr bool isRegisterKind(K kind) {
  return kind == K::R8 || kind == K::R16 || kind == K::R32 || kind == K::R64 || kind == K::X;
}
constexpr bool isByteKind(K kind) { return kind == K::R8 || kind == K::RM8; }

constexpr int immediateBytes(K kind) {
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

// Which operand slot plays which role in a form's encoding, and which
// operand types each slot accepts: derived once from the form table at
// compile time, so encoding an instruction does no per-kind classification
// (that classification was most of the encoder's cost).
struct Plan {
  std::uint8_t accepts[3] = {};  // bit (1 << Operand::Type) set when allowed
  std::int8_t regSlot = -1;      // operand in ModRM.reg (or +r in the opcode)
  std::int8_t rmSlot = -1;       // operand in ModRM.rm
  std::int8_t immSlot = -1;      // immediate or rel32
  std::uint8_t immBytes = 0;
  K immKind = K::None;
  std::uint8_t byteSlots = 0;  // slots of byte kinds: spl/bpl/sil/dil need a REX
  std::uint8_t clSlots = 0;    // slots that must hold cl
  // No prefix, a one-byte opcode, ModRM with a register in .reg and a
  // register or [base + disp] in .rm, no immediate, no byte registers: the
  // shape of most instructions code generation emits (Assembler::emit).
  bool plainModR = false;
};

constexpr std::uint8_t typeBit(Operand::Type type) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(type));
}

constexpr std::uint8_t acceptedTypes(K kind) {
  using T = Operand::Type;
  switch (kind) {
    case K::None: return typeBit(T::None);
    case K::Cl:
    case K::R8:
    case K::R16:
    case K::R32:
    case K::R64: return typeBit(T::Gpr);
    case K::RM8:
    case K::RM16:
    case K::RM32:
    case K::RM64: return typeBit(T::Gpr) | typeBit(T::Mem);
    case K::M: return typeBit(T::Mem);
    case K::X:
    case K::XR: return typeBit(T::Xmm);
    case K::XM64: return typeBit(T::Xmm) | typeBit(T::Mem);
    case K::I8:
    case K::I16:
    case K::I32:
    case K::I64:
    case K::Rel32: return typeBit(T::Imm);
  }
  return 0;
}

// The register number that goes into ModRM.reg (or the +r opcode), and the
// operand that goes into ModRM.rm, chosen by kind as the SDM's operand
// encoding tables do: a pure register kind is "reg", an r/m kind is "rm".
// A later slot of the same role wins, as it always has.
constexpr Plan planFor(const FormInfo& info) {
  Plan plan;
  for (int i = 0; i < 3; ++i) {
    const K kind = info.kinds[i];
    plan.accepts[i] = acceptedTypes(kind);
    if (kind == K::Cl) plan.clSlots |= static_cast<std::uint8_t>(1u << i);
    if (kind == K::None || kind == K::Cl) continue;
    if (immediateBytes(kind) > 0) {
      plan.immSlot = static_cast<std::int8_t>(i);
      plan.immBytes = static_cast<std::uint8_t>(immediateBytes(kind));
      plan.immKind = kind;
      continue;
    }
    if (isByteKind(kind)) plan.byteSlots |= static_cast<std::uint8_t>(1u << i);
    const bool toRegField = info.modrm == ModR && isRegisterKind(kind);
    if (toRegField || info.modrm == PlusReg)
      plan.regSlot = static_cast<std::int8_t>(i);
    else
      plan.rmSlot = static_cast<std::int8_t>(i);
  }
  plan.plainModR = info.modrm == ModR && info.prefix == 0 && info.opcodeLength == 1 &&
                   plan.immSlot < 0 && plan.clSlots == 0 && plan.byteSlots == 0 &&
                   plan.regSlot >= 0 && plan.rmSlot >= 0;
  return plan;
}

struct PlanTable {
  Plan plans[sizeof kForms / sizeof kForms[0]];
  constexpr PlanTable() {
    for (std::size_t f = 0; f < sizeof kForms / sizeof kForms[0]; ++f)
      plans[f] = planFor(kForms[f]);
  }
};
constexpr PlanTable kPlans;

// ModRM for `reg` (3 bits: a register's low bits or a /digit) and an rm that
// is a register or [base + disp] (not rip-relative), then the SIB byte and
// displacement that base needs. Writes at `out`; returns the byte count.
[[gnu::always_inline]] inline int putModRm(std::uint8_t* out, int reg, const Operand& rm) {
  if (rm.type != Operand::Type::Mem) {
    out[0] = static_cast<std::uint8_t>(0xC0 | (reg << 3) | (rm.reg & 7));
    return 1;
  }
  const int base = static_cast<int>(rm.memory.base) & 7;
  const std::int32_t disp = rm.memory.disp;
  // rbp/r13 as base with mod=00 would mean rip-relative: force a disp8.
  const int mod = disp == 0 && base != 5 ? 0 : (disp >= -128 && disp <= 127 ? 1 : 2);
  int n = 0;
  out[n++] = static_cast<std::uint8_t>((mod << 6) | (reg << 3) | base);
  if (base == 4) out[n++] = 0x24;  // SIB: no index, base rsp/r12
  if (mod == 1) out[n++] = static_cast<std::uint8_t>(disp);
  if (mod == 2) {
    const auto value = static_cast<std::uint32_t>(disp);
    for (int i = 0; i < 4; ++i) out[n++] = static_cast<std::uint8_t>(value >> (8 * i));
  }
  return n;
}

// Encodes into `bytes` (an instruction is at most 15 bytes); returns the
// length, or 0 when the operands do not match the form. Always inlined into
// its two callers: as a call it passed the slots through memory and saved
// registers for every instruction emitted.
[[gnu::always_inline]] inline int encodeInto(Form form, const Operand* const slots[3],
                                             std::uint8_t* bytes, EncodedFields& result) {
  const FormInfo& info = kForms[static_cast<std::size_t>(form)];
  const Plan& plan = kPlans.plans[static_cast<std::size_t>(form)];
  // One test for all three slots instead of a loop with three exits.
  const unsigned accepted = (plan.accepts[0] >> static_cast<unsigned>(slots[0]->type)) &
                            (plan.accepts[1] >> static_cast<unsigned>(slots[1]->type)) &
                            (plan.accepts[2] >> static_cast<unsigned>(slots[2]->type));
  if (!(accepted & 1u)) return 0;
  if (plan.clSlots)
    for (int i = 0; i < 3; ++i)
      if (((plan.clSlots >> i) & 1u) && slots[i]->reg != static_cast<int>(Gpr::rcx)) return 0;
  const Operand* immediate = plan.immSlot >= 0 ? slots[plan.immSlot] : nullptr;
  if (immediate && !immediateFits(plan.immKind, immediate->imm)) return 0;
  bool needsByteRex = false;
  if (plan.byteSlots)
    for (int i = 0; i < 3; ++i) {
      const Operand& operand = *slots[i];
      if (((plan.byteSlots >> i) & 1u) && operand.type == Operand::Type::Gpr && operand.reg >= 4 &&
          operand.reg <= 7)
        needsByteRex = true;
    }
  const int regField = plan.regSlot >= 0 ? slots[plan.regSlot]->reg : -1;
  const Operand* rm = plan.rmSlot >= 0 ? slots[plan.rmSlot] : nullptr;

  int n = 0;
  auto put = [&](std::uint8_t byte) { bytes[n++] = byte; };
  // Straight-line stores per width: the byte loop with a run-time count
  // was a visible share of the encoder.
  auto put32 = [&](std::uint32_t value) {
    bytes[n] = static_cast<std::uint8_t>(value);
    bytes[n + 1] = static_cast<std::uint8_t>(value >> 8);
    bytes[n + 2] = static_cast<std::uint8_t>(value >> 16);
    bytes[n + 3] = static_cast<std::uint8_t>(value >> 24);
    n += 4;
  };
  auto putLittleEndian = [&](std::uint64_t value, int count) {
    switch (count) {
      case 1: put(static_cast<std::uint8_t>(value)); break;
      case 2:
        put(static_cast<std::uint8_t>(value));
        put(static_cast<std::uint8_t>(value >> 8));
        break;
      case 4: put32(static_cast<std::uint32_t>(value)); break;
      default:
        put32(static_cast<std::uint32_t>(value));
        put32(static_cast<std::uint32_t>(value >> 32));
        break;
    }
  };
  if (info.prefix) put(info.prefix);

  // REX: 0100WRXB. R extends ModRM.reg, B extends ModRM.rm / SIB.base / +r.
  int rexR = 0, rexB = 0;
  if (info.modrm == PlusReg) {
    rexB = regField >> 3;
  } else {
    if (regField >= 0) rexR = regField >> 3;
    if (rm && rm->type == Operand::Type::Mem && !rm->memory.ripRelative)
      rexB = static_cast<int>(rm->memory.base) >> 3;
    else if (rm && rm->type != Operand::Type::Mem)
      rexB = rm->reg >> 3;
  }
  const int rex = 0x40 | (info.rexW ? 8 : 0) | (rexR << 2) | rexB;
  if (rex != 0x40 || needsByteRex) put(static_cast<std::uint8_t>(rex));

  for (int i = info.opcodeLength - 1; i > 0; --i)
    put(static_cast<std::uint8_t>(info.opcode >> (8 * i)));
  std::uint8_t last = static_cast<std::uint8_t>(info.opcode);
  if (info.modrm == PlusReg) last = static_cast<std::uint8_t>(last + (regField & 7));
  put(last);

  if (info.modrm != PlusReg && info.modrm != ModNone) {
    const int reg = info.modrm == ModR ? (regField & 7) : info.modrm;
    if (rm->type == Operand::Type::Mem && rm->memory.ripRelative) {
      put(static_cast<std::uint8_t>(0x05 | (reg << 3)));
      result.dispOffset = n;
      put32(static_cast<std::uint32_t>(rm->memory.disp));
    } else {
      n += putModRm(bytes + n, reg, *rm);
    }
  }

  if (immediate) {
    if (plan.immKind == K::Rel32)
      result.rel32Offset = n;
    else
      result.immOffset = n;
    putLittleEndian(static_cast<std::uint64_t>(immediate->imm), plan.immBytes);
  }
  result.length = n;
  return n;
}

// Appends a short run of bytes. Growing by resize value-initializes through
// an out-of-line call and a range insert calls memmove; with the capacity
// made sure of first, push_back is a compare and a store per byte.
void append(std::vector<std::uint8_t>& out, const std::uint8_t* bytes, int n) {
  if (out.capacity() - out.size() < 16) out.reserve(std::max<std::size_t>(2 * out.capacity(), 256));
  for (int i = 0; i < n; ++i) out.push_back(bytes[i]);
}

}  // namespace

const FormInfo& formInfo(Form form) { return kForms[static_cast<std::size_t>(form)]; }

bool encode(Form form, const Operand* operands, int count, std::vector<std::uint8_t>& out,
            EncodedFields* fields) {
  if (static_cast<std::size_t>(form) >= static_cast<std::size_t>(Form::Count)) return false;
  static const Operand kAbsent{};
  const Operand* slots[3] = {&kAbsent, &kAbsent, &kAbsent};
  for (int i = 0; i < count && i < 3; ++i) slots[i] = &operands[i];
  EncodedFields result;
  std::uint8_t bytes[16];
  const int n = encodeInto(form, slots, bytes, result);
  if (n == 0) return false;
  append(out, bytes, n);
  if (fields) *fields = result;
  return true;
}

EncodedFields Assembler::emit(Form form, const Operand& a, const Operand& b, const Operand& c) {
  const Operand* slots[3] = {&a, &b, &c};
  EncodedFields fields;
  // Room for the longest instruction; grown into the reserved capacity
  // first, and by doubling after that.
  if (code_.size() - used_ < 16) code_.resize(std::max<std::size_t>(code_.capacity(), used_ + 16));
  // Loads, stores, moves and register arithmetic (three in four of the
  // instructions of the 100,000-line benchmark) take this straight path;
  // it writes exactly the bytes encodeInto would. (encodeInto's tests for
  // every part cost ~165 instructions per emitted instruction.)
  const Plan& plan = kPlans.plans[static_cast<std::size_t>(form)];
  if (plan.plainModR) {
    const Operand& reg = *slots[plan.regSlot];
    const Operand& rm = *slots[plan.rmSlot];
    const unsigned accepted = (plan.accepts[0] >> static_cast<unsigned>(a.type)) &
                              (plan.accepts[1] >> static_cast<unsigned>(b.type)) &
                              (plan.accepts[2] >> static_cast<unsigned>(c.type));
    const bool memory = rm.type == Operand::Type::Mem;
    if ((accepted & 1u) && !(memory && rm.memory.ripRelative)) {
      const FormInfo& info = kForms[static_cast<std::size_t>(form)];
      std::uint8_t* const out = code_.data() + used_;
      const int rmNumber = memory ? static_cast<int>(rm.memory.base) : rm.reg;
      const int rex = 0x40 | (info.rexW ? 8 : 0) | ((reg.reg >> 3) << 2) | (rmNumber >> 3);
      int n = 0;
      if (rex != 0x40) out[n++] = static_cast<std::uint8_t>(rex);
      out[n++] = static_cast<std::uint8_t>(info.opcode);
      n += putModRm(out + n, reg.reg & 7, rm);
      used_ += static_cast<std::size_t>(n);
      fields.length = n;
      return fields;
    }
  }
  return emitGeneral(form, a, b, c);
}

// Out of line, so that emit's straight path saves no registers for it.
EncodedFields Assembler::emitGeneral(Form form, const Operand& a, const Operand& b,
                                     const Operand& c) {
  const Operand* slots[3] = {&a, &b, &c};
  EncodedFields fields;
  const int n = encodeInto(form, slots, code_.data() + used_, fields);
  assert(n > 0 && "operands do not match the instruction form");
  used_ += static_cast<std::size_t>(n);
  return fields;
}

void Assembler::alignWithInt3(std::size_t alignment) {
  const std::size_t padding = (alignment - used_ % alignment) % alignment;
  if (code_.size() - used_ < padding) code_.resize(used_ + padding);
  std::fill_n(code_.begin() + static_cast<std::ptrdiff_t>(used_), padding, std::uint8_t{0xCC});
  used_ += padding;
}

Label Assembler::newLabel() {
  labelOffsets_.push_back(-1);
  return Label{static_cast<int>(labelOffsets_.size() - 1)};
}

void Assembler::bind(Label label) {
  labelOffsets_[static_cast<std::size_t>(label.id)] = static_cast<std::int64_t>(used_);
}

void Assembler::branch(Form form, Label label) {
  const std::size_t start = used_;
  const EncodedFields fields = emit(form, Operand::immediate(0));
  fixups_.push_back({start + static_cast<std::size_t>(fields.rel32Offset),
                     start + static_cast<std::size_t>(fields.length), label.id});
}

void Assembler::ripRelative(Form form, Operand a, Label label) {
  const std::size_t start = used_;
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
