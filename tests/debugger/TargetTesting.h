// Shared by the Target*.tests.cpp files: where the debuggees are, a launch
// that fails the test with LLDB's message, and typed access to the stop
// that ends an event list.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "tide/debugger/lldb_target.h"

namespace target_testing {

using namespace std::chrono_literals;
using tide::debugger::LldbTarget;
using tide::debugger::TargetEvents;

// Generous: LLDB's first launch in a process loads a lot, and the asan
// build is slow; a hang still fails the test.
constexpr std::chrono::milliseconds kStopTimeout = 30s;

inline std::string debuggee(const std::string& name) {
  return std::string(TIDE_BIN_DIR) + "/debuggee_" + name;
}

inline void launchDebuggee(LldbTarget& target, const std::string& name,
                           const std::vector<std::string>& arguments = {}) {
  std::string error;
  INFO(error);
  REQUIRE(target.launch(debuggee(name), arguments, &error));
  REQUIRE(target.state() == LldbTarget::State::Stopped);
}

// The stop or exit ending `events`, as T; fails the test when it is another kind.
template <class T>
T stopAs(const TargetEvents& events) {
  const tide::debugger::TargetEvent* stop = tide::debugger::lastStopOrExit(events);
  REQUIRE(stop != nullptr);
  INFO("got: " << tide::debugger::describeEvent(*stop));
  REQUIRE(std::holds_alternative<T>(*stop));
  return std::get<T>(*stop);
}

// Resumes and returns everything up to the next stop, which must be a T.
template <class T>
T resumeUntil(LldbTarget& target, TargetEvents* events = nullptr) {
  REQUIRE(target.resume());
  const TargetEvents got = target.waitForStop(kStopTimeout);
  if (events) *events = got;
  return stopAs<T>(got);
}

}  // namespace target_testing
