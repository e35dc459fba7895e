// Subprograms, parameters, locals, scopes and types read from gcc -O0
// objects (DWARF 5 and 4). ABI-fixed facts (struct member offsets, sizes,
// type spellings) are asserted directly; frame-base offsets, which are gcc's
// choice, are compared with what llvm-dwarfdump prints for the same DIE.
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "DwarfTestSupport.h"
#include "tide/codegen/dwarf_constants.h"
#include "tide/debugger/debug_info.h"
#include "tide/debugger/dwarf_info.h"
#include "tide/debugger/elf_file.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

const char* const kProgram = R"(struct point { int x; int y; char name[10]; double weight; };
typedef struct point point_t;
typedef int (*binary_fn)(int, int);
static int counter;
long table[3][4];

int add(int a, int b) {
  int sum = a + b;
  {
    int doubled = sum * 2;
    counter += doubled;
  }
  return sum;
}

int apply(binary_fn fn, const char* label, point_t* where) {
  unsigned char flags = (unsigned char)label[0];
  return fn(where->x, where->y) + flags;
}

int main(void) {
  point_t p = {1, 2, "hi", 0.5};
  const char* message = "x";
  return apply(add, message, &p);
}
)";

struct Fixture {
  std::string path;
  DebugInfo info;
};

Fixture buildFixture(const std::string& flags) {
  const auto directory = workDirectory("debug-info");
  Fixture fixture;
  fixture.path = compileC(directory, "program", kProgram, flags, "program.o");
  REQUIRE_FALSE(fixture.path.empty());
  auto file = ElfFile::fromPath(fixture.path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto info = buildDebugInfo(*sections);
  if (!info) FAIL(info.error().text());
  fixture.info = std::move(*info);
  return fixture;
}

// name -> DW_AT_location text of every variable/parameter DIE in
// llvm-dwarfdump's --debug-info output.
std::map<std::string, std::string> referenceLocations(const std::string& path) {
  auto dump = runCommand(std::string(kLlvmDwarfdump) + " --debug-info '" + path + "'");
  REQUIRE(dump.status == 0);
  std::map<std::string, std::string> locations;
  const std::regex name(R"re(DW_AT_name\s+\("([^"]*)"\))re");
  const std::regex location(R"re(DW_AT_location\s+\((DW_OP_[^)]*)\))re");
  std::istringstream lines(dump.output);
  std::string current;
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (line.find("DW_TAG_") != std::string::npos) current.clear();
    if (std::regex_search(line, match, name)) current = match[1];
    if (std::regex_search(line, match, location) && !current.empty()) locations[current] = match[1];
  }
  return locations;
}

const DebugVariable* findVariable(const std::vector<DebugVariable>& variables,
                                  const std::string& name) {
  for (const auto& variable : variables)
    if (variable.name == name) return &variable;
  return nullptr;
}

}  // namespace

TEST_CASE("Subprograms have names, ranges, frame bases and declaration lines", "[dwarf][info]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O0 -c", "-g -gdwarf-4 -O0 -c");
  INFO(flags);
  const Fixture fixture = buildFixture(flags);
  const DebugInfo& info = fixture.info;
  REQUIRE(info.functions.size() == 3);
  // Sorted by address: gcc emits them in source order at -O0.
  CHECK(info.functions[0].name == "add");
  CHECK(info.functions[1].name == "apply");
  CHECK(info.functions[2].name == "main");
  const DebugFunction* add = info.functionNamed("add");
  REQUIRE(add);
  CHECK(add->lowPc == 0);
  CHECK(add->highPc > add->lowPc);
  CHECK(add->declLine == 7);
  CHECK(add->declFilePath.ends_with("program.c"));
  CHECK(add->isExternal);
  CHECK(info.typeName(add->returnType) == "int");
  REQUIRE(add->frameBase.size() == 1);
  CHECK(add->frameBase[0].opcode == tide::dwarf::DW_OP_call_frame_cfa);
  CHECK(info.functions[1].lowPc == add->highPc);
  CHECK(info.functionContaining(add->highPc - 1) == add);
  CHECK(info.functionContaining(info.functions[2].highPc) == nullptr);
}

TEST_CASE("Parameters and locals have types and frame-base locations like llvm-dwarfdump's",
          "[dwarf][info]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O0 -c", "-g -gdwarf-4 -O0 -c");
  INFO(flags);
  const Fixture fixture = buildFixture(flags);
  const DebugInfo& info = fixture.info;
  const auto reference = referenceLocations(fixture.path);

  const DebugFunction* add = info.functionNamed("add");
  REQUIRE(add);
  REQUIRE(add->parameters.size() == 2);
  CHECK(add->parameters[0].name == "a");
  CHECK(add->parameters[1].name == "b");
  CHECK(add->parameters[0].isParameter);
  const DebugVariable* sum = findVariable(add->body.variables, "sum");
  REQUIRE(sum);
  CHECK(info.typeName(sum->type) == "int");
  CHECK(sum->declLine == 8);
  // The inner block is a scope of its own with `doubled`.
  REQUIRE(add->body.scopes.size() == 1);
  const DebugScope& block = add->body.scopes[0];
  const DebugVariable* doubled = findVariable(block.variables, "doubled");
  REQUIRE(doubled);
  REQUIRE_FALSE(block.ranges.empty());
  CHECK(add->contains(block.ranges[0].low));
  const auto visibleInBlock = info.variablesAt(*add, block.ranges[0].low);
  REQUIRE(visibleInBlock.size() == 4);
  CHECK(visibleInBlock[0]->name == "doubled");
  CHECK(info.variablesAt(*add, add->lowPc).size() == 3);

  for (const DebugVariable* variable : {&add->parameters[0], &add->parameters[1], sum, doubled}) {
    INFO(variable->name);
    auto location = simpleLocationOf(variable->location);
    REQUIRE(location);
    CHECK(location->kind == SimpleLocation::Kind::FrameBaseOffset);
    CHECK(describeExpression(variable->location) == reference.at(variable->name));
  }

  const DebugFunction* apply = info.functionNamed("apply");
  REQUIRE(apply);
  REQUIRE(apply->parameters.size() == 3);
  CHECK(info.typeName(apply->parameters[0].type) == "binary_fn");
  CHECK(info.typeName(info.type(apply->parameters[0].type)->target) == "int (*)(int, int)");
  CHECK(info.typeName(apply->parameters[1].type) == "const char*");
  CHECK(info.typeName(apply->parameters[2].type) == "point_t*");
  const DebugVariable* flagsVariable = findVariable(apply->body.variables, "flags");
  REQUIRE(flagsVariable);
  CHECK(info.typeName(flagsVariable->type) == "unsigned char");
  for (const auto& parameter : apply->parameters)
    CHECK(describeExpression(parameter.location) == reference.at(parameter.name));

  const DebugFunction* main = info.functionNamed("main");
  REQUIRE(main);
  CHECK(main->parameters.empty());
  const DebugVariable* message = findVariable(main->body.variables, "message");
  REQUIRE(message);
  CHECK(describeExpression(message->location) == reference.at("message"));
}

TEST_CASE("Struct, array, typedef and global variable types are read", "[dwarf][info]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O0 -c", "-g -gdwarf-4 -O0 -c");
  INFO(flags);
  const Fixture fixture = buildFixture(flags);
  const DebugInfo& info = fixture.info;
  const DebugFunction* main = info.functionNamed("main");
  REQUIRE(main);
  const DebugVariable* p = findVariable(main->body.variables, "p");
  REQUIRE(p);
  CHECK(info.typeName(p->type) == "point_t");
  const DebugType* point = info.resolvedType(p->type);
  REQUIRE(point);
  CHECK(point->kind == TypeKind::Structure);
  CHECK(point->name == "point");
  CHECK(point->byteSize == 32);  // name ends at 18, weight aligns to 24
  REQUIRE(point->members.size() == 4);
  const std::vector<std::tuple<std::string, std::string, std::uint64_t>> expected = {
      {"x", "int", 0}, {"y", "int", 4}, {"name", "char[10]", 8}, {"weight", "double", 24}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(point->members[i].name == std::get<0>(expected[i]));
    CHECK(info.typeName(point->members[i].type) == std::get<1>(expected[i]));
    CHECK(point->members[i].byteOffset == std::get<2>(expected[i]));
  }
  const DebugType* name = info.type(point->members[2].type);
  REQUIRE(name);
  CHECK(name->kind == TypeKind::Array);
  CHECK(name->arrayCounts == std::vector<std::uint64_t>{10});

  const DebugVariable* counter = findVariable(info.globals, "counter");
  REQUIRE(counter);
  auto counterLocation = simpleLocationOf(counter->location);
  REQUIRE(counterLocation);
  CHECK(counterLocation->kind == SimpleLocation::Kind::Address);
  const DebugVariable* table = findVariable(info.globals, "table");
  REQUIRE(table);
  CHECK(info.typeName(table->type) == "long int[3][4]");
  const DebugType* base = info.resolvedType(counter->type);
  REQUIRE(base);
  CHECK(base->kind == TypeKind::Base);
  CHECK(base->encoding == tide::dwarf::DW_ATE_signed);
  CHECK(base->byteSize == 4);
}

TEST_CASE("Optimized gcc output (ranges, location lists, abstract origins) is read",
          "[dwarf][info]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O2 -c", "-g -gdwarf-4 -O2 -c");
  INFO(flags);
  const Fixture fixture = buildFixture(flags);
  // Every function nm lists is a DWARF function starting at the same address.
  for (const auto& [name, address] : nmFunctions(fixture.path)) {
    INFO(name);
    const DebugFunction* function = fixture.info.functionNamed(name);
    REQUIRE(function);
    CHECK(function->lowPc == address);
  }
  const DebugFunction* apply = fixture.info.functionNamed("apply");
  REQUIRE(apply);
  REQUIRE(apply->parameters.size() == 3);
  CHECK(apply->parameters[1].name == "label");
}

TEST_CASE("Compile unit headers of DWARF 5 and 4 are read", "[dwarf][info]") {
  const auto [flags, version] =
      GENERATE(table<std::string, int>({{"-g -O0 -c", 5}, {"-g -gdwarf-4 -O0 -c", 4}}));
  const auto directory = workDirectory("unit-header");
  const std::string path = compileC(directory, "program", kProgram, flags, "program.o");
  REQUIRE_FALSE(path.empty());
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  auto sections = loadDwarfSections(*file);
  REQUIRE(sections.ok());
  auto units = parseCompileUnits(*sections);
  REQUIRE(units.ok());
  REQUIRE(units->size() == 1);
  const CompileUnit& unit = units->front();
  CHECK(unit.header.version == version);
  CHECK(unit.header.addressSize == 8);
  CHECK(unit.header.unitType == tide::dwarf::DW_UT_compile);
  CHECK(unit.root.tag == tide::dwarf::DW_TAG_compile_unit);
  CHECK(unit.root.stringValue(tide::dwarf::DW_AT_name).ends_with("program.c"));
  CHECK(unit.root.stringValue(tide::dwarf::DW_AT_producer).find("GNU C") == 0);
}
