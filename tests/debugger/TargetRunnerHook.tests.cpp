// The way the debugger learns a JIT image's base: a breakpoint by name on
// the runner's hook tide_runner_image_loaded, whose first argument (rdi)
// is the base and second (rsi) the size, read at the stop. The debuggee
// mimics tide-runner and also prints the base, which must agree.
#include <cstdlib>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;
using tide::debugger::OutputStream;
using tide::debugger::TargetEvents;

TEST_CASE("the runner hook's breakpoint gives the image base and size in rdi and rsi",
          "[target][runner]") {
  LldbTarget target;
  launchDebuggee(target, "target_hook");
  const auto hook = target.setBreakpointByName("tide_runner_image_loaded");
  REQUIRE(hook.has_value());

  TargetEvents events;
  CHECK(resumeUntil<BreakpointStop>(target, &events).breakpointId == *hook);
  const std::string printed = outputFrom(events, OutputStream::Stdout);
  REQUIRE(printed.rfind("image base 0x", 0) == 0);
  const std::uint64_t printedBase = std::strtoull(printed.c_str() + 11, nullptr, 16);

  const auto base = target.readRegister("rdi");
  REQUIRE(base.has_value());
  CHECK(*base == printedBase);
  CHECK(target.readRegister("rsi") == 3u * 4096u);
  const auto firstByte = target.readMemory(*base, 1);
  REQUIRE(firstByte.has_value());
  CHECK((*firstByte)[0] == 0x7f);
  CHECK(resumeUntil<ExitEvent>(target).status == 0);
}
