// Shared by the Session*.tests.cpp files: the golden programs as debuggees,
// session options that use this build's runner, and the next stop.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "tide/debugger/debug_session.h"

namespace session_testing {

using namespace std::chrono_literals;

inline std::string caseProgram(const std::string& name) {
  return std::string(TIDE_SOURCE_DIR) + "/tests/dbg/cases/" + name + "/program.toy";
}

inline tide::debugger::SessionOptions options() {
  tide::debugger::SessionOptions result;
  result.runnerPath = std::string(TIDE_BIN_DIR) + "/tide-runner";
  result.readJitCode = true;
  return result;
}

// Output events are skipped; a session that goes quiet fails the test.
inline tide::debugger::StopEvent nextStop(tide::debugger::DebugSession& session) {
  for (;;) {
    auto event = session.nextEvent(60s);
    REQUIRE(event.has_value());
    if (auto* stop = std::get_if<tide::debugger::StopEvent>(&*event)) return *stop;
  }
}

}  // namespace session_testing
