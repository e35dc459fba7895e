// The x86-64 encoder against an independent disassembler (LLDB's): every row
// of the form table is encoded with a spread of operands (r8-r15, the
// rsp/rbp/r12/r13 bases, disp8/disp32, negative displacements, rip-relative,
// immediates at the edges of their fields) and each instruction's LLDB text
// must equal the encoder's own Intel rendering of what it meant to encode.
#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

#include "tide/codegen/x86_encoder.h"
#include "tide/debugger/disassembler.h"

using namespace tide::codegen::x86;
using tide::debugger::disassembleX86_64;
using tide::debugger::normalizeInstructionText;

namespace {

std::vector<Operand> gprSamples() {
  return {Operand::gpr(Gpr::rax), Operand::gpr(Gpr::rsi), Operand::gpr(Gpr::r9),
          Operand::gpr(Gpr::r15), Operand::gpr(Gpr::rsp), Operand::gpr(Gpr::r12),
          Operand::gpr(Gpr::rbp), Operand::gpr(Gpr::r13), Operand::gpr(Gpr::rdi)};
}

std::vector<Operand> memorySamples() {
  return {
      Operand::mem(Gpr::rbp, -8), Operand::mem(Gpr::rsp, 0x10),   Operand::mem(Gpr::r12, 0),
      Operand::mem(Gpr::r13, 0),  Operand::mem(Gpr::rax, 0x1000), Operand::mem(Gpr::r15, -0x200),
      Operand::rip(0x40),         Operand::mem(Gpr::rbx, 0),      Operand::mem(Gpr::rbp, -0x80),
      Operand::mem(Gpr::r11, 127)};
}

std::vector<Operand> samplesFor(OperandKind kind) {
  using K = OperandKind;
  std::vector<Operand> samples;
  auto add = [&](const std::vector<Operand>& more) {
    samples.insert(samples.end(), more.begin(), more.end());
  };
  switch (kind) {
    case K::None: return {Operand{}};
    case K::Cl: return {Operand::gpr(Gpr::rcx)};
    case K::R8:
    case K::R16:
    case K::R32:
    case K::R64: return gprSamples();
    case K::RM8:
    case K::RM16:
    case K::RM32:
    case K::RM64:
      add(gprSamples());
      add(memorySamples());
      return samples;
    case K::M: return memorySamples();
    case K::X:
      return {Operand::xmm(Xmm::xmm0), Operand::xmm(Xmm::xmm7), Operand::xmm(Xmm::xmm8),
              Operand::xmm(Xmm::xmm15), Operand::xmm(Xmm::xmm3)};
    case K::XR:
      return {Operand::xmm(Xmm::xmm2), Operand::xmm(Xmm::xmm10), Operand::xmm(Xmm::xmm15)};
    case K::XM64:
      add({Operand::xmm(Xmm::xmm1), Operand::xmm(Xmm::xmm9), Operand::xmm(Xmm::xmm14)});
      add(memorySamples());
      return samples;
    case K::I8:
      return {Operand::immediate(1), Operand::immediate(0x7f), Operand::immediate(-1),
              Operand::immediate(-128)};
    case K::I16: return {Operand::immediate(0x1234), Operand::immediate(-2)};
    case K::I32:
      return {Operand::immediate(0x12345678), Operand::immediate(-16), Operand::immediate(5),
              Operand::immediate(INT32_MIN)};
    case K::I64:
      return {Operand::immediate(0x123456789abcdef0), Operand::immediate(-3),
              Operand::immediate(INT64_MIN)};
    case K::Rel32:
      return {Operand::immediate(0x10), Operand::immediate(-0x20), Operand::immediate(0x12345)};
  }
  return {};
}

// The samples of each of the form's three operand slots.
std::array<std::vector<Operand>, 3> samplesOf(Form form) {
  const FormInfo& info = formInfo(form);
  return {samplesFor(info.kinds[0]), samplesFor(info.kinds[1]), samplesFor(info.kinds[2])};
}

}  // namespace

TEST_CASE("every instruction form encodes to what LLDB disassembles", "[encoder]") {
  int checked = 0;
  for (int formIndex = 0; formIndex < static_cast<int>(Form::Count); ++formIndex) {
    const Form form = static_cast<Form>(formIndex);
    const FormInfo& info = formInfo(form);
    const std::array<std::vector<Operand>, 3> samples = samplesOf(form);
    std::size_t variants = 1;
    for (const std::vector<Operand>& slot : samples) variants = std::max(variants, slot.size());
    for (std::size_t v = 0; v < variants; ++v) {
      // Offsetting the slots differently pairs each sample with several others.
      Operand operands[3];
      for (int i = 0; i < 3; ++i)
        operands[i] = samples[i][(v + static_cast<std::size_t>(i) * 3) % samples[i].size()];
      std::vector<std::uint8_t> bytes;
      EncodedFields fields;
      REQUIRE(encode(form, operands, 3, bytes, &fields));
      const std::uint64_t address = 0x1000;
      const std::string expected = formatIntel(form, operands, 3, address, fields.length);
      const auto lines = disassembleX86_64(bytes, address);
      INFO("form " << info.mnemonic << " #" << formIndex << " variant " << v << ": " << expected);
      REQUIRE(lines.size() == 1);
      CHECK(normalizeInstructionText(lines[0]) == expected);
      ++checked;
    }
  }
  CHECK(checked > 500);
}

TEST_CASE("operands that do not fit the form are refused, not encoded", "[encoder]") {
  std::vector<std::uint8_t> bytes;
  Operand wrong[2] = {Operand::gpr(Gpr::rax), Operand::immediate(0x1234)};
  CHECK_FALSE(encode(Form::ADD_RM64_I8, wrong, 2, bytes));
  Operand memoryForLea[2] = {Operand::gpr(Gpr::rax), Operand::gpr(Gpr::rbx)};
  CHECK_FALSE(encode(Form::LEA_R64_M, memoryForLea, 2, bytes));
  Operand notCl[2] = {Operand::gpr(Gpr::rax), Operand::gpr(Gpr::rdx)};
  CHECK_FALSE(encode(Form::SHL_RM64_CL, notCl, 2, bytes));
  CHECK(bytes.empty());
}

TEST_CASE("the special ModRM bases get their SIB byte or explicit displacement", "[encoder]") {
  auto bytesOf = [](Form form, Operand a, Operand b) {
    std::vector<std::uint8_t> out;
    Operand operands[2] = {a, b};
    REQUIRE(encode(form, operands, 2, out));
    return out;
  };
  // mov rax, [rsp] = 48 8B 04 24; mov rax, [rbp] = 48 8B 45 00; mov rax, [r13] = 49 8B 45 00
  CHECK(bytesOf(Form::MOV_R64_RM64, Operand::gpr(Gpr::rax), Operand::mem(Gpr::rsp, 0)) ==
        std::vector<std::uint8_t>{0x48, 0x8B, 0x04, 0x24});
  CHECK(bytesOf(Form::MOV_R64_RM64, Operand::gpr(Gpr::rax), Operand::mem(Gpr::rbp, 0)) ==
        std::vector<std::uint8_t>{0x48, 0x8B, 0x45, 0x00});
  CHECK(bytesOf(Form::MOV_R64_RM64, Operand::gpr(Gpr::rax), Operand::mem(Gpr::r13, 0)) ==
        std::vector<std::uint8_t>{0x49, 0x8B, 0x45, 0x00});
  // mov sil, al needs a bare REX (40 88 C6), else it would be dh.
  CHECK(bytesOf(Form::MOV_RM8_R8, Operand::gpr(Gpr::rsi), Operand::gpr(Gpr::rax)) ==
        std::vector<std::uint8_t>{0x40, 0x88, 0xC6});
}

TEST_CASE("labels patch forward and backward rel32 branches", "[encoder]") {
  Assembler assembler;
  Label top = assembler.newLabel();
  Label end = assembler.newLabel();
  assembler.bind(top);
  assembler.branch(Form::JE, end);
  assembler.emit(Form::INT3);
  assembler.branch(Form::JMP_REL32, top);
  assembler.bind(end);
  assembler.emit(Form::RET);
  REQUIRE(assembler.finish());
  const auto lines = disassembleX86_64(assembler.code(), 0x400);
  REQUIRE(lines.size() == 4);
  CHECK(normalizeInstructionText(lines[0]) == "je 0x40c");
  CHECK(normalizeInstructionText(lines[2]) == "jmp 0x400");
  Assembler unbound;
  unbound.branch(Form::JMP_REL32, unbound.newLabel());
  CHECK_FALSE(unbound.finish());
}

// Assembler::emit has a straight path of its own for the common ModRM forms;
// it must write exactly what encode() writes (the path checked against LLDB
// above), for every form and every pairing of the operand samples.
TEST_CASE("Assembler::emit writes exactly encode()'s bytes for every form", "[encoder]") {
  int checked = 0;
  for (int formIndex = 0; formIndex < static_cast<int>(Form::Count); ++formIndex) {
    const Form form = static_cast<Form>(formIndex);
    const std::array<std::vector<Operand>, 3> samples = samplesOf(form);
    for (const Operand& a : samples[0])
      for (const Operand& b : samples[1])
        for (const Operand& c : samples[2]) {
          const Operand operands[3] = {a, b, c};
          std::vector<std::uint8_t> expected;
          EncodedFields expectedFields;
          REQUIRE(encode(form, operands, 3, expected, &expectedFields));
          Assembler assembler;
          const EncodedFields fields = assembler.emit(form, a, b, c);
          const std::vector<std::uint8_t> bytes(assembler.bytes().begin(), assembler.bytes().end());
          INFO("form " << formInfo(form).mnemonic << " #" << formIndex);
          CHECK(bytes == expected);
          CHECK(fields.length == expectedFields.length);
          CHECK(fields.dispOffset == expectedFields.dispOffset);
          CHECK(fields.immOffset == expectedFields.immOffset);
          CHECK(fields.rel32Offset == expectedFields.rel32Offset);
          ++checked;
        }
  }
  CHECK(checked > 5000);
}

TEST_CASE("alignWithInt3 pads with int3 to the next multiple, and not when aligned", "[encoder]") {
  Assembler assembler;
  assembler.alignWithInt3(16);
  CHECK(assembler.size() == 0);
  assembler.emit(Form::PUSH_R64, Operand::gpr(Gpr::rbp));  // 1 byte
  assembler.alignWithInt3(16);
  REQUIRE(assembler.size() == 16);
  for (std::size_t i = 1; i < 16; ++i) CHECK(assembler.bytes()[i] == 0xCC);
  assembler.alignWithInt3(16);
  CHECK(assembler.size() == 16);
  assembler.emit(Form::RET);
  assembler.alignWithInt3(8);
  CHECK(assembler.size() == 24);
}
