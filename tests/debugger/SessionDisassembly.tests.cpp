// Disassembly at any address: a function of the program by name (with its
// source lines and named call targets), and code outside the program (the C
// library), where there are no lines, by the libraries' symbols.
#include <catch2/catch.hpp>

#include <string>

#include "SessionTesting.h"
#include "tide/debugger/debug_session.h"
#include "tide/debugger/lldb_target_factory.h"

using session_testing::caseProgram;
using session_testing::nextStop;
using session_testing::options;
using tide::debugger::DebugSession;
using tide::debugger::DisassemblyLine;
using tide::debugger::StopReason;

TEST_CASE("disassembly of another function names its calls, outside the program it has no lines",
          "[session][lldb]") {
  DebugSession session(tide::debugger::makeLldbTarget, options());
  REQUIRE(session.load({caseProgram("step_recursion")}).ok);
  REQUIRE(session.addBreakpoint("fact").ok());
  REQUIRE(session.run().ok);
  const auto stop = nextStop(session);
  REQUIRE(stop.reason == StopReason::Breakpoint);

  // main, seen from a stop in fact: its entry first, the call to fact named,
  // and no instruction marked (the selected frame's pc is in fact).
  const auto main = session.addressOf("main");
  REQUIRE(main.ok());
  const auto lines = session.disassembleAt(*main.value + 4);
  REQUIRE(lines.ok());
  const DisassemblyLine* first = nullptr;
  bool callsFact = false, marked = false;
  int sourceLines = 0;
  for (const DisassemblyLine& line : *lines.value) {
    sourceLines += line.isSource ? 1 : 0;
    if (line.isSource) continue;
    if (!first) first = &line;
    callsFact = callsFact || (line.text.starts_with("call") && line.text.ends_with(" <fact>"));
    marked = marked || line.current;
  }
  REQUIRE(first);
  CHECK(first->address == *main.value);
  CHECK(first->location == "<main+0x0>");
  CHECK(callsFact);
  CHECK_FALSE(marked);
  CHECK(sourceLines >= 2);

  // puts is not Toy's: it resolves through the C library's symbols, and its
  // instructions come without source lines or function offsets.
  const auto puts = session.addressOf("puts");
  REQUIRE(puts.ok());
  CHECK(puts.value != main.value);
  const auto outside = session.disassembleAt(*puts.value);
  REQUIRE(outside.ok());
  REQUIRE_FALSE(outside.value->empty());
  CHECK(outside.value->front().address == *puts.value);
  for (const DisassemblyLine& line : *outside.value) {
    CHECK_FALSE(line.isSource);
    CHECK(line.location.empty());
  }

  CHECK_FALSE(session.addressOf("no_such_name").ok());
  CHECK_FALSE(session.disassembleAt(8).ok());  // the null page is unreadable
}
