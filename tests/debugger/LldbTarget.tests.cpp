// LLDB works from our process: launch a program the project built, stop at
// a breakpoint by name, read a register, kill it; and the lldb-server path
// is found without the user's help.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "tide/debugger/lldb_target.h"

using namespace std::chrono_literals;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;
using tide::debugger::LldbTarget;
using tide::debugger::TargetEvent;

namespace {
const std::string kSmokeProgram = std::string(TIDE_BIN_DIR) + "/debuggee_lldb_smoke";

const TargetEvent& resumeToStop(LldbTarget& target) {
  REQUIRE(target.resume());
  static tide::debugger::TargetEvents events;
  events = target.waitForStop(30s);
  REQUIRE(tide::debugger::lastStopOrExit(events) != nullptr);
  return *tide::debugger::lastStopOrExit(events);
}
}  // namespace

TEST_CASE("LLDB launches a program, stops at a breakpoint by name and reads a register", "[lldb]") {
  LldbTarget target;
  std::string error;
  REQUIRE(target.launch(kSmokeProgram, {}, &error));
  REQUIRE(target.isAlive());

  const auto breakpoint = target.setBreakpointByName("tide_smoke_stop_here");
  REQUIRE(breakpoint.has_value());

  const TargetEvent& stop = resumeToStop(target);
  REQUIRE(std::holds_alternative<BreakpointStop>(stop));
  // System V: the first integer argument arrives in rdi.
  const auto rdi = target.readRegister("rdi");
  REQUIRE(rdi.has_value());
  CHECK(*rdi == 0x1234);
  const auto rip = target.readRegister("rip");
  REQUIRE(rip.has_value());
  CHECK(*rip == std::get<BreakpointStop>(stop).pc);

  CHECK(target.kill());
  CHECK_FALSE(target.isAlive());
}

TEST_CASE("LLDB reports the program's exit status", "[lldb]") {
  LldbTarget target;
  std::string error;
  REQUIRE(target.launch(kSmokeProgram, {}, &error));
  const TargetEvent& stop = resumeToStop(target);
  REQUIRE(std::holds_alternative<ExitEvent>(stop));
  CHECK(std::get<ExitEvent>(stop).status == 0);
}

TEST_CASE("a breakpoint on a missing function is refused, not pending forever", "[lldb]") {
  LldbTarget target;
  std::string error;
  REQUIRE(target.launch(kSmokeProgram, {}, &error));
  CHECK_FALSE(target.setBreakpointByName("no_such_function_anywhere").has_value());
}

TEST_CASE("the program sets LLDB_DEBUGSERVER_PATH when it is unset", "[lldb]") {
  unsetenv("LLDB_DEBUGSERVER_PATH");
  tide::debugger::ensureDebugServerPath();
  const char* path = std::getenv("LLDB_DEBUGSERVER_PATH");
  REQUIRE(path != nullptr);
  CHECK(std::string(path).find("lldb-server") != std::string::npos);

  setenv("LLDB_DEBUGSERVER_PATH", "/custom/lldb-server", 1);
  tide::debugger::ensureDebugServerPath();
  CHECK(std::string(std::getenv("LLDB_DEBUGSERVER_PATH")) == "/custom/lldb-server");
  tide::debugger::ensureDebugServerPath();
  unsetenv("LLDB_DEBUGSERVER_PATH");
  tide::debugger::ensureDebugServerPath();
}
