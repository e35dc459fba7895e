// Faults stop the program with the signal's number and name: SIGSEGV with
// the address it touched, SIGFPE, SIGILL from ud2, and SIGTRAP from an int3
// of the program's own, after which it continues normally.
#include <csignal>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::ExitEvent;
using tide::debugger::SignalStop;
using tide::debugger::TargetEvents;

namespace {
SignalStop runUntilSignal(LldbTarget& target, const std::string& fault) {
  launchDebuggee(target, "target_signals", {fault});
  return resumeUntil<SignalStop>(target);
}
}  // namespace

TEST_CASE("a store to an unmapped address stops with SIGSEGV and the fault address",
          "[target][signal]") {
  LldbTarget target;
  const SignalStop stop = runUntilSignal(target, "segv");
  CHECK(stop.number == SIGSEGV);
  CHECK(stop.name == "SIGSEGV");
  REQUIRE(stop.faultAddress.has_value());
  CHECK(*stop.faultAddress == 0x18);
  CHECK(stop.pc == target.readRegister("rip"));
  CHECK_FALSE(stop.description.empty());
}

TEST_CASE("an integer division by zero stops with SIGFPE", "[target][signal]") {
  LldbTarget target;
  const SignalStop stop = runUntilSignal(target, "fpe");
  CHECK(stop.number == SIGFPE);
  CHECK(stop.name == "SIGFPE");
  CHECK_FALSE(stop.faultAddress.has_value());
}

TEST_CASE("ud2 stops with SIGILL at the ud2", "[target][signal]") {
  LldbTarget target;
  const SignalStop stop = runUntilSignal(target, "ill");
  CHECK(stop.number == SIGILL);
  CHECK(stop.name == "SIGILL");
  const auto code = target.readMemory(stop.pc, 2);
  REQUIRE(code.has_value());
  CHECK((*code)[0] == 0x0f);  // ud2 is 0f 0b
  CHECK((*code)[1] == 0x0b);
}

TEST_CASE("the program's own int3 stops with SIGTRAP and continuing runs on to the end",
          "[target][signal]") {
  LldbTarget target;
  const SignalStop stop = runUntilSignal(target, "trap");
  CHECK(stop.number == SIGTRAP);
  CHECK(stop.name == "SIGTRAP");
  const auto code = target.readMemory(stop.pc - 1, 1);
  REQUIRE(code.has_value());
  CHECK((*code)[0] == 0xcc);  // stopped just after the int3

  TargetEvents events;
  CHECK(resumeUntil<ExitEvent>(target, &events).status == 0);
  CHECK(tide::debugger::outputFrom(events, tide::debugger::OutputStream::Stdout) == "after trap\n");
}

TEST_CASE("continuing past SIGSEGV delivers it and the program dies of it", "[target][signal]") {
  LldbTarget target;
  runUntilSignal(target, "segv");
  const ExitEvent exit = resumeUntil<ExitEvent>(target);
  INFO(exit.description);
  CHECK(exit.terminatingSignal == SIGSEGV);
}
