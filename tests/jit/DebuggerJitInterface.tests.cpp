// Plain gdb and lldb, given only tide-runner and a gcc-built object, find
// the JIT'd functions and their lines through the GDB JIT interface: a
// breakpoint by name on a function that exists only in the loaded image
// resolves, and the backtrace names the image's functions and source file.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "jit_test_support.h"

namespace {

std::string runShell(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer;
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  pclose(pipe);
  return output;
}

std::string findLldb() {
  const std::string inPath = runShell("command -v lldb");
  if (!inPath.empty() && inPath[0] == '/') return inPath.substr(0, inPath.find('\n'));
  for (int version = 30; version >= 14; --version) {
    const std::string candidate = "/usr/lib/llvm-" + std::to_string(version) + "/bin/lldb";
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return "";
}

}  // namespace

TEST_CASE("gdb resolves a JIT function by name and backtraces through the image") {
  if (runShell("command -v gdb").empty()) {
    WARN("gdb not installed; skipped");
    return;
  }
  const std::string output = runShell(
      "timeout 120 gdb -batch -nx -ex 'set debuginfod enabled off' "
      "-ex 'set breakpoint pending on' -ex 'break bt_leaf' -ex run -ex bt --args " +
      tide::jit::testing::runnerPath() + " " + tide::jit::testing::testObjectPath("crash") +
      " -- segv");
  INFO(output);
  CHECK(output.find("Breakpoint 1, bt_leaf") != std::string::npos);
  CHECK(output.find("in bt_mid") != std::string::npos);
  CHECK(output.find("in bt_root") != std::string::npos);
  CHECK(output.find("crash.c:") != std::string::npos);
}

TEST_CASE("lldb resolves a JIT function by name and backtraces through the image") {
  const std::string lldb = findLldb();
  if (lldb.empty()) {
    WARN("lldb not installed; skipped");
    return;
  }
  const std::string output = runShell("timeout 120 " + lldb +
                                      " -b -o 'settings set plugin.jit-loader.gdb.enable on' "
                                      "-o 'breakpoint set -n bt_leaf' -o run -o bt -- " +
                                      tide::jit::testing::runnerPath() + " " +
                                      tide::jit::testing::testObjectPath("crash") + " -- segv");
  INFO(output);
  CHECK(output.find("`bt_leaf") != std::string::npos);
  CHECK(output.find("`bt_mid") != std::string::npos);
  CHECK(output.find("crash.c:10") != std::string::npos);
}
