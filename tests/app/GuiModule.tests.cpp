// The IDE is a module the `tide` executable loads only when it opens a
// window: headless commands must never map Qt, and opening the IDE must
// either work or say clearly why it cannot.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "shell_command.h"

namespace {

using tide::testing::runShellCommand;

const std::string kTide = std::string(TIDE_BIN_DIR) + "/tide";

}  // namespace

TEST_CASE("the tide executable does not link Qt or LLDB", "[cli][startup]") {
  const tide::testing::ShellOutcome outcome = runShellCommand("ldd " + kTide);
  REQUIRE(outcome.status == 0);
  CHECK(outcome.output.find("libc.so") != std::string::npos);  // ldd really listed it
  CHECK(outcome.output.find("libQt6") == std::string::npos);
  CHECK(outcome.output.find("liblldb") == std::string::npos);
}

TEST_CASE("a headless command maps no Qt library while it runs", "[cli][startup]") {
  // `tide run` of a program that prints its own process's mappings.
  char directory[] = "/tmp/tide-maps-probe-XXXXXX";
  REQUIRE(mkdtemp(directory) != nullptr);
  const std::string source = std::string(directory) + "/maps_probe.toy";
  {
    std::ofstream out(source);
    out << "extern fn system(command: *u8): i32;\n"
           "fn main(): i32 { return system(\"grep -c libQt6 /proc/$PPID/maps\"); }\n";
  }
  const tide::testing::ShellOutcome outcome = runShellCommand(kTide + " run " + source);
  // grep -c prints the number of matching lines of the program's own maps
  // (the forked runner's, which are tide's).
  CHECK(outcome.output == "0\n");
  std::remove(source.c_str());
  rmdir(directory);
}

TEST_CASE("opening the IDE without its module is a clear error", "[cli][startup]") {
  const tide::testing::ShellOutcome outcome =
      runShellCommand("env TIDE_GUI_MODULE=/nonexistent/tide-gui.so " + kTide + " some.toy");
  CHECK(outcome.status == 1);
  CHECK(outcome.output.find("tide: cannot open the IDE") != std::string::npos);
  CHECK(outcome.output.find("/nonexistent/tide-gui.so") != std::string::npos);
}

TEST_CASE("the IDE module is built beside the executable and opens a window", "[cli][startup]") {
  // --quit-after is not a thing: the window runs until killed, so a live
  // process after a second under the offscreen platform means it opened.
  const tide::testing::ShellOutcome outcome =
      runShellCommand("env QT_QPA_PLATFORM=offscreen timeout 2 " + kTide + " " +
                      std::string(TIDE_SOURCE_DIR) + "/resources/examples/sum_squares.toy");
  CHECK(outcome.status == 124);  // killed by timeout, not failed to start
  CHECK(outcome.output.find("cannot open the IDE") == std::string::npos);
}
