// The DebugSession from several threads at once. While the session's thread
// is idle a request runs in its caller's thread under the engine's lock, and
// otherwise it is handed over (docs/debugger.md): whichever path a request
// takes, every caller must get the answer a lone caller gets, and a request
// that races a resume gets an answer or "running", never a hang.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "SessionTesting.h"
#include "tide/debugger/debug_session.h"
#include "tide/debugger/lldb_target_factory.h"

using session_testing::caseProgram;
using session_testing::nextStop;
using session_testing::options;
using tide::debugger::DebugSession;
using tide::debugger::ExecutionKind;
using tide::debugger::StopReason;

namespace {

// What one inspection round sees at a stop in fact(n).
struct Snapshot {
  std::size_t frames = 0;
  std::string innermost;
  std::string n;
  std::uint64_t rip = 0;
  std::uint64_t addressOfN = 0;
  bool operator==(const Snapshot&) const = default;
};

Snapshot inspect(DebugSession& session) {
  Snapshot snapshot;
  if (auto trace = session.backtrace(); trace.ok()) {
    snapshot.frames = trace.value->frames.size();
    snapshot.innermost = trace.value->frames.front().function;
  }
  if (auto value = session.evaluate("n"); value.ok()) snapshot.n = value.value->value;
  if (auto registers = session.registers(); registers.ok())
    for (const auto& reg : *registers.value)
      if (reg.name == "rip") snapshot.rip = reg.value();
  if (auto address = session.addressOf("&n"); address.ok()) snapshot.addressOfN = *address.value;
  return snapshot;
}

// Runs step_recursion to its breakpoint in fact(5).
void stopInFactOfFive(DebugSession& session) {
  REQUIRE(session.load({caseProgram("step_recursion")}).ok);
  REQUIRE(session.addBreakpoint("fact").ok());
  REQUIRE(session.run().ok);
  REQUIRE(nextStop(session).reason == StopReason::Breakpoint);
}

}  // namespace

TEST_CASE("requests from several threads at a stop all get the lone caller's answers",
          "[session][lldb]") {
  DebugSession session(tide::debugger::makeLldbTarget, options());
  stopInFactOfFive(session);

  const Snapshot expected = inspect(session);
  REQUIRE(expected.frames == 2);
  REQUIRE(expected.innermost == "fact");
  REQUIRE(expected.n == "5");
  REQUIRE(expected.rip != 0);
  REQUIRE(expected.addressOfN != 0);

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&] {
      for (int round = 0; round < 100; ++round)
        if (!(inspect(session) == expected)) ++mismatches;
    });
  for (int round = 0; round < 100; ++round)
    if (!(inspect(session) == expected)) ++mismatches;
  for (std::thread& thread : threads) thread.join();
  CHECK(mismatches == 0);

  // The session still steps after all that, and the next stop is fact(4).
  REQUIRE(session.resume(ExecutionKind::Continue).ok);
  REQUIRE(nextStop(session).reason == StopReason::Breakpoint);
  CHECK(inspect(session).n == "4");
}

TEST_CASE("requests racing a resume get an answer or 'running', and the stop still comes",
          "[session][lldb]") {
  DebugSession session(tide::debugger::makeLldbTarget, options());
  stopInFactOfFive(session);

  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, refused{0}, wrong{0};
  std::thread asker([&] {
    while (!done) {
      const auto registers = session.registers();
      if (registers.ok())
        ++answered;
      else if (registers.error.find("running") != std::string::npos)
        ++refused;
      else
        ++wrong;
    }
  });
  for (int stop = 4; stop >= 1; --stop) {
    REQUIRE(session.resume(ExecutionKind::Continue).ok);
    REQUIRE(nextStop(session).reason == StopReason::Breakpoint);
    CHECK(session.evaluate("n").value.value_or(tide::debugger::VariableValue{}).value ==
          std::to_string(stop));
  }
  done = true;
  asker.join();
  CHECK(wrong == 0);
  CHECK(answered + refused > 0);
}
