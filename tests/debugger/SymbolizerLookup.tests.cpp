// The symbolizer against the system tools on gcc output: function + offset
// for addresses taken from `nm`, file:line:column agreeing with
// llvm-symbolizer, return addresses looked up at pc - 1, FILE:LINE to
// is_stmt addresses, and relocatable objects placed by a section map.
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "DwarfTestSupport.h"
#include "tide/debugger/symbolizer.h"

using namespace tide::debugger;
using namespace tide::dwarf_tests;

namespace {

// Line numbers matter to the tests below; keep them in sync.
const char* const kProgram = R"(#include <stdlib.h>
static volatile int sink;

void record(int value) {
  sink = value;
}

void finish(void) {
  record(7);
}

// A comment line: no code on lines 12-13.

int twice(int value) {
  return value * 2;
}

int main(int argc, char** argv) {
  (void)argv;
  int result = twice(argc);
  finish();
  return result - 2;
}
)";

constexpr std::uint32_t kRecordCallLine = 9;  // `record(7);` in finish
constexpr std::uint32_t kFinishCloseLine = 10;
constexpr std::uint32_t kCommentLine = 12;
constexpr std::uint32_t kTwiceOpenLine = 14;

std::string buildProgram(const std::string& flags, const std::string& output) {
  const auto directory = workDirectory("symbolizer-" + output);
  std::string path = compileC(directory, "program", kProgram, flags, output);
  REQUIRE_FALSE(path.empty());
  return path;
}

Symbolizer symbolizerFor(const std::string& path, const SectionAddressMap* map = nullptr) {
  auto symbolizer = Symbolizer::fromPath(path, map);
  if (!symbolizer) FAIL(symbolizer.error().text());
  return std::move(*symbolizer);
}

// llvm-symbolizer's "file:line:column" for each address.
std::vector<std::string> referenceLocations(const std::string& path,
                                            const std::vector<std::uint64_t>& addresses) {
  std::string command = "/usr/lib/llvm-19/bin/llvm-symbolizer --no-inlines --obj='" + path + "'";
  for (auto address : addresses) command += " " + std::to_string(address);
  auto result = runCommand(command);
  REQUIRE(result.status == 0);
  std::vector<std::string> locations;
  std::istringstream lines(result.output);
  std::string function, location, blank;
  while (std::getline(lines, function) && std::getline(lines, location)) {
    locations.push_back(location);
    std::getline(lines, blank);
  }
  return locations;
}

// The address after `call ... <callee>` inside `caller`, from objdump.
std::uint64_t returnAddressOfCall(const std::string& path, const std::string& caller,
                                  const std::string& callee) {
  auto disassembly = runCommand("objdump -d --no-show-raw-insn '" + path + "'");
  std::istringstream lines(disassembly.output);
  bool inCaller = false, sawCall = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("<" + caller + ">:") != std::string::npos)
      inCaller = true;
    else if (line.find(">:") != std::string::npos)
      inCaller = false;
    if (!inCaller) continue;
    if (sawCall) return std::stoull(line, nullptr, 16);
    sawCall = line.find("call") != std::string::npos &&
              line.find("<" + callee + ">") != std::string::npos;
  }
  return 0;
}

}  // namespace

TEST_CASE("Addresses symbolize to the nm function plus offset", "[symbolizer]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O0", "-g -O2", "-g -O0 -c");
  INFO(flags);
  const std::string path = buildProgram(flags, flags.ends_with("-c") ? "program.o" : "program");
  const Symbolizer symbolizer = symbolizerFor(path);
  for (const auto& [name, address] : nmFunctions(path)) {
    if (name.starts_with("_") || name == "frame_dummy" ||
        name.find("tm_clones") != std::string::npos)
      continue;  // C runtime start files: no DWARF, their symbols still name them
    INFO(name);
    for (std::uint64_t offset : {0, 1, 3}) {
      const SymbolizedAddress symbolized = symbolizer.symbolize(address + offset);
      CHECK(symbolized.function == name);
      CHECK(symbolized.offset == offset);
      CHECK(symbolized.functionStart == address);
    }
  }
}

TEST_CASE("File, line and column agree with llvm-symbolizer", "[symbolizer]") {
  const std::string flags = GENERATE(as<std::string>(), "-g -O0", "-g -O2", "-g -gdwarf-4 -O0");
  INFO(flags);
  const std::string path = buildProgram(flags, "program");
  const Symbolizer symbolizer = symbolizerFor(path);
  std::vector<std::uint64_t> addresses;
  for (const auto& [name, start] : nmFunctions(path)) {
    const DebugFunction* function = symbolizer.functionNamed(name);
    if (!function) continue;
    for (std::uint64_t address = function->lowPc; address < function->highPc; ++address)
      addresses.push_back(address);
  }
  REQUIRE(addresses.size() > 20);
  const auto expected = referenceLocations(path, addresses);
  REQUIRE(expected.size() == addresses.size());
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    INFO("address " << addresses[i]);
    auto location = symbolizer.sourceLocation(addresses[i]);
    REQUIRE(location);
    CHECK(location->file + ":" + std::to_string(location->line) + ":" +
              std::to_string(location->column) ==
          expected[i]);
  }
}

TEST_CASE("A return address is looked up at pc - 1 but keeps its own offset", "[symbolizer]") {
  const std::string path = buildProgram("-g -O0", "program");
  const Symbolizer symbolizer = symbolizerFor(path);
  const std::uint64_t returnAddress = returnAddressOfCall(path, "finish", "record");
  REQUIRE(returnAddress != 0);
  const auto asReturn = symbolizer.symbolize(returnAddress, AddressKind::ReturnAddress);
  REQUIRE(asReturn.location);
  CHECK(asReturn.function == "finish");
  CHECK(asReturn.location->line == kRecordCallLine);
  CHECK(asReturn.offset == returnAddress - *symbolizer.functionAddress("finish"));
  // Taken as an exact pc it is the next instruction: the closing brace.
  const auto exact = symbolizer.symbolize(returnAddress);
  REQUIRE(exact.location);
  CHECK(exact.location->line == kFinishCloseLine);
  CHECK(asReturn.text().starts_with("finish+0x"));
  CHECK(asReturn.text().ends_with("program.c:9:3"));
}

TEST_CASE("FILE:LINE gives the is_stmt addresses, or the next line with code", "[symbolizer]") {
  const std::string path = buildProgram("-g -O0", "program");
  const Symbolizer symbolizer = symbolizerFor(path);
  auto dump = runCommand(std::string(kLlvmDwarfdump) + " --debug-line '" + path + "'");
  std::set<std::uint64_t> expectedRecordCall, expectedTwiceOpen;
  for (const auto& [address, line, column, isStmt, endSequence] : llvmLineRows(dump.output)) {
    if (!isStmt || endSequence) continue;
    if (line == kRecordCallLine) expectedRecordCall.insert(address);
    if (line == kTwiceOpenLine) expectedTwiceOpen.insert(address);
  }
  REQUIRE_FALSE(expectedRecordCall.empty());
  const auto recordCall = symbolizer.addressesForLocation("program.c:9");
  CHECK(std::set<std::uint64_t>(recordCall.begin(), recordCall.end()) == expectedRecordCall);
  // Full paths work too; a line without code moves to the next one that has.
  const std::string fullPath = std::filesystem::path(path).parent_path() / "program.c";
  const auto comment = symbolizer.addressesForLine(fullPath, kCommentLine);
  CHECK(std::set<std::uint64_t>(comment.begin(), comment.end()) == expectedTwiceOpen);
  CHECK(symbolizer.lineWithCode("program.c", kCommentLine) == kTwiceOpenLine);
  CHECK(symbolizer.addressesForLocation("other.c:9").empty());
  CHECK(symbolizer.addressesForLocation("ogram.c:9").empty());  // a path boundary is required
  CHECK(symbolizer.addressesForLocation("program.c:500").empty());
  CHECK(symbolizer.addressesForLocation("program.c").empty());
  CHECK(symbolizer.addressesForLocation("program.c:x").empty());
}

TEST_CASE("Functions are found by name from DWARF or the symbol table", "[symbolizer]") {
  const std::string path = buildProgram("-g -O0", "program");
  const Symbolizer symbolizer = symbolizerFor(path);
  std::map<std::string, std::uint64_t> nm;
  for (const auto& [name, address] : nmFunctions(path)) nm[name] = address;
  REQUIRE(symbolizer.functionNamed("twice"));
  CHECK(symbolizer.functionNamed("twice")->lowPc == nm.at("twice"));
  CHECK(symbolizer.functionAddress("main") == nm.at("main"));
  CHECK(symbolizer.functionAddress("_start") == nm.at("_start"));  // no DWARF: the ELF symbol
  CHECK(symbolizer.functionNamed("missing") == nullptr);
  CHECK_FALSE(symbolizer.functionAddress("missing"));
}

TEST_CASE("A relocatable object is placed by a section address map", "[symbolizer]") {
  const std::string path = buildProgram("-g -O0 -ffunction-sections -c", "program.o");
  auto file = ElfFile::fromPath(path);
  REQUIRE(file.ok());
  SectionAddressMap map;
  for (const auto& section : file->sections()) {
    if (section.name == ".text.twice") map[section.index] = 0x10000;
    if (section.name == ".text.main") map[section.index] = 0x20000;
  }
  REQUIRE(map.size() == 2);
  auto placed = Symbolizer::fromElf(*file, &map);
  REQUIRE(placed.ok());
  const auto twice = placed->symbolize(0x10004);
  CHECK(twice.function == "twice");
  CHECK(twice.offset == 4);
  REQUIRE(twice.location);
  CHECK(twice.location->line == kTwiceOpenLine);
  CHECK(placed->functionAddress("main") == 0x20000);
  CHECK(placed->symbolize(0x20000).location->line == 18);
  // Unplaced, every section sits at its sh_addr 0 in an object.
  const Symbolizer unplaced = symbolizerFor(path);
  CHECK(unplaced.functionAddress("main") == 0);
}

TEST_CASE("Runtime addresses translate to image addresses only inside the image", "[symbolizer]") {
  CHECK(imageAddressFrom(0x7f0000001234, 0x7f0000000000, 0x2000) == 0x1234);
  CHECK(imageAddressFrom(0x7f0000000000, 0x7f0000000000, 0x2000) == 0);  // the base itself is 0
  CHECK(imageAddressFrom(0x7f0000002000, 0x7f0000000000, 0x2000) == 0);  // one past the end
  CHECK(imageAddressFrom(0x7f0000001fff, 0x7f0000000000, 0x2000) == 0x1fff);
  CHECK(imageAddressFrom(0x1000, 0x7f0000000000, 0x2000) == 0);  // below the base
  CHECK(imageAddressFrom(~std::uint64_t{0}, ~std::uint64_t{0} - 4, 0x100) == 4);
}

TEST_CASE("FILE:LINE parsing splits at the last colon", "[symbolizer]") {
  CHECK(parseFileLine("a.toy:12") == std::make_pair(std::string("a.toy"), 12u));
  CHECK(parseFileLine("C:/dir/a.toy:3") == std::make_pair(std::string("C:/dir/a.toy"), 3u));
  CHECK_FALSE(parseFileLine("a.toy"));
  CHECK_FALSE(parseFileLine("a.toy:"));
  CHECK_FALSE(parseFileLine(":4"));
  CHECK_FALSE(parseFileLine("a.toy:0"));
  CHECK_FALSE(parseFileLine("a.toy:4x"));
}
