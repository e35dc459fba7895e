// The program's stdout and stderr arrive as separate output events, and
// everything written before a stop comes before that stop in the event
// list. Arguments, environment additions, the working directory and stdin
// reach the program.
#include <unistd.h>

#include "TargetTesting.h"

using namespace target_testing;
using tide::debugger::BreakpointStop;
using tide::debugger::ExitEvent;
using tide::debugger::LaunchRequest;
using tide::debugger::OutputEvent;
using tide::debugger::outputFrom;
using tide::debugger::OutputStream;
using tide::debugger::TargetEvents;

TEST_CASE("output before a breakpoint comes before its stop, stdout and stderr kept apart",
          "[target][output]") {
  LldbTarget target;
  launchDebuggee(target, "target_output", {"prints"});
  REQUIRE(target.setBreakpointByName("tide_target_between_prints").has_value());

  TargetEvents beforeStop;
  resumeUntil<BreakpointStop>(target, &beforeStop);
  CHECK(outputFrom(beforeStop, OutputStream::Stdout) == "first stdout\n");
  CHECK(outputFrom(beforeStop, OutputStream::Stderr) == "first stderr\n");
  CHECK(std::holds_alternative<BreakpointStop>(beforeStop.back()));

  TargetEvents afterStop;
  CHECK(resumeUntil<ExitEvent>(target, &afterStop).status == 0);
  CHECK(outputFrom(afterStop, OutputStream::Stdout) == "second stdout\n");
  CHECK(outputFrom(afterStop, OutputStream::Stderr) == "second stderr\n");
  CHECK(std::holds_alternative<ExitEvent>(afterStop.back()));
}

TEST_CASE("arguments, environment additions and the working directory reach the program",
          "[target][output]") {
  LldbTarget target;
  LaunchRequest request;
  request.executable = debuggee("target_output");
  request.arguments = {"env", "one", "two words"};
  request.environment = {{"TIDE_TARGET_GREETING", "hello from the test"}};
  request.workingDirectory = "/tmp";
  std::string error;
  REQUIRE(target.launch(request, &error));

  TargetEvents events;
  CHECK(resumeUntil<ExitEvent>(target, &events).status == 0);
  CHECK(outputFrom(events, OutputStream::Stdout) ==
        "arg one\narg two words\ngreeting hello from the test\ncwd /tmp\n");
  CHECK(outputFrom(events, OutputStream::Stderr).empty());
}

TEST_CASE("the program inherits the debugger's environment", "[target][output]") {
  setenv("TIDE_TARGET_GREETING", "inherited", 1);
  LldbTarget target;
  launchDebuggee(target, "target_output", {"env"});
  unsetenv("TIDE_TARGET_GREETING");
  TargetEvents events;
  resumeUntil<ExitEvent>(target, &events);
  CHECK(outputFrom(events, OutputStream::Stdout).find("greeting inherited\n") != std::string::npos);
}

TEST_CASE("stdin written by the debugger reaches the program, and closing it is end-of-file",
          "[target][output]") {
  LldbTarget target;
  launchDebuggee(target, "target_output", {"echo"});
  REQUIRE(target.resume());
  REQUIRE(target.writeStdin("alpha\nbeta\n"));
  const std::string expected = "got alpha\ngot beta\n";
  TargetEvents events;
  while (outputFrom(events, OutputStream::Stdout).size() < expected.size()) {
    TargetEvents more = target.waitForEvents(kStopTimeout);
    REQUIRE_FALSE(more.empty());
    events.insert(events.end(), more.begin(), more.end());
  }
  CHECK(outputFrom(events, OutputStream::Stdout) == expected);
  target.closeStdin();
  CHECK(stopAs<ExitEvent>(target.waitForStop(kStopTimeout)).status == 2);
}

TEST_CASE("output larger than a pipe buffer arrives whole before the exit", "[target][output]") {
  LldbTarget target;
  launchDebuggee(target, "target_output", {"flood"});
  TargetEvents events;
  CHECK(resumeUntil<ExitEvent>(target, &events).status == 0);
  const std::string output = outputFrom(events, OutputStream::Stdout);
  CHECK(output.size() == 300000);
  CHECK(output.find_first_not_of('x') == std::string::npos);
}
