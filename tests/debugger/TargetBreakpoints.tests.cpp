// Breakpoints by name and by address over a loop of five calls: every hit
// is reported with its id and pc, hit counts add up, the arguments are in
// the System V registers, and a cleared breakpoint is no longer hit.
#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;

TEST_CASE("a breakpoint by name stops on every call of a loop with the arguments in rdi and rsi",
          "[target][breakpoint]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  const auto id = target.setBreakpointByName("tide_target_tick");
  REQUIRE(id.has_value());

  std::uint64_t firstPc = 0;
  for (long index = 0; index < 5; ++index) {
    const BreakpointStop stop = resumeUntil<BreakpointStop>(target);
    CHECK(stop.breakpointId == *id);
    if (index == 0) firstPc = stop.pc;
    CHECK(stop.pc == firstPc);
    CHECK(target.readRegister("rip") == stop.pc);
    CHECK(target.readRegister("rdi") == static_cast<std::uint64_t>(index));
    CHECK(target.readRegister("rsi") == static_cast<std::uint64_t>(2 * index));
    CHECK(target.breakpointHitCount(*id) == static_cast<std::uint32_t>(index + 1));
  }
  CHECK(resumeUntil<ExitEvent>(target).status == 7);
  CHECK(target.state() == LldbTarget::State::Exited);
}

TEST_CASE("a breakpoint at a function's address stops there, and clearing it lets the loop run",
          "[target][breakpoint]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  const auto address = target.symbolAddress("tide_target_tick");
  REQUIRE(address.has_value());
  const auto id = target.setBreakpointAtAddress(*address);
  REQUIRE(id.has_value());

  for (int hit = 1; hit <= 2; ++hit) {
    const BreakpointStop stop = resumeUntil<BreakpointStop>(target);
    CHECK(stop.breakpointId == *id);
    CHECK(stop.pc == *address);
    CHECK(target.breakpointHitCount(*id) == static_cast<std::uint32_t>(hit));
  }
  REQUIRE(target.clearBreakpoint(*id));
  CHECK_FALSE(target.breakpointHitCount(*id).has_value());
  CHECK(resumeUntil<ExitEvent>(target).status == 7);
}

TEST_CASE("two breakpoints are told apart by their ids", "[target][breakpoint]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  const auto tick = target.setBreakpointByName("tide_target_tick");
  const auto check = target.setBreakpointByName("tide_target_check_global");
  REQUIRE(tick.has_value());
  REQUIRE(check.has_value());
  CHECK(*tick != *check);
  for (int hit = 0; hit < 5; ++hit)
    CHECK(resumeUntil<BreakpointStop>(target).breakpointId == *tick);
  CHECK(resumeUntil<BreakpointStop>(target).breakpointId == *check);
  CHECK(resumeUntil<ExitEvent>(target).status == 7);
}

TEST_CASE("a breakpoint on a name with no function is refused with a message",
          "[target][breakpoint]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  CHECK_FALSE(target.setBreakpointByName("tide_no_such_function").has_value());
  CHECK(target.lastError().find("tide_no_such_function") != std::string::npos);
  CHECK_FALSE(target.symbolAddress("tide_no_such_function").has_value());
}
