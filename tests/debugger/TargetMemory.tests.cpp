// Memory of a stopped program: a global read through its symbol's address
// and written so that the program's exit status shows it; unmapped memory
// and a running program are refused, not crashed on.
#include <cstring>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;

TEST_CASE("a global is read and written through memory and the program sees the new value",
          "[target][memory]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  REQUIRE(target.setBreakpointByName("tide_target_check_global").has_value());
  resumeUntil<BreakpointStop>(target);
  const auto address = target.symbolAddress("tide_target_global");
  REQUIRE(address.has_value());

  const auto bytes = target.readMemory(*address, 8);
  REQUIRE(bytes.has_value());
  std::uint64_t value = 0;
  std::memcpy(&value, bytes->data(), sizeof value);
  CHECK(value == 0x1122334455667788u);

  const std::uint64_t replacement = 0x42;
  std::vector<std::uint8_t> newBytes(8);
  std::memcpy(newBytes.data(), &replacement, sizeof replacement);
  REQUIRE(target.writeMemory(*address, newBytes));
  CHECK(target.readMemory(*address, 8) == newBytes);
  CHECK(resumeUntil<ExitEvent>(target).status == 42);
}

TEST_CASE("reading unmapped memory fails with a message", "[target][memory]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  CHECK_FALSE(target.readMemory(0x10, 8).has_value());
  CHECK_FALSE(target.lastError().empty());
  const std::vector<std::uint8_t> bytes{1, 2, 3};
  CHECK_FALSE(target.writeMemory(0x10, bytes));
}

TEST_CASE("memory and registers are refused while the program runs", "[target][memory]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop", {"forever"});
  const auto address = target.symbolAddress("tide_target_global");
  REQUIRE(address.has_value());
  REQUIRE(target.resume());
  CHECK_FALSE(target.readMemory(*address, 8).has_value());
  CHECK(target.lastError().find("not stopped") != std::string::npos);
  CHECK_FALSE(target.readRegister("rip").has_value());
  CHECK_FALSE(target.resume());
}
