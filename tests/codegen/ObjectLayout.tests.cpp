// Object-level guarantees of compileToObject: the frame record prologue of
// spec §9 at every function, symbol binding (Toy functions local, main and
// .export global), and robustness on IR the front end would never produce.
#include <catch2/catch.hpp>

#include <elf.h>

#include <cstring>

#include "codegen_test_support.h"

using namespace tide;
using namespace tide::codegen;
using namespace tide::codegen::testing;

namespace {

const Elf64_Shdr* sectionNamed(const std::vector<std::uint8_t>& bytes, const char* name) {
  const auto* header = reinterpret_cast<const Elf64_Ehdr*>(bytes.data());
  const auto* sections = reinterpret_cast<const Elf64_Shdr*>(bytes.data() + header->e_shoff);
  const char* names =
      reinterpret_cast<const char*>(bytes.data() + sections[header->e_shstrndx].sh_offset);
  for (int i = 0; i < header->e_shnum; ++i)
    if (std::strcmp(names + sections[i].sh_name, name) == 0) return &sections[i];
  return nullptr;
}

ObjectFile compileToy(const std::string& source) {
  core::CompileResult compiled = core::compileSources({{"layout.toy", source}});
  INFO(core::formatDiagnostics(compiled));
  REQUIRE(compiled.ok());
  return compileToObject(*compiled.module);
}

}  // namespace

TEST_CASE("every generated function begins with the frame record: push rbp then mov rbp from rsp",
          "[object]") {
  const ObjectFile object = compileToy(R"(
fn leaf(): i64 { return 1; }
fn @[.export] shown(x: i64): i64 { return x + leaf(); }
fn main(): i32 { return shown(2) as i32; }
)");
  REQUIRE(object.functions.size() == 3);
  const Elf64_Shdr* text = sectionNamed(object.bytes, ".text");
  REQUIRE(text != nullptr);
  CHECK(text->sh_size == object.textSize);
  for (const FunctionPlacement& function : object.functions) {
    INFO(function.name);
    CHECK(function.textOffset % 16 == 0);
    const std::uint8_t* start = object.bytes.data() + text->sh_offset + function.textOffset;
    CHECK(std::vector<std::uint8_t>(start, start + 4) ==
          std::vector<std::uint8_t>{0x55, 0x48, 0x89, 0xE5});
  }
  CHECK_FALSE(object.functions[0].global);
  CHECK(object.functions[1].global);
  CHECK(object.functions[2].global);
  CHECK(object.problems.empty());
}

TEST_CASE("an empty module is a valid object with no code", "[object]") {
  ir::Module module;
  const ObjectFile object = compileToObject(module);
  CHECK(object.textSize == 0);
  const std::string path = writeScratchFile("empty.o", object.bytes);
  const CommandResult readelf = runCommand("readelf -a -W " + path);
  CHECK(readelf.status == 0);
  CHECK_FALSE(mentionsWarning(readelf.output));
}

TEST_CASE("IR the front end never makes is reported and trapped, not crashed on", "[object]") {
  ir::Module module;
  module.files.push_back("broken.toy");
  ir::Function function;
  function.name = "main";
  function.exported = true;
  function.type = module.types.function({}, ir::TypeTable::kI32);
  function.result = ir::TypeTable::kI32;
  const ir::BlockId block = function.addBlock("entry");
  ir::Instr call;
  call.op = ir::Opcode::Call;  // no callee type, no such function
  call.index = 99;
  function.append(block, call);
  ir::Instr element;
  element.op = ir::Opcode::ElementAddr;  // no array type
  function.append(block, element);
  ir::Instr ret;
  ret.op = ir::Opcode::Ret;
  ret.operand[0] = 1234;  // no such value
  function.append(block, ret);
  module.functions.push_back(function);
  const ObjectFile object = compileToObject(module);
  CHECK(object.problems.size() == 2);
  CHECK(object.textSize > 0);
}
