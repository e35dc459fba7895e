// Registers of a stopped program: the names LLDB offers, a general-purpose
// register and an SSE register written at a breakpoint and seen in the exit
// status, and a single-instruction step that moves rip by the length of the
// instruction it ran.
#include <algorithm>
#include <cstring>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;
using tide::debugger::StepStop;

TEST_CASE("the register list has every general-purpose register, rip, rflags and xmm0-15",
          "[target][registers]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  const auto registers = target.registers();
  const auto sizeOf = [&](const std::string& name) -> std::uint32_t {
    for (const auto& description : registers)
      if (description.name == name) return description.byteSize;
    return 0;
  };
  for (const char* name : {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
                           "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"}) {
    INFO(name);
    CHECK(sizeOf(name) == 8);
    CHECK(target.readRegister(name).has_value());
  }
  for (int index = 0; index < 16; ++index) {
    const std::string name = "xmm" + std::to_string(index);
    INFO(name);
    CHECK(sizeOf(name) == 16);
    const auto bytes = target.readRegisterBytes(name);
    REQUIRE(bytes.has_value());
    CHECK(bytes->size() == 16);
  }
  CHECK_FALSE(target.readRegister("xmm0").has_value());  // wider than 64 bits
  CHECK_FALSE(target.readRegister("no_such_register").has_value());
}

TEST_CASE("writing rdi at a breakpoint changes the argument and so the exit status",
          "[target][registers]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  REQUIRE(target.setBreakpointByName("tide_target_exit_code").has_value());
  resumeUntil<BreakpointStop>(target);
  // The breakpoint by name is after the prologue, which has already stored
  // the argument: write rdi at the function's first instruction instead.
  REQUIRE(target.readRegister("rdi") == 7u);
  target.kill();

  launchDebuggee(target, "target_loop");
  const auto entry = target.symbolAddress("tide_target_exit_code");
  REQUIRE(entry.has_value());
  REQUIRE(target.setBreakpointAtAddress(*entry).has_value());
  resumeUntil<BreakpointStop>(target);
  REQUIRE(target.writeRegister("rdi", 99));
  CHECK(target.readRegister("rdi") == 99u);
  CHECK(resumeUntil<ExitEvent>(target).status == 99);
}

TEST_CASE("xmm0 holds a double argument as bytes, and writing it changes the result",
          "[target][registers]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop", {"scale"});
  const auto entry = target.symbolAddress("tide_target_scale");
  REQUIRE(entry.has_value());
  REQUIRE(target.setBreakpointAtAddress(*entry).has_value());
  resumeUntil<BreakpointStop>(target);

  const auto bytes = target.readRegisterBytes("xmm0");
  REQUIRE(bytes.has_value());
  REQUIRE(bytes->size() == 16);
  double argument = 0;
  std::memcpy(&argument, bytes->data(), sizeof argument);
  CHECK(argument == 1.5);

  std::vector<std::uint8_t> replacement(16, 0);
  const double newArgument = 21.0;
  std::memcpy(replacement.data(), &newArgument, sizeof newArgument);
  REQUIRE(target.writeRegisterBytes("xmm0", replacement));
  CHECK(target.readRegisterBytes("xmm0") == replacement);
  CHECK(resumeUntil<ExitEvent>(target).status == 42);
}

TEST_CASE("an instruction step runs one instruction and rip advances by its length",
          "[target][step]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop");
  const auto entry = target.symbolAddress("tide_target_tick");
  REQUIRE(entry.has_value());
  REQUIRE(target.setBreakpointAtAddress(*entry).has_value());
  resumeUntil<BreakpointStop>(target);
  const std::uint64_t rspBefore = *target.readRegister("rsp");

  // gcc opens a frame with push %rbp (55), possibly after endbr64 (f3 0f 1e fa).
  const auto code = target.readMemory(*entry, 4);
  REQUIRE(code.has_value());
  const bool endbr = (*code)[0] == 0xf3 && (*code)[1] == 0x0f;
  std::uint64_t expected = *entry + (endbr ? 4 : 1);
  if (endbr) {
    REQUIRE(target.stepInstruction());
    CHECK(stopAs<StepStop>(target.waitForStop(kStopTimeout)).pc == expected);
    expected += 1;
  }
  REQUIRE(target.stepInstruction());
  const StepStop step = stopAs<StepStop>(target.waitForStop(kStopTimeout));
  CHECK(step.pc == expected);
  CHECK(target.readRegister("rip") == expected);
  CHECK(target.readRegister("rsp") == rspBefore - 8);  // the push ran

  REQUIRE(target.stepInstruction());
  const StepStop next = stopAs<StepStop>(target.waitForStop(kStopTimeout));
  CHECK(next.pc == expected + 3);  // mov %rsp,%rbp is 48 89 e5
  CHECK(target.readRegister("rbp") == rspBefore - 8);
}
