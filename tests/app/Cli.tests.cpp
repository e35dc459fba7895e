// The headless commands of the tide executable, run as a user runs them:
// without a display.
#include <catch2/catch.hpp>

#include <string>

#include "shell_command.h"

namespace {

using Outcome = tide::testing::ShellOutcome;

Outcome runTide(const std::string& arguments) {
  // An empty DISPLAY and no platform override prove the commands need no display.
  const std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " +
                              std::string(TIDE_BIN_DIR) + "/tide " + arguments;
  return tide::testing::runShellCommand(command);
}

}  // namespace

TEST_CASE("tide --version prints the version without a display", "[cli]") {
  const Outcome outcome = runTide("--version");
  CHECK(outcome.status == 0);
  CHECK(outcome.output.rfind("tide ", 0) == 0);
}

TEST_CASE("tide --help lists every command, one line each", "[cli]") {
  const Outcome outcome = runTide("--help");
  CHECK(outcome.status == 0);
  CHECK(outcome.output.find("--version") != std::string::npos);
  CHECK(outcome.output.find("--help") != std::string::npos);
}

TEST_CASE("an unknown option is a usage error with exit status 2", "[cli]") {
  const Outcome outcome = runTide("--no-such-option");
  CHECK(outcome.status == 2);
  CHECK(outcome.output.find("unknown option") != std::string::npos);
}
