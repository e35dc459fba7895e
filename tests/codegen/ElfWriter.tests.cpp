// The ELF64 writer on a hand-assembled object: readelf and objdump read it
// without a warning, and the system linker turns it into a program that runs
// (a PLT32 call to puts, PC32 references to .rodata/.data/.bss, an absolute
// R_X86_64_64 pointer in .data, a local function called from global main).
#include <catch2/catch.hpp>

#include <elf.h>

#include <cstring>

#include "codegen_test_support.h"
#include "tide/codegen/elf_writer.h"
#include "tide/codegen/x86_encoder.h"

using namespace tide::codegen;
using namespace tide::codegen::x86;
using namespace tide::codegen::testing;

namespace {

// main: push rbp; mov rbp,rsp; mov rdi,[rip+pointer]; call puts; call helper;
//       mov [rip+counter], eax; mov eax,[rip+counter]; pop rbp; ret
// helper: mov eax, 42; ret
ElfObject handWrittenProgram() {
  ElfObject object;
  object.sourceFileName = "hand.toy";
  ElfSection text{".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16, 0, {}, 0, {}};
  ElfSection rodata{".rodata", SHT_PROGBITS, SHF_ALLOC, 1, 0, {}, 0, {}};
  ElfSection data{".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8, 0, {}, 0, {}};
  ElfSection bss{".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 4, 0, {}, 4, {}};
  ElfSection note{".note.GNU-stack", SHT_PROGBITS, 0, 1, 0, {}, 0, {}};
  const std::string message = "hello from an ELF writer";
  rodata.bytes.assign(message.begin(), message.end());
  rodata.bytes.push_back(0);
  data.bytes.assign(8, 0);
  const int textIndex = object.addSection(text);
  const int rodataIndex = object.addSection(rodata);
  const int dataIndex = object.addSection(data);
  const int bssIndex = object.addSection(bss);
  object.addSection(note);
  object.sections[dataIndex].relocations.push_back(
      {0, R_X86_64_64, static_cast<std::uint32_t>(rodataIndex), true, 0});

  const std::uint32_t puts = object.addSymbol({"puts", true, STT_NOTYPE, -1, 0, 0});
  Assembler code;
  auto& relocations = object.sections[textIndex].relocations;
  auto pcRelative = [&](EncodedFields fields, std::size_t start, std::uint32_t target, bool section,
                        std::uint32_t type) {
    const auto at = start + static_cast<std::size_t>(fields.dispOffset >= 0 ? fields.dispOffset
                                                                            : fields.rel32Offset);
    const std::int64_t tail = static_cast<std::int64_t>(start + fields.length - at);
    relocations.push_back({at, type, target, section, -tail});
  };
  code.emit(Form::PUSH_R64, Operand::gpr(Gpr::rbp));
  code.emit(Form::MOV_R64_RM64, Operand::gpr(Gpr::rbp), Operand::gpr(Gpr::rsp));
  std::size_t start = code.size();
  pcRelative(code.emit(Form::MOV_R64_RM64, Operand::gpr(Gpr::rdi), Operand::rip(0)), start,
             static_cast<std::uint32_t>(dataIndex), true, R_X86_64_PC32);
  start = code.size();
  pcRelative(code.emit(Form::CALL_REL32, Operand::immediate(0)), start, puts, false,
             R_X86_64_PLT32);
  Label helper = code.newLabel();
  code.branch(Form::CALL_REL32, helper);
  start = code.size();
  pcRelative(code.emit(Form::MOV_RM32_R32, Operand::rip(0), Operand::gpr(Gpr::rax)), start,
             static_cast<std::uint32_t>(bssIndex), true, R_X86_64_PC32);
  start = code.size();
  pcRelative(code.emit(Form::MOV_R32_RM32, Operand::gpr(Gpr::rax), Operand::rip(0)), start,
             static_cast<std::uint32_t>(bssIndex), true, R_X86_64_PC32);
  code.emit(Form::POP_R64, Operand::gpr(Gpr::rbp));
  code.emit(Form::RET);
  const std::size_t mainSize = code.size();
  code.bind(helper);
  code.emit(Form::MOV_R32_I32, Operand::gpr(Gpr::rax), Operand::immediate(42));
  code.emit(Form::RET);
  REQUIRE(code.finish());
  object.sections[textIndex].bytes = code.code();
  object.addSymbol({"helper", false, STT_FUNC, textIndex, mainSize, code.size() - mainSize});
  object.addSymbol({"main", true, STT_FUNC, textIndex, 0, mainSize});
  return object;
}

}  // namespace

TEST_CASE("a written object reads cleanly in readelf and objdump and links into a program",
          "[elf]") {
  const auto bytes = writeElfObject(handWrittenProgram());
  REQUIRE(bytes.size() > sizeof(Elf64_Ehdr));
  CHECK(std::memcmp(bytes.data(), ELFMAG, SELFMAG) == 0);
  const std::string object = writeScratchFile("hand.o", bytes);

  const CommandResult readelf = runCommand("readelf -a -W " + object);
  CHECK(readelf.status == 0);
  CHECK_FALSE(mentionsWarning(readelf.output));
  CHECK(readelf.output.find("R_X86_64_PLT32") != std::string::npos);
  CHECK(readelf.output.find("R_X86_64_64") != std::string::npos);
  CHECK(readelf.output.find("LOCAL  DEFAULT    1 helper") != std::string::npos);
  CHECK(readelf.output.find("GLOBAL DEFAULT    1 main") != std::string::npos);
  CHECK(readelf.output.find("UND puts") != std::string::npos);

  const CommandResult objdump = runCommand("objdump -d " + object);
  CHECK(objdump.status == 0);
  CHECK_FALSE(mentionsWarning(objdump.output));
  CHECK(objdump.output.find("<helper>:") != std::string::npos);

  const std::string program = scratchDirectory() + "/hand";
  const CommandResult link = runCommand("cc -o " + program + " " + object);
  INFO(link.output);
  REQUIRE(link.status == 0);
  const CommandResult run = runCommand(program);
  CHECK(run.status == 42);
  CHECK(run.output == "hello from an ELF writer\n");
}

TEST_CASE("absolute relocations also store their addend in place", "[elf]") {
  ElfObject object;
  ElfSection text{".text",
                  SHT_PROGBITS,
                  SHF_ALLOC | SHF_EXECINSTR,
                  16,
                  0,
                  std::vector<std::uint8_t>(32, 0x90),
                  0,
                  {}};
  ElfSection info{".debug_info", SHT_PROGBITS, 0, 1, 0, std::vector<std::uint8_t>(12, 0), 0, {}};
  object.addSection(text);
  info.relocations.push_back({0, R_X86_64_64, 0, true, 0x18});
  info.relocations.push_back({8, R_X86_64_32, 0, true, 0x7});
  const int infoIndex = object.addSection(info);
  (void)infoIndex;
  const auto bytes = writeElfObject(object);
  const auto* header = reinterpret_cast<const Elf64_Ehdr*>(bytes.data());
  const auto* sections = reinterpret_cast<const Elf64_Shdr*>(bytes.data() + header->e_shoff);
  const std::uint8_t* debugInfo = bytes.data() + sections[2].sh_offset;
  std::uint64_t address = 0;
  std::uint32_t offset = 0;
  std::memcpy(&address, debugInfo, 8);
  std::memcpy(&offset, debugInfo + 8, 4);
  CHECK(address == 0x18);
  CHECK(offset == 0x7);
}
