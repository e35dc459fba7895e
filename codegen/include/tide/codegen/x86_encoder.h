// x86-64 machine-code encoder driven by the one form table (x86_forms.def).
// An instruction is a Form plus up to three Operands in Intel order; the
// encoder checks the operands against the row's kinds and writes prefixes,
// REX, opcode, ModRM/SIB, displacement and immediate. The Assembler adds
// labels with rel32 fixups on top. No instruction selection lives here.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tide::codegen::x86 {

enum class Gpr : std::uint8_t {
  rax,
  rcx,
  rdx,
  rbx,
  rsp,
  rbp,
  rsi,
  rdi,
  r8,
  r9,
  r10,
  r11,
  r12,
  r13,
  r14,
  r15
};
enum class Xmm : std::uint8_t {
  xmm0,
  xmm1,
  xmm2,
  xmm3,
  xmm4,
  xmm5,
  xmm6,
  xmm7,
  xmm8,
  xmm9,
  xmm10,
  xmm11,
  xmm12,
  xmm13,
  xmm14,
  xmm15
};

enum class Form : std::uint16_t {
#define X(id, mnemonic, prefix, rexW, length, opcode, modrm, k0, k1, k2) id,
#include "tide/codegen/x86_forms.def"
#undef X
  Count
};

// What an operand slot of a form accepts. RMn is a register or memory of n
// bits, M is memory of no size (lea), X an xmm register, XM64 xmm or m64,
// XR an xmm register in ModRM.rm (register-to-register forms such as movapd).
enum class OperandKind : std::uint8_t {
  None,
  R8,
  R16,
  R32,
  R64,
  RM8,
  RM16,
  RM32,
  RM64,
  M,
  X,
  XM64,
  XR,
  I8,
  I16,
  I32,
  I64,
  Rel32,
  Cl
};

// ModRM shape of a form: /r, /digit (0-7 as a number), none, or +r in the opcode.
enum ModRmShape : int { ModR = -1, ModNone = -2, PlusReg = -3 };

struct FormInfo {
  const char* mnemonic;
  std::uint8_t prefix;  // 0 or 0x66 / 0xF2 / 0xF3
  bool rexW;
  std::uint8_t opcodeLength;
  std::uint32_t opcode;
  int modrm;  // ModRmShape or digit
  OperandKind kinds[3];
};

const FormInfo& formInfo(Form form);

// [base + disp] or, when ripRelative, [rip + disp].
struct Mem {
  Gpr base = Gpr::rax;
  std::int32_t disp = 0;
  bool ripRelative = false;
};

struct Operand {
  enum class Type : std::uint8_t { None, Gpr, Xmm, Mem, Imm };
  Type type = Type::None;
  std::uint8_t reg = 0;  // Gpr or Xmm number
  Mem memory;
  std::int64_t imm = 0;  // immediate, or rel32 displacement

  static Operand gpr(Gpr r) { return {Type::Gpr, static_cast<std::uint8_t>(r), {}, 0}; }
  static Operand xmm(Xmm r) { return {Type::Xmm, static_cast<std::uint8_t>(r), {}, 0}; }
  static Operand mem(Gpr base, std::int32_t disp) { return {Type::Mem, 0, {base, disp, false}, 0}; }
  static Operand rip(std::int32_t disp) { return {Type::Mem, 0, {Gpr::rax, disp, true}, 0}; }
  static Operand immediate(std::int64_t value) { return {Type::Imm, 0, {}, value}; }
};

// Where the variable fields landed, for relocations: offsets from the start
// of the instruction, -1 when absent.
struct EncodedFields {
  int length = 0;
  int dispOffset = -1;   // 4-byte displacement of a rip-relative operand
  int immOffset = -1;    // immediate
  int rel32Offset = -1;  // branch/call displacement
};

// Appends the encoding to `out`. Returns false (and appends nothing) when the
// operands do not match the form's kinds or an immediate does not fit.
bool encode(Form form, const Operand* operands, int count, std::vector<std::uint8_t>& out,
            EncodedFields* fields = nullptr);

// Intel-syntax text of one instruction in LLDB's spelling (normalized
// spacing), e.g. "mov qword ptr [rbp - 0x8], rax". A rel32 operand is shown
// as the absolute target given `address` of the instruction and its length.
std::string formatIntel(Form form, const Operand* operands, int count, std::uint64_t address = 0,
                        int length = 0);

std::string gprName(Gpr reg, int bits);

struct Label {
  int id = -1;
};

// A growing code buffer with labels. Branches to labels are always rel32 so
// an instruction's length never depends on where its label lands.
class Assembler {
 public:
  // Operands by reference: copying three of them per instruction showed.
  EncodedFields emit(Form form, const Operand& a = {}, const Operand& b = {},
                     const Operand& c = {});
  // Pads with int3 (0xCC) up to a multiple of `alignment` bytes.
  void alignWithInt3(std::size_t alignment);
  Label newLabel();
  void bind(Label label);
  // Jcc/JMP/CALL rel32 to a label; patched when the label is bound.
  void branch(Form form, Label label);
  // `form` with operands (a, [rip + label]) - e.g. lea rax, [rip + f] - the
  // displacement patched when the label is bound.
  void ripRelative(Form form, Operand a, Label label);
  // Applies fixups of bound labels; returns false if any label stayed unbound.
  bool finish();
  std::size_t size() const { return used_; }
  // The label's offset, or -1 while unbound.
  std::int64_t labelOffset(Label label) const {
    return labelOffsets_[static_cast<std::size_t>(label.id)];
  }
  // The bytes so far, as a vector the caller may take or extend; trims the
  // slack kept for appending (see code_).
  std::vector<std::uint8_t>& code() {
    code_.resize(used_);
    return code_;
  }
  // The bytes so far, read-only (the slack stays).
  std::span<const std::uint8_t> bytes() const { return {code_.data(), used_}; }

 private:
  struct Fixup {
    std::size_t rel32At;  // offset of the 4-byte field
    std::size_t instructionEnd;
    int label;
  };
  // While emitting, code_ is kept longer than the used_ bytes so that an
  // instruction is encoded straight into place: growing a vector by a few
  // bytes per instruction (push_back, insert or resize) cost as much as
  // encoding it. code() trims the slack.
  std::vector<std::uint8_t> code_;
  std::size_t used_ = 0;
  // Every form emit's straight path does not take (x86_encoder.cpp).
  [[gnu::noinline]] EncodedFields emitGeneral(Form form, const Operand& a, const Operand& b,
                                              const Operand& c);
  std::vector<std::int64_t> labelOffsets_;  // -1 while unbound
  std::vector<Fixup> fixups_;
};

}  // namespace tide::codegen::x86
