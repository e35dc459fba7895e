// Shared by the Dwarf*, Elf* and Symbolizer* tests: compile C at test time
// with the system gcc, run the reference tools (llvm-dwarfdump, nm), and
// parse their text output, so our readers are checked against independent
// producers and consumers rather than against themselves.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace tide::dwarf_tests {

inline const char* const kLlvmDwarfdump = "/usr/lib/llvm-19/bin/llvm-dwarfdump";

struct CommandResult {
  int status = -1;
  std::string output;  // stdout only
};

inline CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), got);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A fresh directory under the build tree for one test's files; per process,
// since ctest -j runs test cases of the same file side by side.
inline std::filesystem::path workDirectory(const std::string& name) {
  auto directory =
      std::filesystem::path(TIDE_BINARY_DIR) / "dwarf-test-work" / std::to_string(getpid()) / name;
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

inline void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// gcc `flags` on `source` (written to DIRECTORY/NAME.c) into `output`;
// returns the output path, or "" when gcc failed.
inline std::string compileC(const std::filesystem::path& directory, const std::string& name,
                            const std::string& source, const std::string& flags,
                            const std::string& output) {
  const auto sourcePath = directory / (name + ".c");
  writeFile(sourcePath, source);
  const auto outputPath = directory / output;
  const std::string command = "cd '" + directory.string() + "' && gcc " + flags + " '" +
                              sourcePath.string() + "' -o '" + outputPath.string() + "' 2>&1";
  return runCommand(command).status == 0 ? outputPath.string() : std::string();
}

inline std::vector<std::uint8_t> readBytes(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

// The part of a line-table row both tools must agree on.
using RowKey = std::tuple<std::uint64_t, std::uint32_t, std::uint32_t, bool, bool>;

// Rows of `llvm-dwarfdump --debug-line` text: the lines that start with
// "0x" inside a table.
inline std::vector<RowKey> llvmLineRows(const std::string& dumpText) {
  std::vector<RowKey> rows;
  std::istringstream lines(dumpText);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("0x", 0) != 0) continue;
    std::istringstream fields(line);
    std::string address;
    std::uint32_t lineNumber = 0, column = 0;
    fields >> address >> lineNumber >> column;
    rows.emplace_back(std::stoull(address, nullptr, 16), lineNumber, column,
                      line.find(" is_stmt") != std::string::npos,
                      line.find(" end_sequence") != std::string::npos);
  }
  return rows;
}

// Function symbols from `nm --defined-only`: name -> address.
inline std::vector<std::pair<std::string, std::uint64_t>> nmFunctions(const std::string& path) {
  std::vector<std::pair<std::string, std::uint64_t>> functions;
  std::istringstream lines(runCommand("nm --defined-only '" + path + "'").output);
  std::string address, kind, name;
  while (lines >> address >> kind >> name)
    if (kind == "T" || kind == "t") functions.emplace_back(name, std::stoull(address, nullptr, 16));
  return functions;
}

}  // namespace tide::dwarf_tests
