// Running, interrupting and killing: the exit status, an endless loop
// interrupted from another thread while the owner waits (within a bounded
// time, then resumed and interrupted again), waits that time out instead of
// hanging, kill, and no debuggee surviving its Target.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::ExitEvent;
using tide::debugger::InterruptStop;

namespace {

bool processExists(std::int64_t pid) {
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

// LLDB reaps asynchronously; give it a moment, but not forever.
bool processGoneWithin(std::int64_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (processExists(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// Children of this process that are lldb-server: each launch starts one,
// and it must end with its program.
int lldbServerChildren() {
  int count = 0;
  const std::string self = std::to_string(getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, command, state, parent;
    if (!(stat >> pid >> command >> state >> parent)) continue;
    if (parent == self && command.find("lldb-server") != std::string::npos) ++count;
  }
  return count;
}

bool lldbServersGoneWithin(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (lldbServerChildren() != 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace

TEST_CASE("the exit status of a program that runs to the end is reported", "[target][control]") {
  LldbTarget target;
  launchDebuggee(target, "target_signals");
  CHECK(resumeUntil<ExitEvent>(target).status == 3);
  CHECK_FALSE(target.isAlive());
  CHECK_FALSE(target.resume());
}

TEST_CASE("a wait on a running program times out with no events", "[target][control]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop", {"forever"});
  REQUIRE(target.resume());
  const auto start = std::chrono::steady_clock::now();
  CHECK(target.waitForEvents(200ms).empty());
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 200ms);
  CHECK(waited < 2s);
  CHECK(target.state() == LldbTarget::State::Running);
}

TEST_CASE("an endless loop is interrupted from another thread while the owner waits",
          "[target][control]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop", {"forever"});
  // Into main first: an interrupt while the dynamic loader still runs is
  // fine too, but this test wants to see the loop's pc.
  const auto mainBreakpoint = target.setBreakpointByName("main");
  REQUIRE(mainBreakpoint.has_value());
  resumeUntil<tide::debugger::BreakpointStop>(target);
  REQUIRE(target.clearBreakpoint(*mainBreakpoint));
  const auto mainAddress = target.symbolAddress("main");
  REQUIRE(mainAddress.has_value());

  for (int round = 0; round < 2; ++round) {
    REQUIRE(target.resume());
    bool interrupted = false;
    std::thread interrupter([&] {
      std::this_thread::sleep_for(100ms);
      interrupted = target.interrupt();
    });
    const auto start = std::chrono::steady_clock::now();
    const TargetEvents events = target.waitForStop(kStopTimeout);
    const auto took = std::chrono::steady_clock::now() - start;
    interrupter.join();
    CHECK(interrupted);
    const InterruptStop stop = stopAs<InterruptStop>(events);
    CHECK(took < 5s);
    CHECK(stop.pc > *mainAddress);  // in main's loop
    CHECK(stop.pc < *mainAddress + 0x100);
    CHECK(target.state() == LldbTarget::State::Stopped);
    CHECK(target.readRegister("rip") == stop.pc);
  }
  CHECK_FALSE(target.interrupt());  // stopped: nothing to interrupt
}

TEST_CASE("kill ends a running program and its process is gone", "[target][control]") {
  LldbTarget target;
  launchDebuggee(target, "target_loop", {"forever"});
  const auto pid = target.processId();
  REQUIRE(pid.has_value());
  CHECK(processExists(*pid));
  REQUIRE(target.resume());
  CHECK(target.waitForEvents(50ms).empty());
  CHECK(target.kill());
  CHECK_FALSE(target.isAlive());
  CHECK(target.state() == LldbTarget::State::Exited);
  CHECK(processGoneWithin(*pid, 5s));
  CHECK_FALSE(target.kill());  // nothing left to kill
}

TEST_CASE("no debuggee survives its Target, stopped or running", "[target][control]") {
  const bool running = GENERATE(false, true);
  std::int64_t pid = 0;
  {
    LldbTarget target;
    launchDebuggee(target, "target_loop", {"forever"});
    pid = *target.processId();
    if (running) REQUIRE(target.resume());
    CHECK(lldbServerChildren() == 1);
  }
  CHECK(processGoneWithin(pid, 5s));
  CHECK(lldbServersGoneWithin(5s));
}

TEST_CASE("a Target relaunches after its program exited", "[target][control]") {
  LldbTarget target;
  launchDebuggee(target, "target_signals");
  const auto firstPid = target.processId();
  CHECK(resumeUntil<ExitEvent>(target).status == 3);
  launchDebuggee(target, "target_signals");
  CHECK(target.processId() != firstPid);
  CHECK(resumeUntil<ExitEvent>(target).status == 3);
}

TEST_CASE("launching a missing program fails with a message", "[target][control]") {
  LldbTarget target;
  std::string error;
  CHECK_FALSE(target.launch("/nonexistent/program", {}, &error));
  CHECK(error.find("/nonexistent/program") != std::string::npos);
  CHECK(target.state() != LldbTarget::State::Stopped);
}
