// Intel-syntax text of encoded forms, spelled as LLVM's Intel printer does
// with hex immediates (what LLDB shows): "qword ptr [rbp - 0x8]". Used by the
// encoder tests (compared with LLDB's disassembly) and by assembly dumps.
#include <cstdio>

#include "tide/codegen/x86_encoder.h"
#include "tide/core/hex_text.h"

namespace tide::codegen::x86 {

namespace {

using K = OperandKind;

using core::hex;

std::string signedHex(std::int64_t value) {
  return value < 0 ? "-" + hex(0 - static_cast<std::uint64_t>(value))
                   : hex(static_cast<std::uint64_t>(value));
}

int immediateBitsOf(K kind) {
  switch (kind) {
    case K::I8: return 8;
    case K::I16: return 16;
    case K::I32: return 32;
    default: return 64;
  }
}

int kindBits(K kind) {
  switch (kind) {
    case K::R8:
    case K::RM8:
    case K::I8: return 8;
    case K::R16:
    case K::RM16:
    case K::I16: return 16;
    case K::R32:
    case K::RM32:
    case K::I32: return 32;
    default: return 64;
  }
}

const char* sizeWord(K kind) {
  switch (kind) {
    case K::RM8: return "byte ptr ";
    case K::RM16: return "word ptr ";
    case K::RM32: return "dword ptr ";
    case K::RM64:
    case K::XM64: return "qword ptr ";
    default: return "";
  }
}

std::string memoryText(K kind, const Mem& mem) {
  std::string text = sizeWord(kind);
  text += "[";
  text += mem.ripRelative ? "rip" : gprName(mem.base, 64);
  if (mem.disp > 0) text += " + " + hex(static_cast<std::uint64_t>(mem.disp));
  if (mem.disp < 0)
    text += " - " + hex(0 - static_cast<std::uint64_t>(static_cast<std::int64_t>(mem.disp)));
  return text + "]";
}

// An immediate as LLVM's disassembler shows it (measured against LLDB): an
// imm8 sign-extended and signed, except shift counts (unsigned 8-bit); an
// imm16/imm32 of a 16/32-bit operation unsigned in that width; an imm32 of a
// 64-bit operation sign-extended and signed.
std::string immediateText(K kind, int operandBits, bool isShift, std::int64_t value) {
  const int bits = immediateBitsOf(kind);
  const std::uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  const std::uint64_t raw = static_cast<std::uint64_t>(value) & mask;
  if (isShift) return hex(raw);
  std::uint64_t extended = raw;
  if (bits < 64 && (raw >> (bits - 1))) extended |= ~mask;
  if (bits > 8 && operandBits < 64) return hex(raw);
  return signedHex(static_cast<std::int64_t>(extended));
}

}  // namespace

std::string gprName(Gpr reg, int bits) {
  static const char* const names64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                        "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
  static const char* const names32[] = {"eax",  "ecx",  "edx",  "ebx", "esp",  "ebp",
                                        "esi",  "edi",  "r8d",  "r9d", "r10d", "r11d",
                                        "r12d", "r13d", "r14d", "r15d"};
  static const char* const names16[] = {"ax",   "cx",   "dx",   "bx",  "sp",   "bp",
                                        "si",   "di",   "r8w",  "r9w", "r10w", "r11w",
                                        "r12w", "r13w", "r14w", "r15w"};
  static const char* const names8[] = {"al",   "cl",   "dl",   "bl",  "spl",  "bpl",
                                       "sil",  "dil",  "r8b",  "r9b", "r10b", "r11b",
                                       "r12b", "r13b", "r14b", "r15b"};
  const auto index = static_cast<std::size_t>(reg) & 15;
  switch (bits) {
    case 8: return names8[index];
    case 16: return names16[index];
    case 32: return names32[index];
    default: return names64[index];
  }
}

std::string formatIntel(Form form, const Operand* operands, int count, std::uint64_t address,
                        int length) {
  const FormInfo& info = formInfo(form);
  std::string text = info.mnemonic;
  int operandBits = 64;
  for (const K kind : info.kinds)
    if (kind != K::None && kind != K::Cl && kind != K::M && kind != K::X && kind != K::XM64 &&
        kind != K::XR && kind != K::I8 && kind != K::I16 && kind != K::I32 && kind != K::I64 &&
        kind != K::Rel32) {
      operandBits = kindBits(kind);
      break;
    }
  bool first = true;
  for (int i = 0; i < 3 && i < count; ++i) {
    const K kind = info.kinds[i];
    if (kind == K::None) break;
    const Operand& operand = operands[i];
    text += first ? " " : ", ";
    first = false;
    if (kind == K::Cl) {
      text += "cl";
    } else if (kind == K::Rel32) {
      text += hex(address + static_cast<std::uint64_t>(length) +
                  static_cast<std::uint64_t>(operand.imm));
    } else if (kind == K::I8 || kind == K::I16 || kind == K::I32 || kind == K::I64) {
      const std::string mnemonic = info.mnemonic;
      const bool isShift = mnemonic == "shl" || mnemonic == "shr" || mnemonic == "sar";
      text += immediateText(kind, operandBits, isShift, operand.imm);
    } else if (operand.type == Operand::Type::Mem) {
      text += memoryText(kind, operand.memory);
    } else if (operand.type == Operand::Type::Xmm) {
      text += "xmm" + std::to_string(operand.reg);
    } else {
      text += gprName(static_cast<Gpr>(operand.reg), kindBits(kind));
    }
  }
  return text;
}

}  // namespace tide::codegen::x86
