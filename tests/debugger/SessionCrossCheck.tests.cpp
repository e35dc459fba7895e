// The DebugSession's own call stack (frame-pointer unwinder over the
// debuggee's memory, symbolized by our DWARF reader) against LLDB's
// backtrace of the same JIT code, which LLDB reads through the GDB JIT
// interface: at several stops the function names and lines must agree.
// Also: the session leaves no debuggee behind.
#include <signal.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "SessionTesting.h"
#include "tide/debugger/debug_session.h"
#include "tide/debugger/lldb_target_factory.h"

using namespace std::chrono_literals;
using session_testing::caseProgram;
using session_testing::nextStop;
using session_testing::options;
using tide::debugger::Backtrace;
using tide::debugger::DebugSession;
using tide::debugger::ExecutionKind;
using tide::debugger::NativeFrame;
using tide::debugger::SessionEvent;
using tide::debugger::StopEvent;
using tide::debugger::StopReason;

namespace {

std::string baseName(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Our frames must be LLDB's first frames: same function, same file, same line.
void checkFramesAgree(DebugSession& session, std::size_t expectedDepth) {
  const auto ours = session.backtrace(1000, 0);
  REQUIRE(ours.ok());
  const auto theirs = session.nativeBacktrace();
  REQUIRE(theirs.ok());
  const Backtrace& trace = *ours.value;
  const std::vector<NativeFrame>& native = *theirs.value;
  REQUIRE(trace.frames.size() == expectedDepth);
  REQUIRE(native.size() >= trace.frames.size());
  for (std::size_t i = 0; i < trace.frames.size(); ++i) {
    INFO("frame " << i << ": ours " << trace.frames[i].function << ":" << trace.frames[i].line
                  << ", LLDB's " << native[i].function << ":" << native[i].line);
    CHECK(trace.frames[i].pc == native[i].pc);
    CHECK(trace.frames[i].function == native[i].function);
    CHECK(baseName(trace.frames[i].file) == baseName(native[i].file));
    CHECK(trace.frames[i].line == native[i].line);
  }
  CHECK(trace.frames.back().function == "main");
}

bool processGone(std::int64_t pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0; }

}  // namespace

TEST_CASE("our unwinder's frames equal LLDB's backtrace of the JIT code at each stop",
          "[session][lldb]") {
  std::int64_t pid = 0;
  {
    DebugSession session(tide::debugger::makeLldbTarget, options());
    REQUIRE(session.load({caseProgram("step_recursion")}).ok);
    REQUIRE(session.addBreakpoint("fact").ok());
    REQUIRE(session.run().ok);
    StopEvent stop = nextStop(session);
    REQUIRE(stop.reason == StopReason::Breakpoint);
    pid = session.processId().value_or(0);
    REQUIRE(pid > 0);
    checkFramesAgree(session, 2);  // fact(5), main

    // Deeper: three more activations of fact, then inside the innermost.
    for (int depth = 3; depth <= 5; ++depth) {
      REQUIRE(session.resume(ExecutionKind::Continue).ok);
      stop = nextStop(session);
      REQUIRE(stop.reason == StopReason::Breakpoint);
      checkFramesAgree(session, static_cast<std::size_t>(depth));
    }
    REQUIRE(session.deleteBreakpoint(1).ok);
    REQUIRE(session.resume(ExecutionKind::StepOver).ok);
    REQUIRE(nextStop(session).reason == StopReason::Step);
    checkFramesAgree(session, 5);
    REQUIRE(session.resume(ExecutionKind::StepOut).ok);
    REQUIRE(nextStop(session).reason == StopReason::Finished);
    checkFramesAgree(session, 4);
  }
  CHECK(processGone(pid));
}

TEST_CASE("at a fault the automatic backtrace equals LLDB's, and the disassembly marks the pc",
          "[session][lldb]") {
  std::int64_t pid = 0;
  {
    DebugSession session(tide::debugger::makeLldbTarget, options());
    REQUIRE(session.load({caseProgram("trap_backtrace")}).ok);
    REQUIRE(session.run().ok);
    const StopEvent stop = nextStop(session);
    REQUIRE(stop.reason == StopReason::Signal);
    CHECK(stop.signalName == "SIGSEGV");
    REQUIRE(stop.backtrace.has_value());
    std::vector<std::string> names;
    for (const auto& frame : stop.backtrace->frames) names.push_back(frame.function);
    CHECK(names == std::vector<std::string>{"bt_leaf", "bt_mid", "bt_root", "main"});
    pid = session.processId().value_or(0);
    checkFramesAgree(session, 4);

    const auto lines = session.disassemble();
    REQUIRE(lines.ok());
    int current = 0, sourceLines = 0;
    for (const auto& line : *lines.value) {
      current += line.current ? 1 : 0;
      sourceLines += line.isSource ? 1 : 0;
      if (line.current) CHECK(line.address == stop.frame.pc);
    }
    CHECK(current == 1);
    CHECK(sourceLines >= 2);  // the function's header and its return line
  }
  CHECK(pid > 0);
  CHECK(processGone(pid));
}

TEST_CASE("a request while the program runs is refused at once, and the session dies cleanly",
          "[session][lldb]") {
  std::int64_t pid = 0;
  {
    DebugSession session(tide::debugger::makeLldbTarget, options());
    REQUIRE(session.load({caseProgram("interrupt_spin")}).ok);
    REQUIRE(session.addBreakpoint("spin").ok());
    REQUIRE(session.run().ok);
    REQUIRE(nextStop(session).reason == StopReason::Breakpoint);
    pid = session.processId().value_or(0);
    REQUIRE(session.deleteBreakpoint(1).ok);
    REQUIRE(session.resume(ExecutionKind::Continue).ok);
    const auto registers = session.registers();
    CHECK_FALSE(registers.ok());
    CHECK(registers.error.find("running") != std::string::npos);
    CHECK_FALSE(session.addBreakpoint("main").ok());
    // Destroyed while the program runs: it must still be gone afterwards.
  }
  CHECK(pid > 0);
  CHECK(processGone(pid));
}
